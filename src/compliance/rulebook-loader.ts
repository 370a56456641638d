import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import {
  minimumWageFileSchema,
  rulebookIndexSchema,
  ruleFileSchema,
  type RuleFileEntry,
} from './rulebook-schema.js';
import { MinimumWageTable } from './minimum-wage.js';
import { gateCodes, requiredChars } from './regex-gate.js';
import type { Category, LegalBasis, Severity } from './types.js';

/** A rule with its patterns compiled, ready for the screener. */
export interface CompiledRule {
  readonly id: string;
  readonly kind: 'rule' | 'exception';
  readonly category: Category;
  readonly severity: Severity;
  readonly title: string;
  readonly legalBasisIds: readonly string[];
  readonly legalBasis: readonly LegalBasis[];
  readonly message: string;
  readonly suggestion: string;
  readonly scope: 'text' | 'clause' | 'sentence' | 'posting';
  readonly context: 'any' | 'applicant';
  readonly ageSanity: boolean;
  readonly detector?: RuleFileEntry['detector'];
  readonly pattern?: RegExp;
  readonly patternSources: readonly string[];
  readonly unlessMatch?: RegExp;
  readonly unlessBefore?: RegExp;
  readonly unlessAfter?: RegExp;
  readonly unlessClause?: RegExp;
  readonly unlessPosting?: RegExp;
  readonly unlessSentence?: RegExp;
  readonly unlessSentenceBefore?: RegExp;
  readonly lead?: RegExp;
  /** prefilter: one of these characters occurs in every match of `pattern` (null: always run) */
  readonly gate: Uint16Array | null;
  readonly appliesTo?: { categories: readonly Category[]; findingText?: RegExp };
  readonly emitInfo: boolean;
  readonly emitInfoWhen?: RegExp;
  readonly replace: string;
  readonly examples: { flagged: readonly string[]; clean: readonly string[] };
  readonly file: string;
}

export interface Rulebook {
  readonly version: string;
  readonly title: string;
  readonly dir: string;
  readonly rules: readonly CompiledRule[];
  readonly exceptions: readonly CompiledRule[];
  /** the masks that have a first character, as one alternation */
  readonly mask: RegExp | null;
  /** masks applied one by one before `mask`: those that extend back to the clause start, and those that can start anywhere */
  readonly separateMasks: readonly SeparateMask[];
  /** the masks one by one (sources already expanded) with their prefilter gates; `separate` as above */
  readonly maskParts: readonly { source: string; gate: Uint16Array | null; separate: boolean; mask: SeparateMask }[];
  readonly sections: { requirements: RegExp; benefits: RegExp; duties: RegExp; company: RegExp };
  readonly applicantCue: RegExp;
  readonly minimumWage: MinimumWageTable;
  readonly legalBases: Readonly<Record<string, LegalBasis & { summary?: string }>>;
}

/** A mask applied on its own: `re` blanks its matches; with `back`, the blank extends back to the clause start. */
export interface SeparateMask {
  readonly re: RegExp;
  readonly back?: { readonly max: number; readonly unless?: RegExp };
}

/** Thrown for any invalid rulebook file; the message names the file and the rule. */
export class RulebookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RulebookError';
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new RulebookError(`cannot read rulebook file ${path}: ${(err as Error).message}`);
  }
}

function parseFile<T>(path: string, schema: z.ZodType<T>, json = false): T {
  let data: unknown;
  try {
    data = json ? JSON.parse(readText(path)) : parseYaml(readText(path));
  } catch (err) {
    if (err instanceof RulebookError) throw err;
    throw new RulebookError(`${path}: not valid ${json ? 'JSON' : 'YAML'}: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new RulebookError(`${path}: invalid rulebook file: ${issues}`);
  }
  return parsed.data;
}

function makeCompiler(lexicon: Record<string, string>) {
  const expand = (src: string, where: string): string =>
    src.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      const entry = lexicon[name];
      if (entry === undefined) throw new RulebookError(`${where}: unknown lexicon entry {{${name}}}`);
      return `(?:${entry})`;
    });
  // Speed: a pattern that starts with a (non-optional) lexicon group gets a look-ahead on the group's first
  // characters, so the regex engine skips most positions cheaply. Derived automatically from the lexicon.
  const firstChars = (entry: string): string | undefined => {
    const chars = new Set<string>();
    for (let alt of entry.split('|')) {
      alt = alt.replace(/^\(\?<[!=][^)]*\)/, '');
      const c = alt[0];
      if (!c || '([\\.^$'.includes(c)) return undefined;
      chars.add(c);
    }
    return `(?=[${[...chars].join('')}])`;
  };
  const gate = (src: string): string => {
    const m = /^(?:\(\?:\{\{(\w+)\}\}\)|\{\{(\w+)\}\})(?![?*{])/.exec(src);
    const entry = m ? lexicon[m[1] ?? m[2]!] : undefined;
    return (entry && firstChars(entry)) ?? '';
  };
  return (sources: readonly string[] | string | undefined, where: string, flags = ''): RegExp | undefined => {
    if (sources === undefined) return undefined;
    const list = typeof sources === 'string' ? [sources] : sources;
    const body = list.map((s) => `(?:${gate(s)}${expand(s, where)})`).join('|');
    try {
      return new RegExp(body, flags);
    } catch (err) {
      throw new RulebookError(`${where}: invalid regular expression: ${(err as Error).message}`);
    }
  };
}

/** A mask that can begin at any character (it opens with a look-behind, a look-ahead or a character class). */
function startsAnywhere(pattern: string): boolean {
  return /^\(\?<?[=!]|^\[/.test(pattern);
}

/** Load, validate and compile the rulebook in `dir` (seed/rulebook). Throws RulebookError on any problem. */
export function loadRulebook(dir: string): Rulebook {
  const root = resolve(dir);
  const indexPath = join(root, 'rulebook.yaml');
  const index = parseFile(indexPath, rulebookIndexSchema);
  const compile = makeCompiler(index.lexicon);
  const legalBases = index.legalBases;

  const rules: CompiledRule[] = [];
  const exceptions: CompiledRule[] = [];
  const seen = new Set<string>();
  for (const rel of index.ruleFiles) {
    const path = join(root, rel);
    for (const entry of parseFile(path, ruleFileSchema)) {
      const where = `${rel} rule ${entry.id}`;
      if (seen.has(entry.id)) throw new RulebookError(`${where}: duplicate rule id`);
      seen.add(entry.id);
      for (const id of entry.legalBasis) {
        if (!legalBases[id]) throw new RulebookError(`${where}: unknown legal basis "${id}" (define it in rulebook.yaml legalBases)`);
      }
      const pattern = compile(entry.patterns, where, 'g');
      const compiled: CompiledRule = {
        gate: pattern ? gateCodes(requiredChars(pattern.source)) : null,
        id: entry.id,
        kind: entry.kind,
        category: entry.category,
        severity: entry.severity,
        title: entry.title,
        legalBasisIds: entry.legalBasis,
        legalBasis: entry.legalBasis.map((id) => ({ law: legalBases[id]!.law, article: legalBases[id]!.article })),
        message: entry.message,
        suggestion: entry.suggestion,
        scope: entry.scope,
        context: entry.context,
        ageSanity: entry.ageSanity,
        detector: entry.detector,
        pattern,
        patternSources: entry.patterns ?? [],
        unlessMatch: compile(entry.unlessMatch, `${where} unlessMatch`),
        unlessBefore: compile(entry.unlessBefore, `${where} unlessBefore`),
        unlessAfter: compile(entry.unlessAfter, `${where} unlessAfter`),
        unlessClause: compile(entry.unlessClause, `${where} unlessClause`),
        unlessPosting: compile(entry.unlessPosting, `${where} unlessPosting`),
        unlessSentence: compile(entry.unlessSentence, `${where} unlessSentence`),
        unlessSentenceBefore: compile(entry.unlessSentenceBefore, `${where} unlessSentenceBefore`),
        lead: compile(entry.leadPatterns, `${where} leadPatterns`),
        appliesTo: entry.appliesTo && {
          categories: entry.appliesTo.categories,
          findingText: compile(entry.appliesTo.findingText, `${where} appliesTo.findingText`),
        },
        emitInfo: entry.emitInfo,
        emitInfoWhen: compile(entry.emitInfoWhen, `${where} emitInfoWhen`, 'g'),
        replace: entry.rewrite?.replace ?? '',
        examples: entry.examples,
        file: rel,
      };
      if (compiled.pattern && compiled.pattern.test('')) {
        throw new RulebookError(`${where}: a pattern matches the empty string`);
      }
      (entry.kind === 'exception' ? exceptions : rules).push(compiled);
    }
  }

  const wage = parseFile(join(root, index.minimumWageFile), minimumWageFileSchema, true);
  for (const [district, tier] of Object.entries(wage.districts)) {
    if (!wage.tiers[tier]) throw new RulebookError(`${index.minimumWageFile}: district ${district} refers to unknown tier ${tier}`);
  }
  if (!wage.districts[wage.defaultDistrict]) {
    throw new RulebookError(`${index.minimumWageFile}: defaultDistrict ${wage.defaultDistrict} is not in districts`);
  }

  const isSeparate = (m: (typeof index.masks)[number]) => m.extendBack !== undefined || startsAnywhere(m.pattern);
  const maskParts = index.masks.map((m, i) => {
    const re = compile(m.pattern, `rulebook.yaml masks[${i}]`, 'g')!;
    const back = m.extendBack && { max: m.extendBack.max, unless: compile(m.extendBack.unless, `rulebook.yaml masks[${i}] extendBack.unless`) };
    return { source: re.source, gate: gateCodes(requiredChars(re.source)), separate: isSeparate(m), mask: { re, back } };
  });
  const combined = index.masks.filter((m) => !isSeparate(m)).map((m) => m.pattern);
  return {
    version: index.version,
    title: index.title ?? '',
    dir: root,
    rules,
    exceptions,
    mask: combined.length ? compile(combined, 'rulebook.yaml masks', 'g')! : null,
    separateMasks: maskParts.filter((m) => m.separate).map((m) => m.mask),
    maskParts,
    sections: {
      requirements: compile(index.sections.requirements, 'sections.requirements', 'g')!,
      benefits: compile(index.sections.benefits, 'sections.benefits', 'g')!,
      duties: compile(index.sections.duties, 'sections.duties', 'g')!,
      company: compile(index.sections.company, 'sections.company', 'g')!,
    },
    applicantCue: compile(index.applicantCue, 'applicantCue')!,
    minimumWage: new MinimumWageTable(wage),
    legalBases,
  };
}
