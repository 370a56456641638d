import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEngine } from '../src/engine/embedded/engine.js';
import { ElasticsearchEngine } from '../src/engine/elasticsearch/engine.js';
import type { Engine } from '../src/engine/types.js';
import { buildCorpus, DEMO_COUNT, FIXED_NOW, jdDir } from './eval/corpus.js';
import { mean, ndcgAt, precisionAt, reciprocalRank } from './eval/metrics.js';
import { buildRealCorpus, splitOf } from './eval/real.js';
import { BASELINE_WEIGHTS, JUDGMENTS_FILE, loadJudgments, REAL_JUDGMENTS_FILE, run, SYSTEMS, type System } from './eval/systems.js';

/**
 * `npm run eval:search` — search quality on the judged query set (test/search/judgments.jsonl).
 *
 * Corpus: the first 3,000 demo vacancies plus the 4,304 real postings of ../shared/data/jd (JD_DIR overrides),
 * indexed into a throw-away engine. Every judged query runs through
 *   product  — search(engine, 'vacancy', {q, size 10, facets off, relax off}, FIXED_NOW): synonyms, field weights,
 *              freshness, exactly as the API answers it;
 *   baseline — plain BM25: the same analyzer and published-only filter, no synonyms, equal field weights, no freshness.
 * Prints per-query nDCG@10 for both, the means with P@5 and MRR, and writes bench/eval-search.json.
 *
 *   npm run eval:search                                  # embedded engine
 *   ELASTICSEARCH_URL=http://127.0.0.1:9200 npm run eval:search -- --engine elasticsearch
 *
 * `--set real`: only the real postings of ../shared/data/jd (scripts/eval/real.ts) and the judged queries of
 * test/search/judgments-real.jsonl (five kinds: short, colloquial, skill, mixed, filtered; filters as the API takes
 * them), reported per kind and per split (tune / heldout, fixed by a hash of the query id before tuning), and
 * written to bench/eval-search-real.json. The demo set's results (bench/eval-search.json) stay separate.
 */
/** nDCG cut-off; the summary keys say @10. */
const K = 10;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface SystemResult { ids: string[]; ndcg: number; p5: number; rr: number; unjudged: number }
interface QueryResult { id: string; q: string; kind?: string; split: string; filters?: Record<string, string>; intent: string; relevant: number; product: SystemResult; baseline: SystemResult }

async function openEngine(kind: string): Promise<{ engine: Engine; cleanup: () => Promise<void> }> {
  if (kind === 'embedded') {
    const dir = mkdtempSync(join(tmpdir(), 'eval-search-'));
    const engine = new EmbeddedEngine(dir);
    await engine.init();
    return { engine, cleanup: async () => { await engine.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  if (kind === 'elasticsearch') {
    const url = process.env.ELASTICSEARCH_URL;
    if (!url) throw new Error('--engine elasticsearch needs ELASTICSEARCH_URL (npm run es:start)');
    const prefix = `eval-${process.pid}-${Date.now().toString(36)}`;
    const engine = new ElasticsearchEngine({ url, prefix, timeoutMs: 60_000 });
    await engine.init();
    return { engine, cleanup: async () => { try { await engine.drop(); } finally { await engine.close(); } } };
  }
  throw new Error(`unknown --engine ${kind} (embedded | elasticsearch)`);
}

const f3 = (x: number) => x.toFixed(3);
const pad = (s: string, n: number) => {
  // CJK characters take two columns in a terminal.
  const width = [...s].reduce((w, c) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);
  return s + ' '.repeat(Math.max(0, n - width));
};

async function main() {
  const engineKind = arg('engine') ?? 'embedded';
  const set = arg('set') ?? 'demo';
  if (set !== 'demo' && set !== 'real') throw new Error(`unknown --set ${set} (demo | real)`);
  const out = arg('out') ?? (set === 'real' ? 'bench/eval-search-real.json' : 'bench/eval-search.json');
  const judgmentsFile = set === 'real' ? REAL_JUDGMENTS_FILE : JUDGMENTS_FILE;
  const queries = loadJudgments(judgmentsFile);
  const t0 = performance.now();
  const { engine, cleanup } = await openEngine(engineKind);
  try {
    console.error(set === 'real' ? `indexing the real postings of ${jdDir()} into ${engine.name} …` : `indexing ${DEMO_COUNT} demo vacancies + real postings from ${jdDir()} into ${engine.name} …`);
    const docs = set === 'real' ? await buildRealCorpus(engine) : await buildCorpus(engine);
    const indexedMs = performance.now() - t0;
    console.error(`  ${docs.size} documents in ${(indexedMs / 1000).toFixed(1)} s; ${queries.length} judged queries`);

    const results: QueryResult[] = [];
    for (const j of queries) {
      const per = {} as Record<System, SystemResult>;
      for (const s of SYSTEMS) {
        const ids = await run(s, engine, j.q, K, j.filters);
        per[s] = {
          ids,
          ndcg: ndcgAt(ids, j.judgments, K),
          p5: precisionAt(ids, j.judgments, 5),
          rr: reciprocalRank(ids, j.judgments),
          unjudged: ids.filter((id) => !(id in j.judgments)).length,
        };
      }
      const relevant = Object.values(j.judgments).filter((g) => g >= 2).length;
      results.push({ id: j.id, q: j.q, ...(j.kind ? { kind: j.kind } : {}), split: splitOf(j.id), ...(j.filters ? { filters: j.filters } : {}), intent: j.intent, relevant, product: per.product, baseline: per.baseline });
    }

    console.log(`\nnDCG@${K} per query (${engine.name} engine; grades 0–3, unjudged = 0)\n`);
    console.log(`${pad('id', 4)}  ${pad('query', 22)}  product  baseline      Δ   hits p/b  unjudged p/b`);
    for (const r of results) {
      const d = r.product.ndcg - r.baseline.ndcg;
      console.log(
        `${pad(r.id, 4)}  ${pad(r.q, 22)}  ${f3(r.product.ndcg).padStart(7)}  ${f3(r.baseline.ndcg).padStart(8)}  ${(d >= 0 ? '+' : '') + f3(d)}` +
          `   ${String(r.product.ids.length).padStart(3)}/${String(r.baseline.ids.length).padEnd(3)}  ${String(r.product.unjudged).padStart(5)}/${r.baseline.unjudged}`,
      );
    }
    interface Means { 'ndcg@10': number; 'p@5': number; mrr: number; unjudgedInTop10: number; emptyResults: number }
    const means = (s: System): Means => ({
      'ndcg@10': mean(results.map((r) => r[s].ndcg)),
      'p@5': mean(results.map((r) => r[s].p5)),
      mrr: mean(results.map((r) => r[s].rr)),
      unjudgedInTop10: results.reduce((n, r) => n + r[s].unjudged, 0),
      emptyResults: results.filter((r) => r[s].ids.length === 0).length,
    });
    const summary: Record<System, Means> = { product: means('product'), baseline: means('baseline') };
    // Per kind and per split: product vs BM25 nDCG@10 and their ratio.
    const slice = (rs: QueryResult[]) => {
      const p = mean(rs.map((r) => r.product.ndcg));
      const b = mean(rs.map((r) => r.baseline.ndcg));
      return { queries: rs.length, product: Math.round(p * 1000) / 1000, baseline: Math.round(b * 1000) / 1000, ratio: b ? Math.round((p / b) * 1000) / 1000 : null };
    };
    const groupBy = (key: (r: QueryResult) => string | undefined) => {
      const m = new Map<string, QueryResult[]>();
      for (const r of results) { const k = key(r); if (k) m.set(k, [...(m.get(k) ?? []), r]); }
      return Object.fromEntries([...m].map(([k, rs]) => [k, slice(rs)]));
    };
    const bySplit = groupBy((r) => r.split);
    const byKind = groupBy((r) => r.kind);
    const byKindSplit = groupBy((r) => (r.kind ? `${r.kind}/${r.split}` : undefined));
    const wins = results.filter((r) => r.product.ndcg > r.baseline.ndcg + 1e-9).length;
    const losses = results.filter((r) => r.product.ndcg < r.baseline.ndcg - 1e-9).length;

    console.log(`\nmeans over ${results.length} queries`);
    console.table(SYSTEMS.map((s) => ({
      system: s,
      'nDCG@10': f3(summary[s]['ndcg@10']),
      'P@5': f3(summary[s]['p@5']),
      MRR: f3(summary[s].mrr),
      'unjudged in top 10': summary[s].unjudgedInTop10,
      'empty results': summary[s].emptyResults,
    })));
    console.log(`product better on ${wins}, worse on ${losses}, tied on ${results.length - wins - losses} queries`);
    console.log('\nnDCG@10 per split (tune = may be tuned on; heldout = never tuned on)');
    console.table(bySplit);
    if (Object.keys(byKind).length) {
      console.log('nDCG@10 per kind of query');
      console.table(byKind);
      console.table(byKindSplit);
    }
    const worst = [...results].sort((a, b) => a.product.ndcg - b.product.ndcg).slice(0, 5);
    console.log('\nlowest product nDCG@10:');
    for (const r of worst) console.log(`  ${r.id} "${r.q}" ${f3(r.product.ndcg)} (baseline ${f3(r.baseline.ndcg)}) — ${r.intent}`);

    mkdirSync(join(out, '..'), { recursive: true });
    writeFileSync(out, JSON.stringify({
      at: new Date().toISOString(),
      machine: { node: process.version, cpus: cpus().length },
      engine: engine.name,
      corpus: { documents: docs.size, demo: set === 'real' ? 0 : DEMO_COUNT, real: set === 'real' ? docs.size : docs.size - DEMO_COUNT, jdDir: jdDir(), indexSeconds: Math.round(indexedMs) / 1000 },
      set,
      judgments: { file: judgmentsFile, queries: queries.length, judgedDocs: queries.reduce((n, q) => n + Object.keys(q.judgments).length, 0) },
      setup: {
        k: K,
        now: new Date(FIXED_NOW).toISOString(),
        product: "search(engine, 'vacancy', searchQuerySchema.parse({ q, size: 10, facets: 'false', ...filters }), FIXED_NOW) — the API's defaults (relaxation on)",
        baseline: { synonyms: 'none', weights: BASELINE_WEIGHTS, freshness: 'none', filters: 'status = published' },
        gain: '2^grade − 1, discount log2(rank + 1); P@5 and MRR count grade ≥ 2 as relevant',
      },
      summary,
      bySplit, byKind, byKindSplit,
      wins, losses,
      queries: results,
    }, null, 2) + '\n');
    console.error(`written ${out}`);
  } finally {
    await cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
