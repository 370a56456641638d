import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import { ElasticsearchEngine } from '../engine/elasticsearch/engine.js';
import type { Engine } from '../engine/types.js';
import { writeFileDurably } from '../keys/durable.js';
import { policySetSchema, type PolicySet } from './schema.js';

/**
 * Durable policy versions, one immutable revision per accepted PUT; the newest revision is current.
 * - Embedded: `${DATA_DIR}/policies/revision-000002.json`, each written to a temporary file, fsynced and renamed
 *   (a crash leaves the old or the new file, never half of one).
 * - Elasticsearch: the index `${prefix}-policies`, one document per revision with id `revision-000002`, written
 *   create-only (op_type create): two replicas adding a revision at once cannot both take the same number; the
 *   loser gets a conflict and retries with the next one. Every read asks the index, so all replicas agree.
 * When nothing is stored, the seed set becomes revision 1.
 */
export interface StoredPolicies {
  revision: number;
  createdAt: string;
  source: 'seed' | 'api';
  fingerprint: string;
  set: PolicySet;
}

export interface PolicyVersionInfo { revision: number; version: string; title?: string; policies: number; createdAt: string; source: 'seed' | 'api' }

export interface PolicyStore {
  readonly kind: 'files' | 'elasticsearch';
  current(): Promise<StoredPolicies>;
  /** Every stored revision, oldest first (Elasticsearch: up to 10,000, its default result window). */
  list(): Promise<StoredPolicies[]>;
  /**
   * Stores `set` as revision `revision` unless that number is taken (then false: someone else stored it first).
   */
  create(revision: number, set: PolicySet, now: Date): Promise<StoredPolicies | false>;
}

/** A stable fingerprint of a policy set's content (a repeated PUT is idempotent). */
export function policyFingerprint(s: PolicySet): string {
  return createHash('sha256').update(JSON.stringify(s)).digest('hex').slice(0, 16);
}

export function versionInfo(v: StoredPolicies): PolicyVersionInfo {
  return { revision: v.revision, version: v.set.version, ...(v.set.title ? { title: v.set.title } : {}), policies: v.set.policies.length, createdAt: v.createdAt, source: v.source };
}

const FILE = /^revision-(\d{6})\.json$/;
const idOf = (revision: number) => `revision-${String(revision).padStart(6, '0')}`;
const stored = (revision: number, set: PolicySet, source: 'seed' | 'api', now: Date): StoredPolicies =>
  ({ revision, createdAt: now.toISOString(), source, fingerprint: policyFingerprint(set), set });

/** Revisions as files under one directory (the embedded engine; one process owns DATA_DIR). */
export class FilePolicyStore implements PolicyStore {
  readonly kind = 'files' as const;
  private versions = new Map<number, StoredPolicies>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(dir)) {
      if (!FILE.test(name)) continue;
      const v = JSON.parse(readFileSync(join(dir, name), 'utf8')) as StoredPolicies;
      this.versions.set(v.revision, { ...v, set: policySetSchema.parse(v.set) });
    }
  }

  static async open(dir: string, seed: PolicySet, now = new Date()): Promise<FilePolicyStore> {
    const store = new FilePolicyStore(dir);
    if (store.versions.size === 0) {
      const v = stored(1, seed, 'seed', now);
      if (!existsSync(join(dir, `${idOf(1)}.json`))) await writeFileDurably(join(dir, `${idOf(1)}.json`), JSON.stringify(v));
      store.versions.set(1, v);
    }
    return store;
  }

  async current(): Promise<StoredPolicies> {
    return this.versions.get(Math.max(...this.versions.keys()))!;
  }

  async list(): Promise<StoredPolicies[]> {
    return [...this.versions.values()].sort((a, b) => a.revision - b.revision);
  }

  create(revision: number, set: PolicySet, now: Date): Promise<StoredPolicies | false> {
    const run = async () => {
      if (this.versions.has(revision)) return false as const;
      const v = stored(revision, set, 'api', now);
      await writeFileDurably(join(this.dir, `${idOf(revision)}.json`), JSON.stringify(v));
      this.versions.set(revision, v);
      return v;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

interface EsRevision { revision: number; createdAt: string; source: 'seed' | 'api'; fingerprint: string; version: string; set: PolicySet }

/** Revisions as create-only documents of one Elasticsearch index, shared by every replica. */
export class EsPolicyStore implements PolicyStore {
  readonly kind = 'elasticsearch' as const;
  private constructor(private readonly client: Client, readonly index: string) {}

  static async open(client: Client, index: string, seed: PolicySet, now = new Date()): Promise<EsPolicyStore> {
    const store = new EsPolicyStore(client, index);
    const exists = await client.indices.exists({ index });
    if (!exists) {
      await client.indices.create({
        index,
        settings: { number_of_shards: 1, auto_expand_replicas: '0-1' },
        mappings: {
          dynamic: false,
          properties: {
            revision: { type: 'integer' }, createdAt: { type: 'date' }, source: { type: 'keyword' }, fingerprint: { type: 'keyword' },
            version: { type: 'keyword' }, set: { type: 'object', enabled: false },
          },
        },
      }, { ignore: [400] }); // resource_already_exists: another replica created it meanwhile
    }
    if ((await store.list()).length === 0) await store.write(stored(1, seed, 'seed', now));
    return store;
  }

  async current(): Promise<StoredPolicies> {
    const res = await this.client.search<EsRevision>({ index: this.index, size: 1, sort: [{ revision: 'desc' }], query: { match_all: {} } });
    const hit = res.hits.hits[0]?._source;
    if (!hit) throw new Error(`no policy revision in ${this.index}`);
    return fromEs(hit);
  }

  async list(): Promise<StoredPolicies[]> {
    const res = await this.client.search<EsRevision>({ index: this.index, size: 10_000, sort: [{ revision: 'asc' }], query: { match_all: {} } });
    return res.hits.hits.map((h) => fromEs(h._source!));
  }

  create(revision: number, set: PolicySet, now: Date): Promise<StoredPolicies | false> {
    return this.write(stored(revision, set, 'api', now));
  }

  private async write(v: StoredPolicies): Promise<StoredPolicies | false> {
    const doc: EsRevision = { ...v, version: v.set.version };
    try {
      await this.client.create({ index: this.index, id: idOf(v.revision), document: doc, refresh: 'wait_for' });
      return v;
    } catch (err) {
      if ((err as { meta?: { statusCode?: number } }).meta?.statusCode === 409) return false;
      throw err;
    }
  }
}

function fromEs(d: EsRevision): StoredPolicies {
  return { revision: d.revision, createdAt: d.createdAt, source: d.source, fingerprint: d.fingerprint, set: policySetSchema.parse(d.set) };
}

/** The store for an engine: Elasticsearch keeps the revisions in an index beside the documents, the embedded store in DATA_DIR. */
export async function openPolicyStore(engine: Engine, dataDir: string, seed: PolicySet): Promise<PolicyStore> {
  if (engine instanceof ElasticsearchEngine) {
    const prefix = engine.alias('vacancy').replace(/-vacancy$/, '');
    return EsPolicyStore.open(engine.client, `${prefix}-policies`, seed);
  }
  return FilePolicyStore.open(join(dataDir, 'policies'), seed);
}
