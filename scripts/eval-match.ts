/**
 * `npm run eval:match`: quality of the two-way recommendations and of occupation classification, in one run.
 *
 * Recommendations: nDCG@10 (also P@5 and MRR, grade ≥ 2 counting as relevant) on the judged set
 * test/matching/judgments.jsonl — 30 seekers and 30 published vacancies spread over the first 3,000 demo
 * vacancies and resumes, each with its pooled counterparts (union of the top 20 of both systems, see
 * scripts/eval/match-pool.ts) graded 0–3 by reading them: occupation and skills first, then whether the place,
 * pay, employment type and education make it a real option for both sides. Two systems on the same candidates:
 *   product  — the engine's retrieval re-ranked by scoreMatch (what GET …/matches returns),
 *   baseline — the engine's text retrieval order alone (no re-ranking).
 * The weights were not tuned on this set; the held-out split (~30 % of the queries, by a hash of their id, the same
 * rule as the occupation eval) is printed so that any later tuning can be checked on queries it never saw.
 * `judged@10` is the share of the top 10 that was graded (unjudged documents count as 0).
 *
 * Occupation classification: accuracy@1/@5 on test/occupations/titles.jsonl (scripts/eval-occupations.ts).
 */
import { existsSync } from 'node:fs';
import { createClassifier } from '../src/occupations/classifier.js';
import { loadTaxonomy } from '../src/occupations/taxonomy.js';
import { evaluate, isHeldOut, readTitles, SHARED_TAXONOMY } from './eval-occupations.js';
import { buildMatchCorpus, loadMatchJudgments, MATCH_SYSTEMS, runMatch, type MatchQuery, type MatchSystem } from './eval/match-corpus.js';
import { mean, ndcgAt, precisionAt, reciprocalRank } from './eval/metrics.js';

const pct = (x: number) => x.toFixed(3);

interface Row { q: MatchQuery; ranked: Record<MatchSystem, string[]> }

function report(label: string, rows: Row[]): void {
  const line = (s: MatchSystem) => {
    const ndcg = mean(rows.map((r) => ndcgAt(r.ranked[s], r.q.judgments, 10)));
    const p5 = mean(rows.map((r) => precisionAt(r.ranked[s], r.q.judgments, 5)));
    const mrr = mean(rows.map((r) => reciprocalRank(r.ranked[s], r.q.judgments)));
    const judged = mean(rows.map((r) => r.ranked[s].slice(0, 10).filter((id) => id in r.q.judgments).length / Math.max(1, Math.min(10, r.ranked[s].length))));
    return `${s.padEnd(8)} nDCG@10 ${pct(ndcg)}  P@5 ${pct(p5)}  MRR ${pct(mrr)}  judged@10 ${(judged * 100).toFixed(0)}%`;
  };
  console.log(`  ${label} (n=${rows.length})`);
  for (const s of MATCH_SYSTEMS) console.log(`    ${line(s)}`);
}

async function main(): Promise<void> {
  const judged = loadMatchJudgments();
  console.log('recommendations: building the demo corpus (3,000 vacancies, 3,000 resumes) …');
  const corpus = await buildMatchCorpus();
  const rows: Row[] = [];
  try {
    for (const q of judged) {
      const ranked = {} as Record<MatchSystem, string[]>;
      for (const s of MATCH_SYSTEMS) ranked[s] = await runMatch(s, corpus, q, 10);
      rows.push({ q, ranked });
    }
  } finally {
    await corpus.close();
  }
  console.log(`recommendations: ${judged.length} judged queries, ${judged.reduce((n, q) => n + Object.keys(q.judgments).length, 0)} graded pairs`);
  report('all', rows);
  report('vacancies for seekers', rows.filter((r) => r.q.kind === 'resume'));
  report('candidates for vacancies', rows.filter((r) => r.q.kind === 'vacancy'));
  report('held-out split', rows.filter((r) => isHeldOut(r.q.id)));

  const file = process.env.OCCUPATIONS_FILE ?? (existsSync(SHARED_TAXONOMY) ? SHARED_TAXONOMY : undefined);
  const titles = readTitles();
  console.log(`occupation classification (${titles.length} labelled titles):`);
  for (const source of file ? [file, undefined] : [undefined]) {
    const c = createClassifier(loadTaxonomy(source));
    for (const [name, items] of [['all', titles], ['held-out', titles.filter((t) => isHeldOut(t.id))]] as const) {
      const a = evaluate(c, items);
      console.log(`  ${c.source.padEnd(7)} (${c.size} 细类) ${name.padEnd(8)} n=${String(a.n).padStart(3)}  accuracy@1 ${(a.at1 * 100).toFixed(1)}%  accuracy@5 ${(a.at5 * 100).toFixed(1)}%`);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
