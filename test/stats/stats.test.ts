import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/demo/index.js';
import { resumeInputSchema, type Resume } from '../../src/domain/resume.js';
import { vacancyInputSchema, type Vacancy } from '../../src/domain/vacancy.js';
import { resumeSpec, vacancySpec } from '../../src/indexing/service.js';
import { appFor, auth, KEYS } from '../support/app.js';
import { enginesUnderTest } from '../support/engines.js';

const NOW = new Date('2026-12-01T00:00:00+08:00');
const DISTRICTS = ['黄岛区', '崂山区', '市南区', '城阳区'];
const INDUSTRIES = ['集成电路', '船舶海工', '智能家电'];
const CODES = ['2-02-09-07', '2-02-10-03', '6-18-02-04', '6-24-01-01'];
const EDUCATION = ['不限', '大专', '本科'] as const;
const STATUSES = ['published', 'published', 'published', 'closed', 'draft'] as const;
const SALARIES = ['5000-7000元/月', '6-8K', '8-12K·13薪', '1-1.5万', '20-35K·14薪', '300元/天', '25元/小时', '面议', '4500元/月'];

/** 160 vacancies and 90 resumes from a fixed seed, plus two at the edges of a week (Sunday night, Monday morning). */
function dataset(): { vacancies: Vacancy[]; resumes: Resume[] } {
  const rng = new Rng(20261201);
  const pick = <T>(xs: readonly T[]): T => xs[rng.int(0, xs.length - 1)]!;
  const day = (d: number) => new Date(Date.parse('2026-06-01T09:00:00+08:00') + d * 86_400_000 + rng.int(0, 12) * 3_600_000).toISOString();
  const vacancies: Vacancy[] = [];
  for (let i = 0; i < 160; i++) {
    const input = vacancyInputSchema.parse({
      employer: { id: `e-${1 + (i % 7)}`, name: `雇主${i % 7}` }, title: `岗位${i}`, description: '测试岗位描述。',
      industry: pick(INDUSTRIES), occupationCode: pick(CODES), education: pick(EDUCATION), salary: pick(SALARIES),
      location: { district: pick(DISTRICTS) }, headcount: rng.int(1, 9), status: pick(STATUSES), publishedAt: day(rng.int(0, 180)),
    });
    vacancies.push(vacancySpec.build(`v-st-${i}`, input, NOW));
  }
  const edge = (id: string, at: string) => vacancySpec.build(id, vacancyInputSchema.parse({
    employer: { id: 'e-1', name: '雇主' }, title: '边界', description: '边界。', industry: '集成电路', occupationCode: '2-02-09-07', salary: '6-8K', location: { district: '黄岛区' }, headcount: 2, publishedAt: at,
  }), NOW);
  vacancies.push(edge('v-st-sun', '2026-11-01T23:30:00+08:00'), edge('v-st-mon', '2026-11-02T00:10:00+08:00'));
  const resumes: Resume[] = [];
  for (let i = 0; i < 90; i++) {
    const input = resumeInputSchema.parse({
      skills: ['测试'], desiredTitles: ['岗位'], desiredIndustries: rng.int(0, 2) ? [pick(INDUSTRIES)] : [], desiredDistricts: rng.int(0, 1) ? [pick(DISTRICTS)] : [],
      location: { district: pick(DISTRICTS) }, updatedAt: day(rng.int(0, 180)),
    });
    resumes.push(resumeSpec.build(`r-st-${i}`, input, NOW));
  }
  return { vacancies, resumes };
}

// ---- the reference: computed here straight from the documents, without the service's code ----

const pay = (v: Vacancy) => {
  const { monthlyMin: a, monthlyMax: b } = v.salary;
  return a === null && b === null ? null : a === null ? b! : b === null ? a : (a + b) / 2;
};
function refPercentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * (p / 100);
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return Math.round(s[lo]! + (s[hi]! - s[lo]!) * (h - lo));
}
/** Month (YYYY-MM-01) or Monday (YYYY-MM-DD) of an instant, in UTC+8. */
function refPeriod(iso: string, interval: 'week' | 'month'): string {
  const local = new Date(Date.parse(iso) + 8 * 3_600_000);
  if (interval === 'month') return `${local.toISOString().slice(0, 7)}-01`;
  const back = (local.getUTCDay() + 6) % 7;
  return new Date(local.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

const answers = new Map<string, Map<string, unknown>>();

describe.each(enginesUnderTest())('market statistics: $name', ({ name, make }) => {
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  const data = dataset();
  const seen = new Map<string, unknown>();
  answers.set(name, seen);

  const get = async (path: string, qs: Record<string, string>, key: string = KEYS.public) => {
    const url = `${path}?${new URLSearchParams(qs)}`;
    const res = await app.inject({ method: 'GET', url, headers: auth(key) });
    const body = res.json() as Record<string, unknown> & { errors?: Array<{ field: string }> };
    if (res.statusCode === 200) seen.set(url, body);
    return { status: res.statusCode, body };
  };

  beforeAll(async () => {
    let engine;
    ({ engine, cleanup } = await make());
    app = await appFor(engine, { STATS_MIN_COUNT: '20', SUGGEST_REFRESH_MS: '0' }, { now: NOW });
    const v = await app.deps.engine.upsert('vacancy', data.vacancies.map(vacancySpec.analyse));
    expect(v.every((r) => r.result === 'created')).toBe(true);
    const r = await app.deps.engine.upsert('resume', data.resumes.map(resumeSpec.analyse));
    expect(r.every((x) => x.result === 'created')).toBe(true);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await cleanup?.();
  });

  const refSalaries = (keep: (v: Vacancy) => boolean) => {
    const live = data.vacancies.filter((v) => v.status === 'published' && keep(v));
    const values = live.map(pay).filter((x): x is number => x !== null);
    return { count: values.length, withoutPay: live.length - values.length, values };
  };

  it.each([
    ['everything', {}, () => true],
    ['an occupation prefix', { occupationCode: '2-02' }, (v: Vacancy) => v.occupationCode!.startsWith('2-02-')],
    ['a district by its alias, and an education alias', { district: '西海岸新区', education: '专科' }, (v: Vacancy) => v.location.district === '黄岛区' && v.education === '大专'],
    ['an industry', { industry: '船舶海工' }, (v: Vacancy) => v.industry === '船舶海工'],
  ] as const)('salary percentiles equal those computed from the documents: %s', async (_label, qs, keep) => {
    const ref = refSalaries(keep);
    const { status, body } = await get('/v1/stats/salaries', qs as Record<string, string>);
    expect(status).toBe(200);
    expect(body).toMatchObject({ count: ref.count, withoutPay: ref.withoutPay, unit: '元/月', minCount: 20 });
    if (ref.count >= 20) {
      expect(body.sufficient).toBe(true);
      expect(body.percentiles).toEqual(Object.fromEntries([10, 25, 50, 75, 90].map((p) => [`p${p}`, refPercentile(ref.values, p)])));
    } else {
      expect(body).toMatchObject({ sufficient: false, percentiles: null });
    }
  });

  it('says there is too little data instead of a figure from a few postings', async () => {
    const ref = refSalaries((v) => v.location.district === '黄岛区' && v.industry === '集成电路' && v.occupationCode === '2-02-09-07' && v.education === '本科');
    expect(ref.count).toBeLessThan(20);
    const { status, body } = await get('/v1/stats/salaries', { district: '黄岛区', industry: '集成电路', occupationCode: '2-02-09-07', education: '本科' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ count: ref.count, sufficient: false, percentiles: null, filters: { district: '黄岛区', education: '本科' } });
    expect(body.detail).toMatch(/too little data/);
  });

  it.each([
    ['district', 'month'],
    ['industry', 'week'],
    ['occupation', 'month'],
  ] as const)('demand by %s per %s equals the counts of the documents', async (by, interval) => {
    const from = '2026-06-01';
    const to = '2026-11-30';
    const { status, body } = await get('/v1/stats/demand', { by, interval, from, to, size: '50' });
    expect(status).toBe(200);
    const inRange = (iso: string | undefined) => !!iso && Date.parse(iso) >= Date.parse(body.from as string) && Date.parse(iso) < Date.parse(body.to as string);
    const keyOf = (v: Vacancy) => (by === 'district' ? v.location.district : by === 'industry' ? v.industry! : v.occupationCode?.slice(0, 4));
    const expected = new Map<string, { vacancies: number; headcount: number }>();
    for (const v of data.vacancies) {
      if (v.status === 'draft' || !inRange(v.publishedAt)) continue;
      const k = `${keyOf(v)}|${refPeriod(v.publishedAt!, interval)}`;
      const e = expected.get(k) ?? { vacancies: 0, headcount: 0 };
      e.vacancies++;
      e.headcount += v.headcount;
      expected.set(k, e);
    }
    const supply = new Map<string, number>();
    for (const r of data.resumes) {
      if (!inRange(r.updatedAt)) continue;
      const keys = by === 'district' ? new Set([r.location.district, ...r.desiredDistricts]) : by === 'industry' ? new Set(r.desiredIndustries) : new Set<string>();
      for (const k of keys) supply.set(`${k}|${refPeriod(r.updatedAt, interval)}`, (supply.get(`${k}|${refPeriod(r.updatedAt, interval)}`) ?? 0) + 1);
    }
    const buckets = body.buckets as Array<{ key: string; periods: Array<{ period: string; vacancies: number; headcount: number; resumesUpdated: number | null; demandSupplyRatio: number | null }> }>;
    const got = new Map<string, { vacancies: number; headcount: number }>();
    for (const b of buckets) {
      for (const p of b.periods) {
        if (p.vacancies) got.set(`${b.key}|${p.period}`, { vacancies: p.vacancies, headcount: p.headcount });
        if (by === 'occupation') expect(p.resumesUpdated).toBeNull();
        else {
          const s = supply.get(`${b.key}|${p.period}`) ?? 0;
          expect(p.resumesUpdated, `${b.key} ${p.period}`).toBe(s);
          expect(p.demandSupplyRatio).toBe(s ? Math.round((p.headcount / s) * 100) / 100 : null);
        }
      }
    }
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(expected));
    const periods = (body.periods as Array<{ key: string }>).map((p) => p.key);
    if (interval === 'week') {
      expect(periods[0]).toBe('2026-06-01');
      expect(periods).toContain('2026-10-26');
      expect(periods).toContain('2026-11-02');
      // Sunday 23:30 (UTC+8) is in the week of Monday 26 October; Monday 00:10 starts the next one.
      const ic = buckets.find((b) => b.key === '集成电路')!;
      const count = (p: string) => ic.periods.find((x) => x.period === p)!.vacancies;
      expect(count('2026-10-26')).toBe(data.vacancies.filter((v) => v.industry === '集成电路' && v.status !== 'draft' && refPeriod(v.publishedAt!, 'week') === '2026-10-26').length);
      expect(count('2026-10-26')).toBeGreaterThanOrEqual(1);
      expect(count('2026-11-02')).toBeGreaterThanOrEqual(1);
    } else {
      expect(periods).toEqual(['2026-06-01', '2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01']);
    }
    const totals = body.totals as { total: { vacancies: number; resumesUpdated: number } };
    expect(totals.total.vacancies).toBe(data.vacancies.filter((v) => v.status !== 'draft' && inRange(v.publishedAt)).length);
    expect(totals.total.resumesUpdated).toBe(data.resumes.filter((r) => inRange(r.updatedAt)).length);
  });

  it('orders buckets by vacancies published, ties by key, and keeps `size` of them', async () => {
    const { body } = await get('/v1/stats/demand', { by: 'district', from: '2026-06-01', to: '2026-11-30', size: '2' });
    const buckets = body.buckets as Array<{ key: string; total: { vacancies: number } }>;
    expect(buckets).toHaveLength(2);
    expect(buckets[0]!.total.vacancies).toBeGreaterThanOrEqual(buckets[1]!.total.vacancies);
    const { body: catalog } = await get('/v1/stats/demand', { by: 'catalogEntry', interval: 'month' });
    expect((catalog.periods as unknown[]).length).toBe(12);
    expect(catalog.to).toBe('2027-01-01T00:00:00+08:00');
  });

  it('documents both routes and the suggestions in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, { get: { parameters: Array<{ name: string }>; responses: Record<string, unknown> } }> };
    const params = (path: string) => doc.paths[path]!.get.parameters.map((p) => p.name).sort();
    expect(params('/v1/stats/salaries')).toEqual(['district', 'education', 'industry', 'occupationCode']);
    expect(params('/v1/stats/demand')).toEqual(['by', 'from', 'interval', 'level', 'size', 'to']);
    expect(params('/v1/suggest')).toEqual(['kind', 'q', 'size']);
    for (const path of ['/v1/stats/salaries', '/v1/stats/demand', '/v1/suggest']) expect(Object.keys(doc.paths[path]!.get.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
  });

  it('refuses bad parameters with a problem naming the field, never a 500', async () => {
    const cases: Array<[string, Record<string, string>, string]> = [
      ['/v1/stats/salaries', { occupationCode: '2-2' }, 'occupationCode'],
      ['/v1/stats/salaries', { district: '上海' }, 'district'],
      ['/v1/stats/salaries', { education: '小学' }, 'education'],
      ['/v1/stats/salaries', { industry: '' }, 'industry'],
      ['/v1/stats/salaries', { salary: '1' }, 'salary'],
      ['/v1/stats/demand', { by: 'gender' }, 'by'],
      ['/v1/stats/demand', { interval: 'day' }, 'interval'],
      ['/v1/stats/demand', { from: '2026-13-01' }, 'from'],
      ['/v1/stats/demand', { to: 'yesterday' }, 'to'],
      ['/v1/stats/demand', { from: '2026-11-01', to: '2026-10-01' }, 'from'],
      ['/v1/stats/demand', { from: '2027-06-01' }, 'from'],
      ['/v1/stats/demand', { from: '2000-01-01', to: '2026-01-01' }, 'from'],
      ['/v1/stats/demand', { level: '5', by: 'occupation' }, 'level'],
      ['/v1/stats/demand', { size: '1000' }, 'size'],
    ];
    for (const [path, qs, field] of cases) {
      const { status, body } = await get(path, qs);
      expect(status, `${path} ${JSON.stringify(qs)}: ${JSON.stringify(body)}`).toBe(400);
      expect(body.errors?.[0]?.field, JSON.stringify(qs)).toBe(field);
    }
    expect((await app.inject({ method: 'GET', url: '/v1/stats/salaries' })).statusCode).toBe(401);
  });
});

describe('market statistics: both engines', () => {
  it('give the same answers on the same data', () => {
    const [a, b] = [...answers.values()];
    if (!b) return; // Elasticsearch not configured (CI always has it)
    expect(b.size).toBe(a!.size);
    for (const [url, body] of a!) expect(b.get(url), url).toEqual(body);
  });
});
