import { mkdirSync, readFileSync, unwatchFile, watchFile, type Stats } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseApiKeys, ROLES, type KeyLookup, type Principal, type Role } from './principal.js';
import { writeFileDurably } from './durable.js';
import { generateKey, hashKey, newKeyId } from './hash.js';

/**
 * The API keys the service accepts: the bootstrap keys of API_KEYS (hashed at boot, the plain text dropped) and
 * the keys created through `POST /v1/keys`, kept in `${DATA_DIR}/keys.json` as SHA-256 hashes only. A key is
 * added or revoked without a restart: the change is durable (temporary file, fsync, rename, directory fsync)
 * before it is answered, and other processes sharing DATA_DIR pick it up within `watchIntervalMs` (the file is
 * watched). Keys from API_KEYS cannot be revoked here: they come back at every boot, so they are changed in the
 * environment.
 */
export const KEYS_FILE = 'keys.json';

export const storedKeySchema = z.object({
  id: z.string().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  role: z.enum(ROLES),
  employerId: z.string().optional(),
  resumeId: z.string().optional(),
  label: z.string().optional(),
  createdAt: z.string(),
  revokedAt: z.string().optional(),
});
export type StoredKey = z.infer<typeof storedKeySchema>;
const fileSchema = z.object({ version: z.literal(1), keys: z.array(storedKeySchema) });

/** A key as listed to admins: never its hash nor the key. */
export interface KeyInfo {
  id: string;
  role: Role;
  employerId?: string;
  resumeId?: string;
  label?: string;
  /** `environment`: from API_KEYS (revoked by changing the environment); `api`: created with POST /v1/keys. */
  source: 'environment' | 'api';
  createdAt?: string;
  revokedAt?: string;
}

export interface NewKey {
  role: Role;
  employerId?: string;
  resumeId?: string;
  label?: string;
}

export type RevokeOutcome =
  | { outcome: 'revoked' | 'already-revoked'; key: KeyInfo }
  | { outcome: 'environment'; key: KeyInfo }
  | { outcome: 'unknown' };

export interface KeyStoreOptions {
  dataDir: string;
  /** API_KEYS: `key:role[:employerId|resumeId]`, comma-separated. */
  apiKeys: string;
  /** How often other processes' changes to keys.json are looked for (0: not watched). Default 1000 ms. */
  watchIntervalMs?: number;
  /** Where a keys.json that cannot be read at run time is reported (the previous keys stay in force). */
  warn?: (msg: string, extra?: Record<string, unknown>) => void;
}

/** Checks that a key's owner fits its role: employer keys name an employer, seeker keys a resume, others neither. */
export function ownerProblem(k: NewKey): { field: 'employerId' | 'resumeId'; reason: string } | undefined {
  if (k.role === 'employer' && !k.employerId) return { field: 'employerId', reason: 'an employer key needs the employer id it may write for' };
  if (k.role === 'seeker' && !k.resumeId) return { field: 'resumeId', reason: "a seeker key needs the seeker's resume id" };
  if (k.role !== 'employer' && k.employerId) return { field: 'employerId', reason: `only employer keys have an employer id, not ${k.role} keys` };
  if (k.role !== 'seeker' && k.resumeId) return { field: 'resumeId', reason: `only seeker keys have a resume id, not ${k.role} keys` };
  return undefined;
}

/**
 * The API keys the service accepts, whichever engine holds the documents: `FileKeyStore` (keys.json in
 * DATA_DIR, the embedded engine's single process) or `EsKeyStore` (the `<prefix>-keys` index, shared by every
 * replica). `lookup` answers from memory (every request needs it); changes are durable before they are answered.
 */
export interface KeyStore extends KeyLookup {
  /** Every key, environment ones first, then by creation; revoked keys stay listed with `revokedAt`. */
  list(): KeyInfo[] | Promise<KeyInfo[]>;
  create(input: NewKey): Promise<{ key: string; info: KeyInfo }>;
  revoke(id: string): Promise<RevokeOutcome>;
  close(): void | Promise<void>;
}

/** Opens the file store (kept under this name for callers that open keys.json directly). */
export const KeyStore = { open: (opts: KeyStoreOptions): FileKeyStore => FileKeyStore.open(opts) };

export function principalOf(k: StoredKey): Principal {
  return { keyId: k.id, role: k.role, ...(k.employerId ? { employerId: k.employerId } : {}), ...(k.resumeId ? { resumeId: k.resumeId } : {}) };
}

export function infoOf(k: StoredKey): KeyInfo {
  const { hash: _hash, ...rest } = k;
  return { ...rest, source: 'api' };
}

/** How a key from API_KEYS is listed (it has no creation time and cannot be revoked). */
export function envInfoOf(p: Principal): KeyInfo {
  return { id: p.keyId, role: p.role, ...(p.employerId ? { employerId: p.employerId } : {}), ...(p.resumeId ? { resumeId: p.resumeId } : {}), source: 'environment' };
}

/** A new random key and the entry that stores only its hash; the caller checks `ownerProblem` first. */
export function newStoredKey(input: NewKey): { key: string; entry: StoredKey } {
  const key = generateKey();
  const entry: StoredKey = {
    id: newKeyId(), hash: hashKey(key), role: input.role,
    ...(input.employerId ? { employerId: input.employerId } : {}),
    ...(input.resumeId ? { resumeId: input.resumeId } : {}),
    ...(input.label ? { label: input.label } : {}),
    createdAt: new Date().toISOString(),
  };
  return { key, entry };
}

export class FileKeyStore implements KeyStore {
  private readonly file: string;
  /** API_KEYS principals by hash. */
  private readonly env: Map<string, Principal>;
  private stored: StoredKey[] = [];
  /** Every key in force (environment and unrevoked stored keys) by hash. */
  private active = new Map<string, Principal>();
  private queue: Promise<unknown> = Promise.resolve();
  private watching = false;
  private readonly warn: KeyStoreOptions['warn'];

  private constructor(opts: KeyStoreOptions) {
    mkdirSync(opts.dataDir, { recursive: true });
    this.warn = opts.warn;
    this.file = join(opts.dataDir, KEYS_FILE);
    this.env = parseApiKeys(opts.apiKeys);
  }

  /** Opens the store: API_KEYS parsed and hashed, keys.json read (a damaged file stops the boot). */
  static open(opts: KeyStoreOptions): FileKeyStore {
    const store = new FileKeyStore(opts);
    store.apply(store.readFile());
    const interval = opts.watchIntervalMs ?? 1000;
    if (interval > 0) {
      watchFile(store.file, { interval, persistent: false }, (cur: Stats, prev: Stats) => {
        if (cur.mtimeMs !== prev.mtimeMs || cur.ino !== prev.ino || cur.size !== prev.size) store.reload();
      });
      store.watching = true;
    }
    return store;
  }

  /** The principal of a presented key, or undefined when it is unknown or revoked. */
  lookup(key: string): Principal | undefined {
    return this.active.get(hashKey(key));
  }

  /** Every key, environment ones first, then by creation; revoked keys stay listed with `revokedAt`. */
  list(): KeyInfo[] {
    return [...[...this.env.values()].map(envInfoOf), ...this.stored.map(infoOf)];
  }

  /** Creates a random key; durable before it is answered. The plain key is returned here once and kept nowhere. */
  create(input: NewKey): Promise<{ key: string; info: KeyInfo }> {
    const problem = ownerProblem(input);
    if (problem) return Promise.reject(new Error(`${problem.field}: ${problem.reason}`));
    return this.serialised(async () => {
      const { key, entry } = newStoredKey(input);
      await this.write([...this.latest(), entry]);
      return { key, info: infoOf(entry) };
    });
  }

  /** Revokes a stored key: refused from the next request on, in this process at once, in others within a second. */
  revoke(id: string): Promise<RevokeOutcome> {
    const env = this.list().find((k) => k.source === 'environment' && k.id === id);
    if (env) return Promise.resolve({ outcome: 'environment', key: env });
    return this.serialised(async () => {
      const keys = this.latest();
      const i = keys.findIndex((k) => k.id === id);
      if (i < 0) return { outcome: 'unknown' } as const;
      if (keys[i]!.revokedAt) return { outcome: 'already-revoked', key: infoOf(keys[i]!) } as const;
      const revoked = { ...keys[i]!, revokedAt: new Date().toISOString() };
      await this.write(keys.map((k, j) => (j === i ? revoked : k)));
      return { outcome: 'revoked', key: infoOf(revoked) } as const;
    });
  }

  close(): void {
    if (this.watching) unwatchFile(this.file);
    this.watching = false;
  }

  /** Changes run one at a time in this process. */
  private serialised<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The stored keys as on disk now (another process may have changed them), to change them from there. */
  private latest(): StoredKey[] {
    try {
      return this.readFile();
    } catch {
      return this.stored;
    }
  }

  private readFile(): StoredKey[] {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const parsed = fileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${this.file} is not a key store: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.data.keys;
  }

  private reload(): void {
    try {
      this.apply(this.readFile());
    } catch (err) {
      this.warn?.('keys.json could not be read; the keys in force are unchanged', { err: (err as Error).message });
    }
  }

  private async write(keys: StoredKey[]): Promise<void> {
    await writeFileDurably(this.file, `${JSON.stringify({ version: 1, keys }, null, 2)}\n`);
    this.apply(keys);
  }

  private apply(keys: StoredKey[]): void {
    const active = new Map(this.env);
    for (const k of keys) if (!k.revokedAt && !active.has(k.hash)) active.set(k.hash, principalOf(k));
    this.stored = keys;
    this.active = active;
  }
}
