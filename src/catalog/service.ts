import type { FieldError } from '../domain/issues.js';
import { NotReady } from '../domain/errors.js';
import { engineFault } from '../engine/faults.js';
import { ElasticsearchEngine } from '../engine/elasticsearch/engine.js';
import { KINDS, type Engine } from '../engine/types.js';
import type { Classifier } from '../occupations/classifier.js';
import { computeGaps, type GapReport } from './gaps.js';
import type { LinkContext } from './linker.js';
import { seedCatalog } from './load.js';
import { WritePipeline } from './pipeline.js';
import { RELINK_LEASE, RelinkJob, type RelinkLeaseData, type RelinkProgress } from './relink.js';
import { EmbeddedCatalogRepository, LabelTaken, type CatalogRepository } from './repository.js';
import { ElasticsearchCatalogRepository } from './repository-es.js';
import { unknownOccupationCodes, type Catalog } from './schema.js';
import { info, type StoredVersion, type VersionInfo } from './store.js';

/** A catalog refused by `replace`: 400 with the fields, or 409 when its version label is taken. */
export class CatalogRejected extends Error {
  constructor(readonly status: 400 | 409, message: string, readonly errors: FieldError[]) { super(message); }
}

export interface CatalogServiceOptions {
  /** `${DATA_DIR}/catalog` is used under this directory (embedded engine only). */
  dataDir: string;
  engine: Engine;
  classifier: Classifier;
  seed?: Catalog;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
  /** CATALOG_POLL_MS: how often the shared catalog state and the re-link lease are read (default 1000). */
  pollMs?: number;
  /** STATE_STALE_MS: not ready when the last successful poll is older than this (default POLL_STALE_MS). */
  staleMs?: number;
  /** Where versions live; by default files under dataDir (embedded) or `<prefix>-catalog` (Elasticsearch). */
  repository?: CatalogRepository;
}

/** A replica whose last successful poll is older than this cannot learn of changes: not ready. */
export const POLL_STALE_MS = 10_000;

/**
 * The catalog as the product runs it: the versions (CatalogRepository), the context documents are linked with,
 * the write pipeline, the background re-link (once across replicas, under a lease) and the gap report.
 * Every replica polls: a catalog stored through any replica is used by all within a poll interval, and any replica
 * may take the re-link over.
 */
export class CatalogService {
  readonly relink: RelinkJob;
  readonly pipeline: WritePipeline;
  private linkCtx: LinkContext | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private lastPollOk = Date.now();
  private lastPollError: string | undefined;
  private stopped = false;
  private readonly pollMs: number;
  private staleMs = POLL_STALE_MS;

  private constructor(readonly repository: CatalogRepository, readonly classifier: Classifier, readonly raw: Engine, private readonly log: CatalogServiceOptions['log'], pollMs: number) {
    this.pollMs = pollMs;
    this.pipeline = new WritePipeline(raw, () => this.ctx);
    this.relink = new RelinkJob({
      engine: raw,
      pipeline: this.pipeline,
      currentRevision: () => this.ctx.revision,
      revisions: () => this.repository.list().map((v) => v.revision),
      markLinked: (revision) => this.repository.markLinked(revision),
      ...(log ? { log } : {}),
    });
  }

  static async open(o: CatalogServiceOptions): Promise<CatalogService> {
    const seed = o.seed ?? seedCatalog();
    const repository = o.repository
      ?? (o.engine instanceof ElasticsearchEngine ? await ElasticsearchCatalogRepository.open(o.engine, seed) : await EmbeddedCatalogRepository.open(o.dataDir, seed));
    const service = new CatalogService(repository, o.classifier, o.engine, o.log, o.pollMs ?? 1000);
    if (o.staleMs !== undefined) service.staleMs = o.staleMs;
    return service;
  }

  /** The engine documents are written to (through `pipeline`, which links them). */
  get engine(): Engine {
    return this.raw;
  }

  get context(): LinkContext {
    return this.ctx;
  }

  /**
   * The catalog documents are linked with. Before the repository could be read (Elasticsearch unreachable at
   * boot) NotReady: writes, the versions and the gap report answer 503 until a poll has read it.
   */
  private get ctx(): LinkContext {
    if (!this.linkCtx) {
      if (!this.repository.loaded) throw new NotReady(`the catalog could not be read yet${this.lastPollError ? ` (${this.lastPollError})` : ''}; retry shortly`);
      const cur = this.repository.current();
      this.linkCtx = { catalog: cur.catalog, revision: cur.revision, classifier: this.classifier };
    }
    return this.linkCtx;
  }

  private set ctx(ctx: LinkContext) {
    this.linkCtx = ctx;
  }

  current(): StoredVersion {
    return this.repository.get(this.ctx.revision) ?? this.repository.current();
  }

  private adopt(): void {
    const cur = this.repository.current();
    if (cur.revision !== this.linkCtx?.revision) this.ctx = { catalog: cur.catalog, revision: cur.revision, classifier: this.classifier };
  }

  /**
   * At boot: an empty store is linked by construction; documents linked with another revision (or from before
   * catalogs existed) are re-linked in the background, by whichever replica takes the lease. Then the poll starts.
   */
  async startup(): Promise<void> {
    try {
      await this.startupOnce();
    } catch (err) {
      // Elasticsearch unreachable at boot: the process stays up, /readyz says why, and the poll carries on from here.
      if (!engineFault(err as Error)) throw err;
      this.lastPollError = (err as Error).message;
      this.log?.('catalog: the shared state could not be read at boot; retrying on every poll', { err: this.lastPollError });
    }
    this.startPolling();
  }

  private async startupOnce(): Promise<void> {
    await this.repository.refresh();
    this.adopt();
    const revision = this.ctx.revision;
    if (this.repository.linkedRevision !== revision) {
      let docs = 0;
      for (const kind of KINDS) docs += await this.raw.count(kind);
      if (docs === 0) await this.repository.markLinked(revision);
      else await this.relink.tryStart(revision);
    }
  }

  /** The poll: the shared catalog state, the re-link's progress, and the re-link taken over when nobody runs it. */
  private startPolling(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => {
      if (!this.ticking) this.ticking = this.tick().finally(() => { this.ticking = undefined; });
    }, this.pollMs);
    this.timer.unref();
  }

  /** One poll (public for tests). */
  async tick(): Promise<void> {
    try {
      await this.repository.refresh();
      this.adopt();
      if (!this.relink.isRunning) this.relink.observe((await this.raw.leases.read<RelinkLeaseData>(RELINK_LEASE))?.data);
      this.lastPollOk = Date.now();
      this.lastPollError = undefined;
      if (!this.stopped && this.repository.linkedRevision !== this.ctx.revision && !this.relink.isRunning) await this.relink.tryStart(this.ctx.revision);
    } catch (err) {
      this.lastPollError = (err as Error).message;
    }
  }

  /** Readiness: throws when this replica has not been able to read the shared catalog state for POLL_STALE_MS. */
  async checkReady(): Promise<void> {
    if (!this.repository.loaded) throw new Error(`the shared catalog could not be read${this.lastPollError ? ` (${this.lastPollError})` : ''}`);
    if (!this.timer) return;
    const age = Date.now() - this.lastPollOk;
    if (age > this.staleMs) throw new Error(`the catalog state has not been read for ${Math.round(age / 1000)} s${this.lastPollError ? ` (${this.lastPollError})` : ''}: changes made through other replicas would be missed`);
  }

  /**
   * Validates a new catalog against the taxonomy, stores it as a new revision (or makes a stored one with the same
   * content current again), switches to it and starts the re-link. The current catalog again is a no-op.
   */
  async replace(catalog: Catalog): Promise<{ version: VersionInfo; changed: boolean }> {
    const unknown = unknownOccupationCodes(catalog, (c) => this.classifier.has(c));
    if (unknown.length) {
      const index = new Map(catalog.entries.map((e, i) => [e.id, i]));
      throw new CatalogRejected(400, `${unknown.length} occupation code(s) are not in the 职业分类大典 2022 taxonomy (${this.classifier.source}, ${this.classifier.size} 细类): ${unknown.slice(0, 5).map((u) => u.code).join(', ')}`,
        unknown.map((u) => ({ field: `entries.${index.get(u.id)}.occupationCode`, location: 'body', reason: `unknown occupation code ${u.code}` })));
    }
    let stored: StoredVersion;
    let changed: boolean;
    try {
      ({ stored, changed } = await this.repository.put(catalog));
    } catch (err) {
      if (err instanceof LabelTaken) throw new CatalogRejected(409, err.message, [{ field: 'version', location: 'body', reason: 'already used by another catalog' }]);
      throw err;
    }
    if (!changed) return { version: info(stored), changed };
    // A job for the previous revision stops at its next page; this replica then tries to take the new one.
    await this.relink.stop();
    this.ctx = { catalog: stored.catalog, revision: stored.revision, classifier: this.classifier };
    await this.relink.tryStart(stored.revision, true);
    return { version: info(stored), changed };
  }

  versions(): { current: number; versions: Array<VersionInfo & { current: boolean }>; relink: RelinkProgress } {
    const current = this.ctx.revision;
    return { current, versions: this.repository.list().map((v) => ({ ...v, current: v.revision === current })), relink: this.relink.progress };
  }

  /** The gap report, from aggregations over the link-time keyword fields (fast enough to compute per request). */
  async gaps(): Promise<GapReport> {
    return computeGaps(this.raw, this.ctx);
  }

  /** Stops polling and the background re-link (at shutdown; the lease keeps its progress for another replica). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
    return this.relink.stop();
  }
}
