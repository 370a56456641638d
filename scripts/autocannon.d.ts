/** The part of autocannon's programmatic API the soak script uses (the package ships no types). */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    interface Request {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      setupRequest?: (req: Request, context: Record<string, unknown>) => Request | null | undefined;
      onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => void;
    }
    interface Options {
      url: string;
      connections?: number;
      duration?: number;
      /** Stop after this many requests (instead of after `duration`). */
      amount?: number;
      timeout?: number;
      pipelining?: number;
      requests?: Request[];
    }
    interface Histogram { average: number; mean: number; p50: number; p90: number; p99: number; max: number; total: number }
    interface Result {
      requests: Histogram;
      latency: Histogram;
      errors: number;
      timeouts: number;
      non2xx: number;
      mismatches: number;
      resets: number;
      /** Seconds the run took. */
      duration: number;
      '1xx': number; '2xx': number; '3xx': number; '4xx': number; '5xx': number;
    }
    type Instance = EventEmitter & PromiseLike<Result> & { stop(): void };
  }
  function autocannon(opts: autocannon.Options): autocannon.Instance;
  export = autocannon;
}
