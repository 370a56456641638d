import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSearch } from '../../src/alerts/service.js';
import { docView, predicateMatches, subscriptionKeys, vacancyKeys } from '../../src/alerts/predicate.js';
import { generateVacancies } from '../../src/demo/index.js';
import type { Engine } from '../../src/engine/types.js';
import { analyseStored } from '../../src/indexing/service.js';
import { searchQuerySchema } from '../../src/search/params.js';
import { search } from '../../src/search/service.js';
import { appFor, auth, KEYS } from '../support/app.js';
import { enginesUnderTest } from '../support/engines.js';
import { VACANCIES } from '../support/fixtures.js';

/**
 * The subscription predicate is the search's: for each saved search, the vacancies it accepts are exactly those
 * /v1/vacancies/search finds (relaxation off), on both engines; and the subscription index never misses one (every
 * accepted vacancy offers one of the subscription's keys).
 */
const SEARCHES: Array<Record<string, unknown>> = [
  { q: 'Java' }, { q: 'java开发' }, { q: '"数字IC"' }, { q: '焊工 -船舶' }, { q: '电气工程师' }, { q: '普工' }, { q: '黄岛' },
  { q: '销售', district: '市南区' }, { q: '工程师', salaryMin: '15k' }, { district: ['黄岛区', '城阳区'], salaryMax: '8000' },
  { industry: '集成电路' }, { occupationCode: '2-02' }, { tag: '妈妈岗' }, { education: '大专', q: '操作工' },
  { experienceYears: 1, q: '司机' }, { lat: 36.3, lon: 120.4, radiusKm: 10 }, { q: '护士', employmentType: '全职' },
  { q: 'Python 数据' }, { q: '叉车', circle: '15min', lat: 36.31, lon: 120.40 }, { compliance: 'review' },
];

for (const eut of enginesUnderTest()) {
  describe(`subscription predicate = search on ${eut.name}`, () => {
    let app: FastifyInstance;
    let engine: Engine;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      const e = await eut.make();
      cleanup = e.cleanup;
      app = await appFor(e.engine);
      engine = app.deps.engine;
      const docs = [...VACANCIES, ...generateVacancies(400, { seed: 5 }).map((v, i) => ({ ...v, id: `v-demo-${i}` }))];
      const res = await app.inject({ method: 'POST', url: '/v1/vacancies/_bulk', headers: { ...auth(KEYS.admin), 'content-type': 'application/x-ndjson' }, payload: docs.map((d) => JSON.stringify(d)).join('\n') });
      expect(res.statusCode).toBe(200);
    }, 120_000);
    afterAll(async () => { await app?.close(); await cleanup?.(); });

    it('accepts exactly what the search finds, and the index offers every accepted vacancy', async () => {
      const all = await engine.search('vacancy', { filters: [], sort: 'newest', from: 0, size: 1000 });
      const views = all.hits.map((h) => docView(analyseStored('vacancy', h.source)));
      let nonEmpty = 0;
      for (const s of SEARCHES) {
        const { predicate } = compileSearch(s, Date.now());
        const keys = new Set(subscriptionKeys(predicate));
        const accepted = views.filter((v) => predicateMatches(v, predicate)).map((v) => v.doc.id).sort();
        const p = searchQuerySchema.parse({ ...Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Array.isArray(v) ? v : String(v)])), size: '100', relax: 'false', facets: 'false' });
        const found: string[] = [];
        let cursor: string | undefined;
        do {
          const r = await search(engine, 'vacancy', { ...p, ...(cursor ? { cursor } : {}) });
          found.push(...r.hits.map((h) => h.id));
          cursor = r.nextCursor;
        } while (cursor);
        expect(accepted, JSON.stringify(s)).toEqual(found.sort());
        for (const v of views.filter((x) => accepted.includes(x.doc.id))) {
          expect(vacancyKeys(v).some((k) => keys.has(k)), `${JSON.stringify(s)} ${v.doc.id}`).toBe(true);
        }
        if (accepted.length) nonEmpty++;
      }
      expect(nonEmpty).toBeGreaterThan(SEARCHES.length * 0.7);
    }, 60_000);
  });
}
