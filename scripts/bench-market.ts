import { benchStatsElasticsearch, benchStatsEmbedded, benchSuggest } from './bench/market.js';

/**
 * `npm run bench:market`: the suggestion and statistics rows alone (npm run bench runs them with the rest).
 * BENCH_SUGGEST_DOCS (100,000), BENCH_STATS_DOCS (100,000); Elasticsearch rows when ELASTICSEARCH_URL is set.
 */
const fmt = (v: number) => v.toFixed(2);
const s = await benchSuggest(Number(process.env.BENCH_SUGGEST_DOCS ?? 100_000));
console.log(`suggestions (${s.docs} vacancies, ${s.live} live): build ${Math.round(s.buildMs)} ms; p50 ${fmt(s.p50)} ms, p99 ${fmt(s.p99)} ms (target ≤ 5); under writes p99 ${fmt(s.underWrites.p99)} ms`);
if (process.env.BENCH_STATS !== 'false') {
  const e = await benchStatsEmbedded(Number(process.env.BENCH_STATS_DOCS ?? 100_000));
  console.log(`embedded statistics (${e.docs} vacancies): salaries p50 ${fmt(e.salaries.p50)} p99 ${fmt(e.salaries.p99)} ms; demand p50 ${fmt(e.demand.p50)} p99 ${fmt(e.demand.p99)} ms`);
  const url = process.env.ELASTICSEARCH_URL;
  if (url) {
    const es = await benchStatsElasticsearch(url, Number(process.env.BENCH_STATS_DOCS ?? 100_000));
    console.log(`Elasticsearch statistics (${es.docs} vacancies): salaries p50 ${fmt(es.salaries.p50)} p99 ${fmt(es.salaries.p99)} ms; demand p50 ${fmt(es.demand.p50)} p99 ${fmt(es.demand.p99)} ms`);
  }
}
