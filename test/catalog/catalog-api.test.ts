import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../src/catalog/load.js';
import type { CatalogInput } from '../../src/catalog/schema.js';
import { CatalogStore } from '../../src/catalog/store.js';
import { ElasticsearchCatalogRepository } from '../../src/catalog/repository-es.js';
import { ElasticsearchEngine } from '../../src/engine/elasticsearch/engine.js';
import type { Vacancy } from '../../src/domain/vacancy.js';
import { enginesUnderTest } from '../support/engines.js';
import { appFor, auth, KEYS, sharedScreener } from '../support/app.js';
import { seedDemoData } from '../../src/indexing/seed-demo.js';
import { fixtureResumeDocs, fixtureVacancyDocs } from '../support/index-docs.js';
import { demoApp } from '../matching/demo-app.js';
import { generateVacancies } from '../../src/demo/index.js';

type Json = Record<string, any>;
const clone = (): CatalogInput => JSON.parse(JSON.stringify(seedCatalog())) as CatalogInput;

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json: () => Json }, status: number, field: string) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
}

/** The catalog API on every engine: read, validate, replace, versions, re-link, gaps. */
describe.each(enginesUnderTest())('catalog API on $name', ({ make }) => {
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  const put = (payload: unknown, key: string = KEYS.admin) => app.inject({ method: 'PUT', url: '/v1/catalog', headers: auth(key), payload: payload as object });
  const get = async (url: string, key: string = KEYS.recruiter) => (await app.inject({ method: 'GET', url, headers: auth(key) })).json() as Json;

  beforeAll(async () => {
    let engine;
    ({ engine, cleanup } = await make());
    app = await demoApp(engine, { vacancies: 300, resumes: 300 });
  }, 120_000);
  afterAll(async () => { await app?.close(); await cleanup?.(); });

  it('serves the seed as revision 1, filtered by industry, kind and demand level', async () => {
    const all = await get('/v1/catalog', KEYS.public);
    expect(all).toMatchObject({ version: seedCatalog().version, revision: 1 });
    expect(all.entries).toHaveLength(seedCatalog().entries.length);
    const some = await get(`/v1/catalog?industry=${encodeURIComponent('集成电路')}&kind=key_industry&demandLevel=5&demandLevel=4`, KEYS.public);
    expect(some.entries.length).toBeGreaterThan(0);
    for (const e of some.entries) expect(e).toMatchObject({ industry: '集成电路', kind: 'key_industry', demandLevel: expect.toSatisfy((d: number) => d >= 4) });
    const sub = await get(`/v1/catalog?industry=${encodeURIComponent('跨境电商')}`, KEYS.public);
    expect(sub.entries.every((e: Json) => e.subIndustry === '跨境电商')).toBe(true);
  });

  it('refuses invalid catalogs with problem documents naming the field', async () => {
    const badCode = clone();
    badCode.entries[3]!.occupationCode = '2-02-38';
    expectProblem(await put(badCode), 400, 'entries.3.occupationCode');
    const unknownCode = clone();
    unknownCode.version = 'unknown-code';
    unknownCode.entries[7]!.occupationCode = '8-99-99-99';
    expectProblem(await put(unknownCode), 400, 'entries.7.occupationCode');
    const dup = clone();
    dup.entries[5]!.id = dup.entries[4]!.id;
    expectProblem(await put(dup), 400, 'entries.5.id');
    const salary = clone();
    salary.entries[2]!.salary = { min: 30000, max: 10000 };
    expectProblem(await put(salary), 400, 'entries.2.salary.min');
    const level = clone();
    level.entries[0]!.demandLevel = 9;
    expectProblem(await put(level), 400, 'entries.0.demandLevel');
    const { entries: _e, ...noEntries } = clone();
    expectProblem(await put(noEntries), 400, 'entries');
    const extra = { ...clone(), owner: 'me' };
    expectProblem(await put(extra), 400, 'owner');
    expect((await get('/v1/catalog/versions')).versions).toHaveLength(1);
  });

  it('accepts the current catalog again as a no-op', async () => {
    const res = await put(clone());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ revision: 1, changed: false });
  });

  it('replaces the catalog, keeps the previous version, re-links every document in the background and changes the links', async () => {
    const next = clone();
    next.version = '2026.1-test';
    // A new entry for couriers (not in the seed): after the re-link the demo couriers are linked to it.
    next.entries.push({
      id: 'logistics-courier', kind: 'skilled', industry: '现代服务业', subIndustry: '保税物流', occupation: '快递员', occupationCode: '4-02-07-08',
      titles: ['快递员', '快递派送员', '快递小哥'], skills: { required: ['派件', '揽收'], preferred: ['电动三轮车驾驶', '智能手机操作'] },
      education: '初中', majors: [], experienceYears: 0, salary: { min: 6000, max: 10000 }, demandLevel: 4, districts: ['市北区', '李沧区', '即墨区'],
    });
    const res = await put(next);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ revision: 2, version: '2026.1-test', changed: true, relink: { state: expect.stringMatching(/running|done/) } });
    // Searches keep working while the re-link runs.
    expect((await app.inject({ method: 'GET', url: '/v1/vacancies/search?q=%E5%BF%AB%E9%80%92', headers: auth(KEYS.public) })).statusCode).toBe(200);
    const progress = await app.deps.catalog.relink.settled();
    expect(progress).toMatchObject({ state: 'done', revision: 2, total: 600 });
    expect(progress.done).toBe(progress.total);
    const versions = await get('/v1/catalog/versions');
    expect(versions.current).toBe(2);
    expect(versions.versions.map((v: Json) => [v.revision, v.version, v.current])).toEqual([[1, seedCatalog().version, false], [2, '2026.1-test', true]]);
    expect(versions.relink).toMatchObject({ state: 'done', done: 600, total: 600, startedAt: expect.any(String), finishedAt: expect.any(String) });

    const hits = await get(`/v1/vacancies/search?q=${encodeURIComponent('快递员')}&size=50`, KEYS.public);
    const couriers = (hits.hits as Array<{ vacancy: Vacancy }>).filter((h) => h.vacancy.title === '快递员');
    expect(couriers.length).toBeGreaterThan(0);
    for (const h of couriers) {
      expect(h.vacancy.catalogLinks!.map((l) => l.entryId)).toContain('logistics-courier');
      expect(h.vacancy.catalogRevision).toBe(2);
    }
    const gaps = await get('/v1/catalog/gaps');
    const row = gaps.entries.find((e: Json) => e.entryId === 'logistics-courier');
    expect(row.demand.vacancies).toBe(couriers.length >= 1 ? row.demand.vacancies : 0);
    expect(row.demand.vacancies).toBeGreaterThanOrEqual(couriers.length);
    expect(row.supply.resumes).toBeGreaterThan(0);

    // Durable: the store reopened (from disk, or the shared index on Elasticsearch) has both versions and knows
    // everything is linked with revision 2.
    const engine = app.deps.catalog.engine;
    const reopened = engine instanceof ElasticsearchEngine
      ? await ElasticsearchCatalogRepository.open(engine, seedCatalog())
      : await CatalogStore.open(`${app.deps.config.DATA_DIR}/catalog`, seedCatalog());
    expect(reopened.list().map((v) => v.revision)).toEqual([1, 2]);
    expect(reopened.current().catalog.version).toBe('2026.1-test');
    expect(reopened.linkedRevision).toBe(2);
  }, 120_000);

  it('refuses a used version label with other content (409, field version)', async () => {
    const again = clone();
    again.version = '2026.1-test';
    expectProblem(await put(again), 409, 'version');
  });

  it('reports supply and demand per entry, with the skills near-miss candidates lack', async () => {
    const gaps = await get('/v1/catalog/gaps');
    expect(gaps).toMatchObject({ revision: 2, relinking: false, scanned: { resumes: 300 } });
    const withDemand = gaps.entries.filter((e: Json) => e.demand.vacancies > 0);
    expect(withDemand.length).toBeGreaterThan(10);
    for (const e of gaps.entries) {
      expect(e.ratio).toBe(e.supply.resumes ? Math.round((e.demand.headcount / e.supply.resumes) * 100) / 100 : null);
      for (const s of e.missingSkills) expect(s.count).toBeLessThanOrEqual(e.supply.resumes + e.supply.nearMiss);
    }
    expect(gaps.entries.some((e: Json) => e.missingSkills.length > 0)).toBe(true);
    const filtered = await get(`/v1/catalog/gaps?industry=${encodeURIComponent('集成电路')}`);
    expect(filtered.entries.every((e: Json) => e.industry === '集成电路')).toBe(true);
    // Aggregations: the same figures on every request.
    expect((await get('/v1/catalog/gaps')).entries).toEqual(gaps.entries);
  });

  it('counts a write in the very next report (aggregations, no cached walk)', async () => {
    const before = await get('/v1/catalog/gaps');
    const courier = (n: Json) => n.entries.find((e: Json) => e.entryId === 'logistics-courier');
    const written = generateVacancies(2000).find((v) => v.title === '快递员')!;
    const res = await app.inject({ method: 'PUT', url: '/v1/vacancies/v-gaps-refresh', headers: auth(KEYS.admin), payload: { ...written, id: 'v-gaps-refresh', headcount: 7, status: 'published' } });
    expect(res.statusCode, res.body).toBeLessThan(300);
    const after = await get('/v1/catalog/gaps');
    expect(courier(after).demand).toEqual({ vacancies: courier(before).demand.vacancies + 1, headcount: courier(before).demand.headcount + 7 });
    expect(after.scanned.vacancies).toBe(before.scanned.vacancies + 1);
  });
});

describe.each(enginesUnderTest())('the gap report from aggregations on $name', ({ make }) => {
  it('answers at once from the link-time keyword fields, the same as counting the stored links', async () => {
    const { engine, cleanup } = await make();
    const app = await appFor(engine);
    try {
      await seedDemoData(app.deps.engine, app.deps.catalog.pipeline, sharedScreener().screener, { vacancies: 300, resumes: 300 }, { progress: false });
      const res = await app.inject({ method: 'GET', url: '/v1/catalog/gaps', headers: auth(KEYS.recruiter) });
      expect(res.statusCode).toBe(200);
      const report = res.json();
      expect(report).toMatchObject({ scanned: { resumes: 300 }, relinking: false });
      // The same figures by reading every document's stored links (what the report used to walk).
      const resumes = (await app.deps.engine.search('resume', { filters: [], sort: 'newest', from: 0, size: 1000 })).hits.map((h) => h.source as Json);
      const vacancies = (await app.deps.engine.search('vacancy', { filters: [{ kind: 'terms', field: 'status', values: ['published'] }], sort: 'newest', from: 0, size: 1000 })).hits.map((h) => h.source as Json);
      for (const row of report.entries.slice(0, 20)) {
        const linked = resumes.filter((r) => (r.catalogLinks ?? []).some((l: Json) => l.entryId === row.entryId)).length;
        const near = resumes.filter((r) => (r.catalogNear ?? []).some((l: Json) => l.entryId === row.entryId)).length;
        const demand = vacancies.filter((v) => (v.catalogLinks ?? []).some((l: Json) => l.entryId === row.entryId));
        expect(row.supply).toEqual({ resumes: linked, nearMiss: near });
        expect(row.demand).toEqual({ vacancies: demand.length, headcount: demand.reduce((n, v) => n + (v.headcount ?? 1), 0) });
      }
    } finally {
      await app.close();
      await cleanup();
    }
  }, 120_000);
});

describe.each(enginesUnderTest())('linking at index time on $name', ({ make }) => {
  let cleanup: () => Promise<void>;
  let app: FastifyInstance;
  beforeAll(async () => {
    let engine;
    ({ engine, cleanup } = await make());
    // Written straight into the engine, as before catalogs existed: the boot re-link links them.
    await engine.upsert('vacancy', fixtureVacancyDocs());
    await engine.upsert('resume', fixtureResumeDocs());
    app = await appFor(engine, {}, { relinkAtStartup: true });
  });
  afterAll(async () => { await app?.close(); await cleanup?.(); });

  it('links documents found unlinked at boot, infers missing occupation codes and indexes them', async () => {
    const ic = (await app.deps.engine.get('vacancy', 'v-ic-1')) as Vacancy;
    expect(ic.catalogLinks!.map((l) => l.entryId)).toContain('ic-digital-verification');
    const ship = (await app.deps.engine.get('vacancy', 'v-ship-1')) as Vacancy;
    expect(ship.inferredOccupation).toMatchObject({ inferred: true, code: expect.stringMatching(/^6-/) });
    const res = await app.inject({ method: 'GET', url: `/v1/vacancies/search?occupationCode=${ship.inferredOccupation!.code}&relax=false`, headers: auth(KEYS.public) });
    expect(res.json().hits.map((h: { id: string }) => h.id)).toContain('v-ship-1');
    expect(app.deps.catalog.versions().relink.state).toBe('done');
  });

  it('links a vacancy written over HTTP, in the stored document and the catalog filter', async () => {
    const body = { employer: { id: 'e-0001', name: '青岛示例科技' }, title: '芯片验证工程师', description: '负责SoC验证，搭建UVM环境', skills: ['UVM', 'SystemVerilog'], location: { district: '黄岛区' } };
    const put = await app.inject({ method: 'PUT', url: '/v1/vacancies/v-new-1', headers: auth(KEYS.employer), payload: body });
    expect(put.statusCode).toBe(201);
    const stored = (await app.deps.engine.get('vacancy', 'v-new-1')) as Vacancy;
    // The PUT answers the document as stored, server-computed fields included, as GET shows it.
    expect(put.json().catalogLinks).toEqual(stored.catalogLinks);
    expect(put.json().inferredOccupation).toEqual(stored.inferredOccupation);
    expect(put.json()).toEqual((await app.inject({ method: 'GET', url: '/v1/vacancies/v-new-1', headers: auth(KEYS.employer) })).json());
    expect(stored.catalogLinks![0]!.entryId).toBe('ic-digital-verification');
    expect(stored.inferredOccupation?.inferred).toBe(true);
    const hits = await app.deps.engine.search('vacancy', { filters: [{ kind: 'terms', field: 'catalog', values: ['ic-digital-verification'] }], sort: 'newest', from: 0, size: 10 });
    expect(hits.hits.map((h) => h.id)).toContain('v-new-1');
  });
});
