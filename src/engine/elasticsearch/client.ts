import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Transport, type TransportRequestOptions, type TransportRequestParams } from '@elastic/elasticsearch';

/**
 * The Elasticsearch client with the service's fault handling made explicit:
 *  - every request has a timeout (`timeoutMs`); a timed-out request is not retried (it may still be running);
 *  - connection errors and 429/502/503/504 answers are retried up to `maxRetries` times with exponential
 *    backoff and jitter (200 ms, 400 ms, 800 ms … capped at 2 s), so a brief overload or node restart is
 *    absorbed; after that the error reaches the HTTP layer, which answers 503 with Retry-After;
 *  - a request may lower its own budget with `{ maxRetries }` (readiness checks use 0: they report the
 *    current state at once).
 * Every request the service sends is idempotent (writes address documents by id), so retrying one is safe.
 */
export interface ClientSettings {
  url: string;
  timeoutMs: number;
  maxRetries: number;
}

/** Statuses worth another attempt: overloaded (429) or a node/proxy restarting (502/503/504). */
export const TRANSIENT_STATUSES: readonly number[] = [429, 502, 503, 504];

/** Milliseconds to wait before retry number `attempt` (1, 2, …): half fixed, half random (equal jitter). */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(2000, 200 * 2 ** (attempt - 1));
  return ceiling / 2 + (random() * ceiling) / 2;
}

/** Whether a failed request may be sent again. */
export function isTransient(err: unknown): boolean {
  const e = err as { name?: string; statusCode?: number; meta?: { statusCode?: number } };
  if (e?.name === 'ConnectionError') return true;
  return e?.name === 'ResponseError' && TRANSIENT_STATUSES.includes(e.statusCode ?? e.meta?.statusCode ?? 0);
}

function retryingTransport(maxRetries: number): typeof Transport {
  return class RetryingTransport extends Transport {
    // One retry loop for every transient fault (the transport's own retries 502–504 without any pause and
    // never retries 429), so it runs with maxRetries 0 underneath.
    override async request(params: TransportRequestParams, options: TransportRequestOptions = {}): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
      const budget = options.maxRetries ?? maxRetries;
      for (let attempt = 1; ; attempt++) {
        try {
          return await super.request(params, { ...options, maxRetries: 0 });
        } catch (err) {
          if (attempt > budget || !isTransient(err) || options.signal?.aborted) throw err;
          await sleep(backoffMs(attempt));
        }
      }
    }
  };
}

export function createClient(s: ClientSettings): Client {
  return new Client({
    node: s.url,
    requestTimeout: s.timeoutMs,
    maxRetries: s.maxRetries,
    compression: false,
    Transport: retryingTransport(s.maxRetries),
  });
}
