import type { Client } from '@elastic/elasticsearch';
import { parseApiKeys, type Principal } from './principal.js';
import { ensureIndex, getDoc, isConflict, stateIndexSettings } from '../state/es.js';
import type { PollSource } from '../state/poller.js';
import { hashKey } from './hash.js';
import { envInfoOf, infoOf, newStoredKey, ownerProblem, principalOf, storedKeySchema, type KeyInfo, type KeyStore, type NewKey, type RevokeOutcome, type StoredKey } from './store.js';

/**
 * The API keys of every replica in one Elasticsearch index, `<prefix>-keys` (SHA-256 hashes only, as keys.json):
 *  - a created key is a create-only document (its random id), so concurrent creates never overwrite each other;
 *  - a revocation is a conditional write (if_seq_no / if_primary_term of the document read), retried on conflict;
 *  - both are written with refresh=true, then the change marker `meta-rev` is written (a plain index: its _seq_no
 *    grows with every change). Every replica reads the marker each STATE_POLL_MS with a realtime GET (no refresh
 *    needed) and reloads the keys when it moved, and all of them every `fullReloadMs` in any case (a writer that
 *    died between its key and the marker). So a key created or revoked on one replica is in force on the others
 *    within one poll; on the replica that made the change at once.
 * Revoking looks the key up in the index, not in memory: a key created on another replica a moment ago is found.
 */
export interface EsKeyStoreOptions {
  client: Client;
  prefix: string;
  apiKeys: string;
  /** ELASTICSEARCH_REPLICAS for the index (default: a replica once the cluster has a second node). */
  replicas?: string;
  /** Reload every key at least this often (default 30 s), whatever the marker says. */
  fullReloadMs?: number;
}

const REV_ID = 'meta-rev';

type KeyDoc = StoredKey & { kind: 'key' };

export class EsKeyStore implements KeyStore, PollSource {
  readonly name = 'keys';
  readonly index: string;
  private readonly client: Client;
  private readonly env: Map<string, Principal>;
  private active = new Map<string, Principal>();
  private rev: string | undefined;
  /** Changes made here, kept over a poll that read the index just before them (so they never flicker back). */
  private readonly revokedHere = new Set<string>();
  private readonly createdHere = new Map<string, Principal>();
  private loadedAt = 0;
  private readonly fullReloadMs: number;

  private constructor(opts: EsKeyStoreOptions) {
    this.client = opts.client;
    this.index = `${opts.prefix}-keys`;
    this.env = parseApiKeys(opts.apiKeys);
    this.fullReloadMs = opts.fullReloadMs ?? 30_000;
    this.active = new Map(this.env);
  }

  /** Creates the index when needed and loads every key (a replica with an empty disk knows them all). */
  static async open(opts: EsKeyStoreOptions): Promise<EsKeyStore> {
    const s = new EsKeyStore(opts);
    await ensureIndex(s.client, s.index, {
      dynamic: 'strict',
      properties: {
        kind: { type: 'keyword' }, id: { type: 'keyword' }, hash: { type: 'keyword' }, role: { type: 'keyword' },
        employerId: { type: 'keyword' }, resumeId: { type: 'keyword' }, label: { type: 'keyword', index: false },
        createdAt: { type: 'date' }, revokedAt: { type: 'date' }, at: { type: 'date' },
      },
    }, stateIndexSettings(opts.replicas));
    await s.poll(true);
    return s;
  }

  lookup(key: string): Principal | undefined {
    return this.active.get(hashKey(key));
  }

  /** Reloads when the change marker moved (or the last full load is old). */
  async poll(force = false): Promise<void> {
    const marker = await getDoc(this.client, this.index, REV_ID);
    const rev = marker ? `${marker.primaryTerm}:${marker.seqNo}` : 'none';
    if (!force && rev === this.rev && Date.now() - this.loadedAt < this.fullReloadMs) return;
    const keys = await this.readAll();
    this.apply(keys);
    this.rev = rev;
    this.loadedAt = Date.now();
  }

  async list(): Promise<KeyInfo[]> {
    const stored = await this.readAll();
    return [...[...this.env.values()].map(envInfoOf), ...stored.map(infoOf)];
  }

  async create(input: NewKey): Promise<{ key: string; info: KeyInfo }> {
    const problem = ownerProblem(input);
    if (problem) throw new Error(`${problem.field}: ${problem.reason}`);
    const { key, entry } = newStoredKey(input);
    await this.client.index({ index: this.index, id: entry.id, op_type: 'create', document: { kind: 'key', ...entry }, refresh: true });
    this.createdHere.set(entry.hash, principalOf(entry));
    this.active.set(entry.hash, principalOf(entry));
    await this.bump();
    return { key, info: infoOf(entry) };
  }

  async revoke(id: string): Promise<RevokeOutcome> {
    for (const p of this.env.values()) {
      if (p.keyId === id) return { outcome: 'environment', key: { id: p.keyId, role: p.role, ...(p.employerId ? { employerId: p.employerId } : {}), ...(p.resumeId ? { resumeId: p.resumeId } : {}), source: 'environment' } };
    }
    if (id === REV_ID) return { outcome: 'unknown' };
    for (let attempt = 0; ; attempt++) {
      const doc = await getDoc<KeyDoc>(this.client, this.index, id);
      if (!doc || doc.source.kind !== 'key') return { outcome: 'unknown' };
      const stored = storedKeySchema.parse(stripKind(doc.source));
      if (stored.revokedAt) {
        this.active.delete(stored.hash);
        return { outcome: 'already-revoked', key: infoOf(stored) };
      }
      const revoked: StoredKey = { ...stored, revokedAt: new Date().toISOString() };
      try {
        await this.client.index({ index: this.index, id, document: { kind: 'key', ...revoked }, if_seq_no: doc.seqNo, if_primary_term: doc.primaryTerm, refresh: true });
      } catch (e) {
        if (isConflict(e) && attempt < 20) continue; // changed meanwhile (revoked by someone else): read it again
        throw e;
      }
      this.revokedHere.add(stored.hash);
      this.active.delete(stored.hash);
      await this.bump();
      return { outcome: 'revoked', key: infoOf(revoked) };
    }
  }

  close(): void {}

  /** Moves the change marker: every index of it raises its _seq_no, which the other replicas poll. */
  private async bump(): Promise<void> {
    await this.client.index({ index: this.index, id: REV_ID, document: { kind: 'meta', at: new Date().toISOString() } });
  }

  private async readAll(): Promise<StoredKey[]> {
    const out: StoredKey[] = [];
    let after: unknown[] | undefined;
    for (;;) {
      const r = await this.client.search<KeyDoc>({
        index: this.index, size: 1000, query: { term: { kind: 'key' } }, sort: [{ createdAt: 'asc' }, { id: 'asc' }],
        ...(after ? { search_after: after as never } : {}),
      });
      const hits = r.hits.hits;
      for (const h of hits) {
        const parsed = storedKeySchema.safeParse(stripKind(h._source!));
        if (parsed.success) out.push(parsed.data);
      }
      if (hits.length < 1000) return out;
      after = hits[hits.length - 1]!.sort;
    }
  }

  private apply(keys: StoredKey[]): void {
    const active = new Map(this.env);
    for (const k of keys) {
      this.createdHere.delete(k.hash);
      if (!k.revokedAt && !active.has(k.hash) && !this.revokedHere.has(k.hash)) active.set(k.hash, principalOf(k));
    }
    for (const [hash, p] of this.createdHere) if (!this.revokedHere.has(hash)) active.set(hash, p);
    this.active = active;
  }
}

function stripKind(d: KeyDoc): StoredKey {
  const { kind: _kind, ...rest } = d;
  return rest;
}
