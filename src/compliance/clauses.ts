/**
 * Clause segmentation of normalised posting text, with the section (requirements, benefits, duties,
 * company) each clause belongs to and whether it speaks about applicants.
 */
export type Section = 'requirements' | 'benefits' | 'duties' | 'company' | 'unknown';

export interface Clause {
  /** [start, end) in the normalised text */
  readonly start: number;
  readonly end: number;
  readonly section: Section;
  /** [sentStart, sentEnd): the sentence around the clause — clauses joined by soft separators (，,、) only */
  sentStart: number;
  sentEnd: number;
}

const applicantCache = new WeakMap<Clause, boolean>();

/** The clause contains an applicant cue (要求, 优先, 勿扰, 年龄 …) or sits in a requirements section (computed lazily). */
export function isApplicantClause(clause: Clause, text: string, applicantCue: RegExp): boolean {
  let v = applicantCache.get(clause);
  if (v === undefined) {
    v = clause.section === 'requirements' || applicantCue.test(text.slice(clause.start, clause.end));
    applicantCache.set(clause, v);
  }
  return v;
}

export interface SectionPatterns {
  requirements: RegExp;
  benefits: RegExp;
  duties: RegExp;
  company: RegExp;
}

/** Clause boundaries: Chinese and Latin punctuation, line breaks, wide gaps, list markers like 1. 2、 (3) ①. */
const BOUNDARY = /[，,。；;、！!？?\n\r|【】\[\]]|\s{2,}|(?<![\d.a-z])\d{1,2}\s*[.、)）](?![\d.])|[（(]\s*\d{1,2}\s*[)）]|[（(][一二三四五六七八九十][)）]|[一二三四五六七八九十]、/g;

interface Heading {
  pos: number;
  section: Section;
}

function findHeadings(text: string, sections: SectionPatterns): Heading[] {
  const out: Heading[] = [];
  for (const section of ['requirements', 'benefits', 'duties', 'company'] as const) {
    const re = sections[section];
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      out.push({ pos: m.index, section });
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return out.sort((a, b) => a.pos - b.pos);
}

/** Soft separators keep two clauses in one sentence; every other boundary ends the sentence. */
function isSoftBoundary(b: string): boolean {
  return b === '，' || b === ',' || b === '、';
}

export function segmentClauses(text: string, sections: SectionPatterns, defaultSection: Section): Clause[] {
  const headings = findHeadings(text, sections);
  const clauses: Clause[] = [];
  let h = 0;
  let section: Section = defaultSection;
  let sentStart = -1;
  let sentFirst = 0;
  const closeSentence = () => {
    if (sentStart < 0) return;
    const end = clauses.length ? clauses[clauses.length - 1]!.end : 0;
    for (let i = sentFirst; i < clauses.length; i++) clauses[i]!.sentEnd = end;
    sentStart = -1;
  };
  const push = (start: number, end: number) => {
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (end <= start) return;
    while (h < headings.length && headings[h]!.pos < end) section = headings[h++]!.section;
    if (sentStart < 0) {
      sentStart = start;
      sentFirst = clauses.length;
    }
    clauses.push({ start, end, section, sentStart, sentEnd: end });
  };
  BOUNDARY.lastIndex = 0;
  let last = 0;
  for (let m = BOUNDARY.exec(text); m; m = BOUNDARY.exec(text)) {
    push(last, m.index);
    if (!isSoftBoundary(m[0])) closeSentence();
    last = m.index + m[0].length;
    if (m[0].length === 0) BOUNDARY.lastIndex++;
  }
  push(last, text.length);
  closeSentence();
  return clauses;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0 || c === 0x3000 || c === 0x0b || c === 0x0c;
}

/** Index of the clause containing position `pos` (or the nearest clause before it), -1 if none. */
export function clauseAt(clauses: readonly Clause[], pos: number): number {
  let lo = 0;
  let hi = clauses.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (clauses[mid]!.start <= pos) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}
