import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/types.js';
import { appFor, auth, KEYS } from '../support/app.js';
import { enginesUnderTest } from '../support/engines.js';

interface Rec { at: string; keyId: string; role: string; resumeId: string; reason: string; requestId: string; context: Record<string, unknown> }
interface Page { records: Rec[]; nextCursor?: string }

const resume = (i: number) => ({
  name: `测试${i}`, phone: `1380000${String(i).padStart(4, '0')}`, contactConsent: false,
  summary: `船舶焊接经验${i}年，电话13912345${String(i).padStart(3, '0')}`, desiredTitles: ['电焊工'], skills: ['电焊'],
  experience: [{ title: '电焊工', years: i }], location: { district: '黄岛区', lat: 35.9, lon: 120.1 },
});
const RESUME_IDS = Array.from({ length: 25 }, (_, i) => `r-au-${String(i + 1).padStart(2, '0')}`);

describe.each(enginesUnderTest())('audit of resume views on $name', ({ make }) => {
  let engine: Engine;
  let cleanup: () => Promise<void>;
  let dataDir: string;
  let app: FastifyInstance;
  const open = () => appFor(engine, { DATA_DIR: dataDir });

  const call = (url: string, key: string) => app.inject({ method: 'GET', url, headers: auth(key) });
  const list = async (query = ''): Promise<Page> => {
    const res = await call(`/v1/audit${query}`, KEYS.admin);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const byRequest = async (requestId: string) => (await list('?size=500')).records.filter((r) => r.requestId === requestId);

  beforeAll(async () => {
    ({ engine, cleanup } = await make());
    dataDir = mkdtempSync(join(tmpdir(), 'zzh-audit-'));
    app = await open();
    const ndjson = RESUME_IDS.map((id, i) => JSON.stringify({ id, ...resume(i + 1) })).join('\n');
    const bulk = await app.inject({ method: 'POST', url: '/v1/resumes/_bulk', headers: { ...auth(KEYS.recruiter), 'content-type': 'application/x-ndjson' }, payload: ndjson });
    expect(bulk.json()).toMatchObject({ created: RESUME_IDS.length, errors: 0 });
    const vacancy = { employer: { id: 'e-0001', name: '青岛示例科技有限公司' }, title: '电焊工', description: '船舶分段焊接', skills: ['电焊'], location: { district: '黄岛区', lat: 35.9, lon: 120.1 } };
    expect((await app.inject({ method: 'PUT', url: '/v1/vacancies/v-au', headers: auth(KEYS.employer), payload: vacancy })).statusCode).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await cleanup?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes nothing for writes: an empty log after storing resumes', async () => {
    expect((await list()).records).toEqual([]);
  });

  it('records one search record per resume shown, with the parameter names but not their values', async () => {
    const res = await call(`/v1/resumes/search?q=${encodeURIComponent('焊接')}&size=20`, KEYS.recruiter);
    expect(res.statusCode).toBe(200);
    const ids = (res.json().hits as Array<{ id: string }>).map((h) => h.id);
    expect(ids).toHaveLength(20);
    const records = await byRequest(String(res.headers['x-request-id']));
    expect(records.map((r) => r.resumeId).sort()).toEqual([...ids].sort());
    for (const r of records) {
      expect(r).toMatchObject({ reason: 'search', role: 'recruiter', context: { route: '/v1/resumes/search', params: ['q', 'size'], page: 1 } });
      expect(r.keyId).toMatch(/^[A-Za-z0-9_.:-]+$/);
      expect(r.keyId).not.toContain(KEYS.recruiter);
      expect(Date.parse(r.at)).toBeGreaterThan(Date.now() - 60_000);
    }
    expect(JSON.stringify(records)).not.toContain('焊接');
    // No hits, no records.
    const none = await call(`/v1/resumes/search?q=${encodeURIComponent('不存在的职位词')}&relax=false`, KEYS.recruiter);
    expect(none.json().total).toBe(0);
    expect(await byRequest(String(none.headers['x-request-id']))).toEqual([]);
  });

  it('records candidates shown for a vacancy (reason match), for its employer and for recruiters', async () => {
    for (const [key, role] of [[KEYS.employer, 'employer'], [KEYS.recruiter, 'recruiter']] as const) {
      const res = await call('/v1/vacancies/v-au/matches?size=5', key);
      expect(res.statusCode, res.body).toBe(200);
      const ids = (res.json().matches as Array<{ id: string }>).map((m) => m.id);
      expect(ids.length).toBeGreaterThan(0);
      const records = await byRequest(String(res.headers['x-request-id']));
      expect(records.map((r) => r.resumeId).sort()).toEqual([...ids].sort());
      for (const r of records) expect(r).toMatchObject({ reason: 'match', role, context: { route: '/v1/vacancies/:id/matches', vacancyId: 'v-au' } });
    }
  });

  it('records a direct read (reason direct) by a recruiter and by an admin; not a 404', async () => {
    for (const [key, role] of [[KEYS.recruiter, 'recruiter'], [KEYS.admin, 'admin']] as const) {
      const res = await call('/v1/resumes/r-au-03', key);
      expect(res.statusCode).toBe(200);
      expect(await byRequest(String(res.headers['x-request-id']))).toMatchObject([{ reason: 'direct', role, resumeId: 'r-au-03', context: { route: '/v1/resumes/:id' } }]);
    }
    const missing = await call('/v1/resumes/r-nope', KEYS.recruiter);
    expect(missing.statusCode).toBe(404);
    expect(await byRequest(String(missing.headers['x-request-id']))).toEqual([]);
  });

  it('lists newest first and filters by resume, key, reason and time', async () => {
    const all = (await list('?size=500')).records;
    expect(all.length).toBe(20 + (await list('?reason=match&size=500')).records.length + 2);
    expect(all.map((r) => r.at)).toEqual([...all.map((r) => r.at)].sort().reverse());
    expect(all[0]).toMatchObject({ reason: 'direct', role: 'admin' });

    const of3 = (await list('?resumeId=r-au-03&size=500')).records;
    expect(of3.length).toBeGreaterThanOrEqual(2);
    expect(of3.every((r) => r.resumeId === 'r-au-03')).toBe(true);
    expect(of3).toEqual(all.filter((r) => r.resumeId === 'r-au-03'));

    const employerKeyId = all.find((r) => r.role === 'employer')!.keyId;
    const employers = (await list(`?keyId=${encodeURIComponent(employerKeyId)}&size=500`)).records;
    expect(employers.length).toBeGreaterThan(0);
    expect(employers.every((r) => r.role === 'employer' && r.reason === 'match')).toBe(true);

    expect((await list('?reason=direct')).records.map((r) => r.role)).toEqual(['admin', 'recruiter']);
    expect((await list('?reason=search&resumeId=r-au-03&keyId=nobody')).records).toEqual([]);

    const times = all.map((r) => r.at).sort();
    expect((await list(`?from=${encodeURIComponent(times[0]!)}&to=${encodeURIComponent(times[times.length - 1]!)}&size=500`)).records).toHaveLength(all.length);
    expect((await list(`?to=${encodeURIComponent('2000-01-01T00:00:00+08:00')}`)).records).toEqual([]);
    expect((await list(`?from=${encodeURIComponent('2999-01-01T00:00:00Z')}`)).records).toEqual([]);
    const mid = times[Math.floor(times.length / 2)]!;
    const after = (await list(`?from=${encodeURIComponent(mid)}&size=500`)).records;
    expect(after).toEqual(all.filter((r) => r.at >= mid));
  });

  it('pages with a cursor: every record once, in the same order', async () => {
    const all = (await list('?size=500')).records;
    const seen: Rec[] = [];
    let cursor: string | undefined;
    do {
      const page = await list(`?size=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.records.length).toBeLessThanOrEqual(7);
      seen.push(...page.records);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('answers bad parameters with a problem document naming the field', async () => {
    for (const [query, field] of [
      ['?size=501', 'size'], ['?size=0', 'size'], ['?from=yesterday', 'from'], ['?to=2025-13-01T00:00:00Z', 'to'],
      ['?reason=curiosity', 'reason'], ['?cursor=bm9wZQ', 'cursor'], ['?resumeId=%20bad', 'resumeId'], ['?keyId=a%20b', 'keyId'],
      ['?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z', 'from'], ['?q=x', 'q'],
    ] as const) {
      const res = await call(`/v1/audit${query}`, KEYS.admin);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors?.map((e: { field: string }) => e.field), query).toContain(field);
    }
  });

  it('is documented in the OpenAPI document with its bounds', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const op = doc.paths['/v1/audit'].get;
    const size = op.parameters.find((p: { name: string }) => p.name === 'size');
    expect(size.schema).toMatchObject({ minimum: 1, maximum: 500 });
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['cursor', 'from', 'keyId', 'reason', 'resumeId', 'size', 'to']);
    expect(op.responses).toHaveProperty('200');
    expect(op.responses).toHaveProperty('403');
  });

  it('is for admins only', async () => {
    expect((await app.inject({ method: 'GET', url: '/v1/audit' })).statusCode).toBe(401);
    for (const key of [KEYS.public, KEYS.employer, KEYS.recruiter, KEYS.seeker]) {
      const res = await call('/v1/audit', key);
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('keeps the records across a restart', async () => {
    const before = (await list('?size=500')).records;
    expect(before.length).toBeGreaterThan(20);
    await app.close();
    app = await open();
    expect((await list('?size=500')).records).toEqual(before);
    const res = await call('/v1/resumes/r-au-01', KEYS.recruiter);
    expect((await list('?size=1')).records).toMatchObject([{ resumeId: 'r-au-01', reason: 'direct', requestId: res.headers['x-request-id'] }]);
  });

  it('shows nothing when the view cannot be recorded: 503, no resume data', async () => {
    const count = (await list('?size=500')).records.length;
    app.audit.close();
    try {
      for (const url of ['/v1/resumes/r-au-01', `/v1/resumes/search?q=${encodeURIComponent('焊接')}`, '/v1/vacancies/v-au/matches']) {
        const res = await call(url, KEYS.recruiter);
        expect(res.statusCode, url).toBe(503);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.headers['retry-after']).toBeDefined();
        expect(res.body).not.toContain('r-au-');
        expect(res.body).not.toContain('电焊');
      }
    } finally {
      await app.close();
      app = await open();
    }
    expect((await list('?size=500')).records).toHaveLength(count);
  });
});
