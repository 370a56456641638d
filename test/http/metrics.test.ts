import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { EmbeddedCatalogRepository } from '../../src/catalog/repository.js';
import { seedCatalog } from '../../src/catalog/load.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { ElasticsearchEngine } from '../../src/engine/elasticsearch/engine.js';
import { appFor, auth, KEYS, useEmbeddedApp } from '../support/app.js';
import { makeEmbedded } from '../support/engines.js';
import { freePort } from '../support/server.js';
import { VACANCIES } from '../support/fixtures.js';

const getApp = useEmbeddedApp();
let app: FastifyInstance;
beforeAll(() => { app = getApp(); });

describe('GET /metrics', () => {
  it('counts compliance verdicts by category and source, and times requests by route template', async () => {
    await app.inject({ method: 'POST', url: '/v1/compliance/check', headers: auth(KEYS.public), payload: { description: '限男性，35岁以下' } });
    await app.inject({ method: 'PUT', url: '/v1/vacancies/v-m-1', headers: auth(KEYS.admin), payload: { ...VACANCIES[1], id: 'v-m-1', description: '只招女生' } });
    await app.inject({ method: 'GET', url: '/v1/resumes/r-secret-123', headers: auth(KEYS.admin) });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.body;
    expect(text).toMatch(/zzh_compliance_checks_total\{verdict="reject",source="check"\} 1/);
    expect(text).toMatch(/zzh_compliance_checks_total\{verdict="reject",source="publish"\} 1/);
    expect(text).toMatch(/zzh_compliance_findings_total\{category="gender",severity="block"\} 2/);
    expect(text).toMatch(/zzh_compliance_findings_total\{category="age",severity="warn"\} 1/);
    expect(text).toContain('route="/v1/resumes/:id"');
    expect(text).not.toContain('r-secret-123');
  });
});

const ndjson = () => ({ ...auth(KEYS.admin), 'content-type': 'application/x-ndjson' });
/** The value of one sample line of the metrics text, 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inside = line.slice(name.length + 1, line.lastIndexOf('}'));
    const have = inside.split(',');
    if (want.every((w) => have.includes(w))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

describe('engine, bulk and rate-limit metrics', () => {
  it('times engine operations by engine, kind, operation and outcome', async () => {
    await app.inject({ method: 'GET', url: '/v1/vacancies/search?q=java', headers: auth(KEYS.public) });
    await app.inject({ method: 'GET', url: '/v1/vacancies/v-none', headers: auth(KEYS.public) });
    expect((await app.inject({ method: 'PUT', url: '/v1/vacancies/v-eng-1', headers: auth(KEYS.admin), payload: { ...VACANCIES[0], id: 'v-eng-1' } })).statusCode).toBe(201);
    expect((await app.inject({ method: 'DELETE', url: '/v1/vacancies/v-eng-1', headers: auth(KEYS.admin) })).statusCode).toBe(204);
    const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    for (const operation of ['search', 'get', 'upsert', 'delete']) {
      expect(sample(text, 'zzh_engine_operation_duration_seconds_count', { engine: 'embedded', kind: 'vacancy', operation, outcome: 'ok' }), operation).toBeGreaterThan(0);
    }
    expect(text).toMatch(/zzh_engine_operation_duration_seconds_bucket\{le="0\.001",engine="embedded",kind="vacancy",operation="search",outcome="ok"\}/);
  });

  it('counts bulk lines by kind and outcome: created, updated, rejected', async () => {
    const good = { ...VACANCIES[0], id: 'v-bulk-1' };
    const lines = (...l: unknown[]) => l.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('\n');
    await app.inject({ method: 'POST', url: '/v1/vacancies/_bulk', headers: ndjson(), payload: lines(good) });
    const res = await app.inject({
      method: 'POST', url: '/v1/vacancies/_bulk', headers: ndjson(),
      payload: lines(good, '{not json', { ...VACANCIES[1], id: 'v-bulk-2', description: '只招男性' }, { ...good, id: 'v-bulk-3' }),
    });
    expect(res.json()).toMatchObject({ created: 1, updated: 1, errors: 2 });
    const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(sample(text, 'zzh_bulk_items_total', { kind: 'vacancy', outcome: 'created' })).toBe(2);
    expect(sample(text, 'zzh_bulk_items_total', { kind: 'vacancy', outcome: 'updated' })).toBe(1);
    expect(sample(text, 'zzh_bulk_items_total', { kind: 'vacancy', outcome: 'rejected' })).toBe(2);
    expect(sample(text, 'zzh_bulk_items_total', { kind: 'vacancy', outcome: 'failed' })).toBe(0);
    expect(text).not.toContain('v-bulk-');
  });

  it('counts bulk lines the engine could not write as failed, and engine errors', async () => {
    const engine = new ElasticsearchEngine({ url: `http://127.0.0.1:${await freePort()}`, prefix: 'zzh-metrics-down', timeoutMs: 1000 });
    // The catalog is readable (kept in files here), so the lines reach the engine, which cannot be reached. (With the
    // shared catalog unreadable too, the lines fail before the engine: test/http/engine-faults.test.ts.)
    const dir = mkdtempSync(join(tmpdir(), 'zzh-metrics-'));
    const down = await appFor(engine, {}, { repository: await EmbeddedCatalogRepository.open(dir, seedCatalog()) });
    try {
      const payload = [{ ...VACANCIES[0], id: 'v-f-1' }, { ...VACANCIES[2], id: 'v-f-2' }].map((d) => JSON.stringify(d)).join('\n');
      const res = await down.inject({ method: 'POST', url: '/v1/vacancies/_bulk', headers: ndjson(), payload });
      // Nothing could be written: the whole request answers 503; the lines still count as failed.
      expect(res.statusCode).toBe(503);
      const text = (await down.inject({ method: 'GET', url: '/metrics' })).body;
      expect(sample(text, 'zzh_bulk_items_total', { kind: 'vacancy', outcome: 'failed' })).toBe(2);
      expect(sample(text, 'zzh_engine_operation_duration_seconds_count', { engine: 'elasticsearch', kind: 'vacancy', operation: 'upsert', outcome: 'error' })).toBe(1);
    } finally {
      await down.close();
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts rate-limit rejections by route template', async () => {
    const e = await makeEmbedded();
    const limited = await appFor(e.engine, { RATE_LIMIT_PER_MINUTE: '2' });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await limited.inject({ method: 'GET', url: `/v1/vacancies/v-${i}`, headers: auth(KEYS.public) })).statusCode);
      expect(statuses).toEqual([404, 404, 429, 429, 429]);
      const text = (await limited.inject({ method: 'GET', url: '/metrics' })).body;
      expect(sample(text, 'zzh_rate_limit_rejections_total', { route: '/v1/vacancies/:id' })).toBe(3);
      expect(text).not.toMatch(/v-[0-4]"/);
    } finally {
      await limited.close();
      await e.cleanup();
    }
  });
});
