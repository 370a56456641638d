import { readFileSync } from 'node:fs';
import nodejieba from 'nodejieba';
import { describe, expect, it } from 'vitest';
import { analyze, hasAlnum, isAsciiPiece } from '../../src/analysis/analyzer.js';
import { loadStopWords } from '../../src/analysis/dictionary.js';
import { normalizeText } from '../../src/analysis/normalize.js';
import { hasShared, sharedPath } from '../support/shared-data.js';

/**
 * The analyzer's character-code fast paths (issue 15: analyzer ≥ 0.9× raw nodejieba) must give the tokens the
 * regex-based analyzer gave. The reference below is that analyzer, written with its regexes.
 */
const ASCII_PIECE = /^[a-z0-9+#.]+$/;
const HAS_ALNUM = /[\p{L}\p{N}]/u;
const LATIN_LETTER = /[a-z]/;

function referenceAnalyze(text: string): string[] {
  if (!text) return [];
  const stop = loadStopWords();
  const out: string[] = [];
  const finish = (piece: string) => {
    let t = piece.replace(/\.+$/, '');
    if (t.startsWith('.') && !LATIN_LETTER.test(t[1] ?? '')) t = t.replace(/^\.+/, '');
    if (t && HAS_ALNUM.test(t) && !stop.has(t)) out.push(t);
  };
  let ascii = '';
  analyze('预热');
  for (const tok of nodejieba.cut(normalizeText(text), true)) {
    if (ASCII_PIECE.test(tok)) { ascii += tok; continue; }
    if (ascii) { finish(ascii); ascii = ''; }
    if (HAS_ALNUM.test(tok) && !stop.has(tok)) out.push(tok.trim());
  }
  if (ascii) finish(ascii);
  return out;
}

const SAMPLES = [
  '', ' ', '.', '..net', 'node.js.', '.5g', '5G', 'C++', 'c#', 'Ａｂｃ１２３', '　招聘　', '的', '了', '和', '及',
  'Java开发工程师（青岛·崂山区）', '熟悉Spring Boot/MySQL，3年以上经验。', 'α测试', 'Ελληνικά', 'Ⅻ', '①②', '²', '\u00a0x\u00a0',
  '𠀀字', 'e\u0301', '——', '…', '“引号”', '五险一金+双休', '月薪8k-12k', 'iOS/Android', 'www.example.com', '2026届',
];

describe('analyzer fast paths', () => {
  it('classify every BMP character as the regexes do', () => {
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      expect(isAsciiPiece(ch), `isAsciiPiece U+${c.toString(16)}`).toBe(ASCII_PIECE.test(ch));
      expect(hasAlnum(ch), `hasAlnum U+${c.toString(16)}`).toBe(HAS_ALNUM.test(ch));
      expect(hasAlnum(`-${ch}`), `hasAlnum -U+${c.toString(16)}`).toBe(HAS_ALNUM.test(`-${ch}`));
    }
    for (const s of SAMPLES) {
      expect(isAsciiPiece(s), s).toBe(ASCII_PIECE.test(s));
      expect(hasAlnum(s), s).toBe(HAS_ALNUM.test(s));
    }
  });

  it('give the reference tokens on mixed samples', () => {
    for (const s of SAMPLES) expect(analyze(s), s).toEqual(referenceAnalyze(s));
  });

  it.skipIf(!hasShared('data/jd/jd_software.txt'))('give the reference tokens on real postings', () => {
    const lines = readFileSync(sharedPath('data/jd/jd_software.txt'), 'utf8').split('\n').filter(Boolean).slice(0, 400);
    for (const l of lines) expect(analyze(l)).toEqual(referenceAnalyze(l));
  });
});
