import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../src/catalog/load.js';
import { enginesUnderTest } from '../support/engines.js';
import { auth, KEYS } from '../support/app.js';
import { demoApp } from './demo-app.js';

/**
 * Who may call each route of issue 4: every role (and no key) on every new route. The seeker keys are bound to
 * r-000001 and r-000002; the employer key to e-0001, which owns v-own below; e-0002 does not.
 */
type Who = 'none' | 'public' | 'employer' | 'employer2' | 'recruiter' | 'admin' | 'seeker' | 'seeker2';
const WHO: Who[] = ['none', 'public', 'employer', 'employer2', 'recruiter', 'admin', 'seeker', 'seeker2'];

const all = (status: number, except: Partial<Record<Who, number>> = {}) => Object.fromEntries(WHO.map((w) => [w, except[w] ?? (w === 'none' ? 401 : status)])) as Record<Who, number>;

const ROUTES: Array<{ method: 'GET' | 'PUT'; url: string; body?: unknown; expect: Record<Who, number> }> = [
  { method: 'GET', url: '/v1/catalog', expect: all(200) },
  { method: 'PUT', url: '/v1/catalog', body: seedCatalog(), expect: all(403, { admin: 200 }) },
  { method: 'GET', url: '/v1/catalog/versions', expect: all(200) },
  { method: 'GET', url: '/v1/catalog/gaps', expect: all(403, { recruiter: 200, admin: 200 }) },
  { method: 'GET', url: `/v1/occupations/classify?title=${encodeURIComponent('电焊工')}`, expect: all(200) },
  { method: 'GET', url: '/v1/resumes/r-000001/matches', expect: all(403, { recruiter: 200, admin: 200, seeker: 200 }) },
  { method: 'GET', url: '/v1/resumes/r-000002/matches', expect: all(403, { recruiter: 200, admin: 200, seeker2: 200 }) },
  { method: 'GET', url: '/v1/vacancies/v-own/matches', expect: all(403, { employer: 200, recruiter: 200, admin: 200 }) },
  { method: 'GET', url: '/v1/vacancies/v-000001/matches', expect: all(403, { recruiter: 200, admin: 200 }) },
  { method: 'GET', url: '/v1/vacancies/v-nope/matches', expect: all(403, { employer: 404, employer2: 404, recruiter: 404, admin: 404 }) },
  { method: 'GET', url: '/v1/resumes/r-nope/matches', expect: all(403, { recruiter: 404, admin: 404 }) },
];

describe.each(enginesUnderTest())('roles on the catalog, occupation and match routes on $name', ({ make }) => {
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    let engine;
    ({ engine, cleanup } = await make());
    app = await demoApp(engine, { vacancies: 60, resumes: 60 });
    const own = { employer: { id: 'e-0001', name: '青岛示例科技有限公司' }, title: '焊工', description: '船舶分段焊接', skills: ['电焊'], location: { district: '黄岛区' } };
    expect((await app.inject({ method: 'PUT', url: '/v1/vacancies/v-own', headers: auth(KEYS.employer), payload: own })).statusCode).toBe(201);
  }, 120_000);
  afterAll(async () => { await app?.close(); await cleanup?.(); });

  it.each(ROUTES)('$method $url', async (route) => {
    for (const who of WHO) {
      const headers = who === 'none' ? {} : auth(KEYS[who]);
      const res = await app.inject({ method: route.method, url: route.url, headers, ...(route.body ? { payload: route.body as object } : {}) });
      expect(res.statusCode, `${who} on ${route.method} ${route.url}`).toBe(route.expect[who]);
      if (res.statusCode >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});
