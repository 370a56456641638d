import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine, EngineQuery, Filter } from '../../src/engine/types.js';
import { parseTextQuery } from '../../src/search/text-query.js';
import { enginesUnderTest } from '../support/engines.js';
import { fixtureResumeDocs, fixtureVacancyDocs } from '../support/index-docs.js';
import { VACANCIES } from '../support/fixtures.js';
import { vacancySpec } from '../../src/indexing/service.js';
import { vacancyInputSchema } from '../../src/domain/vacancy.js';

const published: Filter = { kind: 'terms', field: 'status', values: ['published'] };
const q = (text: string, extra: Partial<EngineQuery> = {}): EngineQuery => ({
  text: parseTextQuery(text)!, filters: [published], sort: 'relevance', from: 0, size: 10, ...extra,
});

/** The same cases against every engine: both must behave alike. */
describe.each(enginesUnderTest())('engine conformance: $name', ({ make }) => {
  let engine: Engine;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ engine, cleanup } = await make());
    const results = await engine.upsert('vacancy', fixtureVacancyDocs());
    expect(results.every((r) => r.result === 'created')).toBe(true);
    await engine.upsert('resume', fixtureResumeDocs());
  });
  afterAll(async () => cleanup?.());

  it('is ready and counts what it holds', async () => {
    await engine.checkReady();
    expect(await engine.count('vacancy')).toBe(6);
    expect(await engine.count('resume')).toBe(2);
  });

  it('returns the stored document by id, and null for an unknown id', async () => {
    const doc = await engine.get('vacancy', 'v-java-1');
    expect(doc).toMatchObject({ id: 'v-java-1', title: 'Java开发工程师', salary: { monthlyMin: 12000, monthlyMax: 18000 } });
    expect(await engine.get('vacancy', 'nope')).toBeNull();
  });

  it('reads several documents at once, in the order asked, null where absent', async () => {
    const docs = await engine.getMany('vacancy', ['v-ic-1', 'nope', 'v-java-1']);
    expect(docs.map((d) => d?.id ?? null)).toEqual(['v-ic-1', null, 'v-java-1']);
    expect(docs[2]).toEqual(await engine.get('vacancy', 'v-java-1'));
    expect(await engine.getMany('vacancy', [])).toEqual([]);
  });

  it.each([
    ['集成电路', ['v-ic-1']],
    ['Java', ['v-java-1']],
    ['java 微服务', ['v-java-1']],
    ['SystemVerilog UVM', ['v-ic-1']],
    ['船舶海工 焊接', ['v-ship-1']],
    ['普工', ['v-ops-1']],
    ['新型显示', ['v-trad-1']],
    ['工艺工程师', ['v-trad-1']],
    ['OLED', ['v-trad-1']],
    ['"数字ic验证"', ['v-ic-1']],
  ])('finds %s', async (text, ids) => {
    const res = await engine.search('vacancy', q(text));
    expect(res.hits.map((h) => h.id)).toEqual(ids);
    expect(res.total).toBe(ids.length);
  });

  it('ranks by coverage: more of the query first, partial matches only below minimumMatch', async () => {
    const text = parseTextQuery('java 微服务 焊接')!;
    const partial = await engine.search('vacancy', { ...q('x'), text: { ...text, coverage: { weight: 3 }, minimumMatch: 1 } });
    expect(partial.hits.map((h) => h.id)).toEqual(['v-java-1', 'v-ship-1']);
    expect(partial.total).toBe(2);
    expect(partial.hits[0]!.score).toBeGreaterThan(partial.hits[1]!.score);
    const strict = await engine.search('vacancy', { ...q('x'), text: { ...text, coverage: { weight: 3 }, minimumMatch: 3 } });
    expect(strict.total).toBe(0);
    const two = await engine.search('vacancy', { ...q('x'), text: { ...text, coverage: { weight: 3 }, minimumMatch: 2 } });
    expect(two.hits.map((h) => h.id)).toEqual(['v-java-1']);
  });

  it('does not count a requirement a posting negates (无需销售经验) as a mention', async () => {
    const make = (id: string, description: string) => vacancySpec.analyse(vacancySpec.build(id, vacancyInputSchema.parse({ ...VACANCIES[0]!, id, title: '门店导购', description, skills: [] }), new Date('2026-11-01T00:00:00+08:00')));
    await engine.upsert('vacancy', [make('v-neg-1', '无需销售经验，负责门店接待'), make('v-neg-2', '需要销售经验，负责门店接待')]);
    try {
      const res = await engine.search('vacancy', q('销售经验'));
      expect(res.hits.map((h) => h.id)).toContain('v-neg-2');
      expect(res.hits.map((h) => h.id)).not.toContain('v-neg-1');
      // The rest of the text, and the cue itself, stay searchable; an exact phrase still finds the words as written.
      expect((await engine.search('vacancy', q('门店接待'))).hits.map((h) => h.id).sort()).toEqual(['v-neg-1', 'v-neg-2']);
      expect((await engine.search('vacancy', q('"无需销售经验"'))).hits.map((h) => h.id)).toEqual(['v-neg-1']);
    } finally {
      await engine.delete('vacancy', 'v-neg-1');
      await engine.delete('vacancy', 'v-neg-2');
    }
  });

  it('scores a coverage search the same when it is repeated after other searches (no state carried over)', async () => {
    const text = { ...parseTextQuery('java 微服务 焊接')!, coverage: { weight: 3 }, minimumMatch: 1 };
    const first = await engine.search('vacancy', { ...q('x'), text });
    await engine.search('vacancy', { ...q('x'), text: { ...parseTextQuery('焊接 java')!, coverage: { weight: 3 }, minimumMatch: 2 } });
    await engine.search('vacancy', { ...q('x'), text: { ...parseTextQuery('微服务 焊接')!, coverage: { weight: 1 }, minimumMatch: 1 } });
    const again = await engine.search('vacancy', { ...q('x'), text });
    expect(again.total).toBe(first.total);
    expect(again.hits.map((h) => [h.id, h.score])).toEqual(first.hits.map((h) => [h.id, h.score]));
  });

  it('ranks an alternative with a lower boost below the same match at full weight', async () => {
    const groups = [[{ term: 'java', boost: 0.1 }, { term: '焊接' }]];
    const res = await engine.search('vacancy', { ...q('x'), text: { groups, mode: 'all', exclude: [], coverage: { weight: 3 } } });
    expect(res.hits.map((h) => h.id)).toEqual(['v-ship-1', 'v-java-1']);
    const flipped = await engine.search('vacancy', { ...q('x'), text: { groups: [[{ term: 'java' }, { term: '焊接', boost: 0.1 }]], mode: 'all', exclude: [], coverage: { weight: 3 } } });
    expect(flipped.hits.map((h) => h.id)).toEqual(['v-java-1', 'v-ship-1']);
  });

  it('boosts documents of an occupation without filtering the others out', async () => {
    const plain = await engine.search('vacancy', q('工程师'));
    const boosted = await engine.search('vacancy', { ...q('工程师'), boosts: [{ field: 'occupation', values: ['2-02'], factor: 5 }] });
    expect(boosted.total).toBe(plain.total);
    expect(boosted.hits.slice(0, 2).map((h) => h.id).sort()).toEqual(['v-ic-1', 'v-java-1']);
  });

  it('ranks title matches above description-only matches', async () => {
    const res = await engine.search('vacancy', q('工程师'));
    expect(res.hits[0]!.id).not.toBe('v-ship-1');
    const ids = res.hits.map((h) => h.id);
    expect(ids).toEqual(expect.arrayContaining(['v-ic-1', 'v-java-1', 'v-trad-1']));
  });

  it('excludes -words and never returns drafts', async () => {
    const res = await engine.search('vacancy', q('工程师 -java'));
    expect(res.hits.map((h) => h.id)).not.toContain('v-java-1');
    // A seeker's negation excludes the same way on both engines (不要java = -java).
    const negated = await engine.search('vacancy', q('工程师 不要java'));
    expect(negated.hits.map((h) => h.id)).not.toContain('v-java-1');
    expect(negated.hits.map((h) => h.id)).toEqual((await engine.search('vacancy', q('工程师 -java'))).hits.map((h) => h.id));
    const drafts = await engine.search('vacancy', q('python'));
    expect(drafts.total).toBe(0);
  });

  it('filters by district, prefix occupation code, salary range and distance', async () => {
    const byDistrict = await engine.search('vacancy', { filters: [published, { kind: 'terms', field: 'district', values: ['黄岛区'] }], sort: 'newest', from: 0, size: 10 });
    expect(byDistrict.hits.map((h) => h.id)).toEqual(['v-ic-1', 'v-ship-1']);
    const byCode = await engine.search('vacancy', { filters: [published, { kind: 'prefix', field: 'occupation', values: ['2-02'] }], sort: 'newest', from: 0, size: 10 });
    expect(byCode.hits.map((h) => h.id)).toEqual(['v-java-1', 'v-ic-1']);
    const bySalary = await engine.search('vacancy', { filters: [published, { kind: 'range', field: 'salaryMax', gte: 19000 }], sort: 'salary', from: 0, size: 10 });
    expect(bySalary.hits.map((h) => h.id)).toEqual(['v-ic-1']);
    const near = await engine.search('vacancy', { filters: [published, { kind: 'geo', lat: 36.1, lon: 120.46, radiusKm: 5 }], sort: 'distance', origin: { lat: 36.1, lon: 120.46 }, from: 0, size: 10 });
    expect(near.hits.map((h) => h.id)).toEqual(['v-java-1']);
    expect(near.hits[0]!.distanceKm).toBeGreaterThan(0.5);
    expect(near.hits[0]!.distanceKm).toBeLessThan(1.5);
  });

  it('pages with from/size and sorts newest first', async () => {
    const all = await engine.search('vacancy', { filters: [published], sort: 'newest', from: 0, size: 10 });
    expect(all.hits.map((h) => h.id)).toEqual(['v-java-1', 'v-ops-1', 'v-ic-1', 'v-ship-1', 'v-trad-1']);
    const page2 = await engine.search('vacancy', { filters: [published], sort: 'newest', from: 2, size: 2 });
    expect(page2.hits.map((h) => h.id)).toEqual(['v-ic-1', 'v-ship-1']);
    expect(page2.total).toBe(5);
  });

  it('reports created then updated, and the update replaces the searchable text', async () => {
    const [doc] = fixtureVacancyDocs().filter((d) => d.id === 'v-ops-1');
    const changed = { ...doc!, text: { ...doc!.text, title: '包装 工' }, source: { ...doc!.source, title: '包装工' } };
    expect(await engine.upsert('vacancy', [changed])).toEqual([{ id: 'v-ops-1', result: 'updated' }]);
    expect((await engine.search('vacancy', q('普工'))).total).toBe(0);
    expect((await engine.get('vacancy', 'v-ops-1'))!.title).toBe('包装工');
    await engine.upsert('vacancy', [doc!]);
  });

  it('deletes, and reports whether something was deleted', async () => {
    const [doc] = fixtureVacancyDocs().filter((d) => d.id === 'v-ship-1');
    expect(await engine.delete('vacancy', 'v-ship-1')).toBe(true);
    expect(await engine.delete('vacancy', 'v-ship-1')).toBe(false);
    expect((await engine.search('vacancy', q('电焊'))).total).toBe(0);
    await engine.upsert('vacancy', [doc!]);
  });

  it('never makes personal data of resumes searchable', async () => {
    expect((await engine.search('resume', { text: parseTextQuery('张三')!, filters: [], sort: 'relevance', from: 0, size: 10 })).total).toBe(0);
    expect((await engine.search('resume', { text: parseTextQuery('13812345678')!, filters: [], sort: 'relevance', from: 0, size: 10 })).total).toBe(0);
    expect((await engine.search('resume', { text: parseTextQuery('uvm')!, filters: [], sort: 'relevance', from: 0, size: 10 })).hits.map((h) => h.id)).toEqual(['r-1']);
  });
});
