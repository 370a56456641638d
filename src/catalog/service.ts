import { join } from 'node:path';
import type { FieldError } from '../domain/issues.js';
import { KINDS, type Engine } from '../engine/types.js';
import { analyseStored, linkIndexDoc } from '../indexing/service.js';
import type { Classifier } from '../occupations/classifier.js';
import { computeGaps, type GapReport } from './gaps.js';
import { LinkingLayer } from './linked-engine.js';
import type { LinkContext } from './linker.js';
import { seedCatalog } from './load.js';
import { RelinkJob, type RelinkProgress } from './relink.js';
import { unknownOccupationCodes, type Catalog } from './schema.js';
import { CatalogStore, catalogFingerprint, info, type StoredVersion, type VersionInfo } from './store.js';

/** A catalog refused by `replace`: 400 with the fields, or 409 when its version label is taken. */
export class CatalogRejected extends Error {
  constructor(readonly status: 400 | 409, message: string, readonly errors: FieldError[]) { super(message); }
}

export interface CatalogServiceOptions {
  /** `${DATA_DIR}/catalog` is used under this directory. */
  dataDir: string;
  engine: Engine;
  classifier: Classifier;
  seed?: Catalog;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
  /** How long a request waits for a gap report still being computed before GapsNotReady (default 10 s). */
  gapsWaitMs?: number;
}

/** No gap report for the current catalog yet: one is being computed (the route answers 503 with Retry-After). */
export class GapsNotReady extends Error {
  constructor(readonly progress: { walked: number; total: number }) {
    super(`the supply–demand report is being computed (${progress.walked} of ${progress.total} documents walked); retry in a few seconds`);
  }
}

const GAPS_MAX_AGE_MS = 10 * 60_000;

/** A gap report being computed: for which revision, how far the walk is, and how to stop it. */
interface GapsJob { revision: number; relinking: boolean; promise: Promise<GapReport>; walked: number; total: number; abort: AbortController }

/**
 * The catalog as the product runs it: the durable versions, the context documents are linked with, the engine
 * seen through the linking layer, the background re-link and the cached gap report.
 */
export class CatalogService {
  readonly layer: LinkingLayer;
  readonly relink: RelinkJob;
  private ctx: LinkContext;
  private gapsCache: { revision: number; key: string; at: number; report: GapReport } | undefined;
  private gapsJob: GapsJob | undefined;
  private readonly gapsWaitMs: number;

  private constructor(readonly store: CatalogStore, readonly classifier: Classifier, raw: Engine, private readonly log: CatalogServiceOptions['log'], gapsWaitMs: number) {
    const current = store.current();
    this.ctx = { catalog: current.catalog, revision: current.revision, classifier };
    this.layer = LinkingLayer.of(raw) ?? new LinkingLayer(raw, (kind, doc) => linkIndexDoc(kind, doc, this.ctx));
    this.relink = new RelinkJob(this.layer, analyseStored, (revision) => this.store.markLinked(revision), log);
    this.gapsWaitMs = gapsWaitMs;
  }

  static async open(o: CatalogServiceOptions): Promise<CatalogService> {
    const store = await CatalogStore.open(join(o.dataDir, 'catalog'), o.seed ?? seedCatalog());
    return new CatalogService(store, o.classifier, o.engine, o.log, o.gapsWaitMs ?? 10_000);
  }

  /** The engine every write of the app goes through: documents are linked on the way in. */
  get engine(): Engine {
    return this.layer.engine;
  }

  get context(): LinkContext {
    return this.ctx;
  }

  current(): StoredVersion {
    return this.store.current();
  }

  /**
   * At boot: an empty store is linked by construction; documents linked with another revision (or from before
   * catalogs existed) are re-linked in the background.
   */
  async startup(): Promise<void> {
    const revision = this.ctx.revision;
    if (this.store.linkedRevision === revision) return;
    let docs = 0;
    for (const kind of KINDS) docs += await this.layer.raw.count(kind);
    if (docs === 0) return this.store.markLinked(revision);
    await this.layer.switchCatalog(() => undefined);
    await this.relink.start(revision);
  }

  /**
   * Validates a new catalog against the taxonomy, stores it as a new revision, switches to it and starts the
   * re-link. The same catalog as the current one again is a no-op (idempotent PUT); a stored one becomes current.
   */
  async replace(catalog: Catalog): Promise<{ version: VersionInfo; changed: boolean }> {
    const unknown = unknownOccupationCodes(catalog, (c) => this.classifier.has(c));
    if (unknown.length) {
      const index = new Map(catalog.entries.map((e, i) => [e.id, i]));
      throw new CatalogRejected(400, `${unknown.length} occupation code(s) are not in the 职业分类大典 2022 taxonomy (${this.classifier.source}, ${this.classifier.size} 细类): ${unknown.slice(0, 5).map((u) => u.code).join(', ')}`,
        unknown.map((u) => ({ field: `entries.${index.get(u.id)}.occupationCode`, location: 'body', reason: `unknown occupation code ${u.code}` })));
    }
    const current = this.store.current();
    if (catalogFingerprint(current.catalog) === catalogFingerprint(catalog)) return { version: info(current), changed: false };
    const taken = this.store.findByLabel(catalog.version);
    if (taken && catalogFingerprint(taken.catalog) !== catalogFingerprint(catalog)) {
      throw new CatalogRejected(409, `version "${catalog.version}" is already stored as revision ${taken.revision} with other content; published versions are immutable, give the new catalog a new version`,
        [{ field: 'version', location: 'body', reason: 'already used by another catalog' }]);
    }
    // The same content under a stored label becomes current again: a return to an earlier version, or the retry of
    // a PUT cut off (crash) after storing its revision but before switching to it.
    const stored = taken ? await this.store.activate(taken.revision) : await this.store.add(catalog);
    await this.relink.stop();
    await this.layer.switchCatalog(() => {
      this.ctx = { catalog: stored.catalog, revision: stored.revision, classifier: this.classifier };
    });
    await this.relink.start(stored.revision);
    return { version: info(stored), changed: true };
  }

  versions(): { current: number; versions: Array<VersionInfo & { current: boolean }>; relink: RelinkProgress } {
    const current = this.ctx.revision;
    return { current, versions: this.store.list().map((v) => ({ ...v, current: v.revision === current })), relink: this.relink.progress };
  }

  /**
   * The gap report. The last report of the current catalog revision is answered at once; when the data changed
   * since it was computed, or it is older than 10 minutes, a new one is computed in the background for the next
   * request (`refreshing`). Without one (after start-up or a catalog change, and while a re-link runs, when links
   * are in flux and nothing is kept) one is computed, shared by the requests that ask meanwhile, each waiting up to
   * `gapsWaitMs`; longer (a million documents take minutes) is GapsNotReady, with the progress of the walk.
   */
  async gaps(): Promise<GapReport & { refreshing: boolean }> {
    const revision = this.ctx.revision;
    const relinking = this.relink.progress.state === 'running';
    const key = `${revision}:${this.layer.changes}`;
    const c = this.gapsCache;
    if (!relinking && c?.revision === revision) {
      if ((c.key !== key || Date.now() - c.at >= GAPS_MAX_AGE_MS) && !this.gapsJob) this.startGaps(revision, false, key);
      return { ...c.report, refreshing: this.gapsJob !== undefined };
    }
    let job = this.gapsJob;
    if (!job || job.revision !== revision || job.relinking !== relinking) job = this.startGaps(revision, relinking, key);
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), this.gapsWaitMs); });
    const done = await Promise.race([job.promise.then(() => true, () => true), waited]);
    clearTimeout(timer);
    if (!done) throw new GapsNotReady({ walked: job.walked, total: job.total });
    return { ...(await job.promise), refreshing: false };
  }

  /** One walk at a time: a job for another revision (or re-link state) is stopped; the report is kept when it is current. */
  private startGaps(revision: number, relinking: boolean, key: string): GapsJob {
    this.gapsJob?.abort.abort();
    const at = Date.now();
    const job: GapsJob = { revision, relinking, walked: 0, total: 0, abort: new AbortController(), promise: Promise.resolve() as never };
    job.promise = (async () => {
      job.total = (await this.layer.raw.count('vacancy')) + (await this.layer.raw.count('resume'));
      return computeGaps(this.layer.raw, this.ctx, { signal: job.abort.signal, onProgress: (s) => { job.walked = s.vacancies + s.resumes; } });
    })();
    job.promise
      .then((report) => { if (!relinking && this.ctx.revision === revision) this.gapsCache = { revision, key, at, report }; })
      .catch((err: unknown) => { if (!job.abort.signal.aborted) this.log?.('gap report failed', { revision, error: (err as Error).message }); })
      .finally(() => { if (this.gapsJob === job) this.gapsJob = undefined; });
    this.gapsJob = job;
    return job;
  }

  /** Stops the background re-link and any gap report being computed (at shutdown). */
  async stop(): Promise<void> {
    this.gapsJob?.abort.abort();
    await this.gapsJob?.promise.catch(() => undefined);
    return this.relink.stop();
  }
}
