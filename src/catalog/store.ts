import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Catalog } from './schema.js';
import { catalogSchema } from './schema.js';

/**
 * Durable catalog versions under `${DATA_DIR}/catalog/`: one immutable file per revision
 * (`revision-000002.json`: {revision, createdAt, source, catalog}) and `state.json` pointing at the current
 * revision and at the revision every stored document was last linked with. Each file is written to a temporary
 * name, fsynced, renamed over the target and the directory fsynced, so a crash leaves the old or the new file,
 * never half of one. When nothing is stored, the seed catalog becomes revision 1.
 */
export interface StoredVersion {
  revision: number;
  createdAt: string;
  source: 'seed' | 'api';
  catalog: Catalog;
}

export interface VersionInfo {
  revision: number;
  version: string;
  title?: string;
  entries: number;
  createdAt: string;
  source: 'seed' | 'api';
}

interface State { current: number; linkedRevision: number | null }

const FILE = /^revision-(\d{6})\.json$/;
const fileOf = (revision: number) => `revision-${String(revision).padStart(6, '0')}.json`;

/** A stable fingerprint of a catalog's content (to make a repeated PUT idempotent). */
export function catalogFingerprint(c: Catalog): string {
  return createHash('sha256').update(JSON.stringify(c)).digest('hex').slice(0, 16);
}

async function writeDurably(dir: string, name: string, data: string): Promise<void> {
  const tmp = join(dir, `.${name}.${process.pid}.${Date.now()}.tmp`);
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(data, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, join(dir, name));
  const d = await open(dir, 'r');
  try { await d.sync(); } finally { await d.close(); }
}

export class CatalogStore {
  private versions = new Map<number, StoredVersion>();
  private state: State;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly dir: string, seed: Catalog) {
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(dir)) {
      if (!FILE.test(name)) continue;
      const v = JSON.parse(readFileSync(join(dir, name), 'utf8')) as StoredVersion;
      this.versions.set(v.revision, { ...v, catalog: catalogSchema.parse(v.catalog) });
    }
    const stateFile = join(dir, 'state.json');
    const saved = existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, 'utf8')) as State) : undefined;
    if (this.versions.size === 0) {
      this.versions.set(1, { revision: 1, createdAt: new Date().toISOString(), source: 'seed', catalog: seed });
    }
    const newest = Math.max(...this.versions.keys());
    this.state = saved && this.versions.has(saved.current) ? saved : { current: newest, linkedRevision: saved?.linkedRevision ?? null };
  }

  /** Opens the store; writes the seed as revision 1 when nothing is stored yet. */
  static async open(dir: string, seed: Catalog): Promise<CatalogStore> {
    const store = new CatalogStore(dir, seed);
    if (!existsSync(join(dir, fileOf(1))) && store.versions.get(1)?.source === 'seed') {
      await writeDurably(dir, fileOf(1), JSON.stringify(store.versions.get(1)));
      await store.saveState();
    }
    return store;
  }

  current(): StoredVersion {
    return this.versions.get(this.state.current)!;
  }

  get(revision: number): StoredVersion | undefined {
    return this.versions.get(revision);
  }

  /** Every stored version, oldest first. */
  list(): VersionInfo[] {
    return [...this.versions.values()].sort((a, b) => a.revision - b.revision).map(info);
  }

  /** The revision every document was last linked with (null: unknown, e.g. data from before catalogs existed). */
  get linkedRevision(): number | null {
    return this.state.linkedRevision;
  }

  /** The stored version with this label, if any. */
  findByLabel(version: string): StoredVersion | undefined {
    return [...this.versions.values()].find((v) => v.catalog.version === version);
  }

  /** Stores a new revision durably and makes it current (serialised: concurrent calls queue up). */
  add(catalog: Catalog, now = new Date()): Promise<StoredVersion> {
    return this.serial(async () => {
      const revision = Math.max(...this.versions.keys()) + 1;
      const v: StoredVersion = { revision, createdAt: now.toISOString(), source: 'api', catalog };
      await writeDurably(this.dir, fileOf(revision), JSON.stringify(v));
      this.versions.set(revision, v);
      this.state = { ...this.state, current: revision };
      await this.saveState();
      return v;
    });
  }

  /** Makes a stored revision current again (durably). */
  activate(revision: number): Promise<StoredVersion> {
    return this.serial(async () => {
      const v = this.versions.get(revision);
      if (!v) throw new Error(`no catalog revision ${revision}`);
      this.state = { ...this.state, current: revision };
      await this.saveState();
      return v;
    });
  }

  /** Records that every stored document is linked with `revision`. */
  markLinked(revision: number): Promise<void> {
    return this.serial(async () => {
      this.state = { ...this.state, linkedRevision: revision };
      await this.saveState();
    });
  }

  private saveState(): Promise<void> {
    return writeDurably(this.dir, 'state.json', JSON.stringify(this.state));
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

export function info(v: StoredVersion): VersionInfo {
  return {
    revision: v.revision, version: v.catalog.version, ...(v.catalog.title ? { title: v.catalog.title } : {}),
    entries: v.catalog.entries.length, createdAt: v.createdAt, source: v.source,
  };
}
