import { describe, expect, it } from 'vitest';
import { docView } from '../../src/alerts/predicate.js';
import { AlertService, compileResume } from '../../src/alerts/service.js';
import type { Subscription } from '../../src/alerts/types.js';
import { linkResumeDoc, linkVacancyDoc } from '../../src/catalog/linker.js';
import { seedCatalog } from '../../src/catalog/load.js';
import { generateResumes, generateVacancies } from '../../src/demo/index.js';
import { resumeInputSchema, toResume } from '../../src/domain/resume.js';
import type { Vacancy } from '../../src/domain/vacancy.js';
import { KIND_SPECS, prepareLine } from '../../src/indexing/service.js';
import { boundSeeker, scoreMatch, scoreUpperBound, type MatchContext, type MatchResume, type MatchVacancy } from '../../src/matching/score.js';
import { DEFAULT_WEIGHTS } from '../../src/matching/weights.js';
import { createClassifier } from '../../src/occupations/classifier.js';
import { loadTaxonomy } from '../../src/occupations/taxonomy.js';

// Resume subscriptions are pruned by an upper bound on the match score (scoreUpperBound): a candidate is scored
// only when its bound reaches the threshold. The events must be exactly those of scoring every candidate. The
// pruning is in AlertService.evaluate, which both stores share (they differ only in how candidates are found).
const NOW = new Date('2026-11-01T00:00:00+08:00');
const classifier = createClassifier(loadTaxonomy(process.env.OCCUPATIONS_FILE));
const catalog = seedCatalog();
const ctx: MatchContext = { now: NOW, catalog, classifier };
const settings = { minScore: 60, webhook: { allowedHosts: [], allowPrivate: false, timeoutMs: 1, backoffBaseMs: 1, backoffMaxMs: 1, retryForMs: 1, pollMs: 1000, concurrency: 1 } };

const vacancies = generateVacancies(150, { seed: 4242 }).flatMap((v, i) => {
  const p = prepareLine('vacancy', i + 1, { ...v, id: `v-prune-${i}` }, NOW);
  return p.ok ? [KIND_SPECS.vacancy.analyse(linkVacancyDoc(p.doc.source as unknown as Vacancy, { catalog, revision: 1, classifier }))] : [];
});
const resumes = generateResumes(150, { seed: 4343 }).map((raw, i) =>
  linkResumeDoc(toResume(`r-prune-${i}`, resumeInputSchema.parse({ ...raw, id: undefined }), NOW), { catalog, revision: 1, classifier }));
const THRESHOLDS = [40, 55, 60, 65, 75];
const subs: Subscription[] = resumes.map((r, i) => {
  const predicate = compileResume(r);
  return { id: `rs-${i}`, owner: { keyId: 'k', role: 'seeker' }, resumeId: r.id, minScore: THRESHOLDS[i % THRESHOLDS.length]!, status: 'active', createdAt: NOW.toISOString(), keys: [], predicate, resume: r };
});

describe('pruning resume candidates by a score bound', () => {
  it('the bound is never below the score, for every pair and for other weights too', () => {
    const flat = { ...ctx, weights: { ...DEFAULT_WEIGHTS } };
    let pairs = 0;
    for (const d of vacancies) {
      const v = d.source as unknown as MatchVacancy;
      for (const r of resumes) {
        for (const c of [ctx, flat]) {
          const score = scoreMatch(v, r as MatchResume, c).score;
          const bound = scoreUpperBound(v, boundSeeker(r as MatchResume, c), c);
          if (bound < score) expect({ vacancy: d.id, resume: r.id, bound, score }).toBeUndefined();
        }
        pairs++;
      }
    }
    expect(pairs).toBe(vacancies.length * resumes.length);
  });

  it('gives the same matches and scores as scoring every candidate, and prunes some', () => {
    const pruned = new AlertService({ store: undefined as never, engine: undefined as never, settings, matchContext: () => ctx });
    const full = new AlertService({ store: undefined as never, engine: undefined as never, settings, matchContext: () => ctx, prune: false });
    let matched = 0, skipped = 0, candidates = 0;
    for (const d of vacancies) {
      const v = docView(d);
      const a: Array<[string, number | undefined]> = [];
      const b: Array<[string, number | undefined]> = [];
      for (const s of subs) {
        const x = pruned.evaluate(s, v, ctx, new Map());
        const y = full.evaluate(s, v, ctx, new Map());
        if (x) a.push([s.id, x.score]);
        if (y) b.push([s.id, y.score]);
        // Candidates: those the predicate lets through; skipped: those the bound alone rules out.
        const through = full.evaluate({ ...s, resume: undefined }, v, ctx);
        if (through) {
          candidates++;
          if (scoreUpperBound(d.source as unknown as MatchVacancy, boundSeeker(s.resume as MatchResume, ctx), ctx) < s.minScore!) skipped++;
        }
      }
      expect(a).toEqual(b);
      matched += a.length;
    }
    expect(matched).toBeGreaterThan(50);
    expect(candidates).toBeGreaterThan(matched);
    expect(skipped).toBeGreaterThan(0);
  });
});
