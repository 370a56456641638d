import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeaseLost, MemoryLeaseStore } from '../../src/engine/leases.js';
import type { Engine } from '../../src/engine/types.js';
import { enginesUnderTest } from '../support/engines.js';
import { fixtureVacancyDocs } from '../support/index-docs.js';

/** What the re-link, the gap report and background jobs need of an engine, the same on both. */
describe.each(enginesUnderTest())('conditional writes, aggregations and leases on $name', ({ make }) => {
  let engine: Engine;
  let cleanup: () => Promise<void>;
  beforeAll(async () => { ({ engine, cleanup } = await make()); });
  afterAll(async () => cleanup?.());

  it('replaces a document only while unchanged since it was read, and never re-creates a deleted one', async () => {
    const docs = fixtureVacancyDocs().slice(0, 3);
    await engine.upsert('vacancy', docs);
    const read = (await engine.search('vacancy', { filters: [], sort: 'newest', from: 0, size: 10, versioned: true })).hits;
    const hit = (id: string) => read.find((h) => h.id === id)!;
    expect(read.every((h) => typeof h.version === 'string')).toBe(true);
    const [a, b, c] = docs as [typeof docs[0], typeof docs[0], typeof docs[0]];
    // b is edited and c deleted after the read.
    await engine.upsert('vacancy', [{ ...b, source: { ...b.source, title: 'edited' } }]);
    await engine.delete('vacancy', c.id);
    const relinked = (d: typeof a) => ({ ...d, source: { ...d.source, title: 'relinked' } });
    const results = await engine.replaceIfUnchanged('vacancy', [a, b, c].map((d) => ({ doc: relinked(d), version: hit(d.id).version! })));
    expect(results).toEqual(['written', 'changed', 'gone']);
    expect((await engine.get('vacancy', a.id))!.title).toBe('relinked');
    expect((await engine.get('vacancy', b.id))!.title).toBe('edited');
    expect(await engine.get('vacancy', c.id)).toBeNull();
  });

  it('counts documents and sums a number per keyword value, with terms filters', async () => {
    const docs = fixtureVacancyDocs().map((d, i) => ({ ...d, id: `agg-${i}`, keywords: { ...d.keywords, catalog: i % 2 ? ['x', 'y'] : ['x'], status: [i % 3 ? 'published' : 'draft'] }, numbers: { ...d.numbers, headcount: 2 } }));
    await engine.upsert('vacancy', docs);
    const counts = await engine.termCounts('vacancy', 'catalog', [{ field: 'status', values: ['published'] }], 'headcount');
    const published = docs.filter((_, i) => i % 3 !== 0);
    const withY = docs.filter((_, i) => i % 3 !== 0 && i % 2 === 1);
    expect(counts.get('x')).toEqual({ count: published.length, sum: 2 * published.length });
    expect(counts.get('y')).toEqual({ count: withY.length, sum: 2 * withY.length });
  });

  it('gives a lease to one owner at a time, keeps its data, and hands it over once it expires', async () => {
    const other = engine.name === 'embedded' ? engine.leases : engine.leases;
    const name = `test-${Date.now()}`;
    const first = await engine.leases.acquire<{ step: number }>(name, () => ({ step: 0 }));
    expect(first).not.toBeNull();
    await first!.update({ step: 3 });
    expect((await other.read<{ step: number }>(name))!.data).toEqual({ step: 3 });
    await first!.release();
    // Released: anyone may take it, and sees where the previous holder stopped.
    const second = await engine.leases.acquire<{ step: number }>(name);
    expect(second!.data).toEqual({ step: 3 });
    await second!.release();
  });
});

describe('lease expiry and takeover (memory store, two owners)', () => {
  it('refuses a live lease, takes an expired one over, and the old holder then loses it', async () => {
    // Two stores sharing one backend stand for two replicas.
    const a = new MemoryLeaseStore(300);
    const b = Object.assign(Object.create(Object.getPrototypeOf(a)), a, { owner: 'replica-b' }) as MemoryLeaseStore;
    const held = await a.acquire<{ n: number }>('job', () => ({ n: 1 }));
    expect(held).not.toBeNull();
    expect(await b.acquire('job')).toBeNull();
    // The holder stops renewing (as if killed): its timer is what renews, so stop it by losing the race on purpose.
    (held as unknown as { stop: () => void }).stop();
    await sleep(400);
    const taken = await b.acquire<{ n: number }>('job');
    expect(taken!.data).toEqual({ n: 1 });
    await expect(held!.update({ n: 2 })).rejects.toBeInstanceOf(LeaseLost);
    expect(held!.lost).toBe(true);
    await taken!.release();
  });
});
