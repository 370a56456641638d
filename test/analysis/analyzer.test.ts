import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze, analyzeForIndex, charGrams, normalizeKeyword, withoutNegated } from '../../src/analysis/analyzer.js';
import { normalizeText } from '../../src/analysis/normalize.js';
import { loadStopWords } from '../../src/analysis/dictionary.js';
import { hasShared, sharedPath } from '../support/shared-data.js';

const JD_DIR = pathToFileURL(`${sharedPath('data/jd')}/`);

describe('normalisation', () => {
  it.each([
    ['ＪＡＶＡ　开发', 'java 开发'],
    ['Ｃ＋＋／Ｃ＃', 'c++/c#'],
    ['數據庫開發工程師', '数据库开发工程师'],
    ['新型顯示', '新型显示'],
    ['Node.JS', 'node.js'],
    ['１２Ｋ－１８Ｋ', '12k-18k'],
  ])('%s → %s', (input, expected) => expect(normalizeText(input)).toBe(expected));
});

describe('analyzer (query mode: fewest, longest words)', () => {
  it.each([
    // Latin and mixed tokens survive whole.
    ['熟悉C++、C#、.NET、Node.js', ['c++', 'c#', '.net', 'node.js']],
    ['SystemVerilog/UVM验证', ['systemverilog', 'uvm', '验证']],
    ['5G通信 PLC编程 AutoCAD制图', ['5g', '通信', 'plc', '编程', 'autocad', '制图']],
    ['Java开发工程师', ['java', '开发', '工程师']],
    ['1.负责ARM相关的研发工作', ['1', 'arm', '研发']],
    ['熟悉CPLD/FPGA设计', ['cpld', 'fpga', '设计']],
    ['基于MTK平台的GSM/WCDMA/LTE射频电路设计', ['基于', 'mtk', '平台', 'gsm', 'wcdma', 'lte', '射频', '电路设计']],
    // The seeds' key industries and Qingdao's places stay whole.
    ['集成电路设计', ['集成电路', '设计']],
    ['新型显示产业', ['新型显示', '产业']],
    ['船舶海工焊接', ['船舶海工', '焊接']],
    ['智能家电装配', ['智能家电', '装配']],
    ['海洋生物技术研发', ['海洋生物技术', '研发']],
    ['西海岸新区 黄岛区 城阳区', ['西海岸新区', '黄岛区', '城阳区']],
    // Traditional and full-width input analyse like simplified.
    ['新型顯示工藝工程師', ['新型显示', '工艺工程师']],
    ['ＰＬＣ編程', ['plc', '编程']],
    // Stop words and punctuation disappear.
    ['熟悉并掌握的，。！', []],
    ['', []],
  ])('%s', (text, tokens) => {
    const got = analyze(text, 'query');
    for (const t of tokens) expect(got).toContain(t);
    expect(got.filter((t) => !/[\p{L}\p{N}]/u.test(t))).toEqual([]);
  });

  it('at index time also yields the words inside long words, so short queries find them', () => {
    const { tokens, parts } = analyzeForIndex('软件开发工程师');
    expect(tokens).toEqual(['软件开发工程师']);
    expect(parts).toEqual(expect.arrayContaining(['软件', '开发', '工程师']));
  });

  it('turns text into character grams for exact phrases', () => {
    expect(charGrams('数字IC验证工程师')).toEqual(['数字', 'ic', '验证', '证工', '工程', '程师']);
    expect(charGrams('Node.js 开发')).toEqual(['node.js', '开发']);
    expect(charGrams('做')).toEqual(['做']);
  });

  it('normalises keywords for exact filtering', () => {
    expect(normalizeKeyword(' Node.JS ')).toBe('node.js');
    expect(normalizeKeyword('ＳｙｓｔｅｍＶｅｒｉｌｏｇ')).toBe('systemverilog');
  });
});

const JD_FILES = ['algorithm', 'hardware', 'program', 'software'];
const haveJd = hasShared(...JD_FILES.map((f) => `data/jd/jd_${f}.txt`));

describe.runIf(haveJd)('analyzer on the 4,304 real postings', () => {
  // A skipped describe still runs its body: read the files only when they are there.
  const lines = haveJd ? JD_FILES.flatMap((f) => readFileSync(new URL(`jd_${f}.txt`, JD_DIR), 'utf8').split('\n').filter(Boolean)) : [];

  it('reads them all', () => expect(lines.length).toBe(4304));

  it('never splits a Latin word into letters, and index tokens cover every query token', () => {
    let words = 0;
    const stop = loadStopWords();
    for (const line of lines) {
      const a = analyzeForIndex(line);
      const index = new Set([...a.tokens, ...a.parts]);
      // Negated requirements (无需打卡) are left out of the index on purpose: the rest must all be there.
      const kept = withoutNegated(normalizeText(line));
      const query = analyze(kept, 'query');
      for (const t of query) expect(index.has(t)).toBe(true);
      for (const w of kept.match(/[a-z]{2,}/g) ?? []) {
        if (stop.has(w)) continue;
        words++;
        if (!index.has(w) && ![...index].some((t) => t.includes(w))) throw new Error(`"${w}" lost in: ${line.slice(0, 120)}`);
      }
    }
    expect(words).toBeGreaterThan(10_000);
  });
});

describe('negated requirements in the index', () => {
  it('leaves out the words a cue negates, to the next punctuation, and keeps the rest', () => {
    expect(analyzeForIndex('无需销售经验，包吃住').tokens).toEqual(['无需', '包吃住']);
    expect(analyzeForIndex('不用出差 Java开发').tokens).not.toContain('出差');
    expect(analyzeForIndex('不用出差 Java开发').tokens).toContain('java');
    expect(analyzeForIndex('需要销售经验').tokens).toContain('销售');
    expect(analyzeForIndex('学历不限').tokens).toEqual(analyze('学历不限'));
  });

  it('keeps the character grams as written, so an exact phrase still matches', () => {
    expect(analyzeForIndex('无需销售经验', true).grams).toEqual(charGrams('无需销售经验'));
  });
});
