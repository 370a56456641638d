import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashKey } from '../../src/keys/hash.js';
import { FileKeyStore, KEYS_FILE, KeyStore, ownerProblem } from '../../src/keys/store.js';

const API_KEYS = 'boot-public:public,boot-admin:admin,boot-employer:employer:e-0001';
const dirs: string[] = [];
const stores: FileKeyStore[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'zzh-keys-'));
  dirs.push(d);
  return d;
}
function open(dataDir: string, watchIntervalMs = 0): FileKeyStore {
  const s = KeyStore.open({ dataDir, apiKeys: API_KEYS, watchIntervalMs });
  stores.push(s);
  return s;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('key store', () => {
  it('accepts the API_KEYS keys by their hash, with ids derived from it and no plain key kept', () => {
    const store = open(tempDir());
    const p = store.lookup('boot-employer');
    expect(p).toEqual({ keyId: `env-${hashKey('boot-employer').slice(0, 12)}`, role: 'employer', employerId: 'e-0001' });
    expect(store.lookup('boot-employe')).toBeUndefined();
    expect(JSON.stringify(store)).not.toContain('boot-employer');
    expect(store.list().map((k) => [k.role, k.source])).toEqual([['public', 'environment'], ['admin', 'environment'], ['employer', 'environment']]);
  });

  it('creates random keys stored as hashes only, durably, and revokes them', async () => {
    const dir = tempDir();
    const store = open(dir);
    const { key, info } = await store.create({ role: 'seeker', resumeId: 'r-000009', label: 'mobile app' });
    expect(key).toMatch(/^zzh_[A-Za-z0-9_-]{43}$/);
    expect(info).toMatchObject({ role: 'seeker', resumeId: 'r-000009', label: 'mobile app', source: 'api' });
    expect(store.lookup(key)).toEqual({ keyId: info.id, role: 'seeker', resumeId: 'r-000009' });

    const file = join(dir, KEYS_FILE);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(key);
    expect(text).toContain(hashKey(key));
    expect(text).not.toContain('boot-');
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const other = await store.create({ role: 'public' });
    expect(await store.revoke(info.id)).toMatchObject({ outcome: 'revoked', key: { id: info.id, revokedAt: expect.any(String) } });
    expect(store.lookup(key)).toBeUndefined();
    expect(await store.revoke(info.id)).toMatchObject({ outcome: 'already-revoked' });
    expect(await store.revoke('key-nope')).toEqual({ outcome: 'unknown' });
    const envId = store.list()[0]!.id;
    expect(await store.revoke(envId)).toMatchObject({ outcome: 'environment' });
    expect(store.lookup('boot-public')).toBeDefined();

    // After a restart: the revoked key stays revoked, the other one works.
    store.close();
    const again = open(dir);
    expect(again.lookup(key)).toBeUndefined();
    expect(again.lookup(other.key)).toMatchObject({ role: 'public', keyId: other.info.id });
    expect(again.list().find((k) => k.id === info.id)?.revokedAt).toBeTruthy();
  });

  it('sees keys added and revoked by another process sharing DATA_DIR (the file is watched)', async () => {
    const dir = tempDir();
    const a = open(dir, 20);
    const b = open(dir, 20);
    const until = async (cond: () => boolean) => {
      for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
      return cond();
    };
    const { key, info } = await a.create({ role: 'recruiter' });
    expect(await until(() => b.lookup(key) !== undefined)).toBe(true);
    await b.revoke(info.id);
    expect(await until(() => a.lookup(key) === undefined)).toBe(true);
    // Changes start from what is on disk: a key created by b after a's change keeps a's key too.
    const second = await b.create({ role: 'public' });
    expect(await until(() => a.lookup(second.key) !== undefined)).toBe(true);
    expect(a.list().filter((k) => k.source === 'api')).toHaveLength(2);
  });

  it('refuses to start on a damaged key file rather than forget revocations', () => {
    const dir = tempDir();
    writeFileSync(join(dir, KEYS_FILE), '{"version":1,"keys":[{"id":"x"}]}');
    expect(() => open(dir)).toThrow(/not a key store/);
  });

  it('checks that a key owner fits its role', async () => {
    expect(ownerProblem({ role: 'employer' })?.field).toBe('employerId');
    expect(ownerProblem({ role: 'seeker' })?.field).toBe('resumeId');
    expect(ownerProblem({ role: 'public', employerId: 'e-1' })?.field).toBe('employerId');
    expect(ownerProblem({ role: 'admin', resumeId: 'r-1' })?.field).toBe('resumeId');
    expect(ownerProblem({ role: 'employer', employerId: 'e-1' })).toBeUndefined();
    await expect(open(tempDir()).create({ role: 'employer' })).rejects.toThrow(/employerId/);
  });
});
