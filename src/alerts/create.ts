import type { Config } from '../config.js';
import type { Engine } from '../engine/types.js';
import { ElasticsearchEngine } from '../engine/elasticsearch/engine.js';
import { EmbeddedAlertStore } from './embedded-store.js';
import { EsAlertStore } from './es-store.js';
import { parseAllowedHosts } from './webhook.js';
import type { AlertSettings } from './service.js';
import type { AlertStore } from './types.js';

export function alertSettings(config: Config): AlertSettings {
  return {
    minScore: config.ALERTS_MIN_SCORE,
    retentionMs: config.ALERT_EVENTS_RETENTION_DAYS * 86_400_000,
    replayMax: config.ALERT_REPLAY_MAX,
    webhook: {
      allowedHosts: parseAllowedHosts(config.WEBHOOK_ALLOWED_HOSTS),
      allowPrivate: config.WEBHOOK_ALLOW_PRIVATE,
      timeoutMs: config.WEBHOOK_TIMEOUT_MS,
      backoffBaseMs: config.WEBHOOK_BACKOFF_BASE_MS,
      backoffMaxMs: config.WEBHOOK_BACKOFF_MAX_MS,
      retryForMs: config.WEBHOOK_RETRY_FOR_MS,
      pollMs: config.WEBHOOK_POLL_MS,
      concurrency: config.WEBHOOK_CONCURRENCY,
    },
  };
}

/** The store beside the engine: Elasticsearch indices shared by every replica, or files under DATA_DIR. */
export async function openAlertStore(engine: Engine, config: Config): Promise<AlertStore> {
  const store: AlertStore = engine instanceof ElasticsearchEngine
    ? new EsAlertStore({ client: engine.client, prefix: engine.prefix, shards: config.ELASTICSEARCH_SHARDS, replicas: config.ELASTICSEARCH_REPLICAS })
    : new EmbeddedAlertStore(config.DATA_DIR);
  // Embedded: the journal is read now. Elasticsearch: the indices are created on first use (the engine may be down at boot).
  if (store instanceof EmbeddedAlertStore) await store.init();
  return store;
}
