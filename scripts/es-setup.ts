import { loadConfig } from '../src/config.js';
import { ElasticsearchEngine } from '../src/engine/elasticsearch/engine.js';
import { KINDS } from '../src/engine/types.js';
import { analyseStored } from '../src/indexing/service.js';

/** `npm run es:setup`: creates the Elasticsearch indices and aliases, or migrates them to the current mapping by re-analysing every document (the server also does this at startup). */
const config = loadConfig();
if (!config.ELASTICSEARCH_URL) {
  console.error('set ELASTICSEARCH_URL, e.g. ELASTICSEARCH_URL=http://127.0.0.1:9200 npm run es:setup');
  process.exit(2);
}
const engine = new ElasticsearchEngine({ url: config.ELASTICSEARCH_URL, prefix: config.ELASTICSEARCH_INDEX_PREFIX, timeoutMs: config.ELASTICSEARCH_TIMEOUT_MS });
try {
  await engine.init(analyseStored);
  for (const kind of KINDS) console.log(`${engine.alias(kind)}: ready, ${await engine.count(kind)} documents`);
} catch (err) {
  console.error(`Elasticsearch setup failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await engine.close();
}
