import { ElasticsearchEngine } from '../../src/engine/elasticsearch/engine.js';
import type { EngineQuery } from '../../src/engine/types.js';
import { searchQuerySchema } from '../../src/search/params.js';
import { search } from '../../src/search/service.js';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { ScreenerHolder } from '../../src/compliance/index.js';
import { indexDocs } from './indexing.js';
import { SEARCH_MIX } from './search-queries.js';
import { concurrently, percentiles } from './stats.js';

/**
 * Elasticsearch at scale: generates `docs` vacancies into a reusable index (prefix zzh-bench<docs>; indexing 1M takes
 * minutes, so a complete index is kept between runs), then measures with 20 concurrent clients:
 *   - the API: GET /v1/vacancies/search over HTTP (analysis, synonyms, facets, highlights, JSON);
 *   - the same engine queries sent straight to Elasticsearch by the engine layer (the msearch the API sends),
 *     so the ratio is the API's own cost: HTTP, parsing, synonyms, highlights and JSON;
 *   - cold: the same queries made unique per request by a no-op filter, so Elasticsearch's shard request cache
 *     (which answers repeated searches until the next refresh that changes the index) never helps.
 */
export async function benchElasticsearchSearch(url: string, docs: number, clients = 20, requests = 2000) {
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

  // Capture the exact engine queries the service sends, to replay them straight to Elasticsearch.
  const captured: EngineQuery[] = [];
  const recording = Object.create(engine) as ElasticsearchEngine;
  recording.search = async (kind, q) => { captured.push(q); return engine.search(kind, q); };
  const params = SEARCH_MIX.map((p) => searchQuerySchema.parse({ size: '20', ...p }));
  for (const p of params) await search(recording, 'vacancy', p);

  const config = loadConfig({ ELASTICSEARCH_URL: url, ELASTICSEARCH_INDEX_PREFIX: prefix, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', SEED_DEMO: 'false', API_KEYS: 'bench:public' });
  const app = await buildApp({ config, engine, screener: new ScreenerHolder() });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const urls = SEARCH_MIX.map((p) => `${address}/v1/vacancies/search?${new URLSearchParams({ size: '20', ...p })}`);
  try {
    // The same engine queries the service produced, sent by the engine layer alone (one msearch each).
    const direct = async (i: number) => engine.search('vacancy', captured[i % captured.length]!);
    // Cold: a filter that keeps every document but differs per request, so no cache can answer.
    const cold = async (i: number) => {
      const q = captured[i % captured.length]!;
      return engine.search('vacancy', { ...q, filters: [...q.filters, { kind: 'range', field: 'publishedAt', lte: 4e12 + i }] });
    };
    const api = async (i: number) => {
      const res = await fetch(urls[i % urls.length]!, { headers: { authorization: 'Bearer bench' } });
      if (!res.ok) throw new Error(`API answered ${res.status}`);
      await res.arrayBuffer();
    };
    await concurrently(clients, 200, direct);
    await concurrently(clients, 200, api);
    const coldLat = percentiles(await concurrently(clients, requests / 2, cold));
    const directLat = percentiles(await concurrently(clients, requests, direct));
    const apiLat = percentiles(await concurrently(clients, requests, api));
    return { docs, clients, requests, indexDocsPerSec, cold: coldLat, direct: directLat, api: apiLat, overhead: apiLat.p50 / directLat.p50, overheadP99: apiLat.p99 / directLat.p99 };
  } finally {
    await app.close();
    await engine.close();
  }
}
