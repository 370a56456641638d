import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateVacancies } from '../../src/demo/index.js';
import type { Engine } from '../../src/engine/types.js';
import { prepareLine, writeBatch } from '../../src/indexing/service.js';
import { searchQuerySchema } from '../../src/search/params.js';
import { search, type SearchHit } from '../../src/search/service.js';
import { enginesUnderTest } from '../support/engines.js';

const NOW = Date.parse('2026-11-01T00:00:00+08:00');
const QUERIES = [
  'Java', '集成电路', '电焊工', 'PLC 电气工程师', 'Java开发 青岛', '普工', '船舶海工', '新型显示', 'FPGA', '跨境电商',
  '养老护理员', '数控', 'python 数据分析', '叉车司机', '"数字IC"', '海洋生物', '厨师', '前端', '销售 -汽车', '酒店',
];
const FILTERED: Array<Record<string, string>> = [
  { q: '工程师', district: '黄岛区', sort: 'newest' },
  { q: '普工', tag: '妈妈岗' },
  { salaryMin: '10k', sort: 'salary' },
  { lat: '36.30', lon: '120.39', circle: '15min', sort: 'distance' },
  { education: '大专', industry: '集成电路' },
];

async function load(engine: Engine, docs: unknown[]) {
  const now = new Date(NOW);
  for (let i = 0; i < docs.length; i += 1000) {
    const batch = docs.slice(i, i + 1000).map((d, j) => prepareLine('vacancy', i + j + 1, d, now)).flatMap((p) => (p.ok ? [p] : []));
    await writeBatch(engine, 'vacancy', batch);
  }
}

/** Rank positions with equal scores form tie groups; compare sets within a group, order across groups. */
function tieGroups(hits: Array<{ id: string; score: number }>): string[][] {
  const groups: string[][] = [];
  let last: number | undefined;
  for (const h of hits) {
    if (last !== undefined && Math.abs(h.score - last) <= 1e-6 * Math.max(1, Math.abs(last))) groups[groups.length - 1]!.push(h.id);
    else groups.push([h.id]);
    last = h.score;
  }
  return groups;
}

const engines = enginesUnderTest();

describe.runIf(engines.length > 1)('both engines return the same first results on the demo data', () => {
  const made: Array<{ engine: Engine; cleanup: () => Promise<void> }> = [];
  beforeAll(async () => {
    const docs = generateVacancies(3000);
    for (const e of engines) {
      const m = await e.make();
      await load(m.engine, docs);
      made.push(m);
    }
  }, 300_000);
  afterAll(async () => { for (const m of made) await m.cleanup(); });

  const run = (engine: Engine, params: Record<string, string>) => search(engine, 'vacancy', searchQuerySchema.parse({ size: '10', facets: 'true', relax: 'false', ...params }), NOW);

  it.each(QUERIES)('q=%s: same totals, and the same first results up to near-ties', async (q) => {
    const [a, b] = await Promise.all(made.map((m) => run(m.engine, { q })));
    expect(b!.total).toBe(a!.total);
    // BM25 differs in detail between FTS5 (one unweighted length per row) and Lucene (BM25F, quantised norms).
    // The demo data repeats titles, so "ties aside" means: a leader of one engine is a leader of the other,
    // where leaders are the top 3, anything within 10% of the top score, or a document with a top-3 title.
    const top3 = (r: typeof a) => r!.hits.slice(0, 3);
    const title = (h: SearchHit) => (h.vacancy as { title: string }).title;
    const isLeader = (r: typeof a, h: SearchHit) =>
      top3(r).some((x) => x.id === h.id || title(x) === title(h)) || r!.hits.some((x) => x.id === h.id && x.score >= r!.hits[0]!.score * 0.9);
    if (!a!.hits.length) return;
    for (const [x, y] of [[a, b], [b, a]] as const) {
      expect(isLeader(y, x!.hits[0]!), `${q}: first hit ${x!.hits[0]!.id} ${title(x!.hits[0]!)} vs ${top3(y).map(title)}`).toBe(true);
      const yIds = y!.hits.map((h) => h.id);
      const yTitles = y!.hits.map(title);
      for (const h of top3(x)) expect(yIds.includes(h.id) || yTitles.includes(title(h)), `${q}: ${h.id} missing`).toBe(true);
    }
  });

  it.each(FILTERED)('filters and sorts alike: %o', async (params) => {
    const [a, b] = await Promise.all(made.map((m) => run(m.engine, params)));
    expect(b!.total).toBe(a!.total);
    expect(b!.facets).toEqual(a!.facets);
    if (params.sort) expect(b!.hits.map((h) => h.id)).toEqual(a!.hits.map((h) => h.id));
  });
});
