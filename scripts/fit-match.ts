/**
 * `npm run fit:match`: fits the match-score weights (src/matching/weights.ts) on judged pairs of the development
 * split only, and writes them to src/matching/fitted-weights.json.
 *
 * Data: the demo judgments (test/matching/judgments.jsonl, seekers and vacancies over the demo data) and the
 * real-postings judgments (test/matching/real/judgments.jsonl, 40 written profiles over 4,304 real postings),
 * each query's held-out status fixed by isHeldOut(id) before any fitting; held-out queries are never read here.
 * For each dev query the product's candidates are retrieved once (the same retrieval as GET …/matches), every
 * factor value computed once (matchFactors), then weights are searched by coordinate ascent: each factor's
 * weight multiplied by 0, ½, ⅔, 1.5, 2 in turn, a change kept when the objective (mean nDCG@10 of the demo set
 * and of the real set, averaged; unjudged candidates count as 0) rises by more than 1e-4; rounds until no change
 * (at most 8). Deterministic: the same data give the same weights.
 */
import { writeFileSync } from 'node:fs';
import type { Resume } from '../src/domain/resume.js';
import type { Vacancy } from '../src/domain/vacancy.js';
import { profileQuery, retrieve, seekerPhrases, vacancyPhrases, CANDIDATES } from '../src/matching/retrieval.js';
import { matchFactors, scoredValue, type MatchResume, type MatchVacancy } from '../src/matching/score.js';
import { DEFAULT_WEIGHTS, FACTORS, FITTED_WEIGHTS_FILE, normalizeWeights, type Factor } from '../src/matching/weights.js';
import { isHeldOut } from './eval-occupations.js';
import { buildMatchCorpus, loadMatchJudgments, type MatchCorpus } from './eval/match-corpus.js';
import { buildRealCorpus, loadRealJudgments, loadRealProfiles } from './eval/match-real.js';
import { mean, ndcgAt } from './eval/metrics.js';

interface Query { id: string; set: 'demo' | 'real'; ids: string[]; x: Array<Array<number>>; judgments: Record<string, number> }

async function collect(c: MatchCorpus, set: Query['set'], qs: Array<{ id: string; kind: 'resume' | 'vacancy'; doc: string; judgments: Record<string, number> }>): Promise<Query[]> {
  const out: Query[] = [];
  for (const q of qs) {
    const self = await c.engine.get(q.kind, q.doc);
    if (!self) throw new Error(`${q.doc} missing`);
    const forSeeker = q.kind === 'resume';
    const text = profileQuery(forSeeker ? seekerPhrases(self as unknown as Resume) : vacancyPhrases(self as unknown as Vacancy));
    const filters = forSeeker ? [{ kind: 'terms' as const, field: 'status' as const, values: ['published'] }] : [];
    const hits = await retrieve(c.engine, forSeeker ? 'vacancy' : 'resume', text, filters, CANDIDATES, 20);
    const docs = await c.engine.getMany(forSeeker ? 'vacancy' : 'resume', hits.map((h) => h.id));
    const ids: string[] = [];
    const x: number[][] = [];
    for (const d of docs) {
      if (!d) continue;
      const f = forSeeker
        ? matchFactors(d as unknown as MatchVacancy, self as unknown as MatchResume, c.ctx)
        : matchFactors(self as unknown as MatchVacancy, d as unknown as MatchResume, c.ctx);
      ids.push((d as { id: string }).id);
      x.push(FACTORS.map((k) => scoredValue(f.values[k].value) ?? 0));
    }
    out.push({ id: q.id, set, ids, x, judgments: q.judgments });
  }
  return out;
}

function ndcgOf(q: Query, w: number[]): number {
  const scored = q.ids.map((id, i) => ({ id, s: q.x[i]!.reduce((a, v, k) => a + v * w[k]!, 0) }));
  scored.sort((a, b) => b.s - a.s || a.id.localeCompare(b.id));
  return ndcgAt(scored.map((r) => r.id), q.judgments, 10);
}

function objective(qs: Query[], w: number[]): number {
  const sets = (['demo', 'real'] as const).map((s) => qs.filter((q) => q.set === s)).filter((x) => x.length);
  return mean(sets.map((xs) => mean(xs.map((q) => ndcgOf(q, w)))));
}

async function main(): Promise<void> {
  const demoJ = loadMatchJudgments().filter((q) => !isHeldOut(q.id));
  const realJ = loadRealJudgments();
  const realQ = loadRealProfiles().filter((p) => !isHeldOut(p.id) && realJ.has(p.id))
    .map((p) => ({ id: p.id, kind: 'resume' as const, doc: p.resume.id, judgments: realJ.get(p.id)! }));
  console.log(`fit:match: ${demoJ.length} demo and ${realQ.length} real dev queries (held-out queries are not read)`);
  const qs: Query[] = [];
  const demo = await buildMatchCorpus();
  try { qs.push(...await collect(demo, 'demo', demoJ)); } finally { await demo.close(); }
  const real = await buildRealCorpus();
  try { qs.push(...await collect(real, 'real', realQ)); } finally { await real.close(); }

  let w = FACTORS.map((f) => DEFAULT_WEIGHTS[f]);
  let best = objective(qs, w);
  const start = best;
  console.log(`  start (hand-set defaults): dev objective ${best.toFixed(4)}`);
  const steps = [0, 0.5, 2 / 3, 1.5, 2];
  for (let round = 1; round <= 8; round++) {
    let changed = false;
    for (let k = 0; k < FACTORS.length; k++) {
      for (const m of steps) {
        const base = w[k]! === 0 ? 1 : w[k]!;
        const t = w.slice();
        t[k] = m === 0 ? 0 : base * m;
        const o = objective(qs, t);
        if (o > best + 1e-4) { best = o; w = t; changed = true; }
      }
    }
    console.log(`  round ${round}: dev objective ${best.toFixed(4)}`);
    if (!changed) break;
  }
  const weights = normalizeWeights(Object.fromEntries(FACTORS.map((f, i) => [f, w[i]!])) as Record<Factor, number>);
  const file = {
    note: 'Fitted by scripts/fit-match.ts (npm run fit:match) on the development split only; do not edit by hand.',
    method: 'coordinate ascent on mean nDCG@10 (demo and real sets averaged), multiplicative steps 0, 1/2, 2/3, 3/2, 2',
    devQueries: { demo: qs.filter((q) => q.set === 'demo').length, real: qs.filter((q) => q.set === 'real').length },
    objective: { start: Math.round(start * 10000) / 10000, fitted: Math.round(best * 10000) / 10000 },
    weights,
  };
  writeFileSync(FITTED_WEIGHTS_FILE, JSON.stringify(file, null, 2) + '\n');
  console.log(`  weights: ${FACTORS.map((f) => `${f} ${weights[f]}`).join(', ')}`);
  console.log(`  written ${FITTED_WEIGHTS_FILE}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
