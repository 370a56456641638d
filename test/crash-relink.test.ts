import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedCatalogRepository } from '../src/catalog/repository.js';
import { CatalogService } from '../src/catalog/service.js';
import { catalogSchema } from '../src/catalog/schema.js';
import { sharedClassifier } from './support/app.js';
import { renamedCatalog } from './support/catalogs.js';
import { makeEmbedded } from './support/engines.js';
import { VACANCIES } from './support/fixtures.js';
import { startServer, waitForExit } from './support/server.js';

/**
 * kill -9 of the real server in the middle of the background re-link a catalog change starts (embedded store):
 * after a restart no document is missing, the re-link starts again by itself and completes, and every document
 * is linked with the new catalog — the same entries as before, under their new ids.
 */
const dir = mkdtempSync(join(tmpdir(), 'zzh-crash-relink-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The embedded store, also when the test run has ELASTICSEARCH_URL set (the child inherits the environment).
const env = { ELASTICSEARCH_URL: '', DATA_DIR: dir, SEED_DEMO: 'true', DEMO_VACANCIES: '3000', DEMO_RESUMES: '3000', API_KEYS: 'k-admin:admin', RATE_LIMIT_PER_MINUTE: '0' };
const headers = { authorization: 'Bearer k-admin', 'content-type': 'application/json' };
const KINDS = ['vacancy', 'resume'] as const;
type Relink = { state: string; revision: number | null; done: number; total: number };

/** id → its catalog revision and linked entry ids (sorted), read straight from the store file. */
function linksOnDisk(): Map<string, { revision: unknown; entries: string[] }> {
  const db = new Database(join(dir, 'match.sqlite'), { readonly: true });
  try {
    const out = new Map<string, { revision: unknown; entries: string[] }>();
    for (const kind of KINDS) {
      for (const row of db.prepare(`SELECT id, source FROM ${kind}_docs`).iterate() as Iterable<{ id: string; source: string }>) {
        const doc = JSON.parse(row.source) as { catalogRevision?: number; catalogLinks?: Array<{ entryId: string }> };
        out.set(`${kind}:${row.id}`, { revision: doc.catalogRevision, entries: (doc.catalogLinks ?? []).map((l) => l.entryId).sort() });
      }
    }
    return out;
  } finally {
    db.close();
  }
}

describe('crash safety of the catalog re-link', () => {
  it('restarts an interrupted re-link by itself and links every document with the new catalog', async () => {
    const first = await startServer(env);
    const before = linksOnDisk();
    expect(before.size).toBe(6000);
    expect([...before.values()].every((d) => d.revision === 1)).toBe(true);

    const put = await fetch(`${first.url}/v1/catalog`, { method: 'PUT', headers, body: JSON.stringify(renamedCatalog('2025.2-crash', 'k2')) });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ revision: 2, changed: true, relink: { state: 'running' } });

    // Writes carry on during the re-link; they are linked with the new catalog as they are written.
    const written: string[] = [];
    let progress: Relink | undefined;
    for (let i = 0; ; i++) {
      const id = `v-relink-${i}`;
      const { id: _, ...fields } = VACANCIES[0]!;
      const res = await fetch(`${first.url}/v1/vacancies/${id}`, { method: 'PUT', headers, body: JSON.stringify(fields) });
      if (res.status === 201) written.push(id);
      progress = ((await (await fetch(`${first.url}/v1/catalog/versions`, { headers })).json()) as { relink: Relink }).relink;
      if (progress.state !== 'running' || progress.done >= 1500) break;
    }
    // kill -9 while the re-link is half-way.
    expect(progress).toMatchObject({ state: 'running', revision: 2 });
    expect(progress!.done).toBeLessThan(progress!.total);
    first.child.kill('SIGKILL');
    await waitForExit(first.child);
    const interrupted = linksOnDisk();
    const stale = [...interrupted.values()].filter((d) => d.revision === 1).length;
    expect(stale, 'documents still linked with the old catalog at the kill').toBeGreaterThan(0);

    const second = await startServer(env);
    try {
      let relink: Relink | undefined;
      let current = 0;
      const deadline = Date.now() + 120_000;
      for (;;) {
        const v = (await (await fetch(`${second.url}/v1/catalog/versions`, { headers })).json()) as { current: number; relink: Relink };
        ({ relink, current } = v);
        if (relink.state === 'done' || relink.state === 'failed' || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(current).toBe(2);
      expect(relink).toMatchObject({ state: 'done', revision: 2, total: 6000 + written.length, done: 6000 + written.length });
    } finally {
      second.child.kill('SIGTERM');
      await waitForExit(second.child);
    }

    // No document lost, none added; each linked with revision 2 to the same entries as before, under their new ids.
    const after = linksOnDisk();
    expect(after.size).toBe(6000 + written.length);
    const wrong: string[] = [];
    for (const [key, was] of before) {
      const now = after.get(key);
      if (!now) wrong.push(`${key} missing`);
      else if (now.revision !== 2) wrong.push(`${key} linked with revision ${String(now.revision)}`);
      else if (JSON.stringify(now.entries) !== JSON.stringify(was.entries.map((e) => `${e}-k2`).sort())) wrong.push(`${key}: ${now.entries.join(',')} instead of ${was.entries.join(',')}`);
    }
    for (const id of written) if (after.get(`vacancy:${id}`)?.revision !== 2) wrong.push(`vacancy:${id} written during the re-link: ${JSON.stringify(after.get(`vacancy:${id}`))}`);
    expect(wrong.slice(0, 20)).toEqual([]);
    expect([...after.values()].filter((d) => d.entries.length).length).toBeGreaterThan(1000);
    expect(JSON.parse(readFileSync(join(dir, 'catalog', 'state.json'), 'utf8'))).toEqual({ current: 2, linkedRevision: 2 });
    const db = new Database(join(dir, 'match.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    db.close();
  }, 300_000);

  it('takes the retry of a catalog PUT cut off between storing its revision and switching to it', async () => {
    const { engine, cleanup } = await makeEmbedded();
    const dataDir = mkdtempSync(join(tmpdir(), 'zzh-crash-catalog-'));
    try {
      const classifier = sharedClassifier(process.env.OCCUPATIONS_FILE);
      const catalog = catalogSchema.parse(renamedCatalog('2025.3-cut', 'k3'));
      const first = await CatalogService.open({ dataDir, engine, classifier });
      await (first.repository as EmbeddedCatalogRepository).store.add(catalog);
      // What the crash leaves: revision 2 on disk, state.json still pointing at revision 1.
      writeFileSync(join(dataDir, 'catalog', 'state.json'), JSON.stringify({ current: 1, linkedRevision: 1 }));

      const reopened = await CatalogService.open({ dataDir, engine, classifier });
      expect(reopened.current().revision).toBe(1);
      const again = await reopened.replace(catalog);
      expect(again).toMatchObject({ changed: true, version: { revision: 2, version: '2025.3-cut' } });
      expect(reopened.current().revision).toBe(2);
      expect(await reopened.relink.settled()).toMatchObject({ state: 'done', revision: 2 });
      expect(JSON.parse(readFileSync(join(dataDir, 'catalog', 'state.json'), 'utf8'))).toEqual({ current: 2, linkedRevision: 2 });
      // Other content under that label is still refused.
      await expect(reopened.replace({ ...catalog, title: 'changed' })).rejects.toMatchObject({ status: 409 });
    } finally {
      await cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
