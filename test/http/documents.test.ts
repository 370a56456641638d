import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { auth, KEYS, useEmbeddedApp } from '../support/app.js';
import { RESUMES, VACANCIES } from '../support/fixtures.js';

const getApp = useEmbeddedApp();
let app: FastifyInstance;
beforeAll(() => { app = getApp(); });

const ic = VACANCIES[0]!;

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json: () => any }, status: number, field?: string) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  if (field) expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
  return body;
}

describe('vacancies over HTTP', () => {
  it('creates (201), then replaces (200) idempotently, normalising salary to monthly and annual figures', async () => {
    const first = await app.inject({ method: 'PUT', url: `/v1/vacancies/${ic.id}`, headers: auth(KEYS.employer), payload: ic });
    expect(first.statusCode).toBe(201);
    expect(first.json().salary).toMatchObject({ text: '20-35K·14薪', monthlyMin: 20000, monthlyMax: 35000, annualMin: 280000, annualMax: 490000 });
    const again = await app.inject({ method: 'PUT', url: `/v1/vacancies/${ic.id}`, headers: auth(KEYS.employer), payload: ic });
    expect(again.statusCode).toBe(200);
    const got = await app.inject({ method: 'GET', url: `/v1/vacancies/${ic.id}`, headers: { 'x-api-key': KEYS.public } });
    expect(got.json()).toMatchObject({ id: ic.id, title: ic.title, location: { district: '黄岛区' } });
  });

  it('finds the new vacancy by a Chinese word and by a Latin skill', async () => {
    for (const q of ['集成电路', 'UVM', 'systemverilog']) {
      const res = await app.inject({ method: 'GET', url: `/v1/vacancies/search?q=${encodeURIComponent(q)}`, headers: auth(KEYS.public) });
      expect(res.statusCode).toBe(200);
      expect(res.json().hits.map((h: { id: string }) => h.id)).toContain(ic.id);
    }
  });

  it('lets employers write only their own vacancies', async () => {
    const other = { ...ic, id: 'v-other', employer: { id: 'e-0009', name: '别家公司' } };
    expectProblem(await app.inject({ method: 'PUT', url: '/v1/vacancies/v-other', headers: auth(KEYS.employer), payload: other }), 403);
    expectProblem(await app.inject({ method: 'DELETE', url: `/v1/vacancies/${ic.id}`, headers: auth(KEYS.employer2) }), 403);
    expect((await app.inject({ method: 'PUT', url: '/v1/vacancies/v-other', headers: auth(KEYS.admin), payload: other })).statusCode).toBe(201);
  });

  it('answers 401 without or with an unknown key, 403 for a wrong role', async () => {
    expectProblem(await app.inject({ method: 'GET', url: `/v1/vacancies/${ic.id}` }), 401, 'authorization');
    expectProblem(await app.inject({ method: 'GET', url: `/v1/vacancies/${ic.id}`, headers: auth('nope') }), 401, 'authorization');
    expectProblem(await app.inject({ method: 'PUT', url: `/v1/vacancies/${ic.id}`, headers: auth(KEYS.public), payload: ic }), 403);
    expectProblem(await app.inject({ method: 'GET', url: '/v1/resumes/r-1', headers: auth(KEYS.employer) }), 403);
  });

  it.each([
    ['a missing title', { ...ic, title: undefined }, 'title'],
    ['an unknown district', { ...ic, location: { district: '北京市' } }, 'location.district'],
    ['an unknown field', { ...ic, colour: 'red' }, 'colour'],
    ['min above max', { ...ic, salary: { min: 9000, max: 5000 } }, 'salary.min'],
    ['a bad education level', { ...ic, education: '幼儿园' }, 'education'],
    ['lat without lon', { ...ic, location: { district: '市南区', lat: 36 } }, 'location.lat'],
    ['a wrong type', { ...ic, headcount: 'many' }, 'headcount'],
  ])('rejects %s with a problem document naming the field', async (_, payload, field) => {
    expectProblem(await app.inject({ method: 'PUT', url: '/v1/vacancies/v-bad', headers: auth(KEYS.admin), payload }), 400, field);
  });

  it('rejects a body id that differs from the path, malformed JSON, and a bad id', async () => {
    expectProblem(await app.inject({ method: 'PUT', url: '/v1/vacancies/v-x', headers: auth(KEYS.admin), payload: ic }), 400, 'id');
    expectProblem(await app.inject({ method: 'PUT', url: '/v1/vacancies/v-x', headers: { ...auth(KEYS.admin), 'content-type': 'application/json' }, payload: '{"title": ' }), 400);
    expectProblem(await app.inject({ method: 'GET', url: '/v1/vacancies/%E4%BD%A0%20x', headers: auth(KEYS.admin) }), 400, 'id');
    expectProblem(await app.inject({ method: 'GET', url: '/v1/nothing-here', headers: auth(KEYS.admin) }), 404);
  });

  it('hides drafts from the public but shows them to their employer', async () => {
    const draft = VACANCIES.find((v) => v.id === 'v-draft-1')!;
    expect((await app.inject({ method: 'PUT', url: `/v1/vacancies/${draft.id}`, headers: auth(KEYS.employer2), payload: draft })).statusCode).toBe(201);
    expectProblem(await app.inject({ method: 'GET', url: `/v1/vacancies/${draft.id}`, headers: auth(KEYS.public) }), 404);
    expect((await app.inject({ method: 'GET', url: `/v1/vacancies/${draft.id}`, headers: auth(KEYS.employer2) })).statusCode).toBe(200);
  });

  it('deletes (204) and then answers 404', async () => {
    expect((await app.inject({ method: 'DELETE', url: '/v1/vacancies/v-other', headers: auth(KEYS.admin) })).statusCode).toBe(204);
    expectProblem(await app.inject({ method: 'GET', url: '/v1/vacancies/v-other', headers: auth(KEYS.admin) }), 404);
  });
});

describe('bulk NDJSON', () => {
  it('answers per line: good lines land, bad lines are reported with their field', async () => {
    const lines = [
      JSON.stringify(VACANCIES[1]),
      '{"id": "broken"',
      JSON.stringify({ ...VACANCIES[2], salary: { min: 10, max: 1 } }),
      '',
      JSON.stringify({ ...VACANCIES[3], id: undefined }),
      JSON.stringify(VACANCIES[5]),
    ].join('\n');
    const res = await app.inject({ method: 'POST', url: '/v1/vacancies/_bulk', headers: { ...auth(KEYS.admin), 'content-type': 'application/x-ndjson' }, payload: lines });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items).toEqual([
      { line: 1, id: 'v-java-1', result: 'created' },
      { line: 2, result: 'error', error: { field: '(line)', reason: expect.stringMatching(/malformed JSON/) } },
      { line: 3, id: 'v-ship-1', result: 'error', error: { field: 'salary.min', reason: expect.any(String) } },
      { line: 5, result: 'error', error: { field: 'id', reason: expect.any(String) } },
      { line: 6, id: 'v-trad-1', result: 'created' },
    ]);
    expect(body).toMatchObject({ created: 2, updated: 0, errors: 3 });
    expect((await app.inject({ method: 'GET', url: '/v1/vacancies/v-trad-1', headers: auth(KEYS.public) })).statusCode).toBe(200);
  });

  it('refuses employers writing other employers\' vacancies line by line', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/vacancies/_bulk', headers: { ...auth(KEYS.employer), 'content-type': 'application/x-ndjson' }, payload: [JSON.stringify(VACANCIES[0]), JSON.stringify(VACANCIES[3])].join('\n') });
    expect(res.json().items.map((i: { result: string }) => i.result)).toEqual(['updated', 'error']);
  });

  it('answers 415 for a JSON body', async () => {
    expectProblem(await app.inject({ method: 'POST', url: '/v1/vacancies/_bulk', headers: auth(KEYS.admin), payload: { a: 1 } }), 415, 'content-type');
  });
});

describe('resumes over HTTP', () => {
  it('stores resumes for staff and masks contact data for recruiters without consent', async () => {
    for (const r of RESUMES) expect((await app.inject({ method: 'PUT', url: `/v1/resumes/${r.id}`, headers: auth(KEYS.recruiter), payload: r })).statusCode).toBe(201);
    const masked = (await app.inject({ method: 'GET', url: '/v1/resumes/r-1', headers: auth(KEYS.recruiter) })).json();
    expect(masked).toMatchObject({ name: '张*', phone: '138****5678', email: 'z***@example.com' });
    const consented = (await app.inject({ method: 'GET', url: '/v1/resumes/r-2', headers: auth(KEYS.recruiter) })).json();
    expect(consented).toMatchObject({ name: '李娜', phone: '13987654321' });
    const admin = (await app.inject({ method: 'GET', url: '/v1/resumes/r-1', headers: auth(KEYS.admin) })).json();
    expect(admin.phone).toBe('13812345678');
  });

  it("lets a seeker's key read, update and delete that one resume, as written, and no other", async () => {
    const own = { ...RESUMES[0]!, id: 'r-000001' };
    const put = (id: string, key: string) => app.inject({ method: 'PUT', url: `/v1/resumes/${id}`, headers: auth(key), payload: { ...own, id } });
    expect((await put('r-000001', KEYS.seeker)).statusCode).toBe(201);
    const mine = await app.inject({ method: 'GET', url: '/v1/resumes/r-000001', headers: auth(KEYS.seeker) });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ name: '张三', phone: '13812345678' });
    expect((await put('r-000001', KEYS.seeker)).statusCode).toBe(200);
    const other = await put('r-000002', KEYS.seeker);
    expect(other.statusCode).toBe(403);
    expect(other.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await app.inject({ method: 'GET', url: '/v1/resumes/r-1', headers: auth(KEYS.seeker) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: '/v1/resumes/r-1', headers: auth(KEYS.seeker) })).statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: '/v1/resumes/r-000001', headers: auth(KEYS.seeker) })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/v1/resumes/r-000001', headers: auth(KEYS.seeker) })).statusCode).toBe(404);
  });
});

describe('service endpoints', () => {
  it('serves health, readiness and an OpenAPI document with every route', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready', engine: 'embedded' });
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/v1/vacancies/{id}', '/v1/vacancies/_bulk', '/v1/resumes/{id}', '/v1/vacancies/search', '/healthz', '/readyz']) expect(doc.paths).toHaveProperty([path]);
    expect(doc.paths['/v1/vacancies/{id}'].put.requestBody.content['application/json'].schema.properties).toHaveProperty('salary');
    expect((await app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
  });
});
