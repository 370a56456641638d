import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEngine } from '../../src/engine/embedded/engine.js';
import { RANKING } from '../../src/search/ranking.js';
import { mean, ndcgAt } from './metrics.js';
import { buildRealCorpus, splitOf } from './real.js';
import { loadJudgments, REAL_JUDGMENTS_FILE, runProduct } from './systems.js';

/**
 * Ablation of RANKING on the "tune" split of the real set only (the held-out split is never read here):
 *   npx tsx scripts/eval/diagnose-search.ts
 * Prints the tune split's mean nDCG@10 per kind of query with one ranking component switched off at a time, to
 * see which component costs a kind of query against BM25.
 */
async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'diagnose-search-'));
  const engine = new EmbeddedEngine(dir);
  const base = { ...RANKING };
  try {
    await engine.init();
    await buildRealCorpus(engine);
    const queries = loadJudgments(REAL_JUDGMENTS_FILE).filter((q) => splitOf(q.id) === 'tune');
    const variants: Record<string, Partial<typeof RANKING>> = {
      product: {},
      noOccupation: { occupationExact: 0, occupationMinor: 0 },
      occMinConf06: { minConfidence: 0.6 },
      noCoverage: { coverage: 0 },
      noFreshness: { freshness: 0 },
      equalFields: { fields: { title: 1, body: 1, skills: 1, titleParts: 1, parts: 1, grams: 1 } },
      ...JSON.parse(process.env.VARIANTS ?? '{}'),
    };
    const rows: Record<string, Record<string, number>> = {};
    for (const [name, v] of Object.entries(variants)) {
      Object.assign(RANKING, base, v);
      const byKind = new Map<string, number[]>();
      for (const q of queries) {
        const s = ndcgAt(await runProduct(engine, q.q, 10, q.filters), q.judgments, 10);
        for (const k of [q.kind ?? 'other', 'all']) byKind.set(k, [...(byKind.get(k) ?? []), s]);
        if (process.env.PER_QUERY && ['short', 'skill', 'filtered'].includes(q.kind ?? '')) console.error(name, q.id, q.q, s.toFixed(3));
      }
      rows[name] = Object.fromEntries([...byKind].map(([k, s]) => [k, Math.round(mean(s) * 1000) / 1000]));
    }
    console.table(rows);
  } finally {
    Object.assign(RANKING, base);
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
