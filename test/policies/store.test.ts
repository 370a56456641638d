import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FilePolicyStore } from '../../src/policies/store.js';
import { loadPolicies } from '../../src/policies/service.js';

describe('the file policy store (embedded engine)', () => {
  const dirs: string[] = [];
  afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });
  const dir = () => { const d = mkdtempSync(join(tmpdir(), 'zzh-pol-')); dirs.push(d); return join(d, 'policies'); };

  it('writes the seed as revision 1, keeps revisions across a restart, refuses a taken number', async () => {
    const d = dir();
    const seed = loadPolicies();
    const a = await FilePolicyStore.open(d, seed);
    expect((await a.current()).revision).toBe(1);
    const next = { ...seed, version: 'next', policies: seed.policies.slice(0, 3) };
    expect(await a.create(2, next, new Date())).toMatchObject({ revision: 2, source: 'api' });
    expect(await a.create(2, seed, new Date())).toBe(false);
    // Only the revision files: temporary files were renamed away.
    expect(readdirSync(d).sort()).toEqual(['revision-000001.json', 'revision-000002.json']);
    const b = await FilePolicyStore.open(d, seed);
    expect((await b.current()).set.version).toBe('next');
    expect((await b.list()).map((v) => v.revision)).toEqual([1, 2]);
  });
});
