import type { Config } from '../config.js';
import { EmbeddedEngine } from './embedded/engine.js';
import { ElasticsearchEngine } from './elasticsearch/engine.js';
import type { Engine } from './types.js';

/** Elasticsearch when ELASTICSEARCH_URL is set, else the embedded store under DATA_DIR. */
export function createEngine(config: Config): Engine {
  if (config.ELASTICSEARCH_URL) {
    return new ElasticsearchEngine({ url: config.ELASTICSEARCH_URL, prefix: config.ELASTICSEARCH_INDEX_PREFIX, timeoutMs: config.ELASTICSEARCH_TIMEOUT_MS, maxRetries: config.ELASTICSEARCH_MAX_RETRIES,
      shards: config.ELASTICSEARCH_SHARDS, replicas: config.ELASTICSEARCH_REPLICAS, leaseTtlMs: config.LEASE_TTL_MS });
  }
  return new EmbeddedEngine(config.DATA_DIR, { leaseTtlMs: config.LEASE_TTL_MS });
}
