import { clauseAt, isApplicantClause, segmentClauses, type Clause, type Section } from './clauses.js';
import { normalizeWithOffsets, toOriginalSpan, type NormalizedText } from './normalize-with-offsets.js';
import type { CompiledRule, Rulebook, SeparateMask } from './rulebook-loader.js';
import { parseNumber } from './numbers.js';
import type { Finding, TextField } from './types.js';

/** One field of a posting, normalised, masked and segmented. */
export interface PreparedField {
  readonly field: TextField;
  readonly original: string;
  readonly norm: NormalizedText;
  /** normalised text with clean phrases (男女不限, 婚假, 可落户 …) blanked out; same length as norm.text */
  readonly masked: string;
  readonly clauses: readonly Clause[];
  readonly applicantCue: RegExp;
}

const MASK_CHAR = '□';
const DEFAULT_SECTION: Record<TextField, Section> = {
  title: 'requirements',
  description: 'unknown',
  requirements: 'requirements',
  benefits: 'benefits',
  salaryText: 'benefits',
  contractTerms: 'benefits',
};

export function prepareField(field: TextField, original: string, rulebook: Rulebook, mask: RegExp | null = rulebook.mask): PreparedField {
  return finishField(field, original, normalizeWithOffsets(original), rulebook, mask, rulebook.separateMasks);
}

/**
 * Mask and segment an already normalised field; `mask` may be a subset of the rulebook's masks (prefilter).
 * `separate` masks (those that can start at any character, e.g. a clause-start look-behind) run after it, one
 * by one, so that they do not take the first-character quick checks away from the combined mask.
 */
export function finishField(
  field: TextField,
  original: string,
  norm: NormalizedText,
  rulebook: Rulebook,
  mask: RegExp | null,
  separate: readonly SeparateMask[] = [],
): PreparedField {
  let masked = norm.text;
  for (const m of separate) masked = applySeparateMask(masked, m);
  if (mask) {
    mask.lastIndex = 0;
    masked = masked.replace(mask, maskReplacer);
  }
  const clauses = segmentClauses(masked, rulebook.sections, DEFAULT_SECTION[field]);
  return { field, original, norm, masked, clauses, applicantCue: rulebook.applicantCue };
}

const maskReplacer = (m: string) => MASK_CHAR.repeat(m.length);

/** Characters that end a clause for an inclusive frame's extension back; 、 only separates items within it. */
const CLAUSE_START = /[，,。；;！!？?\n：:）)】\] ]/;

/**
 * Apply one separate mask. With `back`, the blank starts at the earliest item start (the clause start, or just
 * after a 、) from which the prefix is at most `back.max` characters and does not match `back.unless`.
 */
function applySeparateMask(text: string, m: SeparateMask): string {
  const re = m.re;
  re.lastIndex = 0;
  if (!m.back) return text.replace(re, maskReplacer);
  let out = '';
  let done = 0; // text[0, done) is already in `out`
  for (let x = re.exec(text); x; x = re.exec(text)) {
    if (x[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const end = x.index + x[0].length;
    let clauseStart = x.index;
    while (clauseStart > done && !CLAUSE_START.test(text[clauseStart - 1]!)) clauseStart--;
    let from = -1;
    for (let a = clauseStart; a < x.index; a++) {
      if (a !== clauseStart && text[a - 1] !== '、') continue;
      if (x.index - a > m.back.max) continue;
      if (m.back.unless && m.back.unless.test(text.slice(a, end))) continue;
      from = a;
      break;
    }
    if (from < 0) continue;
    out += text.slice(done, from) + MASK_CHAR.repeat(end - from);
    done = end;
  }
  return done === 0 ? text : out + text.slice(done);
}

export function makeFinding(
  f: PreparedField,
  rule: CompiledRule,
  from: number,
  to: number,
  overrides: Partial<Pick<Finding, 'severity' | 'message' | 'suggestion'>> = {},
): Finding {
  const { start, end } = toOriginalSpan(f.norm, from, to);
  return {
    category: rule.category,
    severity: overrides.severity ?? rule.severity,
    field: f.field,
    start,
    end,
    text: f.original.slice(start, end),
    ruleId: rule.id,
    legalBasis: rule.legalBasis.map((b) => ({ ...b })),
    message: overrides.message ?? rule.message,
    suggestion: overrides.suggestion ?? rule.suggestion,
  };
}

/** Ages outside 15–70 are not an applicant's age (8-12岁学员, 5～12岁); 4-digit numbers are birth years. */
const AGE_NUMBER = /\d+|[一二三四五六七八九十]+/g;
function plausibleAges(match: string): boolean {
  AGE_NUMBER.lastIndex = 0;
  for (let m = AGE_NUMBER.exec(match); m; m = AGE_NUMBER.exec(match)) {
    const n = m[0];
    const digits = n.charCodeAt(0) < 0x80;
    if (digits && n.length > 2) continue;
    const v = digits ? Number(n) : parseNumber(n);
    if (!Number.isFinite(v)) continue;
    if (v < 15 || v > 70) return false;
  }
  return true;
}

function accept(rule: CompiledRule, f: PreparedField, clause: Clause | undefined, a: number, b: number, postingText: string): boolean {
  const text = f.masked;
  if (rule.context === 'applicant' && clause && !isApplicantClause(clause, text, f.applicantCue)) return false;
  const cs = clause ? clause.start : 0;
  const ce = clause ? clause.end : text.length;
  if (rule.unlessMatch && rule.unlessMatch.test(text.slice(a, b))) return false;
  if (rule.ageSanity && !plausibleAges(text.slice(a, b))) return false;
  if (rule.unlessBefore && rule.unlessBefore.test(text.slice(cs, a))) return false;
  if (rule.unlessAfter && rule.unlessAfter.test(text.slice(b, Math.max(b, ce)))) return false;
  if (rule.unlessClause && rule.unlessClause.test(text.slice(cs, ce))) return false;
  if (rule.unlessSentence && rule.unlessSentence.test(text.slice(clause ? clause.sentStart : 0, clause ? clause.sentEnd : text.length))) return false;
  if (rule.unlessSentenceBefore && rule.unlessSentenceBefore.test(text.slice(clause ? clause.sentStart : 0, a))) return false;
  if (rule.unlessPosting && rule.unlessPosting.test(postingText)) return false;
  return true;
}

interface ClauseVariant {
  offset: number;
  text: string;
}
const variantCache = new WeakMap<PreparedField, ClauseVariant[][]>();

/** Each clause trimmed, and its part after the last colon ("任职要求：男" → "男"), for clause-scoped rules. */
function clauseVariants(f: PreparedField): ClauseVariant[][] {
  let v = variantCache.get(f);
  if (v) return v;
  v = f.clauses.map((c) => {
    const body = f.masked.slice(c.start, c.end);
    const out: ClauseVariant[] = [{ offset: c.start, text: body }];
    const colon = Math.max(body.lastIndexOf(':'), body.lastIndexOf('：'));
    if (colon >= 0) {
      const rest = body.slice(colon + 1);
      const lead = rest.length - rest.trimStart().length;
      const t = rest.trim();
      if (t) out.push({ offset: c.start + colon + 1 + lead, text: t });
    }
    return out;
  });
  variantCache.set(f, v);
  return v;
}

/** Apply one pattern rule to one field. */
export function applyPatternRule(rule: CompiledRule, f: PreparedField, postingText: string, out: Finding[]): void {
  const re = rule.pattern;
  if (!re) return;
  if (rule.scope === 'clause') {
    const variants = clauseVariants(f);
    for (let ci = 0; ci < f.clauses.length; ci++) {
      const clause = f.clauses[ci]!;
      for (const v of variants[ci]!) {
        re.lastIndex = 0;
        const m = re.exec(v.text);
        if (!m || m[0].length === 0) continue;
        const a = v.offset + m.index;
        const b = a + m[0].length;
        if (accept(rule, f, clause, a, b, postingText)) {
          out.push(makeFinding(f, rule, a, b));
          break;
        }
      }
    }
    return;
  }
  const text = f.masked;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const a = m.index;
    const b = a + m[0].length;
    if (b === a) {
      re.lastIndex++;
      continue;
    }
    const ci = clauseAt(f.clauses, a);
    const clause = ci >= 0 && f.clauses[ci]!.end >= a ? f.clauses[ci] : undefined;
    if (accept(rule, f, clause, a, b, postingText)) out.push(makeFinding(f, rule, a, b));
  }
}

/** Normalised index of the first normalised character whose source starts at or after `origStart`. */
function normIndex(f: PreparedField, origStart: number): number {
  const starts = f.norm.start;
  let lo = 0;
  let hi = starts.length - 1;
  let idx = starts.length;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! >= origStart) {
      idx = mid;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  return idx;
}

/** Marks the start of a second job in the same posting (另招…, 同时招聘…): lead context stops there. */
const ANOTHER_JOB = /另招|另聘|另外招|同时招|此外招|还招|兼招|另诚聘|另急招/;

/**
 * Lawful exceptions and inclusive programmes: downgrade matching findings to `info` with the exception's
 * legal basis, and emit `info` findings where the exception is stated.
 *
 * Scope of an exception: the clause (`clause`) or the sentence (`sentence`) of the finding — an incidental
 * mention elsewhere in the posting does not excuse a real restriction — or the whole posting (`posting`).
 * `leadPatterns` found in the title or the opening clause of the description (the job itself: 井下采掘工,
 * 公益性岗位, 餐厅…) extend the exception to the posting, up to the start of a second job (另招…).
 */
export function applyExceptions(
  rulebook: Rulebook,
  fields: readonly PreparedField[],
  findings: Finding[],
  /** prefilter: can the exception's pattern (info=false) or its emitInfoWhen (info=true) match at all? */
  mayMatch: (ex: CompiledRule, info: boolean) => boolean = () => true,
): Finding[] {
  let extra: Finding[] | undefined;
  for (const ex of rulebook.exceptions) {
    const re = ex.pattern!;
    const applies = ex.appliesTo!;
    let relevant = false;
    for (const x of findings) {
      if (x.severity !== 'info' && applies.categories.includes(x.category)) {
        relevant = true;
        break;
      }
    }
    const patternMay = mayMatch(ex, false);
    const infoMay = ex.emitInfo && mayMatch(ex, true);
    if (!patternMay && !infoMay && !ex.lead) continue;
    if (!relevant) {
      if (!infoMay) continue;
      const when = ex.emitInfoWhen ?? re;
      let any = false;
      for (const f of fields) {
        when.lastIndex = 0;
        if (when.test(f.norm.text)) {
          any = true;
          break;
        }
      }
      if (!any) continue;
    }
    if (relevant) {
      let active = false;
      if (ex.scope === 'posting') {
        for (const f of fields) {
          re.lastIndex = 0;
          if (re.test(f.norm.text)) active = true;
        }
      }
      // lead context: title, or the opening clause of the description
      let leadUntil = -1; // normalised index in the description up to which the lead covers (-1: no lead)
      if (!active && ex.lead) {
        for (const f of fields) {
          if (f.field !== 'title' && f.field !== 'description') continue;
          const first = f.clauses[0];
          const head = f.field === 'title' ? f.norm.text : first ? f.norm.text.slice(first.start, first.end) : '';
          if (head && ex.lead.test(head)) {
            const d = fields.find((x) => x.field === 'description');
            const other = d ? ANOTHER_JOB.exec(d.norm.text) : null;
            leadUntil = other ? other.index : Number.MAX_SAFE_INTEGER;
            break;
          }
        }
      }
      for (const finding of findings) {
        if (finding.severity === 'info' || !applies.categories.includes(finding.category)) continue;
        if (applies.findingText && !applies.findingText.test(finding.text.normalize('NFKC'))) continue;
        let hit = active;
        if (!hit) {
          const f = fields.find((x) => x.field === finding.field)!;
          const ni = normIndex(f, finding.start);
          if (leadUntil >= 0 && (finding.field !== 'description' || ni < leadUntil)) hit = true;
          else if (ex.scope !== 'posting') {
            const ci = clauseAt(f.clauses, ni);
            const clause = ci >= 0 ? f.clauses[ci] : undefined;
            if (clause) {
              re.lastIndex = 0;
              hit = ex.scope === 'sentence'
                ? re.test(f.norm.text.slice(clause.sentStart, clause.sentEnd))
                : re.test(f.norm.text.slice(clause.start, clause.end));
            }
          }
        }
        if (hit) {
          finding.severity = 'info';
          finding.legalBasis = ex.legalBasis.map((b) => ({ ...b }));
          finding.message = `${ex.message}（原规则：${finding.message}）`;
          finding.suggestion = ex.suggestion;
        }
      }
    }
    if (!infoMay) continue;
    const infoRe = ex.emitInfoWhen ?? re;
    for (const f of fields) {
      infoRe.lastIndex = 0;
      for (let m = infoRe.exec(f.norm.text); m; m = infoRe.exec(f.norm.text)) {
        if (m[0].length === 0) {
          infoRe.lastIndex++;
          continue;
        }
        (extra ??= []).push(makeFinding(f, ex, m.index, m.index + m[0].length));
      }
    }
  }
  return extra ? findings.concat(extra) : findings;
}
