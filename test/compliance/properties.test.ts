import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createScreener, DEFAULT_RULEBOOK_DIR, loadRulebook, TEXT_FIELDS, type Posting } from '../../src/compliance/index.js';

const screener = createScreener(loadRulebook(DEFAULT_RULEBOOK_DIR));

// Fragments that exercise the rules, mixed with arbitrary Unicode (surrogates, combining marks, full-width …).
const FRAGMENTS = [
  '限男性', '男女不限', '35岁以下', '不要35+', '95后', '宝妈勿扰', '限汉族', '本地人优先', '不要河南人', '黄泛区',
  '乙肝勿扰', '身高170以上', '形象气质佳', '985/211', '统招', '全日制', '属虎', '试用期8个月', '押金500元',
  '不缴社保', '每天工作12小时', '月薪1500元', '，', '。', '、', '\n', ' ', '*', '·', '1.', '（2）', '：', '年满18周岁',
  '矿山井下', '妈妈岗', '少数民族适当照顾', '残疾人专岗', '健康证', '联系人王女士', '限 男 性', '㎝', '①', '𠀋', '\u200b',
];
const mixed = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 6 })), {
    maxLength: 400,
  })
  .map((parts) => parts.join('').slice(0, 20_000));

function checkInvariants(posting: Posting): void {
  const r = screener.check(posting);
  expect(['pass', 'review', 'reject']).toContain(r.verdict);
  for (const f of r.findings) {
    const text = posting[f.field] as string;
    expect(f.start).toBeGreaterThanOrEqual(0);
    expect(f.end).toBeGreaterThanOrEqual(f.start);
    expect(f.end).toBeLessThanOrEqual(text.length);
    expect(text.slice(f.start, f.end)).toBe(f.text);
  }
  const again = screener.findings({ ...posting, ...r.rewrite } as Posting).filter((f) => f.severity !== 'info');
  expect(again).toEqual([]);
}

describe('property: any input up to 20,000 characters', () => {
  it('never throws, spans are exact and inside the text, the rewrite re-checks clean', () => {
    fc.assert(fc.property(mixed, (description) => checkInvariants({ description })), { numRuns: 300 });
  });

  it('holds for arbitrary Unicode strings in every field', () => {
    const field = fc.string({ unit: 'binary', maxLength: 300 });
    fc.assert(
      fc.property(fc.tuple(...TEXT_FIELDS.map(() => field)), (values) => {
        const posting = Object.fromEntries(TEXT_FIELDS.map((k, i) => [k, values[i]])) as unknown as Posting;
        checkInvariants(posting);
      }),
      { numRuns: 200 },
    );
  });

  it('handles a 20,000-character posting', () => {
    const long = '任职要求：限男性，35岁以下，统招本科，乙肝勿扰。福利：五险一金，婚假产假。'.repeat(600).slice(0, 20_000);
    checkInvariants({ description: long });
    checkInvariants({ description: 'x'.repeat(20_000) });
    checkInvariants({ description: '男 '.repeat(10_000) });
  });
});
