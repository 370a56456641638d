/**
 * `npm run eval:match`: quality of the two-way recommendations and of occupation classification, in one run.
 *
 * Recommendations: nDCG@10 and P@5 (grade ≥ 2 counting as relevant; also MRR) of two systems on the same
 * candidates:
 *   product  — the engine's retrieval re-ranked by scoreMatch (what GET …/matches returns),
 *   baseline — text only: the engine's text retrieval order alone (no re-ranking).
 * Two judged sets, each split by a hash of the query id (isHeldOut, ~30 % held out, fixed before the weights were
 * fitted; `npm run fit:match` reads the dev split only):
 *   demo — test/matching/judgments.jsonl: 30 seekers and 30 published vacancies over the first 3,000 demo
 *          vacancies and resumes, pooled top 20 of both systems, graded 0–3 (scripts/eval/match-pool.ts);
 *   real — test/matching/real/: 40 written seeker profiles (sparse, rich, blue-collar, white-collar, career
 *          changer) over the 4,304 real postings of ../shared/data/jd, pooled top 10 of the product (before and
 *          after this change) and of the baseline, graded 0–3 blind to the system (scripts/eval/match-real.ts).
 * `judged@10` is the share of the top 10 that was graded (unjudged documents count as 0).
 * `--json FILE` writes the figures.
 *
 * Occupation classification: accuracy@1/@5 on test/occupations/titles.jsonl (scripts/eval-occupations.ts).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { createClassifier } from '../src/occupations/classifier.js';
import { loadTaxonomy } from '../src/occupations/taxonomy.js';
import { evaluate, isHeldOut, readTitles, SHARED_TAXONOMY } from './eval-occupations.js';
import { buildMatchCorpus, loadMatchJudgments, MATCH_SYSTEMS, runMatch, type MatchCorpus, type MatchQuery, type MatchSystem } from './eval/match-corpus.js';
import { buildRealCorpus, hasRealPostings, loadRealJudgments, loadRealProfiles, PROFILE_KINDS } from './eval/match-real.js';
import { mean, ndcgAt, precisionAt, reciprocalRank } from './eval/metrics.js';

const pct = (x: number) => x.toFixed(3);

interface Row { q: MatchQuery; group: string; ranked: Record<MatchSystem, string[]> }
type Figures = Record<MatchSystem, { ndcg10: number; p5: number; mrr: number; judged10: number }> & { n: number };
const figures: Record<string, Figures> = {};

function report(label: string, rows: Row[]): void {
  if (!rows.length) return;
  const f = { n: rows.length } as Figures;
  const line = (s: MatchSystem) => {
    const ndcg = mean(rows.map((r) => ndcgAt(r.ranked[s], r.q.judgments, 10)));
    const p5 = mean(rows.map((r) => precisionAt(r.ranked[s], r.q.judgments, 5)));
    const mrr = mean(rows.map((r) => reciprocalRank(r.ranked[s], r.q.judgments)));
    const judged = mean(rows.map((r) => r.ranked[s].slice(0, 10).filter((id) => id in r.q.judgments).length / Math.max(1, Math.min(10, r.ranked[s].length))));
    f[s] = { ndcg10: ndcg, p5, mrr, judged10: judged };
    return `${s.padEnd(8)} nDCG@10 ${pct(ndcg)}  P@5 ${pct(p5)}  MRR ${pct(mrr)}  judged@10 ${(judged * 100).toFixed(0)}%`;
  };
  console.log(`  ${label} (n=${rows.length})`);
  for (const s of MATCH_SYSTEMS) console.log(`    ${line(s)}`);
  console.log(`    product / baseline nDCG@10 ${(f.product.ndcg10 / Math.max(1e-9, f.baseline.ndcg10)).toFixed(3)}×`);
  figures[label] = f;
}

async function rank(corpus: MatchCorpus, qs: Array<{ q: MatchQuery; group: string }>): Promise<Row[]> {
  const rows: Row[] = [];
  try {
    for (const { q, group } of qs) {
      const ranked = {} as Record<MatchSystem, string[]>;
      for (const s of MATCH_SYSTEMS) ranked[s] = await runMatch(s, corpus, q, 10);
      rows.push({ q, group, ranked });
    }
  } finally {
    await corpus.close();
  }
  return rows;
}

function reportSet(name: string, rows: Row[], groups: readonly string[]): void {
  for (const [split, keep] of [['all', () => true], ['dev', (r: Row) => !isHeldOut(r.q.id)], ['held-out', (r: Row) => isHeldOut(r.q.id)]] as const) {
    const xs = rows.filter(keep);
    report(`${name} ${split}`, xs);
    for (const g of groups) report(`${name} ${split} · ${g}`, xs.filter((r) => r.group === g));
  }
}

async function main(): Promise<void> {
  const only = process.argv.includes('--real') ? 'real' : process.argv.includes('--demo') ? 'demo' : undefined;
  if (only !== 'real') {
    const judged = loadMatchJudgments();
    console.log('recommendations, demo set: building the corpus (3,000 vacancies, 3,000 resumes) …');
    const rows = await rank(await buildMatchCorpus(), judged.map((q) => ({ q, group: q.kind === 'resume' ? 'vacancies for seekers' : 'candidates for vacancies' })));
    console.log(`recommendations, demo set: ${judged.length} judged queries, ${judged.reduce((n, q) => n + Object.keys(q.judgments).length, 0)} graded pairs`);
    reportSet('demo', rows, ['vacancies for seekers', 'candidates for vacancies']);
  }
  if (only !== 'demo') {
    if (!hasRealPostings()) console.log('recommendations, real set: ../shared/data/jd is missing, skipped');
    else {
      const judged = loadRealJudgments();
      const profiles = loadRealProfiles().filter((p) => judged.has(p.id));
      console.log(`recommendations, real set: building the corpus (4,304 real postings, ${profiles.length} judged profiles) …`);
      const rows = await rank(await buildRealCorpus(), profiles.map((p) => ({ q: { id: p.id, kind: 'resume' as const, doc: p.resume.id, judgments: judged.get(p.id)! }, group: p.kind })));
      console.log(`recommendations, real set: ${rows.length} judged profiles, ${rows.reduce((n, r) => n + Object.keys(r.q.judgments).length, 0)} graded pairs`);
      reportSet('real', rows, PROFILE_KINDS);
    }
  }
  const json = process.argv.indexOf('--json');
  if (json >= 0 && process.argv[json + 1]) writeFileSync(process.argv[json + 1]!, JSON.stringify(figures, null, 1) + '\n');
  if (only) return;

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
