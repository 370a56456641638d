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
  const simplify = hasTraditional(original);
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < original.length; ) {
    const cp = original.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const ch = original.slice(i, i + width);
    let norm = cp < 0x80 ? ch.toLowerCase() : ch.normalize('NFKC').toLowerCase();
    if (simplify && norm.length === 1) norm = toSimplifiedChinese(norm);
    for (let k = 0; k < norm.length; k++) { start.push(i); end.push(i + width); }
    text += norm;
    i += width;
  }
  return { text, start, end };
}
