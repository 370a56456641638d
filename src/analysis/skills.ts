import { existsSync, readFileSync } from 'node:fs';
import { normalizeKeyword } from './analyzer.js';
import { seedPath } from '../paths.js';

/**
 * Skill comparison through the team's synonyms (seed/synonyms.txt when it exists: one group per line,
 * comma-separated, `#` comments): every spelling of a group maps to the group's first entry. Two skills
 * match when their canonical keys are equal, or when both are Chinese and one contains the other
 * (焊工证 ⊃ 焊工), never by Latin substrings (Java ≠ JavaScript).
 */
export const SYNONYMS_FILE = seedPath('synonyms.txt');

export interface SkillIndex { key(skill: string): string }

export function parseSynonyms(text: string): SkillIndex {
  const map = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const words = line.split(/[,，]/).map((w) => normalizeKeyword(w)).filter(Boolean);
    const head = words[0];
    if (!head) continue;
    for (const w of words) if (!map.has(w)) map.set(w, head);
  }
  return memoized((s) => { const k = normalizeKeyword(s); return map.get(k) ?? k; });
}

/** Keys are asked for the same few thousand skills over and over: remember them (bounded). */
function memoized(fn: (s: string) => string): SkillIndex {
  const memo = new Map<string, string>();
  return {
    key: (s) => {
      let k = memo.get(s);
      if (k === undefined) {
        k = fn(s);
        if (memo.size >= 100_000) memo.clear();
        memo.set(s, k);
      }
      return k;
    },
  };
}

const IDENTITY: SkillIndex = memoized((s) => normalizeKeyword(s));
let loaded: SkillIndex | undefined;
/** The team's synonyms, read once; plain normalisation when the file is absent. */
export function defaultSkillIndex(): SkillIndex {
  return (loaded ??= existsSync(SYNONYMS_FILE) ? parseSynonyms(readFileSync(SYNONYMS_FILE, 'utf8')) : IDENTITY);
}

const CJK = /[\u4e00-\u9fff]/;
/** Two normalised skills name the same thing: equal, or Chinese ones where one (≥ 2 characters) contains the other (焊接 / 氩弧焊接). */
export function relatedSkills(a: string, b: string): boolean {
  if (a === b) return true;
  if (!CJK.test(a) || !CJK.test(b)) return false;
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  return s.length >= 2 && l.includes(s);
}

export interface SkillMatch { matched: string[]; missing: string[] }

/** Which of `wanted` (as written) the `have` list covers. */
export function matchSkills(wanted: readonly string[], have: readonly string[], index: SkillIndex = defaultSkillIndex()): SkillMatch {
  const haveKeys = have.map((h) => index.key(h)).filter(Boolean);
  const haveSet = new Set(haveKeys);
  const matched: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const w of wanted) {
    const k = index.key(w);
    if (!k || seen.has(k)) continue;
    seen.add(k);
    (haveSet.has(k) || haveKeys.some((h) => relatedSkills(k, h)) ? matched : missing).push(w);
  }
  return { matched, missing };
}

/** Skills from `have` that the text mentions (used when a vacancy lists no skills). */
export function skillsMentioned(text: string, have: readonly string[]): string[] {
  const t = normalizeKeyword(text);
  const out: string[] = [];
  for (const h of have) {
    const k = normalizeKeyword(h);
    if (k.length < 2) continue;
    const i = t.indexOf(k);
    if (i < 0) continue;
    const before = t[i - 1] ?? ' ';
    const after = t[i + k.length] ?? ' ';
    if (/[a-z]/.test(k[0]!) && /[a-z]/.test(before)) continue;
    if (/[a-z]/.test(k[k.length - 1]!) && /[a-z]/.test(after)) continue;
    out.push(h);
  }
  return out;
}
