import * as OpenCC from 'opencc-js/t2cn';

/**
 * Character-level normalisation shared by indexing, querying and compliance screening:
 * NFKC (full-width → half-width, compatibility forms), traditional → simplified Chinese, lower-case Latin.
 */
const toSimplified: (s: string) => string = OpenCC.Converter({ from: 't', to: 'cn' });

/** Every CJK character that the converter changes on its own: a cheap gate so simplified text skips conversion. */
const TRADITIONAL_CHARS: RegExp = (() => {
  const chars: string[] = [];
  for (let cp = 0x4e00; cp <= 0x9fff; cp++) {
    const ch = String.fromCodePoint(cp);
    if (toSimplified(ch) !== ch) chars.push(ch);
  }
  return new RegExp(`[${chars.join('')}]`);
})();

export function hasTraditional(text: string): boolean {
  return TRADITIONAL_CHARS.test(text);
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
