/**
 * The search API for the Elasticsearch bench, in a process of its own (as deployed: the load generator is not in
 * the server's process): buildApp over an existing bench index, without the catalog service (whose start-up would
 * re-link a million documents in the background). Prints its address as one line on stdout once listening.
 *   ELASTICSEARCH_URL, ELASTICSEARCH_INDEX_PREFIX, DATA_DIR as for the service.
 */
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { ScreenerHolder } from '../../src/compliance/index.js';
import { ElasticsearchEngine } from '../../src/engine/elasticsearch/engine.js';

const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', SEED_DEMO: 'false', API_KEYS: 'bench:public' });
const engine = new ElasticsearchEngine({ url: config.ELASTICSEARCH_URL!, prefix: config.ELASTICSEARCH_INDEX_PREFIX, timeoutMs: 120_000 });
const app = await buildApp({ config, engine, screener: new ScreenerHolder() });
console.log(await app.listen({ host: '127.0.0.1', port: 0 }));
process.on('SIGTERM', () => void app.close().then(() => engine.close()).finally(() => process.exit(0)));
