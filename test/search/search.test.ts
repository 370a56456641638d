import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../support/engines.js';
import { appFor, auth, KEYS } from '../support/app.js';
import { fixtureResumeDocs, fixtureVacancyDocs } from '../support/index-docs.js';

type Body = { total: number; hits: Array<{ id: string; distanceKm?: number; highlight: { title: string[]; description: string[] }; resume?: Record<string, unknown> }>; facets: Record<string, Array<{ value: string; count: number }>>; applied: Record<string, unknown>; ignored: Array<{ param: string; value?: string; reason: string }>; relaxed: Array<{ step: string; hits: number }>; nextCursor?: string };

/** Search behaviour over HTTP, the same cases on every engine. */
describe.each(enginesUnderTest())('search on $name', ({ make }) => {
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  const get = async (path: string, key: string = KEYS.public) => {
    const res = await app.inject({ method: 'GET', url: path, headers: auth(key) });
    return { status: res.statusCode, body: res.json() as Body };
  };
  const ids = async (query: string) => (await get(`/v1/vacancies/search?${query}`)).body.hits.map((h) => h.id);

  beforeAll(async () => {
    let engine;
    ({ engine, cleanup } = await make());
    await engine.upsert('vacancy', fixtureVacancyDocs());
    await engine.upsert('resume', fixtureResumeDocs());
    app = await appFor(engine);
  });
  afterAll(async () => { await app?.close(); await cleanup?.(); });

  it('filters by district, accepting 西海岸新区 for 黄岛区, and echoes what it applied', async () => {
    const { body } = await get(`/v1/vacancies/search?district=${encodeURIComponent('西海岸新区')}&sort=newest`);
    expect(body.hits.map((h) => h.id)).toEqual(['v-ic-1', 'v-ship-1']);
    expect(body.applied).toMatchObject({ district: ['黄岛区'], sort: 'newest' });
  });

  it('lists unknown values and protected attributes as ignored, never silently', async () => {
    const { body } = await get(`/v1/vacancies/search?district=${encodeURIComponent('北京市')}&gender=${encodeURIComponent('男')}&employmentType=${encodeURIComponent('包月')}`);
    expect(body.ignored.map((i) => i.param).sort()).toEqual(['district', 'employmentType', 'gender']);
    expect(body.total).toBe(5);
  });

  it.each([
    ['education=大专', ['v-ops-1', 'v-ship-1', 'v-trad-1']],
    ['salaryMin=15k', ['v-java-1', 'v-ic-1', 'v-trad-1']],
    ['salaryMin=1.9万', ['v-ic-1']],
    ['salaryMax=6000', ['v-ops-1']],
    ['salaryMin=6500', ['v-java-1', 'v-ic-1', 'v-ship-1', 'v-trad-1']],
    ['salaryMin=200元/天&salaryMax=6000', ['v-ops-1']],
    ['occupationCode=2-02', ['v-java-1', 'v-ic-1']],
    ['occupationCode=2-02-10', ['v-java-1']],
    ['tag=妈妈岗', ['v-ops-1']],
    ['experienceYears=2', ['v-java-1', 'v-ops-1', 'v-ship-1', 'v-trad-1']],
    ['industry=船舶海工&industry=智能家电', ['v-ops-1', 'v-ship-1']],
    ['employerId=e-0002', ['v-java-1']],
  ])('filter %s', async (query, expected) => {
    const q = query.split('&').map((kv) => kv.split('=').map(encodeURIComponent).join('=')).join('&');
    expect(await ids(`${q}&sort=newest&relax=false`)).toEqual(expected);
  });

  it('keeps other places out of a distance filter and reports distances', async () => {
    const { body } = await get('/v1/vacancies/search?lat=36.1&lon=120.46&radiusKm=5&sort=distance');
    expect(body.hits.map((h) => h.id)).toEqual(['v-java-1']);
    expect(body.hits[0]!.distanceKm).toBeGreaterThan(0.5);
    expect(body.hits[0]!.distanceKm).toBeLessThan(1.5);
    const circle = await get('/v1/vacancies/search?lat=36.30&lon=120.39&circle=15min&relax=false');
    expect(circle.body.hits.map((h) => h.id)).toEqual(['v-ops-1']);
    expect(circle.body.applied).toMatchObject({ radiusKm: 3, circle: '15min' });
    const all = await get('/v1/vacancies/search?lat=36.1&lon=120.46&sort=distance');
    expect(all.body.hits[0]!.id).toBe('v-java-1');
    expect(all.body.hits.map((h) => h.id)).toContain('v-ship-1');
  });

  it('counts facets over the filtered set, each ignoring its own filter', async () => {
    const { body } = await get(`/v1/vacancies/search?district=${encodeURIComponent('黄岛区')}&tag=${encodeURIComponent('零工')}`);
    expect(body.total).toBe(1);
    const district = Object.fromEntries(body.facets.district!.map((f) => [f.value, f.count]));
    expect(district).toEqual({ 黄岛区: 1 });
    const tags = Object.fromEntries(body.facets.tag!.map((f) => [f.value, f.count]));
    expect(tags).toEqual({ 零工: 1 });
    const all = await get(`/v1/vacancies/search?district=${encodeURIComponent('黄岛区')}`);
    expect(Object.fromEntries(all.body.facets.district!.map((f) => [f.value, f.count]))).toMatchObject({ 黄岛区: 2, 崂山区: 1, 城阳区: 1, 即墨区: 1 });
    expect(all.body.facets.salary!.reduce((n, f) => n + f.count, 0)).toBe(2);
    expect(Object.keys(all.body.facets).sort()).toEqual(['district', 'education', 'employmentType', 'industry', 'salary', 'tag']);
  });

  it('sorts by salary and newest', async () => {
    expect(await ids('sort=salary')).toEqual(['v-ic-1', 'v-java-1', 'v-trad-1', 'v-ship-1', 'v-ops-1']);
    expect(await ids('sort=newest')).toEqual(['v-java-1', 'v-ops-1', 'v-ic-1', 'v-ship-1', 'v-trad-1']);
  });

  it('walks every result with a cursor, matching page-by-page results', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 5; i++) {
      const { body } = await get(`/v1/vacancies/search?q=${encodeURIComponent('工程师')}&size=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...body.hits.map((h) => h.id));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    const paged = await ids(`q=${encodeURIComponent('工程师')}&size=10`);
    expect(seen).toEqual(paged);
    expect(seen.length).toBe(3);
    const wrong = await get(`/v1/vacancies/search?q=java&size=1&cursor=${(await get(`/v1/vacancies/search?q=${encodeURIComponent('工程师')}&size=1`)).body.nextCursor}`);
    expect(wrong.status).toBe(400);
  });

  it('relaxes step by step when nothing matches, and says so', async () => {
    const { body } = await get(`/v1/vacancies/search?q=${encodeURIComponent('焊接')}&tag=${encodeURIComponent('妈妈岗')}&education=${encodeURIComponent('初中')}`);
    expect(body.relaxed).toEqual([{ step: expect.stringContaining('妈妈岗'), hits: 1 }]);
    expect(body.hits.map((h) => h.id)).toEqual(['v-ship-1']);
    const words = await get(`/v1/vacancies/search?q=${encodeURIComponent('焊接 java')}`);
    expect(words.body.relaxed).toEqual([{ step: expect.stringContaining('部分关键词'), hits: 2 }]);
    const none = await get(`/v1/vacancies/search?q=${encodeURIComponent('焊接')}&tag=${encodeURIComponent('妈妈岗')}&relax=false`);
    expect(none.body).toMatchObject({ total: 0, relaxed: [] });
  });

  it('widens the radius before giving up on place', async () => {
    const { body } = await get('/v1/vacancies/search?lat=36.12&lon=120.47&radiusKm=0.5');
    expect(body.relaxed[0]).toEqual({ step: expect.stringContaining('1公里'), hits: 0 });
    expect(body.relaxed[1]).toEqual({ step: expect.stringContaining('2公里'), hits: 1 });
    expect(body.hits.map((h) => h.id)).toEqual(['v-java-1']);
  });

  it('understands synonyms, phrases and exclusions, and highlights matches', async () => {
    expect(await ids(`q=${encodeURIComponent('操作工')}`)).toEqual(['v-ops-1']);
    expect(await ids(`q=${encodeURIComponent('"数字IC验证"')}`)).toEqual(['v-ic-1']);
    expect(await ids(`q=${encodeURIComponent('"IC数字"')}&relax=false`)).toEqual([]);
    expect(await ids(`q=${encodeURIComponent('工程师 -java')}`)).not.toContain('v-java-1');
    const { body } = await get(`/v1/vacancies/search?q=${encodeURIComponent('UVM 验证')}`);
    expect(body.hits[0]!.highlight.title[0]).toContain('<em>验证</em>');
    expect(body.hits[0]!.highlight.description.join('')).toContain('<em>UVM</em>');
  });

  it('ranks a title match above a description-only match', async () => {
    const hits = await ids(`q=${encodeURIComponent('焊接')}`);
    expect(hits[0]).toBe('v-ship-1');
  });

  it('masks resumes for recruiters and never returns protected attributes', async () => {
    const { body, status } = await get(`/v1/resumes/search?q=${encodeURIComponent('验证')}&gender=${encodeURIComponent('男')}&tag=x`, KEYS.recruiter);
    expect(status).toBe(200);
    expect(body.hits.map((h) => h.id)).toEqual(['r-1']);
    const r = body.hits[0]!.resume!;
    expect(r).toMatchObject({ name: '张*', phone: '138****5678' });
    for (const f of ['gender', 'birthYear', 'hukou', 'ethnicity', 'maritalStatus']) expect(r).not.toHaveProperty(f);
    expect(body.ignored.map((i) => i.param).sort()).toEqual(['gender', 'tag']);
    const consent = await get('/v1/resumes/search?q=java', KEYS.recruiter);
    expect(consent.body.hits[0]!.resume).toMatchObject({ name: '李娜', phone: '13987654321' });
    expect((await get('/v1/resumes/search?q=java', KEYS.public)).status).toBe(403);
  });

  it('filters resumes by minimum education and experience, and desired districts', async () => {
    expect((await get('/v1/resumes/search?education=本科'.replace('本科', encodeURIComponent('本科')), KEYS.recruiter)).body.hits.map((h) => h.id)).toEqual(['r-1']);
    expect((await get('/v1/resumes/search?experienceYears=3', KEYS.recruiter)).body.hits.map((h) => h.id)).toEqual(['r-1']);
    expect((await get(`/v1/resumes/search?district=${encodeURIComponent('市南区')}`, KEYS.recruiter)).body.hits.map((h) => h.id)).toEqual(['r-2']);
  });

  it.each([
    ['size=1000', 'size'],
    ['radiusKm=5', 'radiusKm'],
    ['lat=36.1', 'lon'],
    ['salaryMin=9000&salaryMax=5000', 'salaryMin'],
    [`q=${'字'.repeat(10_000)}`, 'q'],
    ['sort=distance', 'sort'],
    ['page=500&size=100', 'page'],
    ['cursor=garbage', 'cursor'],
    ['colour=red', 'colour'],
    ['page=0', 'page'],
  ])('answers 400 naming the parameter for %s', async (query, field) => {
    const q = query.split('&').map((kv) => kv.split('=').map(encodeURIComponent).join('=')).join('&');
    const res = await app.inject({ method: 'GET', url: `/v1/vacancies/search?${q}`, headers: auth(KEYS.public) });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
