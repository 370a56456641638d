import { DETECTOR_FUNCTIONS, type DetectorContext } from './detectors.js';
import { dedupeFindings, isActionable, verdictOf } from './findings.js';
import { buildRewrite } from './rewrite.js';
import { normalizeWithOffsets, type NormalizedText } from './normalize-with-offsets.js';
import { applyExceptions, applyPatternRule, finishField, type PreparedField } from './rule-engine.js';
import { CharPresence, gateCodes, requiredChars } from './regex-gate.js';
import type { CompiledRule, Rulebook, SeparateMask } from './rulebook-loader.js';
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

  // Prefilter: the characters of the normalised text (a superset of the masked text's) — a rule whose
  // required characters are all absent cannot match and is skipped.
  const presence = new CharPresence();
  const passes = (gate: Uint16Array | null) => gate === null || presence.any(gate);
  const exceptionGates = new Map<CompiledRule, { pattern: Uint16Array | null; info: Uint16Array | null }>(
    rulebook.exceptions.map((ex) => [
      ex,
      { pattern: ex.gate, info: ex.emitInfoWhen ? gateCodes(requiredChars(ex.emitInfoWhen.source)) : ex.gate },
    ]),
  );

  // Masks: only those whose required characters occur, combined into one regex (cached per subset, so the
  // result is exactly that of the full mask alternation).
  const maskParts = rulebook.maskParts.filter((m) => !m.separate);
  const separateParts = rulebook.maskParts.filter((m) => m.separate);
  const maskCache = new Map<string, RegExp | null>();
  const activeMask = (): RegExp | null => {
    let key = '';
    for (let i = 0; i < maskParts.length; i++) key += passes(maskParts[i]!.gate) ? '1' : '0';
    let re = maskCache.get(key);
    if (re === undefined) {
      const sources = maskParts.filter((_, i) => key[i] === '1').map((m) => `(?:${m.source})`);
      re = sources.length ? new RegExp(sources.join('|'), 'g') : null;
      if (maskCache.size < 4096) maskCache.set(key, re);
    }
    return re;
  };
  const activeSeparate = (): SeparateMask[] => {
    const out: SeparateMask[] = [];
    for (const m of separateParts) if (passes(m.gate)) out.push(m.mask);
    return out;
  };

  // Normalisation of the previous posting's fields, reused when a field is unchanged (the rewrite's re-check
  // passes the same string objects for fields it did not edit).
  const lastNorm = new Map<string, { value: string; norm: NormalizedText }>();
  const normalize = (name: string, value: string): NormalizedText => {
    const hit = lastNorm.get(name);
    if (hit && hit.value === value) return hit.norm;
    const norm = normalizeWithOffsets(value);
    lastNorm.set(name, { value, norm });
    return norm;
  };

  const findings = (posting: Posting): Finding[] => {
    const norms: { name: (typeof TEXT_FIELDS)[number]; value: string; norm: NormalizedText }[] = [];
    presence.reset();
    for (const name of TEXT_FIELDS) {
      const value = posting[name];
      if (typeof value === 'string' && value.length > 0) {
        const norm = normalize(name, value);
        presence.add(norm.text);
        norms.push({ name, value, norm });
      }
    }
    if (norms.length === 0) return [];
    const mask = activeMask();
    const separate = separateParts.length ? activeSeparate() : [];
    const fields: PreparedField[] = norms.map((x) => finishField(x.name, x.value, x.norm, rulebook, mask, separate));
    const postingText = fields.length === 1 ? fields[0]!.norm.text : fields.map((f) => f.norm.text).join('\n');
    const out: Finding[] = [];
    for (const rule of patternRules) {
      if (!passes(rule.gate)) continue;
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
    return dedupeFindings(applyExceptions(rulebook, fields, out, (ex, info) => {
      const g = exceptionGates.get(ex);
      return !g || passes(info ? g.info : g.pattern);
    }));
  };

  const check = (posting: Posting): CheckResult => {
    const found = findings(posting);
    const verdict = verdictOf(found);
    const rewrite = found.some(isActionable) ? buildRewrite(posting, found, rulebook, findings) : {};
    return { verdict, findings: found, rewrite, rulebookVersion: rulebook.version };
  };

  return { rulebook, check, findings };
}
