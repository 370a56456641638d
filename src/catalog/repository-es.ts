import { createHash } from 'node:crypto';
import { errors } from '@elastic/elasticsearch';
import { NotReady } from '../domain/errors.js';
import type { ElasticsearchEngine } from '../engine/elasticsearch/engine.js';
import { engineFault } from '../engine/faults.js';
import { LabelTaken, type CatalogRepository } from './repository.js';
import { catalogSchema, type Catalog } from './schema.js';
import { catalogFingerprint, info, type StoredVersion, type VersionInfo } from './store.js';

/**
 * Catalog versions in `<prefix>-catalog`, shared by every replica:
 *  - `rev-<n>`: one immutable revision (created create-only: two replicas can never both take number n);
 *  - `label-<hash>`: the label's owner (created create-only after the revision: a label is taken once; the same
 *    label with other content is LabelTaken, with the same content the revision is reused);
 *  - `state`: the active revision, `linkedRevision` and the confirmed revisions, replaced with
 *    if_seq_no/if_primary_term (a lost race is read again and re-applied, never overwritten blindly).
 * A revision document without its label (a crash between the two writes, or a lost label race) is never listed.
 * Every replica reads `state` on its poll (a realtime GET) and the revisions it has not seen yet; revisions are
 * immutable, so they are cached.
 */
interface StateDoc { type: 'state'; current: number; linkedRevision: number | null; revisions: number[] }
interface RevisionDoc { type: 'revision'; revision: number; createdAt: string; source: 'seed' | 'api'; label: string; fingerprint: string; catalog: Catalog }
interface LabelDoc { type: 'label'; label: string; revision: number; fingerprint: string }

const MAPPINGS = { dynamic: false, properties: { type: { type: 'keyword' }, revision: { type: 'integer' }, label: { type: 'keyword' } } };
const labelId = (label: string) => `label-${createHash('sha256').update(label).digest('hex').slice(0, 32)}`;
const revId = (revision: number) => `rev-${revision}`;
const conflict = (e: unknown) => e instanceof errors.ResponseError && e.statusCode === 409;

export class ElasticsearchCatalogRepository implements CatalogRepository {
  readonly name = 'elasticsearch' as const;
  private stateDoc: StateDoc | undefined;
  private version: { if_seq_no: number; if_primary_term: number } | undefined;
  private readonly revisions = new Map<number, StoredVersion>();
  /** Why the first load failed (Elasticsearch unreachable at boot); cleared once loaded. */
  private loadError: string | undefined;

  private constructor(private readonly engine: ElasticsearchEngine, private readonly seed: Catalog) {}

  /** True once the shared state has been read (an outage at boot leaves it false until a poll succeeds). */
  get loaded(): boolean {
    return this.stateDoc !== undefined;
  }

  /** The last state read; before the first successful read: NotReady (503 with Retry-After). */
  private get state(): StateDoc {
    if (!this.stateDoc) throw new NotReady(`the shared catalog has not been read from Elasticsearch yet${this.loadError ? ` (${this.loadError})` : ''}; retry shortly`);
    return this.stateDoc;
  }

  private set state(s: StateDoc) {
    this.stateDoc = s;
  }

  get index(): string {
    return `${this.engine.prefix}-catalog`;
  }

  private get client() {
    return this.engine.client;
  }

  /**
   * Opens the shared catalog; on an empty prefix the seed becomes revision 1 (once, whoever comes first). When
   * Elasticsearch cannot be reached the repository opens unloaded: reads answer NotReady (503) and the next
   * `refresh` (the catalog poll) loads it; the app still builds and /readyz says why it is not ready.
   */
  static async open(engine: ElasticsearchEngine, seed: Catalog): Promise<ElasticsearchCatalogRepository> {
    const repo = new ElasticsearchCatalogRepository(engine, seed);
    try {
      await repo.load();
    } catch (e) {
      const fault = engineFault(e as Error);
      if (!fault) throw e;
      repo.loadError = (e as Error).message;
    }
    return repo;
  }

  private async load(): Promise<void> {
    const seed = this.seed;
    await this.engine.ensureStateIndex(this.index, MAPPINGS);
    const got = await this.getDoc<StateDoc>('state');
    if (!got) {
      const fp = catalogFingerprint(seed);
      await this.create(revId(1), { type: 'revision', revision: 1, createdAt: new Date().toISOString(), source: 'seed', label: seed.version, fingerprint: fp, catalog: seed } satisfies RevisionDoc);
      await this.create(labelId(seed.version), { type: 'label', label: seed.version, revision: 1, fingerprint: fp } satisfies LabelDoc);
      await this.create('state', { type: 'state', current: 1, linkedRevision: null, revisions: [1] } satisfies StateDoc);
    }
    try {
      const state = await this.readState();
      if (!state) throw new Error(`${this.index} has no state document`);
      await this.loadRevisions(state.revisions);
    } catch (e) {
      this.stateDoc = undefined; // loaded means: the state and its revisions
      throw e;
    }
    this.loadError = undefined;
  }

  /** Creates a document create-only; false when it exists already. */
  private async create(id: string, doc: object): Promise<boolean> {
    try {
      await this.client.index({ index: this.index, id, document: doc, op_type: 'create', refresh: false });
      return true;
    } catch (e) {
      if (conflict(e)) return false;
      throw e;
    }
  }

  private async getDoc<T>(id: string): Promise<{ doc: T; version: { if_seq_no: number; if_primary_term: number } } | null> {
    const res = await this.client.get<T>({ index: this.index, id }, { ignore: [404] });
    if (!res.found || !res._source) return null;
    return { doc: res._source, version: { if_seq_no: res._seq_no!, if_primary_term: res._primary_term! } };
  }

  private async readState(): Promise<StateDoc | null> {
    const got = await this.getDoc<StateDoc>('state');
    if (!got) return null;
    this.state = got.doc;
    this.version = got.version;
    return got.doc;
  }

  /** Loads the revisions not cached yet (immutable once confirmed). */
  private async loadRevisions(revisions: number[]): Promise<void> {
    const missing = revisions.filter((r) => !this.revisions.has(r));
    if (!missing.length) return;
    const res = await this.client.mget<RevisionDoc>({ index: this.index, ids: missing.map(revId) });
    for (const d of res.docs) {
      if (!('found' in d) || !d.found || !d._source) continue;
      const r = d._source;
      this.revisions.set(r.revision, { revision: r.revision, createdAt: r.createdAt, source: r.source, catalog: catalogSchema.parse(r.catalog) });
    }
  }

  async refresh(): Promise<boolean> {
    if (!this.stateDoc) {
      await this.load();
      return true;
    }
    const before = `${this.stateDoc.current}:${this.stateDoc.linkedRevision}`;
    const state = await this.readState();
    if (!state) throw new Error(`${this.index} has no state document`);
    await this.loadRevisions(state.revisions);
    return `${state.current}:${state.linkedRevision}` !== before;
  }

  current(): StoredVersion {
    const v = this.revisions.get(this.state.current);
    if (!v) throw new Error(`catalog revision ${this.state.current} is not loaded`);
    return v;
  }

  get(revision: number): StoredVersion | undefined {
    return this.state.revisions.includes(revision) ? this.revisions.get(revision) : undefined;
  }

  list(): VersionInfo[] {
    return [...this.state.revisions].sort((a, b) => a - b).flatMap((r) => { const v = this.revisions.get(r); return v ? [info(v)] : []; });
  }

  get linkedRevision(): number | null {
    return this.state.linkedRevision;
  }

  /** Re-applies `change` to the latest state until the conditional write wins. */
  private async updateState(change: (s: StateDoc) => StateDoc | null): Promise<StateDoc> {
    for (;;) {
      await this.readState();
      const next = change(this.state);
      if (!next) return this.state;
      try {
        const res = await this.client.index({ index: this.index, id: 'state', document: next, ...this.version!, refresh: false });
        this.state = next;
        this.version = { if_seq_no: res._seq_no!, if_primary_term: res._primary_term! };
        await this.loadRevisions(next.revisions);
        return next;
      } catch (e) {
        if (!conflict(e)) throw e;
      }
    }
  }

  private activate(revision: number): Promise<StateDoc> {
    return this.updateState((s) => ({ ...s, current: revision, revisions: s.revisions.includes(revision) ? s.revisions : [...s.revisions, revision] }));
  }

  async put(catalog: Catalog): Promise<{ stored: StoredVersion; changed: boolean }> {
    await this.refresh();
    const fp = catalogFingerprint(catalog);
    if (catalogFingerprint(this.current().catalog) === fp) return { stored: this.current(), changed: false };
    const owner = await this.getDoc<LabelDoc>(labelId(catalog.version));
    let revision: number;
    if (owner) {
      if (owner.doc.fingerprint !== fp) throw new LabelTaken(catalog.version, owner.doc.revision);
      revision = owner.doc.revision;
    } else {
      // A new revision number, create-only: a number taken by another replica (or an orphan) is skipped.
      revision = Math.max(0, ...this.state.revisions) + 1;
      const doc = (n: number): RevisionDoc => ({ type: 'revision', revision: n, createdAt: new Date().toISOString(), source: 'api', label: catalog.version, fingerprint: fp, catalog });
      while (!(await this.create(revId(revision), doc(revision)))) revision++;
      if (!(await this.create(labelId(catalog.version), { type: 'label', label: catalog.version, revision, fingerprint: fp } satisfies LabelDoc))) {
        const winner = (await this.getDoc<LabelDoc>(labelId(catalog.version)))!.doc;
        if (winner.fingerprint !== fp) throw new LabelTaken(catalog.version, winner.revision);
        revision = winner.revision; // the same PUT through another replica: one revision
      }
    }
    await this.activate(revision);
    return { stored: this.revisions.get(revision)!, changed: true };
  }

  async markLinked(revision: number): Promise<boolean> {
    let marked = false;
    await this.updateState((s) => {
      if (s.current !== revision || s.linkedRevision === revision) { marked = s.linkedRevision === revision && s.current === revision; return null; }
      marked = true;
      return { ...s, linkedRevision: revision };
    });
    return marked;
  }
}
