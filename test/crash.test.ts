import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VACANCIES } from './support/fixtures.js';
import { startServer, waitForExit } from './support/server.js';

const dir = mkdtempSync(join(tmpdir(), 'zzh-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The embedded store, also when the test run has ELASTICSEARCH_URL set (the child inherits the environment).
const env = { ELASTICSEARCH_URL: '', DATA_DIR: dir, SEED_DEMO: 'false', API_KEYS: 'k-admin:admin' };
const headers = { authorization: 'Bearer k-admin' };

function batch(n: number, size: number): string {
  const lines: string[] = [];
  for (let i = 0; i < size; i++) {
    const base = VACANCIES[i % 4]!;
    lines.push(JSON.stringify({ ...base, id: `v-crash-${n}-${i}`, title: `${base.title} ${n}-${i}` }));
  }
  return lines.join('\n');
}

describe('crash safety of the embedded store', () => {
  it('loses no acknowledged document when the server is killed with SIGKILL during a bulk import', async () => {
    const first = await startServer(env);
    const acknowledged: string[] = [];
    let n = 0;
    let killed = false;
    // Stream bulk requests back to back; once 600 lines are acknowledged, kill -9 lands while the next is in flight.
    const importer = (async () => {
      for (;;) {
        const id = n++;
        const inFlight = fetch(`${first.url}/v1/vacancies/_bulk`, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-ndjson' }, body: batch(id, 200) });
        if (acknowledged.length >= 600 && !killed) {
          killed = true;
          setTimeout(() => first.child.kill('SIGKILL'), 30);
        }
        try {
          const body = (await (await inFlight).json()) as { items: Array<{ id: string; result: string }> };
          for (const item of body.items) if (item.result === 'created' || item.result === 'updated') acknowledged.push(item.id);
        } catch {
          break; // the connection died with the server: nothing in this batch was acknowledged
        }
      }
    })();
    await importer;
    await waitForExit(first.child);
    expect(acknowledged.length).toBeGreaterThan(200);

    const second = await startServer(env);
    try {
      const missing: string[] = [];
      for (const id of acknowledged) {
        const res = await fetch(`${second.url}/v1/vacancies/${id}`, { headers });
        if (res.status !== 200) missing.push(id);
      }
      expect(missing).toEqual([]);
      const search = await fetch(`${second.url}/v1/vacancies/search?q=${encodeURIComponent('集成电路')}&size=1`, { headers });
      expect(((await search.json()) as { total: number }).total).toBeGreaterThan(0);
    } finally {
      second.child.kill('SIGTERM');
      await waitForExit(second.child);
    }
  });
});
