/**
 * Replicas learn of each other's changes by polling Elasticsearch: every `intervalMs` each registered source
 * (keys, rulebook) is asked for news. A source whose last successful poll is older than `staleMs` makes the
 * replica not ready: it may be serving keys revoked elsewhere, so the load balancer should stop sending to it.
 */
export interface PollSource {
  name: string;
  poll(): Promise<void>;
}

export interface StatePollerOptions {
  intervalMs: number;
  staleMs: number;
  warn?: (msg: string, extra?: Record<string, unknown>) => void;
  now?: () => number;
}

export class StatePoller {
  private readonly sources: PollSource[] = [];
  private readonly lastOk = new Map<string, number>();
  private readonly lastError = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly opts: StatePollerOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Adds a source, counted as freshly polled (it has just been loaded at boot). */
  add(source: PollSource): void {
    this.sources.push(source);
    this.lastOk.set(source.name, this.now());
  }

  start(): void {
    if (this.timer || this.stopped || !this.sources.length) return;
    const tick = () => {
      this.running = this.pollOnce().finally(() => {
        this.running = undefined;
        if (!this.stopped) this.timer = setTimeout(tick, this.opts.intervalMs).unref();
      });
    };
    this.timer = setTimeout(tick, this.opts.intervalMs).unref();
  }

  /** One round over every source (also for tests). */
  async pollOnce(): Promise<void> {
    await Promise.all(this.sources.map(async (s) => {
      try {
        await s.poll();
        this.lastOk.set(s.name, this.now());
        this.lastError.delete(s.name);
      } catch (err) {
        const msg = (err as Error).message;
        if (this.lastError.get(s.name) !== msg) this.opts.warn?.(`state poll of ${s.name} failed`, { err: msg });
        this.lastError.set(s.name, msg);
      }
    }));
  }

  /** Why this replica is not ready, or undefined when every source was polled within `staleMs`. */
  notReadyReason(): string | undefined {
    const t = this.now();
    for (const s of this.sources) {
      const age = t - (this.lastOk.get(s.name) ?? 0);
      if (age > this.opts.staleMs) {
        const why = this.lastError.get(s.name);
        return `${s.name} not refreshed from Elasticsearch for ${Math.round(age / 1000)} s${why ? ` (${why})` : ''}`;
      }
    }
    return undefined;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
