import { DETECTOR_FUNCTIONS, type DetectorContext } from './detectors.js';
import { dedupeFindings, isActionable, verdictOf } from './findings.js';
import { buildRewrite } from './rewrite.js';
import { applyExceptions, applyPatternRule, prepareField, type PreparedField } from './rule-engine.js';
import type { Rulebook } from './rulebook-loader.js';
import { TEXT_FIELDS, type CheckResult, type Finding, type Posting } from './types.js';

export interface Screener {
  readonly rulebook: Rulebook;
  /** Screen one posting: findings with exact spans into the original fields, a verdict and a neutral rewrite. */
  check(posting: Posting): CheckResult;
  /** Findings only (no rewrite); used to re-check rewrites and by the evaluation. */
  findings(posting: Posting): Finding[];
}

export function createScreener(rulebook: Rulebook): Screener {
  const patternRules = rulebook.rules.filter((r) => r.pattern);
  const detectorRules = rulebook.rules.filter((r) => r.detector);

  const findings = (posting: Posting): Finding[] => {
    const fields: PreparedField[] = [];
    for (const name of TEXT_FIELDS) {
      const value = posting[name];
      if (typeof value === 'string' && value.length > 0) fields.push(prepareField(name, value, rulebook));
    }
    if (fields.length === 0) return [];
    const postingText = fields.map((f) => f.norm.text).join('\n');
    const out: Finding[] = [];
    for (const rule of patternRules) {
      if (rule.unlessPosting?.test(postingText)) continue;
      for (const f of fields) applyPatternRule(rule, f, postingText, out);
    }
    const ctx: DetectorContext = {
      minimum: rulebook.minimumWage.lookup(posting.district),
      employmentType: posting.employmentType,
      postingText,
    };
    for (const rule of detectorRules) {
      if (rule.unlessPosting?.test(postingText)) continue;
      const detect = DETECTOR_FUNCTIONS[rule.detector!];
      for (const f of fields) detect(rule, f, ctx, out);
    }
    return dedupeFindings(applyExceptions(rulebook, fields, out));
  };

  const check = (posting: Posting): CheckResult => {
    const found = findings(posting);
    const verdict = verdictOf(found);
    const rewrite = found.some(isActionable) ? buildRewrite(posting, found, rulebook, findings) : {};
    return { verdict, findings: found, rewrite, rulebookVersion: rulebook.version };
  };

  return { rulebook, check, findings };
}
