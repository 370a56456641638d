import type { Engine, IndexDoc, Kind, WriteResult } from '../engine/types.js';
import { RwLock } from './rw-lock.js';

/**
 * Linking at index time, on every write path (PUT, bulk, demo seed): the app's engine is the real engine seen
 * through this layer, which links each written document to the current catalog before the engine stores it.
 * Reads and every other method go straight to the engine.
 *
 * It also keeps the background re-link correct while the API keeps writing:
 *  - writes run under a shared lock; switching the catalog runs under an exclusive one, so a write is linked
 *    with either the old catalog (and finished before the switch) or the new one;
 *  - every write and delete gets a sequence number; while a re-link runs, the layer remembers the last sequence
 *    number per document, and a re-link batch skips the documents written or deleted after it read them
 *    (they are already linked with the new catalog, or gone — never overwritten with a stale copy);
 *  - the batch claims its documents in a short exclusive section (no write in flight), then writes without the
 *    lock; an API write of a claimed document waits for that batch, so it lands after it. Other writes never
 *    wait for the re-link.
 * `changes` counts writes and deletes (the gap report's cache key). Within one process only: several API
 * processes on one Elasticsearch cluster do not see each other's writes (see README, open problems).
 */
const LAYER = Symbol('linking layer');

export class LinkingLayer {
  readonly engine: Engine;
  private readonly lock = new RwLock();
  private seq = 0;
  private written: Map<string, number> | undefined;
  private readonly claimed = new Map<string, Promise<unknown>>();

  constructor(readonly raw: Engine, private readonly link: (kind: Kind, doc: IndexDoc) => IndexDoc) {
    const layer = this;
    this.engine = new Proxy(raw, {
      get(target, prop) {
        if (prop === LAYER) return layer;
        if (prop === 'upsert') return (kind: Kind, docs: IndexDoc[]) => layer.upsert(kind, docs);
        if (prop === 'delete') return (kind: Kind, id: string) => layer.delete(kind, id);
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  /** The layer behind an engine returned by `engine`, if it is one. */
  static of(engine: Engine): LinkingLayer | undefined {
    return (engine as unknown as Record<symbol, LinkingLayer | undefined>)[LAYER];
  }

  /** Writes and deletes so far (a data change counter). */
  get changes(): number {
    return this.seq;
  }

  private mark(kind: Kind, ids: Iterable<string>): void {
    for (const id of ids) {
      this.seq++;
      this.written?.set(`${kind}:${id}`, this.seq);
    }
  }

  /** Waits for the re-link batches that hold any of these documents. */
  private async afterClaims(kind: Kind, ids: string[]): Promise<void> {
    if (!this.claimed.size) return;
    const waits = new Set(ids.map((id) => this.claimed.get(`${kind}:${id}`)).filter((p) => p !== undefined));
    if (waits.size) await Promise.allSettled(waits);
  }

  private upsert(kind: Kind, docs: IndexDoc[]): Promise<WriteResult[]> {
    return this.lock.shared(async () => {
      await this.afterClaims(kind, docs.map((d) => d.id));
      const linked = docs.map((d) => this.link(kind, d));
      try {
        const results = await this.raw.upsert(kind, linked);
        return results.map((r, i) => (r.result === 'error' ? r : { ...r, source: linked[i]!.source }));
      } finally {
        this.mark(kind, docs.map((d) => d.id));
      }
    });
  }

  private delete(kind: Kind, id: string): Promise<boolean> {
    return this.lock.shared(async () => {
      await this.afterClaims(kind, [id]);
      try {
        return await this.raw.delete(kind, id);
      } finally {
        this.mark(kind, [id]);
      }
    });
  }

  /** Runs `apply` (the catalog switch) with no write in flight, then remembers writes for the re-link. */
  switchCatalog(apply: () => void): Promise<void> {
    return this.lock.exclusive(async () => {
      apply();
      this.written = new Map();
    });
  }

  /** Stops remembering writes (the re-link finished or stopped). */
  stopTracking(): void {
    this.written = undefined;
  }

  /** The sequence number to pass to `relinkBatch` for documents read from now on. */
  readMark(): number {
    return this.seq;
  }

  /**
   * Writes re-analysed documents read at `readMark`, linked with the current catalog, except those written or
   * deleted since. Returns how many were written.
   */
  async relinkBatch(kind: Kind, docs: IndexDoc[], readMark: number): Promise<{ written: number; skipped: number }> {
    let release!: () => void;
    const done = new Promise<void>((resolve) => { release = resolve; });
    const fresh = await this.lock.exclusive(async () => {
      const keep = docs.filter((d) => (this.written?.get(`${kind}:${d.id}`) ?? 0) <= readMark && !this.claimed.has(`${kind}:${d.id}`));
      for (const d of keep) this.claimed.set(`${kind}:${d.id}`, done);
      return keep;
    });
    try {
      if (fresh.length) {
        const results = await this.raw.upsert(kind, fresh.map((d) => this.link(kind, d)));
        const failed = results.filter((r) => r.result === 'error');
        if (failed.length) throw new Error(`re-link write failed for ${failed.length} ${kind} document(s), e.g. ${JSON.stringify(failed[0])}`);
      }
      return { written: fresh.length, skipped: docs.length - fresh.length };
    } finally {
      for (const d of fresh) this.claimed.delete(`${kind}:${d.id}`);
      release();
    }
  }
}
