import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkingLayer } from '../../src/catalog/linked-engine.js';
import { RwLock } from '../../src/catalog/rw-lock.js';
import type { Engine, IndexDoc } from '../../src/engine/types.js';
import { enginesUnderTest } from '../support/engines.js';
import { fixtureVacancyDocs } from '../support/index-docs.js';

/** The linking layer keeps the re-link from overwriting what the API wrote meanwhile, on every engine. */
describe.each(enginesUnderTest())('linking layer on $name', ({ make }) => {
  let engine: Engine;
  let cleanup: () => Promise<void>;
  let tag = 'old';
  const mark = (d: IndexDoc): IndexDoc => ({ ...d, source: { ...d.source, linkedWith: tag } });
  let layer: LinkingLayer;
  beforeAll(async () => {
    ({ engine, cleanup } = await make());
    layer = new LinkingLayer(engine, (_kind, d) => mark(d));
  });
  afterAll(async () => { await cleanup?.(); });

  const linkedWith = async (id: string) => ((await engine.get('vacancy', id)) as { linkedWith?: string; title: string } | null);

  it('links every write, forwards everything else and counts changes', async () => {
    const docs = fixtureVacancyDocs();
    await layer.engine.upsert('vacancy', docs);
    expect((await linkedWith('v-ic-1'))?.linkedWith).toBe('old');
    expect(layer.engine.name).toBe(engine.name);
    expect(await layer.engine.count('vacancy')).toBe(docs.length);
    expect(layer.changes).toBe(docs.length);
    expect(LinkingLayer.of(layer.engine)).toBe(layer);
  });

  it('skips documents written or deleted after the re-link read them, and re-links the rest', async () => {
    const docs = fixtureVacancyDocs();
    await layer.switchCatalog(() => { tag = 'new'; });
    const readAt = layer.readMark();
    // The API writes one document and deletes another after the re-link read its page.
    const edited = { ...docs[1]!, source: { ...docs[1]!.source, title: '改过的标题' } };
    await layer.engine.upsert('vacancy', [edited]);
    await layer.engine.delete('vacancy', docs[2]!.id);
    const r = await layer.relinkBatch('vacancy', docs, readAt);
    expect(r).toEqual({ written: docs.length - 2, skipped: 2 });
    expect(await linkedWith(docs[1]!.id)).toMatchObject({ title: '改过的标题', linkedWith: 'new' });
    expect(await linkedWith(docs[2]!.id)).toBeNull();
    expect((await linkedWith(docs[0]!.id))?.linkedWith).toBe('new');
    layer.stopTracking();
  });

  it('makes an API write of a document in a running re-link batch land after it', async () => {
    const docs = fixtureVacancyDocs();
    await layer.switchCatalog(() => { tag = 'newer'; });
    const batch = layer.relinkBatch('vacancy', [docs[0]!], layer.readMark());
    const write = layer.engine.upsert('vacancy', [{ ...docs[0]!, source: { ...docs[0]!.source, title: '最后写入' } }]);
    await Promise.all([batch, write]);
    expect(await linkedWith(docs[0]!.id)).toMatchObject({ title: '最后写入', linkedWith: 'newer' });
    layer.stopTracking();
  });
});

describe('RwLock', () => {
  it('runs shared sections together and an exclusive one alone, first come first served', async () => {
    const lock = new RwLock();
    const log: string[] = [];
    const section = (name: string, ms: number) => async () => { log.push(`${name}+`); await new Promise((r) => setTimeout(r, ms)); log.push(`${name}-`); };
    await Promise.all([lock.shared(section('a', 20)), lock.shared(section('b', 5)), lock.exclusive(section('X', 5)), lock.shared(section('c', 1))]);
    expect(log).toEqual(['a+', 'b+', 'b-', 'a-', 'X+', 'X-', 'c+', 'c-']);
  });
});
