import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateVacancies } from '../../src/demo/index.js';
import { vacancyInputSchema, toVacancy } from '../../src/domain/vacancy.js';
import { ElasticsearchEngine } from '../../src/engine/elasticsearch/engine.js';
import { vacancyToIndexDoc } from '../../src/indexing/documents.js';
import { renamedCatalog } from '../support/catalogs.js';
import {
  call, dropPrefix, esClient, indexTotal, roundRobin, ROOT, startReplica, stopReplica, uniquePrefix, waitFor, waitListening, type Replica,
} from './catalog-harness.js';

/**
 * Issue 13 on the catalog side, from outside: three API processes, each with its own empty DATA_DIR, on one real
 * Elasticsearch, behind a round-robin proxy. Needs ELASTICSEARCH_URL (required under CI=true).
 */
const url = process.env.ELASTICSEARCH_URL;
if (!url && process.env.CI === 'true') throw new Error('CI=true but ELASTICSEARCH_URL is not set: the replica tests must run in CI');
const DEMO = 1200;
const LEASE_TTL_MS = '5000';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.skipIf(!url)('three catalog replicas on one Elasticsearch', () => {
  const prefix = uniquePrefix('cat');
  const es = esClient(url!);
  let replicas: Replica[] = [];
  let proxy: Awaited<ReturnType<typeof roundRobin>>;
  const env = { ELASTICSEARCH_URL: url!, ELASTICSEARCH_INDEX_PREFIX: prefix, SEED_DEMO: 'true', DEMO_VACANCIES: String(DEMO), DEMO_RESUMES: String(DEMO), LEASE_TTL_MS };
  const versionsOf = async (r: Replica) => (await call(r.base, 'GET', '/v1/catalog/versions')).json;
  const allDone = (revision: number) => waitFor(`every replica to show the re-link of revision ${revision} done`, async () => {
    const alive = replicas.filter((r) => r.proc.exitCode === null && r.proc.signalCode === null);
    const vs = await Promise.all(alive.map(versionsOf));
    return vs.every((v) => v.current === revision && v.relink.state === 'done' && v.relink.revision === revision) && vs;
  }, 180_000, 300);
  const staleDocs = async (revision: number) => {
    await es.indices.refresh({ index: `${prefix}-*` });
    let n = 0;
    for (const kind of ['vacancy', 'resume']) n += (await es.count({ index: `${prefix}-${kind}`, query: { bool: { must_not: { term: { catalogRevision: String(revision) } } } } })).count;
    return n;
  };

  beforeAll(async () => {
    // Started at once on an empty prefix: they race for the seeding lease.
    replicas = await Promise.all(['a', 'b', 'c'].map((n) => startReplica(n, env)));
    await Promise.all(replicas.map((r) => waitListening(r, 240_000)));
    proxy = await roundRobin(() => replicas);
  }, 300_000);

  afterAll(async () => {
    await proxy?.close();
    await Promise.all(replicas.map((r) => stopReplica(r)));
    await dropPrefix(es, prefix).catch(() => undefined);
    await es.close();
  }, 60_000);

  it('seeds the demo exactly once when three replicas start at once on an empty prefix', async () => {
    await waitFor('the demo data', async () => (await es.count({ index: `${prefix}-resume` })).count === DEMO, 120_000);
    for (const kind of ['vacancy', 'resume'] as const) {
      expect((await es.count({ index: `${prefix}-${kind}` })).count).toBe(DEMO);
      // Each demo document indexed once: not once per replica.
      expect(await indexTotal(es, prefix, kind)).toBe(DEMO);
    }
    const lease = await es.get<Json>({ index: `${prefix}-leases`, id: 'demo-seed' });
    expect(lease._source.data).toMatchObject({ done: true, vacancies: DEMO, resumes: DEMO });
  });

  it('serves a catalog PUT through any replica from all within 2 s, re-links once while others edit and delete, losing no edit', async () => {
    const before = (await indexTotal(es, prefix, 'vacancy')) + (await indexTotal(es, prefix, 'resume'));
    const put = await call(proxy.base, 'PUT', '/v1/catalog', renamedCatalog('rep-2', 'r2'));
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    const t0 = Date.now();
    await waitFor('every replica to serve rep-2', async () => (await Promise.all(replicas.map((r) => call(r.base, 'GET', '/v1/catalog')))).every((x) => x.json.version === 'rep-2'), 2_000, 50);
    const seenMs = Date.now() - t0;
    expect(seenMs).toBeLessThanOrEqual(2_000);

    // Meanwhile, through the proxy (every replica in turn): edits of vacancies and deletions of resumes.
    const demo = generateVacancies(DEMO);
    const edited = new Map<string, string>();
    const deleted: string[] = [];
    for (let i = 0; i < 24; i++) {
      const v = demo[(i * 37) % DEMO]!;
      const title = `${v.title} 编辑${i}`;
      const res = await call(proxy.base, 'PUT', `/v1/vacancies/${v.id}`, { ...v, title });
      expect(res.status, JSON.stringify(res.json)).toBeLessThan(300);
      edited.set(v.id, title);
      const rid = `r-${String(1 + ((i * 53) % DEMO)).padStart(6, '0')}`;
      const del = await call(proxy.base, 'DELETE', `/v1/resumes/${rid}`);
      if (del.status === 204) deleted.push(rid);
      await sleep(100);
    }
    expect(deleted.length).toBeGreaterThan(10);

    const vs = await allDone(2);
    // The same progress on every replica (read from the lease).
    expect(new Set(vs.map((v: Json) => JSON.stringify(v.relink))).size).toBe(1);
    expect(await staleDocs(2)).toBe(0);
    // Run once: about one corpus of index operations (plus the edits), not one per replica.
    const grown = (await indexTotal(es, prefix, 'vacancy')) + (await indexTotal(es, prefix, 'resume')) - before;
    expect(grown).toBeGreaterThan(2 * DEMO * 0.9);
    expect(grown).toBeLessThan(2 * DEMO * 1.3);
    for (const [id, title] of edited) {
      const doc = (await es.get<Json>({ index: `${prefix}-vacancy`, id }))._source.source;
      expect(doc.title, id).toBe(title);
      expect(doc.catalogRevision).toBe(2);
    }
    for (const id of deleted) expect((await es.exists({ index: `${prefix}-resume`, id })), id).toBe(false);
  }, 240_000);

  it('gives one success and one 409 for the same label with other content sent to two replicas at once', async () => {
    const [x, y] = await Promise.all([
      call(replicas[0]!.base, 'PUT', '/v1/catalog', renamedCatalog('rep-3', 'r3a')),
      call(replicas[1]!.base, 'PUT', '/v1/catalog', renamedCatalog('rep-3', 'r3b')),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const winner = x.status === 200 ? x.json : y.json;
    // The same content again through the third replica: idempotent.
    const again = await call(replicas[2]!.base, 'PUT', '/v1/catalog', renamedCatalog('rep-3', x.status === 200 ? 'r3a' : 'r3b'));
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ revision: winner.revision, changed: false });
    await allDone(winner.revision);
  }, 240_000);

  it('finishes the re-link on another replica when its holder is killed (kill -9)', async () => {
    const put = await call(proxy.base, 'PUT', '/v1/catalog', renamedCatalog('rep-4', 'r4'));
    expect(put.status).toBe(200);
    const revision = put.json.revision as number;
    const running = await waitFor('the re-link to be under way', async () => {
      const v = await versionsOf(replicas[0]!);
      return v.relink.revision === revision && v.relink.state === 'running' && v.relink.holder && v.relink.done > 0 && v.relink.done < v.relink.total && v.relink;
    }, 60_000, 100);
    const holderPid = Number(String(running.holder).split('-')[0]);
    const holder = replicas.find((r) => r.proc.pid === holderPid);
    expect(holder, `holder ${running.holder}`).toBeDefined();
    holder!.proc.kill('SIGKILL');
    await holder!.exited;
    const vs = await allDone(revision);
    expect(vs[0].relink.holder).toBeNull();
    expect(await staleDocs(revision)).toBe(0);
    // Resumed at the stored cursor, not started over: the walk counts each document about once.
    expect(vs[0].relink.done).toBeLessThan(vs[0].relink.total * 1.3);
    // The killed replica comes back with an empty DATA_DIR and serves the current catalog.
    const back = await startReplica(`${holder!.name}2`, env);
    replicas = replicas.map((r) => (r === holder ? back : r));
    await stopReplica(holder!).catch(() => undefined);
    await waitListening(back);
    expect((await call(back.base, 'GET', '/v1/catalog')).json.version).toBe('rep-4');
  }, 300_000);

  it('reports the same gaps through every replica', async () => {
    const reports = await Promise.all(replicas.map(async (r) => (await call(r.base, 'GET', '/v1/catalog/gaps')).json));
    for (const rep of reports) expect(rep.entries).toEqual(reports[0].entries);
  });
});

describe.skipIf(!url)('a mapping migration with several replicas', () => {
  const prefix = uniquePrefix('mig');
  const es = esClient(url!);
  let replicas: Replica[] = [];

  afterAll(async () => {
    await Promise.all(replicas.map((r) => stopReplica(r)));
    await dropPrefix(es, prefix).catch(() => undefined);
    await es.close();
  }, 60_000);

  it('migrates once while an old replica keeps writing, losing nothing, and the alias only moves forward', async () => {
    // The previous layout (v5: without the gap report's keyword fields), as an older release created it.
    const current = JSON.parse(readFileSync(`${ROOT}/mappings/vacancy.json`, 'utf8'));
    const v5 = structuredClone(current);
    for (const f of ['catalogNear', 'catalogMissing', 'catalogRevision']) delete v5.mappings.properties[f];
    for (const kind of ['vacancy', 'resume']) {
      const def = kind === 'vacancy' ? v5 : (() => { const d = JSON.parse(readFileSync(`${ROOT}/mappings/resume.json`, 'utf8')); for (const f of ['catalogNear', 'catalogMissing', 'catalogRevision']) delete d.mappings.properties[f]; return d; })();
      await es.indices.create({ index: `${prefix}-${kind}-v5`, settings: def.settings, mappings: def.mappings, aliases: { [`${prefix}-${kind}`]: { is_write_index: true } } });
    }
    const now = new Date();
    const oldDoc = (v: ReturnType<typeof generateVacancies>[number], title = v.title) => {
      const d = vacancyToIndexDoc(toVacancy(v.id!, vacancyInputSchema.parse({ ...v, title }), now));
      const { catalogNear: _n, catalogMissing: _m, catalogRevision: _r, ...keywords } = d.keywords;
      return { id: d.id, ...d.text, ...keywords, ...d.numbers, ...(d.geo ? { location: d.geo } : {}), source: d.source };
    };
    const demo = generateVacancies(3000);
    const ops = demo.slice(0, 2000).flatMap((v) => [{ index: { _index: `${prefix}-vacancy`, _id: v.id } }, oldDoc(v)]);
    await es.bulk({ operations: ops, refresh: true });

    // The old replica keeps writing through the alias: new documents, edits and deletions; each acknowledged one is kept.
    const acked = new Map<string, string | null>();
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const v = i % 3 === 0 ? demo[2000 + (i % 1000)]! : demo[(i * 7) % 2000]!;
        try {
          if (i % 5 === 4) {
            await es.delete({ index: `${prefix}-vacancy`, id: v.id!, refresh: false }, { ignore: [404] });
            acked.set(v.id!, null);
          } else {
            const title = `${v.title} 旧版写入${i}`;
            await es.index({ index: `${prefix}-vacancy`, id: v.id!, document: oldDoc(v, title), refresh: false });
            acked.set(v.id!, title);
          }
        } catch { /* refused (the write block of the catch-up): not acknowledged, the old replica retries */ }
        await sleep(5);
      }
    })();

    // Three new replicas at once: one migrates under the lease, the others wait.
    replicas = await Promise.all(['m1', 'm2', 'm3'].map((n) => startReplica(n, { ELASTICSEARCH_URL: url!, ELASTICSEARCH_INDEX_PREFIX: prefix, LEASE_TTL_MS })));
    await Promise.all(replicas.map((r) => waitListening(r, 240_000)));
    await sleep(500);
    writing = false;
    await writer;
    await es.indices.refresh({ index: `${prefix}-vacancy` });

    const aliases = await es.indices.getAlias({ name: `${prefix}-vacancy` });
    expect(Object.keys(aliases)).toEqual([`${prefix}-vacancy-v${current.version}`]);
    expect(acked.size).toBeGreaterThan(50);
    const lost: string[] = [];
    for (const [id, title] of acked) {
      const got = await es.get<Json>({ index: `${prefix}-vacancy`, id }, { ignore: [404] });
      if (title === null ? got.found : got._source?.source?.title !== title) lost.push(`${id}: wanted ${title}, found ${got.found ? got._source.source.title : 'nothing'}`);
    }
    expect(lost).toEqual([]);
    const lease = await es.get<Json>({ index: `${prefix}-leases`, id: 'migrate-vacancy' });
    expect(lease._source.data).toMatchObject({ done: true });
    // Documents of the old layout are served by the new replicas.
    const one = await call(replicas[0]!.base, 'GET', `/v1/vacancies/${demo[1]!.id}`);
    expect([200, 404]).toContain(one.status);
  }, 300_000);

  it('refuses to start an older replica against a newer mapping', async () => {
    const p = uniquePrefix('new');
    await es.indices.create({ index: `${p}-vacancy-v99`, aliases: { [`${p}-vacancy`]: { is_write_index: true } } });
    const engine = new ElasticsearchEngine({ url: url!, prefix: p, timeoutMs: 10_000 });
    try {
      await expect(engine.init()).rejects.toThrow(/newer than this version's mapping/);
    } finally {
      await engine.drop().catch(() => undefined);
      await engine.close();
    }
  });
});
