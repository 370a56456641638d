import { benchBulk } from './bench/bulk.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { benchAnalyzer } from './bench/analyzer.js';
import { benchElasticsearchIndexing, benchEmbeddedIndexing } from './bench/indexing.js';
import { benchEmbeddedSearch } from './bench/search.js';
import { benchElasticsearchSearch } from './bench/search-es.js';
import { benchCompliance, benchComplianceHttp } from './bench-compliance.js';
import { benchClassifier, benchScoring } from './bench/matching.js';
import { benchRecommendElasticsearch, benchRecommendEmbedded, benchRelink } from './bench/recommend.js';
import { benchReplicas } from './bench/replicas.js';
import { benchAlerts } from './bench/alerts.js';
import { benchStatsElasticsearch, benchStatsEmbedded, benchSuggest } from './bench/market.js';
import { benchGapsElasticsearch } from './bench/gaps.js';

/**
 * `npm run bench`: every figure measured in this one run on this machine, printed as a table and written to
 * bench/results.json. Elasticsearch scenarios run when ELASTICSEARCH_URL is set.
 */
type Row = { scenario: string; value: number; unit: string; target?: string; pass?: boolean };

const rows: Row[] = [];
const add = (scenario: string, value: number, unit: string, target?: { min?: number; max?: number }) => {
  const pass = target ? (target.min === undefined || value >= target.min) && (target.max === undefined || value <= target.max) : undefined;
  const t = target ? [target.min !== undefined ? `≥ ${target.min}` : '', target.max !== undefined ? `≤ ${target.max}` : ''].filter(Boolean).join(' ') : undefined;
  rows.push({ scenario, value, unit, ...(t ? { target: t } : {}), ...(pass !== undefined ? { pass } : {}) });
  console.error(`  ${scenario}: ${fmt(value)} ${unit}`);
};
const fmt = (v: number) => (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(2));

/** Searches/s through 1 and 2 API replicas on one Elasticsearch (BENCH_REPLICA_DOCS vacancies, 20,000 by default). */
async function replicaRows(url: string, details: Record<string, unknown>) {
  const docs = Number(process.env.BENCH_REPLICA_DOCS ?? 20_000);
  console.error(`API replicas on one Elasticsearch (${docs.toLocaleString('en-US')} vacancies, 20 clients) …`);
  const r = await benchReplicas(url, docs);
  details.replicas = r;
  add(`searches through 1 API replica (${docs.toLocaleString('en-US')} docs, 20 clients)`, r.one.perSec, 'req/s');
  add(`searches through 2 API replicas (${docs.toLocaleString('en-US')} docs, 20 clients)`, r.two.perSec, 'req/s');
  add('2 replicas / 1 replica throughput', r.ratio, '×');
}

/** A new vacancy matched against 100,000 subscriptions, in process: saved searches only, then 10% resume subscriptions. */
async function alertRows(details: Record<string, unknown>) {
  const n = Number(process.env.BENCH_SUBSCRIPTIONS ?? 100_000);
  const vacancies = Number(process.env.BENCH_ALERT_VACANCIES ?? 500);
  const label = n.toLocaleString('en-US');
  for (const share of [0, 0.1]) {
    console.error(`subscription matching: ${label} subscriptions, ${share * 100}% resumes …`);
    const r = await benchAlerts(n, vacancies, share);
    details[`alerts${share * 100}`] = r;
    const what = share ? `${label} subscriptions (${share * 100}% resumes, scored)` : `${label} saved searches`;
    add(`new vacancy matched against ${what}, p99 CPU`, r.cpuP99Ms, 'ms', { max: 20 });
    add(`new vacancy matched against ${what}, p99 wall (shared machine)`, r.p99Ms, 'ms');
    if (share) add(`  … the same without pruning by the score bound, p99 CPU (same run)`, r.unpruned.cpuP99Ms, 'ms');
    add(`  … candidates per vacancy (of ${label})`, r.meanCandidates, 'subs');
  }
}

/** The aggregated gap report on Elasticsearch (BENCH_GAPS_DOCS resumes and vacancies, 100,000 by default). */
async function gapRows(url: string, details: Record<string, unknown>) {
  const gaps = await benchGapsElasticsearch(url, Number(process.env.BENCH_GAPS_DOCS ?? 100_000));
  details.gapsElasticsearch = gaps;
  add(`Elasticsearch gap report p50 (${gaps.docs.toLocaleString('en-US')} docs, aggregations)`, gaps.p50, 'ms');
  add(`Elasticsearch gap report p99 (${gaps.docs.toLocaleString('en-US')} docs, aggregations)`, gaps.p99, 'ms', { max: 200 });
  add(`  … former composite aggregations p50, same run (${gaps.docs.toLocaleString('en-US')} docs)`, gaps.composite.p50, 'ms');
  add(`  … former composite aggregations p99, same run (${gaps.docs.toLocaleString('en-US')} docs)`, gaps.composite.p99, 'ms');
  add(`Elasticsearch gap report p99 between writes (${gaps.docs.toLocaleString('en-US')} docs, request cache kept)`, gaps.warm.p99, 'ms');
}

/** Market statistics on Elasticsearch alone (BENCH_STATS_DOCS vacancies, 100,000 by default); target ≤ 300 ms at 1M. */
async function statsRows(url: string, details: Record<string, unknown>) {
  const sto = await benchStatsElasticsearch(url, Number(process.env.BENCH_STATS_DOCS ?? 100_000));
  details.statsElasticsearch = sto;
  add(`Elasticsearch salary statistics p50 (${sto.docs.toLocaleString('en-US')} vacancies)`, sto.salaries.p50, 'ms');
  add(`Elasticsearch salary statistics p99 (${sto.docs.toLocaleString('en-US')} vacancies)`, sto.salaries.p99, 'ms', { max: 300 });
  add(`Elasticsearch demand statistics p50 (${sto.docs.toLocaleString('en-US')} vacancies)`, sto.demand.p50, 'ms');
  add(`Elasticsearch demand statistics p99 (${sto.docs.toLocaleString('en-US')} vacancies)`, sto.demand.p99, 'ms', { max: 300 });
}

/** The in-process screener (issue 15: >= 12,000 checks/s on one core at 500 characters, p99 <= 0.3 ms). */
function screenerRows(details: Record<string, unknown>) {
  const c = benchCompliance();
  details.compliance = c;
  add('compliance checks in-process (500-char postings, one core)', c.checksPerSec, 'checks/s', { min: 12_000 });
  add('compliance checks per CPU-second in-process', c.checksPerCpuSec, 'checks/CPU-s');
  add('compliance check p99 in-process', c.p99Ms, 'ms', { max: 0.3 });
}

/** The analyzer against raw nodejieba on the same real text, interleaved (issue 15: ≥ 0.9×). */
function analyzerRows(details: Record<string, unknown>) {
  console.error('analyzer on the real postings …');
  const a = benchAnalyzer();
  details.analyzer = a;
  add('raw nodejieba.cut(text, true)', a.rawJiebaCharsPerSec, 'chars/s');
  add('analyzer, index mode', a.analyzerIndexCharsPerSec, 'chars/s', { min: 1_500_000 });
  add('analyzer, index mode / raw nodejieba', a.indexRatio, '×', { min: 0.9 });
  add('analyzer, query mode', a.analyzerQueryCharsPerSec, 'chars/s', { min: 1_500_000 });
  add('analyzer, query mode / raw nodejieba', a.queryRatio, '×', { min: 0.9 });
}

async function main() {
  const details: Record<string, unknown> = {};
  // BENCH_ONLY=gaps: just the gap-report rows (written to bench/results-gaps.json, results.json untouched).
  if (process.env.BENCH_ONLY === 'gaps') {
    if (!process.env.ELASTICSEARCH_URL) throw new Error('BENCH_ONLY=gaps needs ELASTICSEARCH_URL');
    await gapRows(process.env.ELASTICSEARCH_URL, details);
    return write(details, 'bench/results-gaps.json');
  }
  // BENCH_ONLY=stats: the Elasticsearch statistics rows (bench/results-stats.json, results.json untouched).
  if (process.env.BENCH_ONLY === 'stats') {
    if (!process.env.ELASTICSEARCH_URL) throw new Error('BENCH_ONLY=stats needs ELASTICSEARCH_URL');
    await statsRows(process.env.ELASTICSEARCH_URL, details);
    return write(details, 'bench/results-stats.json');
  }
  // BENCH_ONLY=replicas: just the replica rows (written to bench/results-replicas.json, results.json untouched).
  if (process.env.BENCH_ONLY === 'replicas') {
    if (!process.env.ELASTICSEARCH_URL) throw new Error('BENCH_ONLY=replicas needs ELASTICSEARCH_URL');
    await replicaRows(process.env.ELASTICSEARCH_URL, details);
    return write(details, 'bench/results-replicas.json');
  }
  // BENCH_ONLY=alerts: matching a new vacancy against BENCH_SUBSCRIPTIONS subscriptions (bench/results-alerts.json).
  if (process.env.BENCH_ONLY === 'alerts') {
    await alertRows(details);
    return write(details, 'bench/results-alerts.json');
  }
  // BENCH_ONLY=bulk: bulk lines through the write pipeline at 1 and 2 analysis workers (bench/results-bulk.json).
  if (process.env.BENCH_ONLY === 'bulk') {
    const b = await benchBulk(Number(process.env.BENCH_INDEX_DOCS ?? 4_000), process.env.ELASTICSEARCH_URL);
    details.bulk = b;
    add('embedded bulk through the pipeline, 1 worker (inline)', b.embedded1, 'docs/s');
    add('embedded bulk through the pipeline, 2 workers', b.embedded2, 'docs/s', { min: 3500 });
    add('embedded bulk, 2 workers / 1 worker', b.ratio, '×', { min: 1.6 });
    if (b.elasticsearch2 !== undefined) {
      add('Elasticsearch bulk through the pipeline, 1 worker (inline)', b.elasticsearch1!, 'docs/s');
      add('Elasticsearch bulk through the pipeline, 2 workers', b.elasticsearch2, 'docs/s', { min: 2800 });
    }
    return write(details, 'bench/results-bulk.json');
  }
  // BENCH_ONLY=screener: just the in-process screener rows (bench/results-screener.json, results.json untouched).
  if (process.env.BENCH_ONLY === 'screener') {
    screenerRows(details);
    return write(details, 'bench/results-screener.json');
  }
  analyzerRows(details);
  // BENCH_ONLY=analyzer: just the analyzer rows (bench/results-analyzer.json, results.json untouched).
  if (process.env.BENCH_ONLY === 'analyzer') return write(details, 'bench/results-analyzer.json');

  console.error('embedded bulk indexing …');
  const e = await benchEmbeddedIndexing(Number(process.env.BENCH_INDEX_DOCS ?? 20_000));
  details.embeddedIndexing = e;
  add('embedded bulk indexing (validate + analyse + fsync)', e.docsPerSec, 'docs/s', { min: 2000 });

  console.error('embedded search at 100,000 vacancies …');
  const es100k = await benchEmbeddedSearch(Number(process.env.BENCH_SEARCH_DOCS ?? 100_000), 10);
  details.embeddedSearch = es100k;
  add(`embedded search p50 (${es100k.docs.toLocaleString('en-US')} docs, filters + facets)`, es100k.p50, 'ms');
  add(`embedded search p99 (${es100k.docs.toLocaleString('en-US')} docs, filters + facets)`, es100k.p99, 'ms', { max: 30 });

  console.error('compliance screening …');
  screenerRows(details);
  const ch = await benchComplianceHttp();
  details.complianceHttp = ch;
  add('compliance checks over HTTP (16 connections)', ch.checksPerSec, 'checks/s', { min: 1500 });

  console.error('matching …');
  const sc = benchScoring();
  details.scoring = sc;
  add('match scoring (pairs, breakdown included)', sc.pairsPerSec, 'pairs/s');
  const cl = benchClassifier();
  details.classifier = cl;
  add(`occupation classification (${cl.taxonomy})`, cl.perSec, 'titles/s');
  const rec = await benchRecommendEmbedded(Number(process.env.BENCH_RECOMMEND_DOCS ?? 100_000));
  details.recommendEmbedded = rec;
  add(`embedded recommendations for a seeker p50 (${rec.docs.toLocaleString('en-US')} docs)`, rec.vacanciesForSeeker.p50, 'ms');
  add(`embedded recommendations for a seeker p99 (${rec.docs.toLocaleString('en-US')} docs)`, rec.vacanciesForSeeker.p99, 'ms', { max: 100 });
  add(`embedded recommendations for a vacancy p50 (${rec.docs.toLocaleString('en-US')} docs)`, rec.candidatesForVacancy.p50, 'ms');
  add(`embedded recommendations for a vacancy p99 (${rec.docs.toLocaleString('en-US')} docs)`, rec.candidatesForVacancy.p99, 'ms', { max: 100 });
  const rl = await benchRelink();
  details.relink = rl;
  add('catalog re-link throughput (embedded)', rl.docsPerSec, 'docs/s');

  console.error('suggestions and market statistics …');
  const sg = await benchSuggest(Number(process.env.BENCH_SUGGEST_DOCS ?? 100_000));
  details.suggest = sg;
  add(`suggestions p50 (${sg.docs.toLocaleString('en-US')} vacancies, in-process index)`, sg.p50, 'ms');
  add(`suggestions p99 (${sg.docs.toLocaleString('en-US')} vacancies, in-process index)`, sg.p99, 'ms', { max: 5 });
  const st = await benchStatsEmbedded(Number(process.env.BENCH_STATS_DOCS ?? 100_000));
  details.statsEmbedded = st;
  add(`embedded salary statistics p99 (${st.docs.toLocaleString('en-US')} vacancies)`, st.salaries.p99, 'ms');
  add(`embedded demand statistics p99 (${st.docs.toLocaleString('en-US')} vacancies)`, st.demand.p99, 'ms');

  const url = process.env.ELASTICSEARCH_URL;
  if (url) {
    await statsRows(url, details);
    console.error('Elasticsearch bulk indexing …');
    const es = await benchElasticsearchIndexing(url, Number(process.env.BENCH_INDEX_DOCS ?? 20_000));
    details.elasticsearchIndexing = es;
    add('Elasticsearch bulk indexing (validate + analyse + refresh)', es.docsPerSec, 'docs/s', { min: 2000 });
    const docs = Number(process.env.BENCH_ES_DOCS ?? 1_000_000);
    console.error(`Elasticsearch search at ${docs.toLocaleString('en-US')} vacancies, 20 concurrent clients …`);
    const s = await benchElasticsearchSearch(url, docs);
    details.elasticsearchSearch = s;
    const n = docs.toLocaleString('en-US');
    add(`Elasticsearch direct p50 (${n} docs, 20 clients, repeated searches)`, s.direct.p50, 'ms');
    add(`Elasticsearch direct p99 (${n} docs, 20 clients, repeated searches)`, s.direct.p99, 'ms', { max: 50 });
    add(`API over HTTP p50 (${n} docs, 20 clients, repeated searches)`, s.api.p50, 'ms');
    add(`API over HTTP p99 (${n} docs, 20 clients, repeated searches)`, s.api.p99, 'ms', { max: 50 });
    add('API / direct latency (p50, 20 clients, repeated searches)', s.overhead, '×', { max: 1.3 });
    add('API / direct latency (p50, 1 client, repeated searches)', s.oneClient.overhead, '×', { max: 1.3 });
    add('API throughput (20 clients, repeated searches)', s.api.perSec, 'req/s');
    add('Elasticsearch direct throughput (20 clients, repeated searches)', s.direct.perSec, 'req/s');
    add(`Elasticsearch direct p50 (${n} docs, 20 clients, distinct searches, no cache)`, s.cold.p50, 'ms');
    add(`Elasticsearch direct p99 (${n} docs, 20 clients, distinct searches, no cache)`, s.cold.p99, 'ms', { max: 50 });
    add(`API over HTTP p50 (${n} docs, 20 clients, distinct searches, no cache)`, s.coldApi.p50, 'ms');
    add(`API over HTTP p99 (${n} docs, 20 clients, distinct searches, no cache)`, s.coldApi.p99, 'ms', { max: 50 });
    add('API / direct latency (p50, 20 clients, distinct searches)', s.coldOverhead, '×', { max: 1.3 });
    const rec = await benchRecommendElasticsearch(url, docs);
    details.recommendElasticsearch = rec;
    add(`Elasticsearch recommendations for a seeker p50 (${docs.toLocaleString('en-US')} vacancies)`, rec.vacanciesForSeeker.p50, 'ms');
    add(`Elasticsearch recommendations for a seeker p99 (${docs.toLocaleString('en-US')} vacancies)`, rec.vacanciesForSeeker.p99, 'ms', { max: 100 });
    add(`Elasticsearch recommendations for a vacancy p50 (${rec.resumes.toLocaleString('en-US')} resumes)`, rec.candidatesForVacancy.p50, 'ms');
    add(`Elasticsearch recommendations for a vacancy p99 (${rec.resumes.toLocaleString('en-US')} resumes)`, rec.candidatesForVacancy.p99, 'ms', { max: 100 });
    await gapRows(url, details);
    await replicaRows(url, details);
  } else {
    console.error('ELASTICSEARCH_URL not set: Elasticsearch scenarios skipped (npm run es:start, then ELASTICSEARCH_URL=http://127.0.0.1:9200 npm run bench)');
  }

  await write(details, 'bench/results.json');
}

async function write(details: Record<string, unknown>, file: string) {
  console.table(rows.map((r) => ({ scenario: r.scenario, value: fmt(r.value), unit: r.unit, target: r.target ?? '', pass: r.pass === undefined ? '' : r.pass ? 'yes' : 'NO' })));
  mkdirSync('bench', { recursive: true });
  const machine = { node: process.version, cpus: (await import('node:os')).cpus().length, at: new Date().toISOString() };
  writeFileSync(file, JSON.stringify({ machine, rows, details }, null, 2) + '\n');
  console.error(`written ${file}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
