import { hasTraditional, toSimplifiedChinese } from './normalize.js';

/**
 * Normalises text character by character (NFKC, traditional → simplified, lower case) and remembers, for each
 * normalised character, the span of the original it came from — so matches found in normalised text can be
 * marked in the original.
 */
export interface MappedText {
  text: string;
  start: number[];
  end: number[];
}

export function normalizeMapped(original: string): MappedText {
  // Judged after NFKC: a compatibility form may normalise to a traditional character (⼾ → 戶 → 户).
  const simplify = hasTraditional(original.normalize('NFKC'));
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < original.length; ) {
    const cp = original.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const ch = width === 1 ? original[i]! : original.slice(i, i + 2);
    // ASCII only lower-cases; a CJK unified ideograph (most of any Chinese text) is its own NFKC form and has
    // no case, so only the remaining characters pay for normalize().
    let norm = cp < 0x80 ? ch.toLowerCase() : cp >= 0x4e00 && cp <= 0x9fff ? ch : ch.normalize('NFKC').toLowerCase();
    // Any length is fine: every unit of the normalised form maps back to this character.
    if (simplify) norm = toSimplifiedChinese(norm);
    for (let k = 0; k < norm.length; k++) { start.push(i); end.push(i + width); }
    text += norm;
    i += width;
  }
  return { text, start, end };
}
