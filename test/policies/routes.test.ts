import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ElasticsearchEngine } from '../../src/engine/elasticsearch/engine.js';
import type { Engine } from '../../src/engine/types.js';
import { PolicyService, loadPolicies } from '../../src/policies/service.js';
import type { PolicySetInput } from '../../src/policies/schema.js';
import { auth, KEYS } from '../support/app.js';
import { enginesUnderTest } from '../support/engines.js';
import { DEMO_NOW, demoApp } from '../matching/demo-app.js';

/**
 * The policy routes on both engines: the versioned set (GET/PUT, versions, idempotence, 409, bad input as problem
 * documents), eligibility of a seeker and of an employer with every condition marked, roles, audit, and the
 * personal plan of a demo resume (matches, missing skills with counts, catalog entries, policies, the text).
 */
type Who = 'none' | 'public' | 'employer' | 'employer2' | 'recruiter' | 'admin' | 'seeker' | 'seeker2';
const WHO: Who[] = ['none', 'public', 'employer', 'employer2', 'recruiter', 'admin', 'seeker', 'seeker2'];
const all = (status: number, except: Partial<Record<Who, number>> = {}) => Object.fromEntries(WHO.map((w) => [w, except[w] ?? (w === 'none' ? 401 : status)])) as Record<Who, number>;

interface Result { policy: { id: string; name: string }; verdict: string; conditions: Array<{ condition: { field: string }; status: string; reason: string }> }
interface Eligibility { revision: number; applies: Result[]; possible: Result[]; notApplicable: Result[] }

const v2 = (): PolicySetInput => ({
  version: 'test-2',
  policies: [
    ...loadPolicies().policies,
    {
      id: 'test-intern-employer', name: '测试：见习岗位补贴', audience: 'employer', source: { file: '002_3f4c6431f8ab2204.txt', clause: '（十九）' },
      summary: '测试用', benefit: '测试补贴', apply: '测试', conditions: [{ field: 'district', anyOf: ['黄岛区'] }, { field: 'vacancyTag', anyOf: ['见习'] }, { field: 'headcount', min: 3 }],
    },
  ],
});

describe.each(enginesUnderTest())('policy routes on $name', ({ name, make }) => {
  let app: FastifyInstance;
  let engine: Engine;
  let cleanup: () => Promise<void>;
  let graduate: string;
  const get = async (url: string, key: string = KEYS.admin) => app.inject({ method: 'GET', url, headers: auth(key) });

  beforeAll(async () => {
    ({ engine, cleanup } = await make());
    app = await demoApp(engine, { vacancies: 200, resumes: 60 });
    // An employer of its own (the demo data has e-0001, e-0002, …), written by an admin.
    const put = (id: string, body: object) => app.inject({ method: 'PUT', url: `/v1/vacancies/${id}`, headers: auth(KEYS.admin), payload: body });
    const base = { employer: { id: 'e-pol', name: '青岛政策测试有限公司' }, description: '岗位说明', skills: ['电焊'] };
    expect((await put('v-pol-1', { ...base, title: '焊工见习生', location: { district: '黄岛区' }, tags: ['见习'], headcount: 3 })).statusCode).toBe(201);
    expect((await put('v-pol-2', { ...base, title: '装配工', location: { district: '城阳区' }, status: 'closed' })).statusCode).toBe(201);
    // A demo graduate (declared 高校毕业生, graduated within two years): chosen from the data, not from the plan.
    for (let i = 1; i <= 60 && !graduate; i++) {
      const id = `r-${String(i).padStart(6, '0')}`;
      const r = (await get(`/v1/resumes/${id}`)).json() as { programs: string[]; graduationYear?: number };
      if (r.programs.includes('高校毕业生') && r.graduationYear !== undefined && DEMO_NOW.getUTCFullYear() - r.graduationYear <= 2) graduate = id;
    }
    expect(graduate).toBeDefined();
  }, 240_000);
  afterAll(async () => { await app?.close(); await cleanup?.(); });

  it('GET /v1/policies: the seed set as revision 1, filtered by audience', async () => {
    const res = await get('/v1/policies', KEYS.public);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { revision: number; version: string; policies: Array<{ audience: string; source: { file: string } }> };
    expect(body.revision).toBe(1);
    expect(body.version).toBe(loadPolicies().version);
    expect(body.policies.length).toBe(loadPolicies().policies.length);
    const employers = (await get('/v1/policies?audience=employer')).json() as typeof body;
    expect(employers.policies.length).toBeGreaterThan(0);
    expect(employers.policies.every((p) => p.audience === 'employer')).toBe(true);
  });

  it.each([
    ['/v1/policies?audience=robot', 'audience'],
    ['/v1/policies?x=1', undefined],
    ['/v1/resumes/r-000001/plan?size=0', 'size'],
    ['/v1/resumes/r-000001/plan?size=abc', 'size'],
  ])('bad input %s is a problem document', async (url, field) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    if (field) expect(JSON.stringify(res.json())).toContain(field);
  });

  it('GET /v1/resumes/:id/policies: each condition marked; declared programmes met, missing data unknown', async () => {
    const res = await get(`/v1/resumes/${graduate}/policies`, KEYS.recruiter);
    expect(res.statusCode).toBe(200);
    const body = res.json() as Eligibility;
    const intern = body.applies.find((p) => p.policy.id === 'graduate-internship');
    expect(intern, 'a declared recent graduate gets the internship programme').toBeDefined();
    expect(intern!.conditions.every((c) => c.status === 'met')).toBe(true);
    for (const p of body.possible) {
      expect(p.conditions.some((c) => c.status === 'unknown')).toBe(true);
      expect(p.conditions.some((c) => c.status === 'unmet')).toBe(false);
    }
    for (const p of body.notApplicable) expect(p.conditions.some((c) => c.status === 'unmet')).toBe(true);
    const attested = [...body.possible, ...body.notApplicable].flatMap((p) => p.conditions).filter((c) => c.condition.field === 'attested');
    expect(attested.length).toBeGreaterThan(0);
    expect(attested.every((c) => c.status === 'unknown')).toBe(true);
    // Only seeker policies, and each one once.
    const ids = [...body.applies, ...body.possible, ...body.notApplicable].map((p) => p.policy.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain('hire-graduates-social-insurance');
    // The read is audited (a recruiter viewed the resume).
    const audit = (await get(`/v1/audit?resumeId=${graduate}`)).json() as { records: Array<{ context: { route: string } }> };
    expect(audit.records.some((r) => r.context.route === '/v1/resumes/:id/policies')).toBe(true);
  });

  it('GET /v1/employers/:id/policies: conditions over the published vacancies', async () => {
    const res = await get('/v1/employers/e-pol/policies', KEYS.recruiter);
    expect(res.statusCode).toBe(200);
    const body = res.json() as Eligibility & { vacancies: { total: number; published: number } };
    expect(body.vacancies).toEqual({ total: 2, published: 1 });
    const base = body.possible.find((p) => p.policy.id === 'internship-base-accident-insurance')!;
    expect(base.conditions.map((c) => c.status)).toEqual(['met', 'met', 'unknown']);
    // The 城阳区 vacancy is closed: it does not count.
    const cy = body.notApplicable.find((p) => p.policy.id === 'hire-graduates-social-insurance')!;
    expect(cy.conditions[0]!.status).toBe('unmet');
    expect(body.notApplicable.map((p) => p.policy.id)).toContain('veteran-friendly-hiring');
    expect((await get('/v1/employers/e-nobody/policies')).statusCode).toBe(404);
  });

  it('PUT /v1/policies: a new revision, idempotent, 409 for a reused label, 400 naming bad fields', async () => {
    const put = (body: unknown, key: string = KEYS.admin) => app.inject({ method: 'PUT', url: '/v1/policies', headers: auth(key), payload: body as object });
    const first = await put(v2());
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ revision: 2, version: 'test-2', changed: true });
    expect((await put(v2())).json()).toMatchObject({ revision: 2, changed: false });
    const other = v2();
    other.policies = other.policies.slice(1);
    const taken = await put(other);
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'ZZH_POLICY_VERSION_TAKEN' });
    const bad = { version: 'bad', policies: [{ ...v2().policies[0], conditions: [{ field: 'age', min: 45 }] }] };
    const res = await put(bad);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(res.json())).toContain('basis');
    const wrongAudience = { version: 'bad2', policies: [{ ...v2().policies.at(-1), conditions: [{ field: 'program', anyOf: ['退役军人'] }] }] };
    expect((await put(wrongAudience)).statusCode).toBe(400);
    expect((await put(v2(), KEYS.recruiter)).statusCode).toBe(403);
    const versions = (await get('/v1/policies/versions', KEYS.public)).json() as { current: number; versions: Array<{ revision: number; current: boolean }> };
    expect(versions.current).toBe(2);
    expect(versions.versions.map((v) => [v.revision, v.current])).toEqual([[1, false], [2, true]]);
    // The new policy is evaluated at once: every condition met now.
    const emp = (await get('/v1/employers/e-pol/policies')).json() as Eligibility;
    expect(emp.revision).toBe(2);
    expect(emp.applies.map((p) => p.policy.id)).toContain('test-intern-employer');
  });

  it('the plan of a demo resume: matches, missing skills with counts, catalog entries, policies, the text', async () => {
    const res = await get(`/v1/resumes/${graduate}/plan`, KEYS.recruiter);
    expect(res.statusCode).toBe(200);
    const plan = res.json() as {
      matches: Array<{ vacancyId: string; title: string; score: number }>; analysed: number;
      missingSkills: Array<{ skill: string; missingIn: number; wouldComplete: number }>;
      catalogEntries: Array<{ entryId: string; demandLevel: number; relation: string; missingSkills: string[] }>;
      policies: { applies: Result[]; possible: Result[] }; plan: string[];
    };
    expect(plan.matches.length).toBe(5);
    // The same matches the matching service gives, in its order.
    const direct = (await get(`/v1/resumes/${graduate}/matches?size=5&explain=false`, KEYS.recruiter)).json() as { matches: Array<{ id: string }> };
    expect(plan.matches.map((m) => m.vacancyId)).toEqual(direct.matches.map((m) => m.id));
    expect(plan.missingSkills.length).toBeGreaterThan(0);
    for (const s of plan.missingSkills) {
      expect(s.missingIn).toBeGreaterThanOrEqual(1);
      expect(s.missingIn).toBeLessThanOrEqual(plan.analysed);
      expect(s.wouldComplete).toBeLessThanOrEqual(s.missingIn);
    }
    expect(plan.catalogEntries.length).toBeGreaterThan(0);
    expect(plan.catalogEntries.every((e) => e.demandLevel >= 3)).toBe(true);
    expect(plan.policies.applies.map((p) => p.policy.id)).toContain('graduate-internship');
    expect(plan.plan.length).toBeGreaterThanOrEqual(3);
    plan.plan.forEach((line, i) => expect(line.startsWith(`${i + 1}. `)).toBe(true));
    expect(plan.plan[0]).toContain(plan.matches[0]!.title);
    expect(plan.plan.join('')).toContain(plan.policies.applies[0]!.policy.name);
    const withCount = plan.missingSkills.find((s) => s.wouldComplete > 0);
    if (withCount) expect(plan.plan.join('')).toContain(`${withCount.skill}（可使${withCount.wouldComplete}个岗位`);
    const audit = (await get(`/v1/audit?resumeId=${graduate}`)).json() as { records: Array<{ context: { route: string } }> };
    expect(audit.records.some((r) => r.context.route === '/v1/resumes/:id/plan')).toBe(true);
  });

  it.each([
    ['GET', '/v1/policies', all(200)],
    ['GET', '/v1/policies/versions', all(200)],
    ['PUT', '/v1/policies', all(403, { admin: 200 })],
    ['GET', '/v1/resumes/r-000001/policies', all(403, { recruiter: 200, admin: 200, seeker: 200 })],
    ['GET', '/v1/resumes/r-000002/plan', all(403, { recruiter: 200, admin: 200, seeker2: 200 })],
    ['GET', '/v1/resumes/r-nope/plan', all(403, { recruiter: 404, admin: 404 })],
    ['GET', '/v1/employers/e-0001/policies', all(403, { employer: 200, recruiter: 200, admin: 200 })],
    ['GET', '/v1/employers/e-0002/policies', all(403, { employer2: 200, recruiter: 200, admin: 200 })],
    ['GET', '/v1/employers/e-nobody/policies', all(403, { recruiter: 404, admin: 404 })],
  ] as const)('roles: %s %s', async (method, url, expected) => {
    for (const who of WHO) {
      const headers = who === 'none' ? {} : auth(KEYS[who]);
      const res = await app.inject({ method, url, headers, ...(method === 'PUT' ? { payload: v2() as object } : {}) });
      expect(res.statusCode, `${who} on ${method} ${url}`).toBe(expected[who]);
      if (res.statusCode >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  }, 60_000);

  // Only Elasticsearch has replicas (the embedded store belongs to one process): not a skipped test there.
  if (name === 'elasticsearch') {
    it('replicas share the revisions; concurrent PUTs take distinct revisions', async () => {
      const es = engine as ElasticsearchEngine;
      const prefix = es.alias('vacancy').replace(/-vacancy$/, '');
      const other = new ElasticsearchEngine({ url: process.env.ELASTICSEARCH_URL!, prefix, timeoutMs: 30_000 });
      try {
        const a = app.deps.policies;
        const b = await PolicyService.open({ engine: other, dataDir: '/nonexistent-not-used' });
        expect((await b.current()).revision).toBe((await a.current()).revision);
        const base = (await a.current()).set;
        const results = await Promise.all([
          a.replace({ ...base, version: 'race-a' }), b.replace({ ...base, version: 'race-b' }), a.replace({ ...base, version: 'race-c' }),
        ]);
        const revisions = results.map((r) => r.version.revision);
        expect(new Set(revisions).size).toBe(3);
        const list = (await b.versions()).versions.map((v) => v.version);
        for (const v of ['race-a', 'race-b', 'race-c']) expect(list).toContain(v);
        expect((await a.current()).revision).toBe(Math.max(...revisions));
        expect((await b.current()).revision).toBe(Math.max(...revisions));
      } finally {
        await other.close();
      }
    }, 60_000);
  }
});
