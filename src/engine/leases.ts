import { randomUUID } from 'node:crypto';

/**
 * Leases for background work that must run once across replicas (catalog re-link, demo seeding, index migration).
 * A lease has one owner until it expires (`ttlMs` after its last renewal) or is released; its `data` (a job's
 * progress) outlives the holder, so whoever takes it over resumes where the holder stopped. The holder's handle
 * renews the lease every third of its TTL on its own; when a renewal finds that someone else took it (the holder
 * was paused past the TTL), `lost` is set and the job must stop.
 *
 * Embedded: a map in memory (one process). Elasticsearch: one document per lease in `<prefix>-leases`, taken
 * create-only and renewed with if_seq_no/if_primary_term, so two replicas can never both hold it. Expiry is
 * judged by the replicas' clocks: keep them within a few seconds of each other (NTP), well under the TTL.
 */
export interface LeaseRecord<D = Record<string, unknown>> {
  name: string;
  owner: string;
  /** Epoch ms; 0 once released. */
  expiresAt: number;
  data: D;
}

export interface LeaseHandle<D = Record<string, unknown>> {
  readonly name: string;
  readonly data: D;
  /** Set once another owner holds the lease (a renewal failed on a conflict): stop the work. */
  readonly lost: boolean;
  /** Stores new data (the job's progress) and renews the lease; throws LeaseLost when it was taken over. */
  update(data: D): Promise<void>;
  /** Gives the lease up, keeping `data` (final progress) for readers and the next holder. */
  release(data?: D): Promise<void>;
}

export interface LeaseStore {
  /** This process's owner id (unique per process). */
  readonly owner: string;
  readonly ttlMs: number;
  /** Takes the lease when it is free, expired or already ours; null when another live owner holds it. */
  acquire<D extends Record<string, unknown>>(name: string, initial?: (previous: D | undefined) => D): Promise<LeaseHandle<D> | null>;
  read<D extends Record<string, unknown>>(name: string): Promise<LeaseRecord<D> | null>;
}

export class LeaseLost extends Error {
  constructor(name: string) {
    super(`lease "${name}" was taken over by another replica`);
    this.name = 'LeaseLost';
  }
}

export const DEFAULT_LEASE_TTL_MS = 15_000;

/** The storage a lease store needs: read a record with its version, write it if the version is unchanged. */
export interface LeaseBackend {
  get(name: string): Promise<{ record: LeaseRecord<Record<string, unknown>>; version: string } | null>;
  /** Creates (version null) or replaces (if still `version`); the new version, or null on a conflict. */
  put(record: LeaseRecord<Record<string, unknown>>, version: string | null): Promise<string | null>;
}

class Handle<D extends Record<string, unknown>> implements LeaseHandle<D> {
  lost = false;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: BackedLeaseStore, readonly name: string, public data: D, private version: string) {
    this.timer = setInterval(() => { void this.write(this.data, false).catch(() => undefined); }, Math.max(50, Math.floor(store.ttlMs / 3)));
    this.timer.unref();
  }

  private write(data: D, release: boolean): Promise<void> {
    const next = this.chain.then(async () => {
      if (this.lost) throw new LeaseLost(this.name);
      const record: LeaseRecord<D> = { name: this.name, owner: this.store.owner, expiresAt: release ? 0 : Date.now() + this.store.ttlMs, data };
      const version = await this.store.backend.put(record, this.version);
      if (version === null) {
        this.lost = true;
        this.stop();
        throw new LeaseLost(this.name);
      }
      this.version = version;
      this.data = data;
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  update(data: D): Promise<void> {
    return this.write(data, false);
  }

  async release(data?: D): Promise<void> {
    this.stop();
    await this.write(data ?? this.data, true).catch((e: unknown) => { if (!(e instanceof LeaseLost)) throw e; });
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** A lease store over any backend with compare-and-set writes. */
export class BackedLeaseStore implements LeaseStore {
  readonly owner = `${process.pid}-${randomUUID().slice(0, 8)}`;

  constructor(readonly backend: LeaseBackend, readonly ttlMs: number = DEFAULT_LEASE_TTL_MS) {}

  async acquire<D extends Record<string, unknown>>(name: string, initial?: (previous: D | undefined) => D): Promise<LeaseHandle<D> | null> {
    const found = await this.backend.get(name);
    const now = Date.now();
    if (found && found.record.owner !== this.owner && found.record.expiresAt > now) return null;
    const previous = found?.record.data as D | undefined;
    const data = initial ? initial(previous) : (previous ?? ({} as D));
    const record: LeaseRecord<D> = { name, owner: this.owner, expiresAt: now + this.ttlMs, data };
    const version = await this.backend.put(record, found ? found.version : null);
    if (version === null) return null;
    return new Handle<D>(this, name, data, version);
  }

  async read<D extends Record<string, unknown>>(name: string): Promise<LeaseRecord<D> | null> {
    return ((await this.backend.get(name))?.record ?? null) as LeaseRecord<D> | null;
  }
}

/** The embedded engine's leases: one process, in memory. */
export class MemoryLeaseStore extends BackedLeaseStore {
  constructor(ttlMs?: number) {
    const records = new Map<string, { record: LeaseRecord<Record<string, unknown>>; version: number }>();
    super({
      get: async (name) => {
        const r = records.get(name);
        return r ? { record: structuredClone(r.record), version: String(r.version) } : null;
      },
      put: async (record, version) => {
        const r = records.get(record.name);
        if ((r ? String(r.version) : null) !== version) return null;
        const next = (r?.version ?? 0) + 1;
        records.set(record.name, { record: structuredClone(record), version: next });
        return String(next);
      },
    }, ttlMs);
  }
}
