import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vacancies } from '../../src/demo/index.js';
import { vacancyInputSchema } from '../../src/domain/vacancy.js';
import { EmbeddedEngine } from '../../src/engine/embedded/engine.js';
import { ElasticsearchEngine } from '../../src/engine/elasticsearch/engine.js';
import type { Engine } from '../../src/engine/types.js';
import { vacancySpec } from '../../src/indexing/service.js';
import { demandQuerySchema, salaryQuerySchema } from '../../src/stats/params.js';
import { StatsService, statsBackendFor } from '../../src/stats/service.js';
import { contributionOf } from '../../src/suggest/service.js';
import { SUGGEST_KINDS, SuggestIndex, type SuggestKind } from '../../src/suggest/suggest-index.js';
import { indexDocs } from './indexing.js';
import { percentiles } from './stats.js';

/** What users type: one-letter and one-character prefixes, pinyin, initials, typos, aliases, with and without a kind. */
export const SUGGEST_MIX: Array<[string, SuggestKind | undefined]> = [
  ['j', undefined], ['工', 'title'], ['计算机', 'title'], ['jsj', 'title'], ['jisuanji', 'title'], ['kf', undefined],
  ['java', 'skill'], ['javscript', 'skill'], ['pyhton', 'skill'], ['typescirpt', 'skill'], ['电', undefined], ['dianhan', 'title'],
  ['黄岛', 'place'], ['西海岸', 'place'], ['xha', 'place'], ['青岛', 'employer'], ['qdhr', 'employer'], ['普工', undefined],
  ['s', 'skill'], ['销售', 'title'], ['xs', 'title'], ['护士', undefined], ['cnc', undefined], ['autocda', 'skill'],
];

/** The suggestion index over `docs` generated vacancies: build time, then one-client latency over the mix. */
export async function benchSuggest(docs = 100_000, rounds = 20) {
  const index = new SuggestIndex();
  const now = new Date();
  const t0 = performance.now();
  let i = 0;
  for (const input of vacancies(docs)) {
    const v = vacancySpec.build(`v-${++i}`, vacancyInputSchema.parse(input), now);
    index.put(v.id, contributionOf(v));
  }
  index.compact();
  const buildMs = performance.now() - t0;
  const kinds = (k: SuggestKind | undefined) => (k ? [k] : SUGGEST_KINDS);
  // Warm-up: top lists computed and the code compiled, as in a process that has been serving for a while.
  for (let r = 0; r < 5; r++) for (const [q, k] of SUGGEST_MIX) index.suggest(q, kinds(k), 8);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [q, k] of SUGGEST_MIX) {
      const s = performance.now();
      index.suggest(q, kinds(k), 8);
      samples.push(performance.now() - s);
    }
  }
  // Under writes: a vacancy put between suggestions (counts change, the order by count is refreshed each second).
  const underWrites: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [q, k] of SUGGEST_MIX) {
      const id = `v-${1 + ((r * 977 + underWrites.length * 131) % docs)}`;
      index.put(id, undefined);
      const s = performance.now();
      index.suggest(q, kinds(k), 8);
      underWrites.push(performance.now() - s);
    }
  }
  return { docs: i, live: index.vacancies, buildMs, ...percentiles(samples), underWrites: percentiles(underWrites) };
}

const SALARY_MIX = [{}, { district: '黄岛区' }, { occupationCode: '2-02' }, { industry: '集成电路', education: '本科' }, { district: '崂山区', occupationCode: '6' }];
const DEMAND_MIX = [{ by: 'district' }, { by: 'industry', interval: 'week' }, { by: 'occupation', level: '2' }, { by: 'catalogEntry' }];

/** Salary and demand statistics latency over a mix, one client, after a warm-up. */
export async function statsLatency(engine: Engine, rounds = 10) {
  const svc = new StatsService({ backend: statsBackendFor(engine), minCount: 30 });
  const salaries = SALARY_MIX.map((p) => salaryQuerySchema.parse(p));
  const demand = DEMAND_MIX.map((p) => demandQuerySchema.parse(p));
  for (const p of salaries) await svc.salaries(p);
  for (const p of demand) await svc.demand(p);
  const s: number[] = [];
  const d: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const p of salaries) {
      const t0 = performance.now();
      await svc.salaries(p);
      s.push(performance.now() - t0);
    }
    for (const p of demand) {
      const t0 = performance.now();
      await svc.demand(p);
      d.push(performance.now() - t0);
    }
  }
  return { salaries: percentiles(s), demand: percentiles(d) };
}

export async function benchStatsEmbedded(docs = 100_000, rounds = 10) {
  const dir = mkdtempSync(join(tmpdir(), 'zzh-bench-stats-'));
  const engine = new EmbeddedEngine(dir);
  await engine.init();
  try {
    await indexDocs(engine, docs, 2000);
    return { docs, ...(await statsLatency(engine, rounds)) };
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** On Elasticsearch: over an existing prefix (BENCH_ES_PREFIX, as the search bench leaves it) or a fresh index of `docs`. */
export async function benchStatsElasticsearch(url: string, docs = 100_000, rounds = 10) {
  const prefix = process.env.BENCH_STATS_ES_PREFIX ?? `zzh-bench-stats-${Date.now().toString(36)}`;
  const engine = new ElasticsearchEngine({ url, prefix, timeoutMs: 120_000 });
  await engine.init();
  const fresh = !process.env.BENCH_STATS_ES_PREFIX;
  try {
    if (fresh) await indexDocs(engine, docs, 2000);
    const count = await engine.count('vacancy');
    return { docs: count, ...(await statsLatency(engine, rounds)) };
  } finally {
    if (fresh) await engine.drop();
    await engine.close();
  }
}
