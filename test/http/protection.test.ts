import { afterAll, describe, expect, it } from 'vitest';
import { makeEmbedded } from '../support/engines.js';
import { appFor, auth, KEYS } from '../support/app.js';

describe('abuse resistance at the edge', async () => {
  const e = await makeEmbedded();
  const app = await appFor(e.engine, { RATE_LIMIT_PER_MINUTE: '5', CORS_ORIGINS: 'https://zhizhaohuo.example.cn' });
  afterAll(async () => { await app.close(); await e.cleanup(); });

  it('limits requests per key with a 429 problem document and Retry-After, other keys unaffected', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 7; i++) {
      last = await app.inject({ method: 'GET', url: '/v1/vacancies/search?q=java', headers: auth(KEYS.public) });
      statuses.push(last.statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(last!.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(last!.headers['retry-after']).toBeTruthy();
    expect(last!.json()).toMatchObject({ status: 429, errors: [{ field: 'authorization' }] });
    expect((await app.inject({ method: 'GET', url: '/v1/vacancies/search?q=java', headers: auth(KEYS.recruiter) })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('counts made-up keys against the caller\'s address: rotating them does not escape the limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await app.inject({ method: 'GET', url: '/v1/vacancies/search?q=java', headers: auth(`made-up-${i}`), remoteAddress: '10.9.8.7' });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it('answers CORS preflights for allowed front-ends only, and sends security headers', async () => {
    const ok = await app.inject({ method: 'OPTIONS', url: '/v1/vacancies/search', headers: { origin: 'https://zhizhaohuo.example.cn', 'access-control-request-method': 'GET' } });
    expect(ok.headers['access-control-allow-origin']).toBe('https://zhizhaohuo.example.cn');
    const other = await app.inject({ method: 'OPTIONS', url: '/v1/vacancies/search', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeTruthy();
  });
});
