import { performance } from 'node:perf_hooks';
import { EmbeddedAlertStore } from '../../src/alerts/embedded-store.js';
import { docView, subscriptionKeys, vacancyKeys } from '../../src/alerts/predicate.js';
import { AlertService, compileResume, compileSearch, predicateKey } from '../../src/alerts/service.js';
import type { Subscription } from '../../src/alerts/types.js';
import { seedCatalog } from '../../src/catalog/load.js';
import { generateResumes, generateVacancies, Rng } from '../../src/demo/index.js';
import { toResume, resumeInputSchema } from '../../src/domain/resume.js';
import type { IndexDoc } from '../../src/engine/types.js';
import { KIND_SPECS, prepareLine } from '../../src/indexing/service.js';
import { createClassifier } from '../../src/occupations/classifier.js';
import { loadTaxonomy } from '../../src/occupations/taxonomy.js';
import { linkResumeDoc, linkVacancyDoc } from '../../src/catalog/linker.js';
import type { Vacancy } from '../../src/domain/vacancy.js';

/**
 * Matching one new vacancy against N subscriptions, in process (the embedded store's index; the Elasticsearch
 * store runs the same candidate lookup as one terms query): docView + keys + index lookup + the exact test of
 * every candidate (and the match score for resume subscriptions). Subscriptions: 70% saved searches built from
 * demo vacancies (a title word or a skill as q; half with a district, a third with a minimum salary, a fifth
 * with an industry), 30% resume subscriptions of demo resumes. Vacancies: demo vacancies of another seed.
 */
const NOW = new Date('2026-11-01T00:00:00+08:00');

export function buildSubscriptions(n: number, resumeShare = 0.3): Subscription[] {
  const rng = new Rng(20261203);
  const classifier = createClassifier(loadTaxonomy(process.env.OCCUPATIONS_FILE));
  const catalog = seedCatalog();
  const seedVacancies = generateVacancies(3000, { seed: 11 });
  const resumeCount = Math.round(n * resumeShare);
  const resumes = generateResumes(Math.min(resumeCount, 20_000), { seed: 12 });
  const subs: Subscription[] = [];
  const owner = { keyId: 'bench', role: 'recruiter' as const };
  for (let i = 0; subs.length < n - resumeCount; i++) {
    const v = seedVacancies[i % seedVacancies.length]!;
    const words = [v.title.replace(/[（(].*$/, ''), ...(v.skills ?? [])].filter(Boolean);
    const search: Record<string, unknown> = { q: words[rng.int(0, words.length - 1)]! };
    if (rng.next() < 0.5) search.district = v.location.district;
    if (rng.next() < 0.33) search.salaryMin = String(4000 + rng.int(0, 7) * 1000);
    if (rng.next() < 0.2 && v.industry) search.industry = v.industry;
    try {
      const c = compileSearch(search, NOW.getTime());
      subs.push({ id: `s-${i}`, owner, search: c.search, status: 'active', createdAt: NOW.toISOString(), keys: subscriptionKeys(c.predicate), predicate: c.predicate, predicateKey: predicateKey(c.predicate) });
    } catch { /* a word the analyser drops entirely */ }
  }
  for (let i = 0; i < resumeCount; i++) {
    const raw = resumes[i % resumes.length]!;
    const r = linkResumeDoc(toResume(`r-${i}`, resumeInputSchema.parse({ ...raw, id: undefined }), NOW), { catalog, revision: 1, classifier });
    const predicate = compileResume(r);
    subs.push({ id: `rs-${i}`, owner: { keyId: 'bench', role: 'seeker' }, resumeId: r.id, minScore: 60, status: 'active', createdAt: NOW.toISOString(), keys: subscriptionKeys(predicate), predicate, resume: r });
  }
  return subs;
}

export async function benchAlerts(n = 100_000, vacancyCount = 1000, resumeShare = 0.3) {
  const t0 = performance.now();
  const subs = buildSubscriptions(n, resumeShare);
  const built = performance.now() - t0;
  const store = new EmbeddedAlertStore('/nonexistent-bench-dir');
  store.loadForBench(subs);
  const classifier = createClassifier(loadTaxonomy(process.env.OCCUPATIONS_FILE));
  const catalog = seedCatalog();
  const settings = { minScore: 60, webhook: { allowedHosts: [], allowPrivate: false, timeoutMs: 1, backoffBaseMs: 1, backoffMaxMs: 1, retryForMs: 1, pollMs: 1000, concurrency: 1 } };
  const services = {
    pruned: new AlertService({ store, engine: undefined as never, matchContext: () => ({ now: NOW, catalog, classifier }), settings }),
    unpruned: new AlertService({ store, engine: undefined as never, matchContext: () => ({ now: NOW, catalog, classifier }), settings, prune: false }),
  };
  const docs: IndexDoc[] = [];
  for (const [i, v] of generateVacancies(vacancyCount, { seed: 99 }).entries()) {
    const p = prepareLine('vacancy', i + 1, { ...v, id: `v-new-${i}` }, NOW);
    if (p.ok) docs.push(KIND_SPECS.vacancy.analyse(linkVacancyDoc(p.doc.source as unknown as Vacancy, { catalog, revision: 1, classifier })));
  }
  const ctx = { now: NOW, catalog, classifier };
  // Both modes on the same vacancies in the same run, alternating which goes first (the machine is shared).
  // The machine is shared: wall-clock times include waiting for a core, CPU times do not.
  const modes = ['pruned', 'unpruned'] as const;
  const times = { pruned: [] as number[], unpruned: [] as number[] };
  const cpuTimes = { pruned: [] as number[], unpruned: [] as number[] };
  const found = { pruned: 0, unpruned: 0 };
  let candidates = 0;
  for (let round = 0; round < 2; round++) {
    for (const [di, doc] of docs.entries()) {
      for (const mode of di % 2 ? modes : [...modes].reverse()) {
        const s = performance.now();
        const cpu0 = process.cpuUsage();
        const v = docView(doc);
        const cands = store.candidatesSync(vacancyKeys(v));
        let m = 0;
        const memo = new Map<string, boolean>();
        for (const c of cands) if (services[mode].evaluate(c, v, ctx, memo)) m++;
        const ms = performance.now() - s;
        const cpu = process.cpuUsage(cpu0);
        if (round === 1) { // round 0 warms up
          times[mode].push(ms); cpuTimes[mode].push((cpu.user + cpu.system) / 1000); found[mode] += m;
          if (mode === 'pruned') candidates += cands.length;
        }
      }
    }
  }
  for (const mode of modes) { times[mode].sort((a, b) => a - b); cpuTimes[mode].sort((a, b) => a - b); }
  if (found.pruned !== found.unpruned) throw new Error(`pruning changed the matches: ${found.pruned} vs ${found.unpruned}`);
  const q = (p: number, xs: number[]) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
  return {
    subscriptions: subs.length, savedSearches: subs.filter((s) => !s.resume).length, resumeSubscriptions: subs.filter((s) => s.resume).length,
    vacancies: docs.length, buildMs: Math.round(built),
    p50Ms: q(0.5, times.pruned), p99Ms: q(0.99, times.pruned), maxMs: times.pruned[times.pruned.length - 1]!,
    cpuP50Ms: q(0.5, cpuTimes.pruned), cpuP99Ms: q(0.99, cpuTimes.pruned),
    unpruned: { p50Ms: q(0.5, times.unpruned), p99Ms: q(0.99, times.unpruned), cpuP50Ms: q(0.5, cpuTimes.unpruned), cpuP99Ms: q(0.99, cpuTimes.unpruned) },
    distinctPredicates: new Set(subs.map((x) => x.predicateKey ?? x.id)).size,
    meanCandidates: candidates / docs.length, meanMatches: found.pruned / docs.length,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchAlerts(Number(process.env.BENCH_SUBSCRIPTIONS ?? 100_000), Number(process.env.BENCH_ALERT_VACANCIES ?? 1000), Number(process.env.BENCH_RESUME_SHARE ?? 0.3));
  console.log(JSON.stringify(r, null, 2));
}
