import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { auth, KEYS, useEmbeddedApp } from '../support/app.js';
import { VACANCIES } from '../support/fixtures.js';

const getApp = useEmbeddedApp();
let app: FastifyInstance;
beforeAll(() => { app = getApp(); });

const base = VACANCIES[1]!;
const put = (id: string, payload: object) => app.inject({ method: 'PUT', url: `/v1/vacancies/${id}`, headers: auth(KEYS.admin), payload: { ...base, id, ...payload } });

describe('publishing runs the compliance screen', () => {
  it('refuses to publish a discriminatory posting (422 with findings) and stores nothing', async () => {
    const res = await put('v-bad-1', { description: '招聘Java开发，限男性，35岁以下，本地户口优先。' });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.errors[0].field).toBe('compliance');
    expect(body.findings.map((f: { category: string }) => f.category)).toEqual(expect.arrayContaining(['gender', 'hukou_region']));
    expect((await app.inject({ method: 'GET', url: '/v1/vacancies/v-bad-1', headers: auth(KEYS.admin) })).statusCode).toBe(404);
  });

  it('saves a draft with its findings', async () => {
    const res = await put('v-bad-2', { description: '招聘Java开发，限男性。', status: 'draft' });
    expect(res.statusCode).toBe(201);
    expect(res.json().compliance).toMatchObject({ status: 'reject', findings: [expect.objectContaining({ category: 'gender', severity: 'block' })] });
  });

  it('publishes a warned posting for review, searchable by that status', async () => {
    const res = await put('v-warn-1', { description: '招聘Java开发工程师，35岁以下。' });
    expect(res.statusCode).toBe(201);
    expect(res.json().compliance.status).toBe('review');
    const clean = await put('v-ok-1', {});
    expect(clean.json().compliance.status).toBe('pass');
    const search = await app.inject({ method: 'GET', url: '/v1/vacancies/search?compliance=review', headers: auth(KEYS.admin) });
    expect(search.json().hits.map((h: { id: string }) => h.id)).toEqual(['v-warn-1']);
  });

  it('reports a blocked line in bulk without dropping the others', async () => {
    const lines = [{ ...base, id: 'v-b-1' }, { ...base, id: 'v-b-2', description: '只招女生，宝妈勿扰' }].map((x) => JSON.stringify(x)).join('\n');
    const res = await app.inject({ method: 'POST', url: '/v1/vacancies/_bulk', headers: { ...auth(KEYS.admin), 'content-type': 'application/x-ndjson' }, payload: lines });
    expect(res.json().items).toEqual([
      { line: 1, id: 'v-b-1', result: 'created' },
      { line: 2, id: 'v-b-2', result: 'error', error: { field: 'compliance', reason: expect.stringContaining('gender') } },
    ]);
  });

  it('serves the compliance routes from the same app', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/compliance/check', headers: auth(KEYS.public), payload: { description: '限男性' } });
    expect(res.json()).toMatchObject({ verdict: 'reject' });
  });
});
