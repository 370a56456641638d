import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISTRICT_NAMES } from '../../src/domain/districts.js';
import { EDUCATION_LEVELS } from '../../src/domain/education.js';
import { zodIssuesToFieldErrors } from '../../src/domain/issues.js';
import { matchQuerySchema } from '../../src/routes/match-schema.js';
import { interpretFilters } from '../../src/search/filters.js';
import { MAX_WINDOW, parseMonthlyAmount, searchQuerySchema, SORTS, type SearchParams } from '../../src/search/params.js';
import { parseTextQuery } from '../../src/search/text-query.js';
import { anyUnits, hostileText, runs } from './arbitraries.js';

const RUNS = runs();
const LIST_PARAMS = ['district', 'industry', 'occupationCode', 'employmentType', 'tag', 'employerId', 'compliance'] as const;

const numberish = fc.oneof(
  fc.integer({ min: -1000, max: 20_000 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.constantFrom('', ' ', '0', '-0', '1e400', 'NaN', 'Infinity', '0x10', '1_000', '١٢', '３', '20.5', '+5', '.5', '5.'),
);
const word = fc.oneof(
  fc.constantFrom(...DISTRICT_NAMES, '西海岸新区', '青岛市崂山区', ...EDUCATION_LEVELS, '专科', '全职', '兼职', '妈妈岗', 'pass', 'review', '2-02', '2-02-10-03', '9-99'),
  fc.constantFrom('8000', '8k', '1.2万', '300元/天', '25元/小时', '面议', '9'.repeat(30), '12-18K'),
  fc.constantFrom('relevance', 'newest', 'salary', 'distance', '15min', 'true', 'false', 'on', 'off'),
  hostileText(6),
  anyUnits(30),
);
const value = fc.oneof({ weight: 3, arbitrary: fc.oneof(word, numberish) }, { weight: 1, arbitrary: fc.array(fc.oneof(word, numberish), { maxLength: 25 }) });
const KEYS = [
  'q', ...LIST_PARAMS, 'education', 'experienceYears', 'salaryMin', 'salaryMax', 'postedWithinDays', 'lat', 'lon', 'radiusKm', 'circle', 'sort',
  'page', 'size', 'cursor', 'facets', 'relax', 'gender', 'birthYear', 'age', 'ethnicity', 'maritalStatus', 'hukou',
];
/** A query string as the HTTP layer hands it over: known and unknown keys, strings or repeated values. */
const rawQuery = fc.dictionary(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), value, { maxKeys: 10 });
/** Mostly-valid queries: the parameters the front-ends send, so the success path is well covered. */
const plausibleQuery = fc.record({
  q: fc.oneof(fc.constantFrom('Java开发', '"数字IC" -实习', '普工 包吃住', '电工'), hostileText(5)),
  district: fc.array(fc.constantFrom(...DISTRICT_NAMES, '西海岸新区', '火星'), { maxLength: 3 }),
  education: fc.constantFrom(...EDUCATION_LEVELS, '研究生'),
  salaryMin: fc.constantFrom('5000', '8k', '1万', '200元/天'),
  lat: fc.double({ min: 35, max: 37, noNaN: true }).map(String),
  lon: fc.double({ min: 119, max: 121, noNaN: true }).map(String),
  radiusKm: fc.integer({ min: 1, max: 500 }).map(String),
  sort: fc.constantFrom(...SORTS),
  page: fc.integer({ min: 1, max: 50 }).map(String),
  size: fc.integer({ min: 1, max: 100 }).map(String),
  facets: fc.constantFrom('true', 'false'),
}, { requiredKeys: [] });

/** Parsed parameters written back as a query string would carry them. */
function serialize(p: SearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(p)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) { if (v.length) out[k] = v.map(String); } else out[k] = String(v);
  }
  return out;
}

function checkBounds(p: SearchParams) {
  expect(Number.isInteger(p.size) && p.size >= 1 && p.size <= 100).toBe(true);
  expect(Number.isInteger(p.page) && p.page >= 1).toBe(true);
  if (!p.cursor) expect(p.page * p.size).toBeLessThanOrEqual(MAX_WINDOW);
  expect(SORTS).toContain(p.sort);
  expect(typeof p.facets).toBe('boolean');
  expect(typeof p.relax).toBe('boolean');
  if (p.q !== undefined) expect(p.q.length).toBeLessThanOrEqual(256);
  for (const k of LIST_PARAMS) {
    expect(p[k].length).toBeLessThanOrEqual(20);
    for (const s of p[k]) expect(s.length > 0 && s === s.trim()).toBe(true);
  }
  if (p.lat !== undefined) expect(p.lat >= -90 && p.lat <= 90 && p.lon! >= -180 && p.lon! <= 180).toBe(true);
  if (p.radiusKm !== undefined) expect(p.radiusKm > 0 && p.radiusKm <= 500 && p.lat !== undefined).toBe(true);
  if (p.experienceYears !== undefined) expect(p.experienceYears >= 0 && p.experienceYears <= 60).toBe(true);
  if (p.postedWithinDays !== undefined) expect(Number.isInteger(p.postedWithinDays) && p.postedWithinDays >= 1 && p.postedWithinDays <= 3650).toBe(true);
  if (p.sort === 'distance') expect(p.lat).toBeDefined();
}

describe('property: the search-parameter parser', () => {
  it('never throws: anything is either parsed within the documented bounds or refused with named fields', () => {
    fc.assert(fc.property(fc.oneof(rawQuery, plausibleQuery), (q) => {
      const r = searchQuerySchema.safeParse(q);
      if (r.success) checkBounds(r.data);
      else {
        expect(r.error.issues.length).toBeGreaterThan(0);
        for (const e of zodIssuesToFieldErrors(r.error.issues as never, 'query')) expect(e.field.length).toBeGreaterThan(0);
      }
    }), RUNS);
  });

  it('regression: a parameter with an empty name is refused with a named field', () => {
    const r = searchQuerySchema.safeParse({ '': 'relevance' });
    expect(r.success).toBe(false);
    expect(zodIssuesToFieldErrors(r.error!.issues as never, 'query')).toEqual([{ field: '(empty name)', location: 'query', reason: 'unknown field' }]);
  });

  it('parsed, written back and parsed again gives the same parameters', () => {
    fc.assert(fc.property(fc.oneof(rawQuery, plausibleQuery), (q) => {
      const r = searchQuerySchema.safeParse(q);
      if (!r.success) return;
      const again = searchQuerySchema.safeParse(serialize(r.data));
      expect(again.success).toBe(true);
      // JSON: -0 and 0 are the same parameter.
      expect(JSON.stringify(again.data)).toBe(JSON.stringify(r.data));
    }), RUNS);
  });

  it('interpreting parsed parameters never throws; applied values are canonical and finite', () => {
    fc.assert(fc.property(fc.oneof(rawQuery, plausibleQuery), (q) => {
      const r = searchQuerySchema.safeParse(q);
      if (!r.success) return;
      for (const kind of ['vacancy', 'resume'] as const) {
        const it = interpretFilters(kind, r.data, Date.UTC(2025, 0, 1));
        const districts = (it.applied.district ?? []) as string[];
        for (const d of districts) expect(DISTRICT_NAMES).toContain(d);
        for (const k of ['salaryMin', 'salaryMax'] as const) {
          const v = it.applied[k];
          if (v !== undefined) expect(Number.isFinite(v) && (v as number) >= 0).toBe(true);
        }
        for (const i of it.ignored) expect(i.param.length && i.reason.length).toBeTruthy();
        if (kind === 'resume') expect(it.filters.some((f) => ['tag', 'employerId', 'occupationCode', 'compliance'].includes(f.param))).toBe(false);
      }
      const text = r.data.q ? parseTextQuery(r.data.q) : undefined;
      for (const group of text?.groups ?? []) {
        expect(group.length).toBeGreaterThan(0);
        for (const alt of group) {
          if ('term' in alt) expect(alt.term.length).toBeGreaterThan(0);
          if ('phrase' in alt) expect(alt.phrase.length).toBeGreaterThan(0);
          if ('all' in alt) expect(alt.all.length).toBeGreaterThan(1);
        }
      }
      for (const h of text?.highlight ?? []) expect(h.length).toBeGreaterThan(0);
    }), RUNS);
  });

  it('a monthly amount is finite and non-negative, or not read', () => {
    fc.assert(fc.property(fc.oneof(word, numberish, fc.integer({ min: 1, max: 400 }).map((n) => '9'.repeat(n))), (s) => {
      const v = parseMonthlyAmount(s);
      if (v !== undefined) expect(Number.isFinite(v) && v >= 0).toBe(true);
    }), RUNS);
    // Regression: 400 digits used to read as Infinity.
    expect(parseMonthlyAmount('9'.repeat(400))).toBeUndefined();
  });

  it('text queries of any shape parse without throwing', () => {
    fc.assert(fc.property(fc.oneof(hostileText(30), anyUnits(256), fc.constantFrom('"', '""', '"-"', '- -', '-"a"', '--x', '“', '「」')), (q) => {
      parseTextQuery(q);
    }), RUNS);
  });
});

describe('property: the match-parameter parser', () => {
  it('never throws; parsed values are within bounds and round-trip', () => {
    const keys = fc.constantFrom('size', 'district', 'radiusKm', 'personalization', 'explain', 'x');
    fc.assert(fc.property(fc.dictionary(keys, value, { maxKeys: 6 }), (q) => {
      const r = matchQuerySchema.safeParse(q);
      if (!r.success) return;
      const p = r.data;
      expect(Number.isInteger(p.size) && p.size >= 1 && p.size <= 100).toBe(true);
      expect(p.district.length).toBeLessThanOrEqual(10);
      for (const d of p.district) expect(DISTRICT_NAMES).toContain(d);
      if (p.radiusKm !== undefined) expect(p.radiusKm > 0 && p.radiusKm <= 500).toBe(true);
      const back = { size: String(p.size), personalization: p.personalization, explain: String(p.explain), ...(p.district.length ? { district: p.district } : {}), ...(p.radiusKm !== undefined ? { radiusKm: String(p.radiusKm) } : {}) };
      expect(matchQuerySchema.parse(back)).toEqual(p);
    }), RUNS);
  });
});
