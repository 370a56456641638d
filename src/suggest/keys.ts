import { pinyin } from 'pinyin-pro';
import { normalizeText } from '../analysis/normalize.js';
import { segmentNormalized } from '../analysis/analyzer.js';

/**
 * The search keys of a completion: what a user may type to reach it. A key is matched as a prefix of what was
 * typed, after the same normalisation (NFKC, lower case, simplified characters, no spaces).
 */
export type Via = 'prefix' | 'word' | 'pinyin' | 'initials' | 'alias';
export interface SearchKey { key: string; via: Via; /** The name the key belongs to (an alias: 西海岸 for 黄岛区). */ from?: string }

const CJK = /[\u3400-\u9fff]/;
/** Separators users leave out or type differently: spaces, middle dots, slashes, brackets … */
const SEPARATORS = /[\s·・•/\\|()（）[\]【】,，、:：;；'"“”‘’_~-]+/g;

/** What a user typed (or a name), as keys are compared: normalised, lower case, without separators. */
export function normalizeTyped(s: string): string {
  return normalizeText(s).toLowerCase().replace(SEPARATORS, '');
}

const pinyinCache = new Map<string, { full: string; initials: string }>();
const PINYIN_CACHE_MAX = 200_000;

/**
 * Full pinyin without tones (jisuanji) and initials (jsj) of a normalised name. Latin runs stay as they are in the
 * full form and give their first letter to the initials (java开发 → javakaifa, jkf). pinyin-pro picks the reading
 * of a polyphonic character from the words around it (银行 → yinhang).
 */
export function pinyinForms(normalized: string): { full: string; initials: string } | undefined {
  if (!CJK.test(normalized)) return undefined;
  let forms = pinyinCache.get(normalized);
  if (!forms) {
    const syllables = pinyin(normalized, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }) as string[];
    const parts = syllables.map((s) => s.toLowerCase().replace(SEPARATORS, '')).filter(Boolean);
    forms = { full: parts.join(''), initials: parts.map((p) => p[0]).join('') };
    if (pinyinCache.size >= PINYIN_CACHE_MAX) pinyinCache.clear();
    pinyinCache.set(normalized, forms);
  }
  return forms;
}

/** At most this many word-start suffixes per name (高级Java开发工程师 → java开发工程师, 开发工程师, 工程师). */
const MAX_WORD_SUFFIXES = 4;

/**
 * The keys of a name: the whole name, the rest of it from each later word on (so 开发 finds 高级开发工程师), and
 * the full pinyin and initials of each (the pinyin of a word suffix matches too: kaifa → 高级开发工程师).
 */
export function keysOf(name: string, withWords = true): SearchKey[] {
  const whole = normalizeTyped(name);
  if (!whole) return [];
  const keys: SearchKey[] = [{ key: whole, via: 'prefix' }];
  const suffixes: string[] = [];
  if (withWords) {
    const words = segmentNormalized(normalizeText(name).toLowerCase()).map(normalizeTyped).filter(Boolean);
    let rest = whole;
    for (const w of words) {
      const at = rest.indexOf(w);
      if (at < 0) continue;
      rest = rest.slice(at);
      if (rest !== whole && !suffixes.includes(rest)) suffixes.push(rest);
      rest = rest.slice(w.length);
      if (!rest) break;
    }
  }
  for (const s of suffixes.slice(0, MAX_WORD_SUFFIXES)) keys.push({ key: s, via: 'word' });
  for (const k of [whole, ...suffixes.slice(0, MAX_WORD_SUFFIXES)]) {
    const p = pinyinForms(k);
    if (!p) continue;
    keys.push({ key: p.full, via: 'pinyin' });
    if (p.initials.length > 1) keys.push({ key: p.initials, via: 'initials' });
  }
  return dedupe(keys);
}

function dedupe(keys: SearchKey[]): SearchKey[] {
  const seen = new Set<string>();
  return keys.filter((k) => !seen.has(k.key) && seen.add(k.key));
}

/** Latin text (letters, digits, + # .) long enough for a typo to be worth correcting. */
export const LATIN_TYPED = /^[a-z0-9+#.]{4,40}$/;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789+#.';

/**
 * Every string one edit away from `s` (deletion, substitution, insertion, transposition of neighbours): a key
 * that starts with one of them is a completion of `s` with one typo (javscript → javascript).
 */
export function oneEditAway(s: string): Map<string, number> {
  // Each variant with the length of the prefix it keeps from `s` (the edit is after it): lookups narrow to it.
  const out = new Map<string, number>();
  const put = (v: string, shared: number) => {
    if (v.length >= 3 && v !== s) out.set(v, Math.max(shared, out.get(v) ?? 0));
  };
  for (let i = 0; i < s.length; i++) put(s.slice(0, i) + s.slice(i + 1), i);
  for (let i = 0; i < s.length - 1; i++) put(s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2), i);
  for (let i = 0; i <= s.length; i++) {
    for (const c of ALPHABET) {
      put(s.slice(0, i) + c + s.slice(i), i);
      if (i < s.length && c !== s[i]) put(s.slice(0, i) + c + s.slice(i + 1), i);
    }
  }
  // A deletion at the end is a shorter prefix of the same word: it finds everything `s` finds and more, which is
  // not a correction. Only deletions inside the word count.
  out.delete(s.slice(0, -1));
  return out;
}
