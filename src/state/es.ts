import { errors, type Client } from '@elastic/elasticsearch';
import { createClient } from '../engine/elasticsearch/client.js';
import { withTopology } from '../engine/elasticsearch/mappings.js';

/**
 * The Elasticsearch side of the service's shared state (keys, audit, rulebook versions): one client, the index
 * names under the prefix, and the small helpers every store needs. These indices are small (one shard) and
 * carry a replica as soon as the cluster has a second node (`auto_expand_replicas: 0-1`), so one node is green.
 */
export interface StateSettings {
  url: string;
  prefix: string;
  timeoutMs: number;
  maxRetries: number;
}

export function stateClient(s: StateSettings): Client {
  return createClient({ url: s.url, timeoutMs: s.timeoutMs, maxRetries: s.maxRetries });
}

export const STATE_INDEX_SETTINGS = { number_of_shards: 1, auto_expand_replicas: '0-1' } as const;

/** The state indices' settings: one shard; replicas as ELASTICSEARCH_REPLICAS says when set (a count or a range). */
export function stateIndexSettings(replicas?: string): Record<string, unknown> {
  return withTopology(STATE_INDEX_SETTINGS, replicas !== undefined ? { replicas } : {});
}

/** Creates the index when it does not exist yet (two replicas booting at once: both succeed). */
export async function ensureIndex(client: Client, index: string, mappings: Record<string, unknown>, settings: Record<string, unknown> = STATE_INDEX_SETTINGS): Promise<void> {
  if (await client.indices.exists({ index })) return;
  try {
    await client.indices.create({ index, settings, mappings: mappings as never });
  } catch (e) {
    if (!isAlreadyExists(e)) throw e;
  }
}

export function isAlreadyExists(e: unknown): boolean {
  return e instanceof errors.ResponseError && (e.body as { error?: { type?: string } })?.error?.type === 'resource_already_exists_exception';
}

/** A create-only write or an if_seq_no/if_primary_term write lost to another writer. */
export function isConflict(e: unknown): boolean {
  return e instanceof errors.ResponseError && e.statusCode === 409;
}

export function isNotFound(e: unknown): boolean {
  return e instanceof errors.ResponseError && e.statusCode === 404;
}

/** A realtime GET (reads the translog: no refresh needed), or undefined when the document does not exist. */
export async function getDoc<T>(client: Client, index: string, id: string): Promise<{ source: T; seqNo: number; primaryTerm: number } | undefined> {
  try {
    const r = await client.get<T>({ index, id, realtime: true });
    if (!r.found) return undefined;
    return { source: r._source as T, seqNo: r._seq_no!, primaryTerm: r._primary_term! };
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}
