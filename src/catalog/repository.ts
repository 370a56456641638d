import { join } from 'node:path';
import { catalogFingerprint, CatalogStore, info, type StoredVersion, type VersionInfo } from './store.js';
import type { Catalog } from './schema.js';

/**
 * Where catalog revisions, the active revision and `linkedRevision` live. Two implementations behind one interface:
 *  - embedded (`EmbeddedCatalogRepository`): files under DATA_DIR/catalog (store.ts), one process;
 *  - Elasticsearch (`ElasticsearchCatalogRepository`, repository-es.ts): the `<prefix>-catalog` index, shared by
 *    every replica, written with create-only ids and if_seq_no/if_primary_term, read by a poll (`refresh`).
 * Reads (`current`, `list`, `linkedRevision`) answer from what the last refresh saw.
 */
export interface CatalogRepository {
  readonly name: 'embedded' | 'elasticsearch';
  /** False until the versions have been read once (Elasticsearch unreachable at boot); reads then throw NotReady. */
  readonly loaded: boolean;
  current(): StoredVersion;
  get(revision: number): StoredVersion | undefined;
  /** Every stored version, oldest first. */
  list(): VersionInfo[];
  /** The revision every stored document was last linked with (null: unknown). */
  readonly linkedRevision: number | null;
  /**
   * Stores `catalog` and makes it current. The same content as the current one: unchanged. A label already stored
   * with other content: LabelTaken (published versions are immutable). The same content under a stored label (a
   * return to an earlier version, or the retry of a PUT cut off): that revision becomes current again.
   */
  put(catalog: Catalog): Promise<{ stored: StoredVersion; changed: boolean }>;
  /** Records that every document is linked with `revision`, only while it is still current; false otherwise. */
  markLinked(revision: number): Promise<boolean>;
  /** Reads the shared state again (the poll); true when the current revision or linkedRevision changed. */
  refresh(): Promise<boolean>;
}

export class LabelTaken extends Error {
  constructor(readonly label: string, readonly revision: number) {
    super(`version "${label}" is already stored as revision ${revision} with other content; published versions are immutable, give the new catalog a new version`);
    this.name = 'LabelTaken';
  }
}

/** The single-process store under DATA_DIR/catalog. */
export class EmbeddedCatalogRepository implements CatalogRepository {
  readonly name = 'embedded' as const;
  readonly loaded = true;
  private constructor(readonly store: CatalogStore) {}

  static async open(dataDir: string, seed: Catalog): Promise<EmbeddedCatalogRepository> {
    return new EmbeddedCatalogRepository(await CatalogStore.open(join(dataDir, 'catalog'), seed));
  }

  current(): StoredVersion { return this.store.current(); }
  get(revision: number): StoredVersion | undefined { return this.store.get(revision); }
  list(): VersionInfo[] { return this.store.list(); }
  get linkedRevision(): number | null { return this.store.linkedRevision; }

  async put(catalog: Catalog): Promise<{ stored: StoredVersion; changed: boolean }> {
    const current = this.store.current();
    const fp = catalogFingerprint(catalog);
    if (catalogFingerprint(current.catalog) === fp) return { stored: current, changed: false };
    const taken = this.store.findByLabel(catalog.version);
    if (taken && catalogFingerprint(taken.catalog) !== fp) throw new LabelTaken(catalog.version, taken.revision);
    return { stored: taken ? await this.store.activate(taken.revision) : await this.store.add(catalog), changed: true };
  }

  async markLinked(revision: number): Promise<boolean> {
    if (this.store.current().revision !== revision) return false;
    await this.store.markLinked(revision);
    return true;
  }

  async refresh(): Promise<boolean> { return false; }
}

export { info };
