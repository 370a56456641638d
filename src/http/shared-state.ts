import type { FastifyInstance } from 'fastify';
import { EsAuditLog } from '../audit/es-log.js';
import type { AuditStore } from '../audit/types.js';
import type { ScreenerHolder } from '../compliance/index.js';
import type { Config } from '../config.js';
import { EsKeyStore } from '../keys/es-store.js';
import type { KeyStore } from '../keys/store.js';
import type { Readiness } from './readiness.js';
import { stateClient } from '../state/es.js';
import { StatePoller, type PollSource } from '../state/poller.js';
import { EsRulebooks } from '../compliance/es-rulebooks.js';

export interface SharedState {
  keys?: KeyStore;
  audit?: AuditStore;
  rulebooks?: EsRulebooks;
}

/**
 * With ELASTICSEARCH_URL: the keys, the audit log and the rulebook in Elasticsearch (nothing on this replica's
 * disk), polled every STATE_POLL_MS, with a readiness check that fails when a poll has not succeeded for
 * STATE_STALE_MS. Without it: nothing here (the app opens keys.json and audit.sqlite in DATA_DIR). Stores the
 * caller already passed are kept.
 */
export async function openSharedState(app: FastifyInstance, config: Config, screener: ScreenerHolder, given: SharedState, readiness: Readiness): Promise<SharedState> {
  if (!config.ELASTICSEARCH_URL) return given;
  const client = stateClient({ url: config.ELASTICSEARCH_URL, prefix: config.ELASTICSEARCH_INDEX_PREFIX, timeoutMs: config.ELASTICSEARCH_TIMEOUT_MS, maxRetries: config.ELASTICSEARCH_MAX_RETRIES });
  const prefix = config.ELASTICSEARCH_INDEX_PREFIX;
  const replicas = { replicas: config.ELASTICSEARCH_REPLICAS };
  const poller = new StatePoller({ intervalMs: config.STATE_POLL_MS, staleMs: config.STATE_STALE_MS, warn: (msg, extra) => app.log.warn(extra ?? {}, msg) });
  const out: SharedState = { ...given };
  if (!out.keys) {
    const keys = await EsKeyStore.open({ client, prefix, apiKeys: config.API_KEYS, ...replicas });
    poller.add(keys);
    out.keys = keys;
  }
  if (!out.audit) out.audit = await EsAuditLog.open({ client, prefix, ...replicas });
  if (!out.rulebooks) {
    const rulebooks = await EsRulebooks.open({ client, prefix, ...replicas, holder: screener, log: (level, msg, extra) => app.log[level](extra ?? {}, msg) });
    poller.add(rulebooks as PollSource);
    out.rulebooks = rulebooks;
  }
  poller.start();
  readiness.add('shared-state', () => poller.notReadyReason());
  app.addHook('onClose', async () => {
    await poller.stop();
    await client.close();
  });
  return out;
}
