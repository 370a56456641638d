import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { ElasticsearchEngine } from '../../src/engine/elasticsearch/engine.js';
import type { EngineQuery } from '../../src/engine/types.js';
import { searchQuerySchema } from '../../src/search/params.js';
import { search } from '../../src/search/service.js';
import { indexDocs } from './indexing.js';
import { SEARCH_MIX } from './search-queries.js';
import { percentiles } from './stats.js';

/**
 * Elasticsearch at scale: generates `docs` vacancies into a reusable index (prefix zzh-bench<docs>; indexing 1M takes
 * minutes, so a complete index is kept between runs), then measures with `clients` concurrent connections of one
 * load generator (autocannon, in this process) against two other processes:
 *   - api: GET /v1/vacancies/search over HTTP to the API in a process of its own (api-server.ts): parameters,
 *     analysis, synonyms, the Elasticsearch request and its answer, highlights, response checks and JSON;
 *   - direct: the very search requests the API sends for the same searches (captured from the engine layer),
 *     POSTed straight to Elasticsearch's _search; api / direct is then the API's own cost.
 * Both are run twice: repeated (the 20 searches of the mix over and over, which Elasticsearch's shard request
 * cache answers until the next refresh that changes the index) and distinct (each search once, with its own pay
 * ceiling, after the cache is cleared: what a stream of different searches costs).
 * Each request's latency is taken from the load generator, from sending to the last byte of the answer. The same
 * pair is then measured with one client, where nothing waits for a core: the latency the API adds on its own.
 */
export async function benchElasticsearchSearch(url: string, docs: number, clients = 20, requests = 4000) {
  const prefix = `zzh-bench${docs}`;
  const engine = new ElasticsearchEngine({ url, prefix, timeoutMs: 120_000 });
  await engine.init();
  const have = await engine.count('vacancy');
  let indexDocsPerSec: number | undefined;
  if (have < docs) {
    if (have > 0) await engine.drop();
    await engine.init();
    console.error(`  indexing ${docs.toLocaleString('en-US')} vacancies into ${prefix} (kept for later runs) …`);
    indexDocsPerSec = await indexDocs(engine, docs, 2000, true);
  }
  await engine.client.indices.forcemerge({ index: engine.alias('vacancy'), max_num_segments: 1 }).catch(() => undefined);

  // The engine queries the service produces for a list of searches, and the Elasticsearch requests they become
  // (captured without running them, so no cache is warmed).
  const esRequests = async (list: Array<Record<string, string>>) => {
    const captured: EngineQuery[] = [];
    const recording = Object.create(engine) as ElasticsearchEngine;
    recording.search = async (_kind, q) => { captured.push(q); return { total: 1, hits: [] }; };
    for (const p of list) await search(recording, 'vacancy', searchQuerySchema.parse(p));
    return captured.map((q) => {
      const { index, params, body } = engine.searchRequest('vacancy', q);
      return { method: 'POST', path: `/${index}/_search?request_cache=${params.request_cache}`, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    });
  };
  const apiRequests = (list: Array<Record<string, string>>) => list.map((p) => ({
    method: 'GET', path: `/v1/vacancies/search?${new URLSearchParams(p)}`, headers: { authorization: 'Bearer bench' },
  }));
  // Repeated: the mix over and over (the shard request cache answers); distinct: every search once, each with its
  // own pay ceiling, so nothing is answered from a cache.
  const repeated: Array<Record<string, string>> = SEARCH_MIX.map((p) => ({ size: '20', ...p }));
  const distinct = Array.from({ length: requests / 2 }, (_, i) => {
    const p = repeated[i % repeated.length]!;
    return { ...p, salaryMax: String(p.salaryMax ? 30_000 + i : 1_000_000 + i) };
  });
  const clearCache = async () => { await engine.client.indices.clearCache({ index: engine.alias('vacancy'), request: true }); };

  const dataDir = mkdtempSync(join(tmpdir(), 'zzh-bench-api-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/api-server.ts'], {
    env: { ...process.env, ELASTICSEARCH_URL: url, ELASTICSEARCH_INDEX_PREFIX: prefix, DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const address = await new Promise<string>((resolve, reject) => {
      server.once('exit', (code) => reject(new Error(`bench API server exited with ${code}`)));
      createInterface({ input: server.stdout! }).once('line', resolve);
    });
    const run = (target: string, list: autocannon.Request[], amount: number) => load(target, list, amount, clients);
    const direct = await esRequests(repeated);
    const api = apiRequests(repeated);
    await run(url, direct, 400);
    await run(address, api, 400);
    const directLat = await run(url, direct, requests);
    const apiLat = await run(address, api, requests);
    // One client at a time: the latency the API adds to a request when nothing queues for a core.
    const directOne = await load(url, direct, 500, 1);
    const apiOne = await load(address, api, 500, 1);
    await clearCache();
    const coldDirect = await run(url, await esRequests(distinct), distinct.length);
    await clearCache();
    const coldApi = await run(address, apiRequests(distinct), distinct.length);
    return {
      docs, clients, requests, indexDocsPerSec,
      direct: directLat, api: apiLat, overhead: apiLat.p50 / directLat.p50, overheadP99: apiLat.p99 / directLat.p99,
      oneClient: { direct: directOne, api: apiOne, overhead: apiOne.p50 / directOne.p50 },
      cold: coldDirect, coldApi, coldOverhead: coldApi.p50 / coldDirect.p50, coldOverheadP99: coldApi.p99 / coldDirect.p99,
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
    await engine.close();
  }
}

/** `amount` requests from `connections` connections, cycling through `list`; every answer must be 2xx. */
async function load(url: string, list: autocannon.Request[], amount: number, connections: number) {
  let next = 0;
  const samples: number[] = [];
  const instance = autocannon({
    url, connections, amount, timeout: 30,
    requests: [{ setupRequest: () => ({ ...list[next++ % list.length]! }) }],
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => samples.push(ms));
  const result = await instance;
  if (result.non2xx || result.errors || result.timeouts) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  return { ...percentiles(samples), perSec: samples.length / (result.duration || 1) };
}
