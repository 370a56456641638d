import * as OpenCC from 'opencc-js/t2cn';

/**
 * Character-level normalisation shared by indexing, querying and compliance screening:
 * NFKC (full-width → half-width, compatibility forms), traditional → simplified Chinese, lower-case Latin.
 */
const toSimplified: (s: string) => string = OpenCC.Converter({ from: 't', to: 'cn' });

/**
 * Every CJK unified ideograph (U+4E00–U+9FFF) that the converter changes on its own, as a bitmap: a cheap gate
 * (one array read per character) so simplified text skips conversion.
 */
const CJK_FIRST = 0x4e00;
const CJK_LAST = 0x9fff;
const TRADITIONAL = (() => {
  const map = new Uint8Array(CJK_LAST - CJK_FIRST + 1);
  for (let cp = CJK_FIRST; cp <= CJK_LAST; cp++) {
    const ch = String.fromCharCode(cp);
    if (toSimplified(ch) !== ch) map[cp - CJK_FIRST] = 1;
  }
  return map;
})();

export function hasTraditional(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= CJK_FIRST && c <= CJK_LAST && TRADITIONAL[c - CJK_FIRST] === 1) return true;
  }
  return false;
}

/**
 * Converts until nothing traditional is left: a few characters convert in two steps (薴 → 苧 → 苎), and
 * normalisation must be idempotent or a document and a query for the same word would disagree.
 */
export function toSimplifiedChinese(text: string): string {
  let out = text;
  for (let i = 0; i < 3 && hasTraditional(out); i++) {
    const next = toSimplified(out);
    // Some characters the gate flags have no other form: once a pass changes nothing, the next would not either.
    if (next === out) break;
    out = next;
  }
  return out;
}

/** NFKC, traditional → simplified, lower case. Length may change (NFKC), so offsets refer to the normalised text. */
export function normalizeText(text: string): string {
  return toSimplifiedChinese(text.normalize('NFKC')).toLowerCase();
}
