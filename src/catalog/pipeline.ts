import type { Resume } from '../domain/resume.js';
import type { Vacancy } from '../domain/vacancy.js';
import { nulPath, zodIssuesToFieldErrors } from '../domain/issues.js';
import { engineFault } from '../engine/faults.js';
import type { ConditionalResult, Engine, EngineHit, IndexDoc, Kind, WriteResult } from '../engine/types.js';
import { KIND_SPECS, lineError, type BulkItem, type KindSpec, type LineWriter, type Refusal, type WriteSteps } from '../indexing/service.js';
import { linkResumeDoc, linkVacancyDoc, type LinkContext } from './linker.js';
import { breathe } from './walk.js';
import type { WritePool } from './write-pool.js';

type Doc = Vacancy | Resume;
const spec = (kind: Kind) => KIND_SPECS[kind] as KindSpec<Doc>;

/**
 * The one write path of documents: validate → authorise → screen → link → analyse → write. PUT and bulk
 * (src/routes/documents.ts), demo seeding (src/indexing/seed-demo.ts, through LineWriter) and the background
 * re-link (src/catalog/relink.ts) all go through it, so every stored document carries links computed with the
 * catalog revision of `context()` at the time of the write. The re-link starts at `link` (a stored document is
 * valid and was authorised and screened when it was written) and ends with a conditional write.
 */
export class WritePipeline implements LineWriter {
  private target: Engine;
  /** Analysis of bulk and re-link batches in worker threads (WRITE_WORKERS ≥ 2); unset = inline on this thread. */
  private pool: WritePool | undefined;
  /** Documents written through the pipeline so far (a write counter for this process's own writes). */
  changes = 0;

  constructor(engine: Engine, private readonly context: () => LinkContext) {
    this.target = engine;
  }

  /** The engine written to: the one the catalog was opened on, or the app's (timed, observed) once `use`d. */
  get engine(): Engine {
    return this.target;
  }

  /**
   * Writes go through `engine` from now on: the app passes its engine (the same store, timed per operation for the
   * metrics and observed by the suggestions), so PUT, bulk, seeding and re-link are all measured alike.
   */
  use(engine: Engine): void {
    this.target = engine;
  }

  /** Bulk and re-link batches are analysed in `pool` from now on (undefined: inline again). */
  usePool(pool: WritePool | undefined): void {
    this.pool = pool;
  }

  /** link → analyse for a batch: in the pool when there is one (the order kept), inline otherwise. */
  private async linkAndAnalyseMany(kind: Kind, docs: Doc[]): Promise<IndexDoc[]> {
    if (!this.pool) return docs.map((d) => this.linkAndAnalyse(kind, d));
    return this.pool.analyse(kind, docs.map((d) => this.link(kind, d)));
  }

  /** validate: input → normalised document (a refusal names the first bad field). */
  validate(kind: Kind, value: unknown, now: Date, id?: string): { doc: Doc } | Refusal {
    const nul = nulPath(value);
    if (nul) return { status: 400, field: nul, reason: 'NUL characters are not allowed' };
    const parsed = spec(kind).input.safeParse(value);
    if (!parsed.success) {
      const e = zodIssuesToFieldErrors(parsed.error.issues, 'body')[0]!;
      return { status: 400, field: e.field, reason: e.reason };
    }
    const docId = id ?? parsed.data.id;
    if (!docId) return { status: 400, field: 'id', reason: 'each line needs its id' };
    return { doc: spec(kind).build(docId, parsed.data, now) };
  }

  /** authorise → screen. */
  async admit(doc: Doc, now: Date, steps: WriteSteps<Doc> = {}): Promise<{ doc: Doc } | Refusal> {
    const refusal = await steps.authorise?.(doc);
    if (refusal) return { status: 403, field: 'employer.id', reason: refusal };
    return steps.screen ? steps.screen(doc, now) : { doc };
  }

  /** link: the server-computed catalog fields for the current revision. */
  link(kind: Kind, doc: Doc): Doc {
    const ctx = this.context();
    return kind === 'vacancy' ? linkVacancyDoc(doc as Vacancy, ctx) : linkResumeDoc(doc as Resume, ctx);
  }

  /** link → analyse. */
  linkAndAnalyse(kind: Kind, doc: Doc): IndexDoc {
    return spec(kind).analyse(this.link(kind, doc));
  }

  /** write: the results carry the stored source (with its server-computed fields). */
  async write(kind: Kind, docs: IndexDoc[]): Promise<WriteResult[]> {
    const results = await this.engine.upsert(kind, docs);
    this.changes += docs.length;
    return results.map((r, i) => (r.result === 'error' ? r : { ...r, source: docs[i]!.source }));
  }

  /** One document already validated (PUT): authorise → screen → link → analyse → write. */
  async writeOne(kind: Kind, doc: Doc, now: Date, steps: WriteSteps<Doc> = {}): Promise<{ ok: true; result: WriteResult; stored: IndexDoc } | { ok: false; refusal: Refusal }> {
    const admitted = await this.admit(doc, now, steps);
    if (!('doc' in admitted)) return { ok: false, refusal: admitted };
    const stored = this.linkAndAnalyse(kind, admitted.doc);
    const [result] = await this.write(kind, [stored]);
    return { ok: true, result: result!, stored };
  }

  /**
   * Whole documents, one per line (bulk, demo seeding): every step per line; a refused line never stops the others.
   * `stored`: the analysed documents the engine wrote (for the subscriptions).
   */
  async writeLines(kind: Kind, lines: Array<{ line: number; value: unknown }>, now: Date, steps: WriteSteps<Doc> = {}): Promise<{ items: BulkItem[]; rejected: number; stored: IndexDoc[]; engineError?: unknown }> {
    const items: BulkItem[] = [];
    const stored: IndexDoc[] = [];
    let engineError: unknown;
    let rejected = 0;
    const batch: Array<{ line: number; doc: IndexDoc }> = [];
    const linked: Array<{ line: number; doc: Doc }> = [];
    for (const [i, { line, value }] of lines.entries()) {
      // Lets lease renewals and requests run between documents of a large batch (linking and analysis are CPU work).
      if (i % 50 === 49) await breathe();
      const id = typeof (value as { id?: unknown })?.id === 'string' ? (value as { id: string }).id : undefined;
      const valid = this.validate(kind, value, now);
      if (!('doc' in valid)) { rejected++; items.push(lineError(line, valid.field, valid.reason, id)); continue; }
      const admitted = await this.admit(valid.doc, now, steps);
      if (!('doc' in admitted)) { rejected++; items.push(lineError(line, admitted.field, admitted.reason, valid.doc.id)); continue; }
      let doc: IndexDoc | Doc;
      try {
        // With a pool, only linking here; analysis of the whole batch below, in the workers.
        doc = this.pool ? this.link(kind, admitted.doc) : this.linkAndAnalyse(kind, admitted.doc);
      } catch (err) {
        // The catalog could not be read yet (Elasticsearch unreachable at boot): not written, like an engine fault.
        if ((err as { code?: string }).code !== 'ZZH_NOT_READY') throw err;
        items.push(lineError(line, '(catalog)', `not written: ${(err as Error).message}`, valid.doc.id));
        engineError ??= err;
        continue;
      }
      (this.pool ? linked : batch).push({ line, doc: doc as never });
    }
    if (this.pool && linked.length) {
      try {
        const analysed = await this.pool.analyse(kind, linked.map((l) => l.doc));
        analysed.forEach((doc, i) => batch.push({ line: linked[i]!.line, doc }));
      } catch (err) {
        // A worker failed: this batch's lines are not written and say why; the request itself still answers.
        if ((err as { code?: string }).code !== 'ZZH_WRITE_POOL') throw err;
        for (const l of linked) items.push(lineError(l.line, '(analysis)', `not written: ${(err as Error).message}; send the line again`, l.doc.id));
      }
    }
    if (batch.length) {
      try {
        const results = await this.engine.upsert(kind, batch.map((b) => b.doc));
        this.changes += batch.length;
        results.forEach((r, i) => {
          const line = batch[i]!.line;
          if (r.result !== 'error') stored.push(batch[i]!.doc);
          items.push(r.result === 'error' ? lineError(line, r.error.field, r.error.reason, r.id) : { line, id: r.id, result: r.result });
        });
      } catch (err) {
        const fault = engineFault(err as Error);
        if (!fault) throw err;
        // Reported per line; the caller decides whether the whole request failed (nothing written).
        for (const b of batch) items.push(lineError(b.line, '(engine)', `not written: ${fault.detail}`, b.doc.id));
        engineError = err;
      }
    }
    items.sort((a, b) => a.line - b.line);
    return engineError === undefined ? { items, rejected, stored } : { items, rejected, stored, engineError };
  }

  /**
   * The re-link of stored documents read with their versions: link → analyse → write only where unchanged since
   * (an edit made meanwhile, through any replica, is never overwritten; a deleted document is never re-created).
   */
  async relink(kind: Kind, hits: EngineHit[]): Promise<ConditionalResult[]> {
    const docs = await this.linkAndAnalyseMany(kind, hits.map((h) => h.source as unknown as Doc));
    const results = await this.engine.replaceIfUnchanged(kind, docs.map((doc, i) => ({ doc, version: hits[i]!.version! })));
    this.changes += hits.length;
    return results;
  }
}
