import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { WritePool } from '../../src/catalog/write-pool.js';
import { appFor, auth, KEYS } from '../support/app.js';
import { enginesUnderTest } from '../support/engines.js';
import { VACANCIES } from '../support/fixtures.js';

const ndjson = (lines: string[]) => ({ headers: { ...auth(KEYS.admin), 'content-type': 'application/x-ndjson' }, payload: lines.join('\n') });
const { id: _v, ...VACANCY } = VACANCIES[0]!;
/** Good lines, a bad one, a malformed one and a blank one, in an order the answer must keep. */
const LINES = [
  ...VACANCIES.slice(0, 6).map((v) => JSON.stringify(v)),
  JSON.stringify({ ...VACANCY, id: 'v-pool-bad', title: '' }),
  '{not json',
  '',
  ...[1, 2, 3].map((n) => JSON.stringify({ ...VACANCY, id: `v-pool-${n}`, title: `${VACANCY.title} ${n}` })),
];
const IDS = [...VACANCIES.slice(0, 6).map((v) => v.id), 'v-pool-1', 'v-pool-2', 'v-pool-3'];
/** Stored documents without the write time (each request has its own `now`). */
const strip = (doc: Record<string, unknown> | null) => JSON.parse(JSON.stringify(doc, (k, v: unknown) => (/^(indexedAt|updatedAt|createdAt|checkedAt)$/.test(k) ? undefined : v)));

describe.each(enginesUnderTest())('write pool on $name', ({ make }) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => { for (const c of cleanups) await c(); });

  it('pool on and off give the same bulk answers and stored documents', async () => {
    const out: Array<{ answer: unknown; stored: unknown[] }> = [];
    for (const workers of ['0', '2']) {
      const e = await make();
      const app = await appFor(e.engine, { WRITE_WORKERS: workers });
      cleanups.push(async () => { await app.close(); await e.cleanup(); });
      const res = await app.inject({ method: 'POST', url: '/v1/vacancies/_bulk', ...ndjson(LINES) });
      expect(res.statusCode).toBe(200);
      out.push({ answer: res.json(), stored: await Promise.all(IDS.map(async (id) => strip(await e.engine.get('vacancy', id)))) });
    }
    expect(out[0]!.answer).toMatchObject({ created: 9, errors: 2 });
    expect(out[1]!.answer).toEqual(out[0]!.answer);
    expect(out[1]!.stored).toEqual(out[0]!.stored);
    expect(out[0]!.stored.every((d) => d && typeof d === 'object')).toBe(true);
  });
});

describe('write pool failures', () => {
  it('a worker that fails answers each line of its batch with an error, never a 500 or a hang', async () => {
    const e = await enginesUnderTest()[0]!.make();
    const app = await appFor(e.engine, { WRITE_WORKERS: '0' });
    const dir = mkdtempSync(join(tmpdir(), 'zzh-pool-'));
    const crashing = join(dir, 'crash.mjs');
    writeFileSync(crashing, 'export default function () { process.exit(3); }\n');
    const pool = new WritePool(2, crashing);
    app.deps.catalog.pipeline.usePool(pool);
    try {
      const res = await app.inject({ method: 'POST', url: '/v1/vacancies/_bulk', ...ndjson(LINES) });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: Array<{ line: number; result: string; error?: { field: string; reason: string } }>; created: number; errors: number };
      expect(body.created).toBe(0);
      expect(body.items.map((i) => i.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12]);
      const failed = body.items.filter((i) => i.error?.field === '(analysis)');
      expect(failed).toHaveLength(9);
      expect(failed[0]!.error!.reason).toMatch(/not written: analysis worker failed/);
    } finally {
      app.deps.catalog.pipeline.usePool(undefined);
      await pool.close();
      await app.close();
      await e.cleanup();
    }
  });

  it('a bad WRITE_WORKERS is a clear boot error', () => {
    for (const bad of ['abc', '-1', '1.5', '65']) expect(() => loadConfig({ WRITE_WORKERS: bad }), bad).toThrow(/WRITE_WORKERS/);
    expect(loadConfig({ WRITE_WORKERS: '2' }).WRITE_WORKERS).toBe(2);
    expect(loadConfig({}).WRITE_WORKERS).toBeUndefined();
  });
});
