import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@elastic/elasticsearch';
import type { WriteResult } from '../types.js';
import { backoffMs, TRANSIENT_STATUSES } from './client.js';

/**
 * Bulk indexing with an answer for every document, never a silent drop:
 *  - documents go out in chunks of at most `chunkBytes`, `concurrency` chunks at a time; a chunk's items come
 *    back in request order, so each answer lands on its own document (ids may repeat in one batch);
 *  - items refused as transient (429 overloaded, 502–504 shard or node unavailable) are sent again with
 *    exponential backoff, up to `maxRetries` times; then they are reported as errors naming the status;
 *  - a chunk whose request fails (the node is down; the client has already retried it) reports each of its
 *    documents as not written, and chunks not yet sent are not sent.
 * When nothing at all was written because a request failed, that error is thrown instead; when nothing was written
 * because every document was refused as transient, an EngineUnavailableError is (the caller answers 503 either way).
 * With `refresh: 'end'` the index is refreshed once after all chunks; if that refresh fails the documents are
 * still durable (the translog is fsynced per request) and become searchable within the refresh interval.
 */
export interface BulkOptions {
  refresh: 'wait_for' | 'end';
  maxRetries: number;
  chunkBytes?: number;
  concurrency?: number;
}

export interface BulkDoc {
  id: string;
  body: Record<string, unknown>;
}

interface BulkItemAnswer {
  status: number;
  result?: string;
  error?: { type?: string; reason?: string | null } | null;
}

const engineError = (reason: string) => ({ field: '(engine)', reason });

/** Every document of a batch refused for the engine's own state (overloaded, shards unavailable): retry later. */
export class EngineUnavailableError extends Error {
  override readonly name = 'EngineUnavailableError';
}

/** Overloaded or unavailable, or write-blocked for a moment (the catch-up step of an index migration). */
const transient = (item: BulkItemAnswer) => TRANSIENT_STATUSES.includes(item.status) || item.error?.type === 'cluster_block_exception';

export async function bulkIndex(client: Client, index: string, docs: BulkDoc[], o: BulkOptions): Promise<WriteResult[]> {
  const results: Array<WriteResult | undefined> = new Array(docs.length);
  const lines = docs.map((d) => [JSON.stringify({ index: { _index: index, _id: d.id } }), JSON.stringify(d.body)] as const);
  const chunks: number[][] = [];
  const limit = o.chunkBytes ?? 4_000_000;
  let current: number[] = [];
  let bytes = 0;
  lines.forEach(([action, body], i) => {
    const size = action.length + body.length + 2;
    if (current.length && bytes + size > limit) { chunks.push(current); current = []; bytes = 0; }
    current.push(i);
    bytes += size;
  });
  if (current.length) chunks.push(current);

  let failure: unknown;
  let refused = 0;
  const sendChunk = async (positions: number[]) => {
    let pending = positions;
    for (let attempt = 0; pending.length; attempt++) {
      let items: Array<Record<string, BulkItemAnswer>>;
      try {
        const res = await client.bulk({
          operations: pending.flatMap((i) => lines[i]!) as never,
          ...(o.refresh === 'wait_for' ? { refresh: 'wait_for' as const } : {}),
        });
        items = res.items as never;
      } catch (err) {
        failure ??= err;
        for (const i of pending) results[i] = { id: docs[i]!.id, result: 'error', error: engineError(`not written: the search engine is unavailable (${(err as Error).name}); retry this document`) };
        return;
      }
      const retry: number[] = [];
      pending.forEach((i, k) => {
        const item = Object.values(items[k] ?? {})[0];
        const id = docs[i]!.id;
        if (item && item.status < 300) {
          results[i] = { id, result: item.result === 'created' ? 'created' : 'updated' };
        } else if (item && transient(item) && attempt < o.maxRetries) {
          retry.push(i);
        } else if (item && transient(item)) {
          refused++;
          results[i] = { id, result: 'error', error: engineError(`not written: the search engine refused it with status ${item.status} (${item.error?.type ?? 'overloaded'}) after ${o.maxRetries} retries; retry this document`) };
        } else {
          results[i] = { id, result: 'error', error: { field: item?.error?.type ?? '(engine)', reason: item?.error?.reason ?? `not written: status ${item?.status ?? 'missing'}` } };
        }
      });
      pending = retry;
      if (pending.length) await sleep(backoffMs(attempt + 1));
    }
  };

  // A small pool: `concurrency` chunks in flight; after a failed request the remaining chunks are not sent.
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const positions = chunks[next++]!;
      if (failure !== undefined) {
        for (const i of positions) results[i] = { id: docs[i]!.id, result: 'error', error: engineError('not written: the search engine became unavailable during this batch; retry this document') };
        continue;
      }
      await sendChunk(positions);
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency ?? 2, chunks.length) }, worker));

  const written = results.some((r) => r && r.result !== 'error');
  if (failure !== undefined && !written) throw failure;
  if (!written && refused === docs.length) throw new EngineUnavailableError(results.find((r) => r?.result === 'error')?.error?.reason ?? 'refused');
  if (o.refresh === 'end' && written) {
    try {
      await client.indices.refresh({ index });
    } catch {
      // Durable already; searchable within the index's refresh interval.
    }
  }
  return results.map((r, i) => r ?? { id: docs[i]!.id, result: 'error', error: engineError('not written: no answer for this document') });
}
