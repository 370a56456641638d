import { describe, expect, it } from 'vitest';
import { ElasticsearchEngine } from '../../src/engine/elasticsearch/engine.js';
import { appFor, auth, KEYS } from '../support/app.js';
import { freePort } from '../support/server.js';

describe('policy routes while Elasticsearch is unreachable', () => {
  it('the app builds, and every policy route answers 503 with Retry-After, never 500', async () => {
    const port = await freePort(); // nothing listens there
    const engine = new ElasticsearchEngine({ url: `http://127.0.0.1:${port}`, prefix: 'zzh-down', timeoutMs: 1000 });
    const app = await appFor(engine);
    try {
      for (const url of ['/v1/policies', '/v1/policies/versions', '/v1/resumes/r-1/policies', '/v1/resumes/r-1/plan', '/v1/employers/e-1/policies']) {
        const res = await app.inject({ method: 'GET', url, headers: auth(KEYS.admin) });
        expect(res.statusCode, `${url}: ${res.body}`).toBe(503);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.headers['retry-after']).toBeDefined();
      }
    } finally {
      await app.close();
      await engine.close();
    }
  }, 60_000);
});
