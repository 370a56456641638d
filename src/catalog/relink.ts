import { engineFault } from '../engine/faults.js';
import { KINDS, type Engine, type IndexDoc, type Kind } from '../engine/types.js';
import type { LinkingLayer } from './linked-engine.js';
import { breathe, walkPages } from './walk.js';

/**
 * The background re-link after a catalog change: walks every vacancy and resume with cursor paging, analyses
 * each again, links it with the current catalog and writes it back in batches through the linking layer (which
 * skips documents the API wrote meanwhile). Searches and writes keep working throughout: documents are replaced
 * one by one, never removed. A newer catalog change stops the running job and starts a new one. A job that fails
 * while the engine is unavailable (Elasticsearch down, the disk full …) starts again by itself after a pause that
 * doubles from 2 s up to a minute, until it completes; a restart of the service also starts it again.
 */
export interface RelinkProgress {
  state: 'idle' | 'running' | 'done' | 'failed';
  /** The catalog revision being (or last) linked. */
  revision: number | null;
  done: number;
  total: number;
  written: number;
  skipped: number;
  startedAt: string | null;
  finishedAt: string | null;
  error?: string;
}

/** Documents read and written per batch; analysis yields to the event loop every CHUNK documents. */
const PAGE = 500;
const CHUNK = 25;
/** Batches written at once (Elasticsearch answers a batch only after its refresh, ≈ 1 s). */
const IN_FLIGHT = 3;
/** Pauses before starting a failed job again: 2 s, 4 s, 8 s … at most 60 s. */
const RETRY_FIRST_MS = 2_000;
const RETRY_MAX_MS = 60_000;

export class RelinkJob {
  private progressState: RelinkProgress = { state: 'idle', revision: null, done: 0, total: 0, written: 0, skipped: 0, startedAt: null, finishedAt: null };
  private stopRequested = false;
  private running: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  /** Bumped by every start and stop: a scheduled new attempt goes ahead only if nothing happened since. */
  private generation = 0;

  constructor(
    private readonly layer: LinkingLayer,
    private readonly analyse: (kind: Kind, source: Record<string, unknown>) => IndexDoc,
    private readonly onDone: (revision: number) => Promise<void>,
    private readonly log: (msg: string, extra?: Record<string, unknown>) => void = () => undefined,
  ) {}

  get progress(): RelinkProgress {
    return { ...this.progressState };
  }

  /** Stops a running job (if any) and starts re-linking everything with `revision`. Resolves when it has started. */
  async start(revision: number): Promise<void> {
    await this.stop();
    this.stopRequested = false;
    this.progressState = { state: 'running', revision, done: 0, total: 0, written: 0, skipped: 0, startedAt: new Date().toISOString(), finishedAt: null };
    this.running = this.run(revision);
  }

  /** Resolves when the current job (if any) has finished. */
  async settled(): Promise<RelinkProgress> {
    await this.running;
    return this.progress;
  }

  /** Asks the running job to stop after its current batch and waits for it. */
  async stop(): Promise<void> {
    this.generation++;
    this.cancelRetry();
    if (!this.running) return;
    this.stopRequested = true;
    await this.running;
    this.running = undefined;
  }

  private cancelRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  /** After a failure caused by the engine's state: start again later, tracking API writes again first. */
  private async retryLater(revision: number, err: unknown): Promise<string | undefined> {
    let unavailable = engineFault(err as never) !== undefined;
    if (!unavailable) unavailable = await this.layer.raw.checkReady().then(() => false, () => true);
    if (!unavailable || this.stopRequested) return undefined;
    const delay = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** this.failures++);
    const generation = this.generation;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      // API writes are tracked again before the job reads anything (as after a catalog switch).
      void this.layer.switchCatalog(() => undefined)
        .then(() => (this.generation === generation ? this.start(revision) : undefined))
        .catch((e: unknown) => this.log('catalog re-link could not start again', { revision, error: (e as Error).message }));
    }, delay);
    this.retryTimer.unref();
    return `; starting again in ${delay / 1000} s`;
  }

  private async run(revision: number): Promise<void> {
    const engine: Engine = this.layer.raw;
    const p = this.progressState;
    try {
      for (const kind of KINDS) p.total += await engine.count(kind);
      const inFlight: Array<Promise<void>> = [];
      let failure: unknown;
      for (const kind of KINDS) {
        let mark = this.layer.readMark();
        for await (const hits of walkPages(engine, kind, [], PAGE)) {
          const docs: IndexDoc[] = [];
          for (let i = 0; i < hits.length; i += CHUNK) {
            if (this.stopRequested) break;
            for (const h of hits.slice(i, i + CHUNK)) docs.push(this.analyse(kind, h.source));
            await breathe();
          }
          if (this.stopRequested || failure) break;
          inFlight.push(this.layer.relinkBatch(kind, docs, mark).then((r) => {
            p.written += r.written;
            p.skipped += r.skipped;
            p.done += docs.length;
            p.total = Math.max(p.total, p.done);
          }, (err: unknown) => { failure ??= err; }));
          if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
          mark = this.layer.readMark();
        }
        if (this.stopRequested || failure) break;
      }
      await Promise.all(inFlight);
      if (failure) throw failure;
      if (this.stopRequested) { p.state = 'idle'; return; }
      await this.onDone(revision);
      this.failures = 0;
      p.state = 'done';
      this.log('catalog re-link done', { revision, done: p.done, written: p.written, skipped: p.skipped });
    } catch (err) {
      p.state = 'failed';
      // Clients see what kind of fault it was (not the engine's address); the log keeps the message.
      p.error = (engineFault(err as never)?.detail ?? (err as Error).message) + ((await this.retryLater(revision, err)) ?? '');
      this.log('catalog re-link failed', { revision, error: p.error, cause: (err as Error).message });
    } finally {
      p.finishedAt = new Date().toISOString();
      this.layer.stopTracking();
    }
  }
}
