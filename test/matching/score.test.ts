import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedCatalog } from '../../src/catalog/load.js';
import { PROTECTED_FIELDS, PERSONAL_FIELDS, type Resume } from '../../src/domain/resume.js';
import { scoreMatch, type MatchContext, type MatchResult } from '../../src/matching/score.js';
import { parseSynonyms } from '../../src/analysis/skills.js';
import { BASE, FACTORS, FIFTEEN_MINUTE_KM, WEIGHTS } from '../../src/matching/weights.js';
import { createClassifier } from '../../src/occupations/classifier.js';
import { builtinTaxonomy } from '../../src/occupations/taxonomy.js';
import { IC_RESUME, IC_VACANCY, NOW, resume, vacancy } from './docs.js';

const ctx: MatchContext = { now: NOW, catalog: seedCatalog(), classifier: createClassifier(builtinTaxonomy()) };
const sum = (r: MatchResult) => r.breakdown.reduce((s, b) => s + b.contribution, 0);
const item = (r: MatchResult, f: string) => r.breakdown.find((b) => b.factor === f)!;

function expectWellFormed(r: MatchResult): void {
  expect(Math.abs(sum(r) - r.score)).toBeLessThanOrEqual(0.01);
  expect(r.score).toBeGreaterThanOrEqual(0);
  expect(r.score).toBeLessThanOrEqual(100);
  expect(r.breakdown[0]).toMatchObject({ factor: 'base', weight: BASE, value: 1, contribution: BASE });
  for (const b of r.breakdown.slice(1)) {
    expect(b.weight).toBe(WEIGHTS[b.factor as keyof typeof WEIGHTS]);
    if (b.value === null) {
      expect(b.contribution).toBe(0);
      expect(b.reason).toContain('未知');
    } else {
      expect(b.value).toBeGreaterThanOrEqual(-1);
      expect(b.value).toBeLessThanOrEqual(1);
      expect(Math.abs(b.contribution - b.weight * b.value)).toBeLessThanOrEqual(0.005 + 1e-9);
    }
    expect(b.reason).not.toMatch(/match/i);
  }
}

describe('scoreMatch', () => {
  it('has a base and weights that sum to 100 and a breakdown that adds up to the score', () => {
    expect(Math.round((BASE + Object.values(WEIGHTS).reduce((a, b) => a + b, 0)) * 100) / 100).toBe(100);
    for (const w of Object.values(WEIGHTS)) expect(w).toBeGreaterThanOrEqual(0);
    const r = scoreMatch(IC_VACANCY(), IC_RESUME(), ctx);
    expectWellFormed(r);
    expect(r.breakdown.map((b) => b.factor)).toEqual(['base', ...FACTORS]);
  });

  it('explains a good match in short Chinese sentences and lists what is missing', () => {
    const r = scoreMatch(IC_VACANCY(), IC_RESUME(), ctx);
    expect(r.score).toBeGreaterThan(70);
    expect(item(r, 'skills').reason).toBe('技能匹配 4/5：Verilog、FPGA、数字电路、C；缺少 UVM');
    expect(r.missingSkills).toEqual(['UVM']);
    expect(r.catalog[0]).toEqual({ id: 'ic-digital-verification', occupation: '数字IC验证工程师', demandLevel: 5 });
    expect(r.catalogMissingSkills).toContain('UVM');
    expect(r.catalogMissingSkills).not.toContain('Verilog');
  });

  it('scores an empty profile near the base: what it does not state neither rewards nor punishes', () => {
    const r = scoreMatch(IC_VACANCY(), resume({ id: 'r-empty' }), ctx);
    expectWellFormed(r);
    expect(r.score).toBeLessThan(scoreMatch(IC_VACANCY(), IC_RESUME(), ctx).score);
    expect(Math.abs(r.score - BASE)).toBeLessThan(15);
    for (const f of ['skills', 'title', 'salary', 'education', 'seniority']) {
      expect(item(r, f).value).toBeNull();
      expect(item(r, f).reason).toContain('未知');
    }
  });

  it('gives the same result for the same pair every time, whichever side asks', () => {
    const a = scoreMatch(IC_VACANCY(), IC_RESUME(), ctx);
    const b = scoreMatch(structuredClone(IC_VACANCY()), structuredClone(IC_RESUME()), { ...ctx });
    expect(b).toEqual(a);
    // the seeker's list of vacancies and the vacancy's list of candidates score the pair with the same call
    const forSeeker = [IC_VACANCY(), vacancy({ id: 'v-x', title: '会计' })].map((v) => scoreMatch(v, IC_RESUME(), ctx));
    const forVacancy = [IC_RESUME(), resume({ id: 'r-x' })].map((r) => scoreMatch(IC_VACANCY(), r, ctx));
    expect(forSeeker[0]).toEqual(forVacancy[0]);
  });

  it('never reads protected or personal attributes (fairness)', () => {
    const base = IC_RESUME();
    const expected = scoreMatch(IC_VACANCY(), base, ctx);
    const changed: Resume = { ...base, gender: '女', birthYear: 1968, ethnicity: '回族', maritalStatus: '未婚', hukou: '甘肃兰州', name: '王五', phone: '13000000000', email: 'w@example.com', idNumber: '620100196801011111' };
    expect(scoreMatch(IC_VACANCY(), changed, ctx)).toEqual(expected);
    const removed: Resume = { ...base };
    for (const f of [...PROTECTED_FIELDS, ...PERSONAL_FIELDS]) delete removed[f];
    expect(scoreMatch(IC_VACANCY(), removed, ctx)).toEqual(expected);
    const forbidden = new Set<PropertyKey>([...PROTECTED_FIELDS, ...PERSONAL_FIELDS]);
    const trap = new Proxy(base, { get(t, k, r) { if (forbidden.has(k)) throw new Error(`read ${String(k)}`); return Reflect.get(t, k, r); } });
    expect(scoreMatch(IC_VACANCY(), trap, ctx)).toEqual(expected);
  });

  it('counts 妈妈岗, 荣军岗 and 残疾人友好 only for seekers who opted in', () => {
    const v = vacancy({ id: 'v-m', title: '小家电组装工', tags: ['妈妈岗', '荣军岗'] });
    const off = scoreMatch(v, resume({ id: 'r-n', skills: ['装配'] }), ctx);
    expect(item(off, 'programs').value).toBe(0);
    expect(item(scoreMatch(v, resume({ id: 'r-m', programs: ['宝妈'] }), ctx), 'programs').value).toBe(1);
    expect(item(scoreMatch(v, resume({ id: 'r-v', programs: ['退役军人'] }), ctx), 'programs').value).toBe(1);
    expect(item(scoreMatch(v, resume({ id: 'r-d', programs: ['残疾人'] }), ctx), 'programs').value).toBe(0);
    expect(item(scoreMatch(v, resume({ id: 'r-g', programs: ['高校毕业生'] }), ctx), 'programs').value).toBe(0);
  });

  it(`treats ${FIFTEEN_MINUTE_KM} km as the 15-minute circle and falls off with distance`, () => {
    const v = vacancy({ id: 'v-g', location: { district: '市南区', lat: 36.0671, lon: 120.3826 } });
    const near = item(scoreMatch(v, resume({ id: 'r-a', location: { district: '市南区', lat: 36.08, lon: 120.39 } }), ctx), 'location');
    const far = item(scoreMatch(v, resume({ id: 'r-b', location: { district: '即墨区', lat: 36.3893, lon: 120.4473 } }), ctx), 'location');
    expect(near.value).toBe(1);
    expect(near.reason).toContain('15 分钟生活圈');
    expect(far.value!).toBeLessThan(-0.6);
    const byDistrict = item(scoreMatch(vacancy({ id: 'v-d', location: { district: '黄岛区' } }), resume({ id: 'r-c', location: { district: '市南区' }, desiredDistricts: ['黄岛区'] }), ctx), 'location');
    expect(byDistrict.value).toBe(0.8);
  });

  it('compares skills through the synonyms', () => {
    const skills = parseSynonyms('SystemVerilog, SV\n二氧化碳保护焊,二保焊,CO2焊\n');
    const v = vacancy({ id: 'v-s', title: '电焊工', skills: ['二保焊', 'SV'] });
    const r = resume({ id: 'r-s', skills: ['CO2焊', 'systemverilog'] });
    expect(item(scoreMatch(v, r, { ...ctx, skills }), 'skills').value).toBe(1);
    expect(item(scoreMatch(v, r, { ...ctx, skills: parseSynonyms('') }), 'skills').value).toBe(-1);
  });

  it('says 未知 when the vacancy is negotiable or the catalog is not wired', () => {
    const r = scoreMatch(vacancy({ id: 'v-n', salary: '面议' }), IC_RESUME(), { now: NOW });
    expect(item(r, 'salary')).toMatchObject({ value: null, contribution: 0 });
    expect(item(r, 'catalog')).toMatchObject({ value: null, contribution: 0 });
    expect(r.catalog).toEqual([]);
    expectWellFormed(r);
  });
});

describe('scoreMatch on arbitrary inputs', () => {
  const districts = ['市南区', '黄岛区', '即墨区', '平度市', '火星区'];
  const words = ['Java', 'UVM', '焊工证', '电焊', '叉车', '养老护理', '', ' ', 'C', 'java', '数据分析'];
  const pick = <T,>(xs: readonly T[]) => fc.constantFrom(...xs);
  it('never throws and stays well formed', () => {
    fc.assert(fc.property(
      fc.record({
        title: fc.oneof(fc.string({ maxLength: 30 }), pick(['普工（包吃住）', 'Java后端开发', '船舶电焊工'])),
        skills: fc.array(pick(words), { maxLength: 6 }),
        vd: pick(districts), rd: pick(districts),
        vmin: fc.option(fc.integer({ min: 0, max: 50_000 })), want: fc.option(fc.integer({ min: 0, max: 50_000 })),
        exp: fc.option(fc.double({ min: 0, max: 50, noNaN: true })), years: fc.array(fc.double({ min: 0, max: 60, noNaN: true }), { maxLength: 3 }),
        edu: pick(['不限', '初中', '本科', '博士', '未知']), redu: pick(['不限', '大专', '硕士']),
        lat: fc.option(fc.double({ min: -90, max: 90, noNaN: true })), published: fc.option(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })),
        tags: fc.array(pick(['妈妈岗', '荣军岗', '残疾人友好', '急招']), { maxLength: 3 }), programs: fc.subarray(['宝妈', '退役军人', '残疾人', '高校毕业生']),
        withCtx: fc.boolean(),
      }),
      (x) => {
        const v = { ...IC_VACANCY(), title: x.title, skills: x.skills, education: x.edu as never, experienceYearsMin: x.exp ?? undefined, tags: x.tags,
          location: { district: x.vd, ...(x.lat !== null ? { lat: x.lat, lon: 120 } : {}) },
          salary: { ...IC_VACANCY().salary, monthlyMin: x.vmin, monthlyMax: x.vmin === null ? null : x.vmin + 1000 },
          publishedAt: x.published?.toISOString(), occupationCode: undefined };
        const r = { ...IC_RESUME(), skills: x.skills.slice().reverse(), education: x.redu as never, desiredTitles: x.title ? [x.title] : [],
          experience: x.years.map((y) => ({ title: x.title || '工人', years: y })), location: { district: x.rd },
          expectedSalary: { ...IC_RESUME().expectedSalary, monthlyMin: x.want, monthlyMax: x.want }, programs: x.programs as never };
        expectWellFormed(scoreMatch(v, r, x.withCtx ? ctx : { now: NOW }));
      },
    ), { numRuns: 300 });
  });
});
