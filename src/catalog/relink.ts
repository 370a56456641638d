import { engineFault } from '../engine/faults.js';
import { LeaseLost, type LeaseHandle } from '../engine/leases.js';
import { KINDS, type Engine, type EngineHit, type Filter, type Kind } from '../engine/types.js';
import type { WritePipeline } from './pipeline.js';
import { breathe } from './walk.js';

/**
 * The background re-link after a catalog change, run once across replicas under the `catalog-relink` lease:
 * walks every vacancy and resume (cursor paging, with each document's version), links the ones not yet linked
 * with the revision through the write pipeline and writes them back conditionally (replace-if-unchanged), so an
 * edit made meanwhile through any replica is never overwritten and a deleted document never comes back. Its
 * progress (and the walk's cursor) is stored in the lease after every page: every replica shows the same
 * progress, and when the holder dies (kill -9) another replica takes the lease over once it expires and resumes
 * at the cursor. After the walk, documents still linked with an older revision (written meanwhile by a replica
 * that had not yet seen the new catalog) are linked again, then `linkedRevision` is recorded.
 * A failure while the engine is unavailable releases the lease; the job starts again after a pause that doubles
 * from 2 s up to a minute.
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
  /** The replica holding the job (its lease owner id) while it runs. */
  holder: string | null;
  /** When the progress was last stored (every page). */
  updatedAt: string | null;
  error?: string;
}

/** What the lease stores: the progress and where the walk is. */
export interface RelinkLeaseData extends RelinkProgress {
  [key: string]: unknown;
  cursor?: { kind: number; after?: unknown[] };
}

export const RELINK_LEASE = 'catalog-relink';
const PAGE = 500;
const SWEEPS = 5;
const RETRY_FIRST_MS = 2_000;
const RETRY_MAX_MS = 60_000;

export const idleProgress = (): RelinkProgress => ({ state: 'idle', revision: null, done: 0, total: 0, written: 0, skipped: 0, startedAt: null, finishedAt: null, holder: null, updatedAt: null });

/** The progress as clients see it (without the cursor). */
export function publicProgress(d: Partial<RelinkLeaseData> | undefined | null): RelinkProgress {
  if (!d || d.revision === undefined) return idleProgress();
  const { cursor: _c, ...rest } = d;
  return { ...idleProgress(), ...rest } as RelinkProgress;
}

export interface RelinkDeps {
  engine: Engine;
  pipeline: WritePipeline;
  /** The revision documents must be linked with now (the job stops when it changes). */
  currentRevision: () => number;
  /** Every stored revision (the final sweep looks for documents of the others). */
  revisions: () => number[];
  /** Records linkedRevision (only while `revision` is current). */
  markLinked: (revision: number) => Promise<boolean>;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
}

export class RelinkJob {
  private running: Promise<void> | undefined;
  private handle: LeaseHandle<RelinkLeaseData> | undefined;
  private stopRequested = false;
  private failures = 0;
  private retryAt = 0;
  /** The progress this replica last knew (its own job's, or the lease's as read on the poll). */
  private known: RelinkProgress = idleProgress();

  constructor(private readonly deps: RelinkDeps) {}

  get progress(): RelinkProgress {
    return this.handle ? publicProgress(this.handle.data) : { ...this.known };
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** The progress read from the lease on another replica's poll. */
  observe(data: Partial<RelinkLeaseData> | null | undefined): void {
    if (!this.handle) this.known = publicProgress(data);
  }

  /**
   * Takes the lease and starts re-linking with `revision` unless this replica runs the job already, another live
   * replica holds the lease, or a failed attempt is still in its pause. Resumes at the stored cursor when the
   * lease holds an unfinished job of the same revision. Resolves once started (or not).
   */
  async tryStart(revision: number, force = false): Promise<boolean> {
    if (this.running) return false;
    if (!force && Date.now() < this.retryAt) return false;
    const { engine } = this.deps;
    let finished: RelinkLeaseData | undefined;
    const handle = await engine.leases.acquire<RelinkLeaseData>(RELINK_LEASE, (prev) => {
      const now = new Date().toISOString();
      // Done by another replica a moment ago (its linkedRevision not yet seen by this one's poll): nothing to do.
      if (prev && prev.revision === revision && prev.state === 'done') return (finished = prev);
      if (prev && prev.revision === revision && (prev.state === 'running' || prev.state === 'failed') && prev.cursor) {
        return { ...prev, state: 'running', holder: engine.leases.owner, updatedAt: now };
      }
      return { ...idleProgress(), state: 'running', revision, startedAt: now, holder: engine.leases.owner, updatedAt: now, cursor: { kind: 0 } };
    });
    if (!handle) return false;
    if (finished) { await handle.release(finished); this.known = publicProgress(finished); return false; }
    this.handle = handle;
    this.stopRequested = false;
    this.running = this.run(handle, revision).finally(() => {
      this.known = publicProgress(handle.data);
      this.handle = undefined;
      this.running = undefined;
    });
    return true;
  }

  /** Resolves when the current job (if any) has finished. */
  async settled(): Promise<RelinkProgress> {
    await this.running;
    return this.progress;
  }

  /** Asks the running job to stop after its current page and waits for it (the lease keeps its progress). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.stopRequested = true;
    await this.running;
  }

  private async page(kind: Kind, filters: Filter[], after: unknown[] | undefined): Promise<EngineHit[]> {
    const res = await this.deps.engine.search(kind, { filters, sort: 'newest', from: 0, size: PAGE, versioned: true, ...(after ? { searchAfter: after } : {}) });
    return res.hits;
  }

  private async relinkHits(kind: Kind, hits: EngineHit[], revision: number, p: RelinkLeaseData): Promise<void> {
    const stale = hits.filter((h) => (h.source as { catalogRevision?: number }).catalogRevision !== revision);
    p.skipped += hits.length - stale.length;
    for (let i = 0; i < stale.length; i += 100) {
      const results = await this.deps.pipeline.relink(kind, stale.slice(i, i + 100));
      for (const r of results) if (r === 'written') p.written++; else p.skipped++;
      await breathe();
    }
  }

  private shouldStop(handle: LeaseHandle<RelinkLeaseData>, revision: number): boolean {
    return this.stopRequested || handle.lost || this.deps.currentRevision() !== revision;
  }

  private async run(handle: LeaseHandle<RelinkLeaseData>, revision: number): Promise<void> {
    const { engine, log } = this.deps;
    const p: RelinkLeaseData = { ...handle.data };
    const save = async () => { p.updatedAt = new Date().toISOString(); await handle.update({ ...p }); };
    try {
      if (!p.total) { for (const kind of KINDS) p.total += await engine.count(kind); await save(); }
      const cursor = p.cursor ?? { kind: 0 };
      for (let k = cursor.kind; k < KINDS.length; k++) {
        const kind = KINDS[k]!;
        let after = k === cursor.kind ? cursor.after : undefined;
        for (;;) {
          if (this.shouldStop(handle, revision)) break;
          const hits = await this.page(kind, [], after);
          if (!hits.length) break;
          await this.relinkHits(kind, hits, revision, p);
          p.done += hits.length;
          p.total = Math.max(p.total, p.done);
          after = hits[hits.length - 1]!.sort;
          p.cursor = { kind: k, after };
          await save();
          if (hits.length < PAGE) break;
        }
        if (this.shouldStop(handle, revision)) break;
        p.cursor = { kind: k + 1 };
      }
      if (this.shouldStop(handle, revision)) {
        // Stopped (shutdown, a newer catalog, or the lease lost): the lease keeps the cursor for whoever resumes.
        if (!handle.lost) await handle.release({ ...p, holder: null, updatedAt: new Date().toISOString() });
        return;
      }
      // Documents written meanwhile with an older revision (a replica that had not seen the new one yet).
      const older = this.deps.revisions().filter((r) => r !== revision).map(String);
      for (let sweep = 0; sweep < SWEEPS && older.length; sweep++) {
        let found = 0;
        for (const kind of KINDS) {
          for (;;) {
            const hits = await this.page(kind, [{ kind: 'terms', field: 'catalogRevision', values: older }], undefined);
            if (!hits.length || this.shouldStop(handle, revision)) break;
            found += hits.length;
            const before = p.written;
            await this.relinkHits(kind, hits, revision, p);
            if (p.written === before) break; // all changed meanwhile: the next sweep reads them again
          }
        }
        if (!found) break;
      }
      if (this.shouldStop(handle, revision)) { if (!handle.lost) await handle.release({ ...p, holder: null }); return; }
      await this.deps.markLinked(revision);
      const { cursor: _c, ...rest } = p;
      await handle.release({ ...rest, state: 'done', holder: null, finishedAt: new Date().toISOString(), updatedAt: new Date().toISOString() });
      this.failures = 0;
      log?.('catalog re-link done', { revision, done: p.done, written: p.written, skipped: p.skipped });
    } catch (err) {
      if (err instanceof LeaseLost) { log?.('catalog re-link handed over', { revision }); return; }
      const delay = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** this.failures++);
      this.retryAt = Date.now() + delay;
      const error = (engineFault(err as never)?.detail ?? (err as Error).message) + `; starting again in ${delay / 1000} s`;
      log?.('catalog re-link failed', { revision, error, cause: (err as Error).message });
      await handle.release({ ...p, state: 'failed', error, holder: null, finishedAt: new Date().toISOString(), updatedAt: new Date().toISOString() }).catch(() => undefined);
    }
  }
}
