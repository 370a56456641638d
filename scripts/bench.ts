import { mkdirSync, writeFileSync } from 'node:fs';
import { benchAnalyzer } from './bench/analyzer.js';
import { benchElasticsearchIndexing, benchEmbeddedIndexing } from './bench/indexing.js';

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

async function main() {
  const details: Record<string, unknown> = {};
  console.error('analyzer on the real postings …');
  const a = benchAnalyzer();
  details.analyzer = a;
  add('raw nodejieba.cut(text, true)', a.rawJiebaCharsPerSec, 'chars/s');
  add('analyzer, index mode', a.analyzerIndexCharsPerSec, 'chars/s', { min: 1_500_000 });
  add('analyzer, index mode / raw nodejieba', a.indexRatio, '×', { min: 0.7 });
  add('analyzer, query mode', a.analyzerQueryCharsPerSec, 'chars/s', { min: 1_500_000 });

  console.error('embedded bulk indexing …');
  const e = await benchEmbeddedIndexing(Number(process.env.BENCH_INDEX_DOCS ?? 20_000));
  details.embeddedIndexing = e;
  add('embedded bulk indexing (validate + analyse + fsync)', e.docsPerSec, 'docs/s', { min: 2000 });

  const url = process.env.ELASTICSEARCH_URL;
  if (url) {
    console.error('Elasticsearch bulk indexing …');
    const es = await benchElasticsearchIndexing(url, Number(process.env.BENCH_INDEX_DOCS ?? 20_000));
    details.elasticsearchIndexing = es;
    add('Elasticsearch bulk indexing (validate + analyse + refresh)', es.docsPerSec, 'docs/s', { min: 2000 });
  } else {
    console.error('ELASTICSEARCH_URL not set: Elasticsearch scenarios skipped (npm run es:start, then ELASTICSEARCH_URL=http://127.0.0.1:9200 npm run bench)');
  }

  console.table(rows.map((r) => ({ scenario: r.scenario, value: fmt(r.value), unit: r.unit, target: r.target ?? '', pass: r.pass === undefined ? '' : r.pass ? 'yes' : 'NO' })));
  mkdirSync('bench', { recursive: true });
  const machine = { node: process.version, cpus: (await import('node:os')).cpus().length, at: new Date().toISOString() };
  writeFileSync('bench/results.json', JSON.stringify({ machine, rows, details }, null, 2) + '\n');
  console.error('written bench/results.json');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
