import { normalizeKeyword } from '../analysis/analyzer.js';
import { walkPages, breathe } from '../catalog/walk.js';
import { normalizeDistrict, placeNames } from '../domain/districts.js';
import type { Vacancy } from '../domain/vacancy.js';
import type { Engine, IndexDoc, Kind, WriteResult } from '../engine/types.js';
import { ElasticsearchEngine } from '../engine/elasticsearch/engine.js';
import { normalizeTyped } from './keys.js';
import { SuggestIndex, type Contribution, type Suggestion, type SuggestKind } from './suggest-index.js';

/** What a vacancy adds to the suggestions: nothing unless it is live (published). */
export function contributionOf(v: Partial<Vacancy>): Contribution | undefined {
  if (v.status !== 'published') return undefined;
  const title = typeof v.title === 'string' ? v.title.trim() : '';
  const skills = new Map<string, string>();
  for (const s of Array.isArray(v.skills) ? v.skills : []) {
    const text = String(s).trim();
    const id = normalizeKeyword(text);
    if (id && !skills.has(id)) skills.set(id, text);
  }
  const district = typeof v.location?.district === 'string' ? normalizeDistrict(v.location.district) : undefined;
  return {
    ...(title && normalizeTyped(title) ? { title: { id: normalizeTyped(title), text: title } } : {}),
    skills: [...skills].map(([id, text]) => ({ id, text })),
    ...(v.employer?.id && v.employer.name ? { employer: { id: v.employer.id, text: v.employer.name.trim() } } : {}),
    ...(district ? { place: { id: district, text: district, aliases: placeNames(district).filter((n) => n !== district) } } : {}),
  };
}

export interface SuggestServiceOptions {
  /** The engine to rebuild from (any replica's writes are there). */
  engine: Engine;
  /**
   * A number that grows with every write to the vacancies, by anyone (this process or another replica); the
   * index is rebuilt when it moved more than this process's own writes explain. Absent: no background refresh.
   */
  writeCounter?: () => Promise<number> | number;
  /**
   * Makes every write counted so far visible to searches before a rebuild reads them (Elasticsearch: a refresh;
   * a write is counted before the refresh that shows it).
   */
  settle?: () => Promise<void>;
  /** How often the write counter is read (ms); 0 = never. */
  refreshMs: number;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
}

export interface SuggestAnswer {
  suggestions: Array<Suggestion & { aliases?: string[]; search: Record<string, string> }>;
  /** Live vacancies the index holds. */
  vacancies: number;
}

/**
 * Search-box suggestions over live vacancies. The index is in memory: built from the engine at start-up, updated
 * at once for every write this process makes (`observe` wraps the app's engine), and rebuilt in the background
 * when other writers (demo seeding, other replicas on one Elasticsearch cluster) changed the vacancies.
 */
export class SuggestService {
  private index = new SuggestIndex();
  private built: Promise<void> | undefined;
  private rebuilding: Promise<void> | undefined;
  /** Writes seen during a rebuild: replayed on the new index, which may have read an older copy. */
  private replay: Array<[string, Contribution | undefined]> | undefined;
  private ownWrites = 0;
  private baseline: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** When the last rebuild ended and how long it took: rebuilds are spaced at least five times their length. */
  private lastEnd = 0;
  private lastMs = 0;

  constructor(private readonly opts: SuggestServiceOptions) {}

  /** Builds the index (once) and starts the background refresh. */
  start(): Promise<void> {
    this.built ??= this.rebuild();
    if (this.opts.refreshMs > 0 && this.opts.writeCounter && !this.timer) {
      this.timer = setInterval(() => void this.poll(), this.opts.refreshMs);
      this.timer.unref();
    }
    return this.built;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  private async counter(): Promise<number | undefined> {
    try {
      return this.opts.writeCounter ? await this.opts.writeCounter() : undefined;
    } catch {
      return undefined;
    }
  }

  private async poll(): Promise<void> {
    if (this.rebuilding || this.stopped) return;
    // Another replica importing without pause must not keep this one rebuilding all the time.
    if (Date.now() - this.lastEnd < 5 * this.lastMs) return;
    const n = await this.counter();
    if (n === undefined || this.baseline === undefined) return;
    if (n - this.ownWrites !== this.baseline) await this.rebuild().catch((err: unknown) => this.opts.log?.('suggestions: rebuild failed', { err: String(err) }));
  }

  /** Reads every live vacancy again into a new index, then swaps it in (writes made meanwhile are replayed). */
  rebuild(): Promise<void> {
    this.rebuilding ??= (async () => {
      const t0 = performance.now();
      const before = await this.counter();
      const own = this.ownWrites;
      this.replay = [];
      try {
        await this.opts.settle?.();
        const next = new SuggestIndex();
        for await (const page of walkPages(this.opts.engine, 'vacancy', [{ kind: 'terms', field: 'status', values: ['published'] }], 500, true)) {
          for (const hit of page) next.put(hit.id, contributionOf(hit.source as Partial<Vacancy>));
          await breathe();
        }
        for (const [id, c] of this.replay) next.put(id, c);
        next.compact();
        this.index = next;
        if (before !== undefined) this.baseline = before - own;
        this.lastMs = performance.now() - t0;
        this.opts.log?.('suggestions built', { vacancies: next.vacancies, ms: Math.round(this.lastMs) });
      } finally {
        this.lastEnd = Date.now();
        this.replay = undefined;
        this.rebuilding = undefined;
      }
    })();
    return this.rebuilding;
  }

  /** Applies a write of this process at once. */
  private observed(id: string, c: Contribution | undefined, ops: number): void {
    this.ownWrites += ops;
    this.index.put(id, c);
    this.replay?.push([id, c]);
  }

  /** The engine with every vacancy write and delete also applied to the suggestions. */
  observe(engine: Engine): Engine {
    const self = this;
    return new Proxy(engine, {
      get(target, prop) {
        if (prop === 'upsert') {
          return async (kind: Kind, docs: IndexDoc[]): Promise<WriteResult[]> => {
            const results = await target.upsert(kind, docs);
            if (kind === 'vacancy') {
              self.ownWrites += docs.length - results.filter((r) => r.result !== 'error').length;
              results.forEach((r, i) => {
                if (r.result === 'error') return;
                self.observed(r.id, contributionOf((r.source ?? docs[i]!.source) as Partial<Vacancy>), 1);
              });
            }
            return results;
          };
        }
        if (prop === 'delete') {
          return async (kind: Kind, id: string): Promise<boolean> => {
            const deleted = await target.delete(kind, id);
            if (kind === 'vacancy') self.observed(id, undefined, 1);
            return deleted;
          };
        }
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  async suggest(q: string, kinds: readonly SuggestKind[], limit: number): Promise<SuggestAnswer> {
    await this.start();
    const suggestions = this.index.suggest(q, kinds, limit).map((s) => ({
      ...s,
      ...(s.kind === 'place' ? { aliases: placeNames(s.id).filter((n) => n !== s.id) } : {}),
      search: (s.kind === 'place' ? { district: s.id } : s.kind === 'employer' ? { employerId: s.id } : { q: s.text }) as Record<string, string>,
    }));
    return { suggestions, vacancies: this.index.vacancies };
  }
}

/**
 * On Elasticsearch, a counter of every write to the vacancy index by any replica (the index's indexing and
 * delete totals over primaries); undefined for another engine.
 */
export function esWriteCounter(engine: Engine): Pick<SuggestServiceOptions, 'writeCounter' | 'settle'> | undefined {
  if (!(engine instanceof ElasticsearchEngine)) return undefined;
  const index = engine.alias('vacancy');
  return {
    writeCounter: async () => {
      const res = await engine.client.indices.stats({ index, metric: 'indexing' });
      const idx = res._all.primaries?.indexing;
      return (idx?.index_total ?? 0) + (idx?.delete_total ?? 0);
    },
    settle: async () => {
      await engine.client.indices.refresh({ index });
    },
  };
}
