import { describe, expect, it } from 'vitest';
import { engineUnavailable } from '../../src/http/problem.js';
import { ElasticsearchEngine } from '../../src/engine/elasticsearch/engine.js';
import { appFor, auth, KEYS } from '../support/app.js';
import { freePort } from '../support/server.js';
import { VACANCIES } from '../support/fixtures.js';

describe('engine faults are 503/507 problem documents, never 500', () => {
  it('classifies Elasticsearch and SQLite faults', () => {
    expect(engineUnavailable({ name: 'ConnectionError' })).toMatchObject({ status: 503 });
    expect(engineUnavailable({ name: 'ResponseError', meta: { statusCode: 429 } })).toMatchObject({ status: 503 });
    expect(engineUnavailable({ name: 'ResponseError', meta: { statusCode: 400 } })).toBeUndefined();
    expect(engineUnavailable({ code: 'SQLITE_FULL' })).toMatchObject({ status: 507 });
    expect(engineUnavailable({ code: 'SQLITE_BUSY' })).toMatchObject({ status: 503 });
  });

  it('answers 503 with Retry-After when Elasticsearch cannot be reached, for reads, writes (a bulk that wrote nothing too) and readiness', async () => {
    const port = await freePort(); // nothing listens there
    const engine = new ElasticsearchEngine({ url: `http://127.0.0.1:${port}`, prefix: 'zzh-down', timeoutMs: 1000 });
    const app = await appFor(engine);
    try {
      // The boot does not crash either: the catalog is read by the poll once Elasticsearch answers.
      await expect(app.deps.catalog.startup()).resolves.toBeUndefined();
      for (const req of [
        { method: 'GET' as const, url: '/v1/catalog/versions', headers: auth(KEYS.admin) },
        { method: 'GET' as const, url: '/v1/catalog/gaps', headers: auth(KEYS.admin) },
        { method: 'GET' as const, url: '/v1/vacancies/search?q=java', headers: auth(KEYS.public) },
        { method: 'GET' as const, url: '/v1/vacancies/v-1', headers: auth(KEYS.public) },
        { method: 'GET' as const, url: '/readyz' },
        {
          method: 'POST' as const, url: '/v1/vacancies/_bulk', headers: { ...auth(KEYS.admin), 'content-type': 'application/x-ndjson' },
          payload: VACANCIES.slice(0, 3).map((v) => JSON.stringify(v)).join('\n'),
        },
      ]) {
        const res = await app.inject(req);
        expect(res.statusCode, `${req.url}: ${res.body}`).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      }
    } finally {
      await app.close();
      await engine.close();
    }
  });
});
