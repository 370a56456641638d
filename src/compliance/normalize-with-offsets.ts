import { toSimplifiedChinese } from '../analysis/normalize.js';

/**
 * Character-by-character normalisation that remembers where every output character came from, so a
 * match found in the normalised text maps back to an exact span of the ORIGINAL text.
 *
 * Per source character: NFKC (full-width → half-width), traditional → simplified, lower case.
 * Obfuscation separators (spaces, `*`, `·`, `-`, …) sitting between two CJK characters are dropped
 * ("限 男 性", "黄-泛-区" → "限男性", "黄泛区"); a run of two or more whitespace characters is kept,
 * because in real postings it usually separates two items of a list.
 */
export interface NormalizedText {
  /** normalised text */
  readonly text: string;
  /** for each normalised char, the index of its source char in the original */
  readonly start: Int32Array;
  /** for each normalised char, the end (exclusive) of its source char in the original */
  readonly end: Int32Array;
}

/** Obfuscation separators: whitespace and * · • ・ - _ | / \\ . ~ ^ # @ quotes + = */
function isSeparatorCode(c: number): boolean {
  switch (c) {
    case 0x20: case 0x09: case 0x0a: case 0x0d: case 0x0b: case 0x0c: case 0xa0: case 0x3000:
    case 0x2a: case 0xb7: case 0x2022: case 0x30fb: case 0x2d: case 0x5f: case 0x7c: case 0x2f: case 0x5c:
    case 0x2e: case 0x7e: case 0x5e: case 0x23: case 0x40: case 0x22: case 0x27: case 0x201c: case 0x201d:
    case 0x2018: case 0x2019: case 0x60: case 0x2b: case 0x3d: case 0xff0a: case 0xff0d: case 0xff3f:
    case 0xff5c: case 0xff0f: case 0xff0e: case 0xff5e: case 0xff03: case 0xff20: case 0xff0b: case 0xff1d:
    case 0x2014: case 0x2013: case 0x2212: case 0xff65: case 0x2027: case 0x22c5:
      return true;
    default:
      return false;
  }
}

function isWhitespaceCode(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c || c === 0xa0 || c === 0x3000;
}

function isZeroWidth(c: number): boolean {
  return (c >= 0x200b && c <= 0x200f) || c === 0x2060 || c === 0xfeff || c === 0xad;
}

function isCjkCode(c: number): boolean {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}

const charCache = new Map<number, string>();

/** code → simplified code for every CJK char the t2cn converter maps one-to-one (built once, lazily). */
let simplifiedTable: Uint16Array | null = null;
const TABLE_START = 0x3400;
function simplifiedOf(): Uint16Array {
  if (simplifiedTable) return simplifiedTable;
  const table = new Uint16Array(0xa000 - TABLE_START);
  for (let cp = TABLE_START; cp < 0xa000; cp++) {
    const ch = String.fromCharCode(cp);
    const s = toSimplifiedChinese(ch);
    if (s !== ch && s.length === 1) table[cp - TABLE_START] = s.charCodeAt(0);
  }
  simplifiedTable = table;
  return table;
}

/** NFKC + lower case + traditional → simplified of one UTF-16 unit or surrogate pair. */
function normalizeUnit(ch: string, code: number): string {
  if (code < 0x80) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
  if (code >= TABLE_START && code < 0xa000) {
    const simple = simplifiedOf()[code - TABLE_START]!;
    return simple === 0 ? ch : String.fromCharCode(simple);
  }
  let out = code > 0xffff ? undefined : charCache.get(code);
  if (out === undefined) {
    out = ch.normalize('NFKC').toLowerCase();
    if (out.length === 0) out = ch;
    if (out.length === 1) {
      const c = out.charCodeAt(0);
      if (c >= TABLE_START && c < 0xa000 && simplifiedOf()[c - TABLE_START]) out = String.fromCharCode(simplifiedOf()[c - TABLE_START]!);
    }
    if (code <= 0xffff && charCache.size < 100_000) charCache.set(code, out);
  }
  return out;
}

/**
 * normalizeUnit of every BMP code unit, memoised: 0 = not computed yet, -1 = more than one unit (slow path),
 * otherwise the single normalised code + 1. Lets the loop below work on codes without building strings.
 */
const UNIT = new Int32Array(0x10000);
function unitCode(code: number): number {
  let v = UNIT[code]!;
  if (v === 0) {
    const s = normalizeUnit(String.fromCharCode(code), code);
    v = s.length === 1 ? s.charCodeAt(0) + 1 : -1;
    UNIT[code] = v;
  }
  return v;
}

/** String of the first `len` codes of `buf` (chunked: apply has an argument limit). */
function codesToString(buf: Uint16Array, len: number): string {
  let out = '';
  for (let i = 0; i < len; i += 8192) out += String.fromCharCode.apply(null, buf.subarray(i, Math.min(len, i + 8192)) as unknown as number[]);
  return out;
}

export function normalizeWithOffsets(original: string): NormalizedText {
  const n = original.length;
  let cap = n + 16;
  let starts = new Int32Array(cap);
  let ends = new Int32Array(cap);
  let codes = new Uint16Array(cap);
  let len = 0;
  let lastCode = -1; // last emitted code unit
  let i = 0;
  while (i < n) {
    const cp = original.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (isZeroWidth(cp)) {
      i += width;
      continue;
    }
    // Obfuscation run between two CJK characters ("限 男 性", "黄-泛-区"): drop it.
    if (isSeparatorCode(cp) && isCjkCode(lastCode)) {
      let j = i;
      let ws = 0;
      let maxWs = 0;
      while (j < n && j - i <= 3) {
        const c = original.charCodeAt(j);
        if (isZeroWidth(c)) {
          j++;
          continue;
        }
        if (!isSeparatorCode(c)) break;
        if (isWhitespaceCode(c)) maxWs = Math.max(maxWs, ++ws);
        else ws = 0;
        j++;
      }
      if (j < n && j - i <= 3 && maxWs < 2) {
        const next = original.charCodeAt(j);
        const nextNorm = isCjkCode(next) ? next : normalizeUnit(original[j]!, next).charCodeAt(0);
        if (isCjkCode(nextNorm)) {
          i = j;
          continue;
        }
      }
    }
    const single = width === 1 ? unitCode(cp) : -1;
    const norm = single > 0 ? '' : normalizeUnit(width === 2 ? original.slice(i, i + 2) : original[i]!, cp);
    const normLen = single > 0 ? 1 : norm.length;
    if (len + normLen >= cap) {
      cap = cap * 2 + normLen;
      const s2 = new Int32Array(cap);
      s2.set(starts);
      starts = s2;
      const e2 = new Int32Array(cap);
      e2.set(ends);
      ends = e2;
      const c2 = new Uint16Array(cap);
      c2.set(codes);
      codes = c2;
    }
    if (single > 0) {
      starts[len] = i;
      ends[len] = i + width;
      codes[len++] = single - 1;
      lastCode = single - 1;
    } else {
      for (let k = 0; k < normLen; k++) {
        starts[len] = i;
        ends[len] = i + width;
        codes[len++] = norm.charCodeAt(k);
      }
      lastCode = norm.charCodeAt(normLen - 1);
    }
    i += width;
  }
  return { text: codesToString(codes, len), start: starts.subarray(0, len), end: ends.subarray(0, len) };
}

/** Map a [from, to) span of the normalised text back to the original text. */
export function toOriginalSpan(nt: NormalizedText, from: number, to: number): { start: number; end: number } {
  if (to <= from) {
    const p = from < nt.start.length ? nt.start[from]! : from > 0 ? nt.end[from - 1]! : 0;
    return { start: p, end: p };
  }
  return { start: nt.start[from]!, end: nt.end[to - 1]! };
}
