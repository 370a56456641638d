import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEngine } from '../../src/engine/embedded/engine.js';
import { RANKING } from '../../src/search/ranking.js';
import { mean, ndcgAt } from './metrics.js';
import { buildRealCorpus, splitOf } from './real.js';
import { loadJudgments, REAL_JUDGMENTS_FILE, runProduct } from './systems.js';

/**
 * Grid search of RANKING on the "tune" split of the real set only (the held-out split is never read here):
 *   npx tsx scripts/eval/tune-search.ts
 * Prints mean nDCG@10 per setting; the chosen values are written into src/search/ranking.ts by hand.
 */
async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'tune-search-'));
  const engine = new EmbeddedEngine(dir);
  try {
    await engine.init();
    await buildRealCorpus(engine);
    const queries = loadJudgments(REAL_JUDGMENTS_FILE).filter((q) => splitOf(q.id) === 'tune');
    const base = { ...RANKING };
    const grid: Array<Partial<typeof RANKING>> = [];
    const fieldSets = {
      product: undefined,
      equal: { title: 1, body: 1, skills: 1, titleParts: 1, parts: 1, grams: 1 },
      mild: { title: 3, skills: 2, body: 1, titleParts: 1.5, parts: 0.5, grams: 1 },
      flat2: { title: 2, skills: 2, body: 1, titleParts: 1, parts: 0.5, grams: 1 },
    } as const;
    for (const [, fields] of Object.entries(fieldSets)) for (const freshness of [0.2, 0.05]) for (const occ of [0.1, 0.25, 0.4]) {
      grid.push({ fields: fields ? { ...fields } : undefined, freshness, occupationExact: occ, occupationMinor: occ * 0.6 });
    }
    const rows: Array<{ setting: string; ndcg: number }> = [];
    for (const g of grid) {
      Object.assign(RANKING, base, g);
      const scores: number[] = [];
      for (const q of queries) scores.push(ndcgAt(await runProduct(engine, q.q, 10, q.filters), q.judgments, 10));
      rows.push({ setting: JSON.stringify({ ...g, fields: g.fields ? Object.values(g.fields).join('/') : 'product' }), ndcg: Math.round(mean(scores) * 1000) / 1000 });
      console.error(rows[rows.length - 1]);
    }
    rows.sort((a, b) => b.ndcg - a.ndcg);
    console.table(rows.slice(0, 15));
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
