import { linkResume, linkVacancy, inferOccupation } from '../../src/catalog/link.js';
import { seedCatalog } from '../../src/catalog/load.js';
import type { CatalogEntry } from '../../src/catalog/schema.js';
import { resumeInputSchema, toResume } from '../../src/domain/resume.js';
import { toVacancy, vacancyInputSchema } from '../../src/domain/vacancy.js';
import { scoreMatch, type MatchResume, type MatchVacancy } from '../../src/matching/score.js';
import { createClassifier } from '../../src/occupations/classifier.js';
import { loadTaxonomy } from '../../src/occupations/taxonomy.js';
import { loadJdLines } from './jd-text.js';
import { readTitles } from '../eval-occupations.js';

/**
 * Throughput of the pure matching core. benchScoring: scoreMatch pairs/s for vacancies and resumes built from
 * every catalog entry, with catalog links and occupation codes precomputed as indexing stores them (the
 * re-ranking path). benchClassifier: classifications/s over the labelled titles, half of them with a real
 * job description, against the full taxonomy when OCCUPATIONS_FILE is set, else the built-in list.
 */
const NOW = new Date('2026-11-01T00:00:00+08:00');

function docsFromCatalog(entries: readonly CatalogEntry[]) {
  const vacancies = entries.map((e, i) => toVacancy(`v-${i}`, vacancyInputSchema.parse({
    employer: { id: 'e-b', name: '青岛基准测试有限公司' }, title: e.titles[0] ?? e.occupation,
    description: `负责${e.occupation}相关工作，要求掌握${e.skills.required.join('、')}。`, industry: e.industry,
    skills: [...e.skills.required, ...e.skills.preferred.slice(0, 2)], education: e.education, experienceYearsMin: e.experienceYears,
    salary: { min: e.salary.min, max: e.salary.max }, location: { district: e.districts[0]! }, tags: i % 7 === 0 ? ['妈妈岗'] : [],
    publishedAt: new Date(NOW.getTime() - (i % 30) * 86_400_000).toISOString(),
  }), NOW));
  const resumes = entries.map((e, i) => toResume(`r-${i}`, resumeInputSchema.parse({
    education: e.education, skills: [...e.skills.required.slice(0, 2), ...e.skills.preferred.slice(0, 1)],
    experience: [{ title: e.titles[1] ?? e.occupation, years: e.experienceYears + 1 }], desiredTitles: [e.occupation],
    expectedSalary: { min: e.salary.min, max: e.salary.max }, location: { district: e.districts.at(-1)! }, programs: i % 5 === 0 ? ['宝妈'] : [],
  }), NOW));
  return { vacancies, resumes };
}

export function benchScoring(pairs = 50_000): { pairs: number; pairsPerSec: number } {
  const catalog = seedCatalog();
  const classifier = createClassifier(loadTaxonomy(process.env.OCCUPATIONS_FILE));
  const { vacancies, resumes } = docsFromCatalog(catalog.entries);
  const vs: MatchVacancy[] = vacancies.map((v) => ({ ...v, catalogLinks: linkVacancy(v, catalog, classifier), inferredOccupation: inferOccupation(v, classifier) ?? undefined }));
  const rs: MatchResume[] = resumes.map((r) => ({
    ...r, catalogLinks: linkResume(r, catalog, classifier),
    occupationCodes: [...r.desiredTitles, ...r.experience.map((e) => e.title)].map((t) => classifier.classify({ title: t }, 1)[0]?.code).filter((c): c is string => !!c),
  }));
  const ctx = { now: NOW, catalog, classifier };
  for (let i = 0; i < 2000; i++) scoreMatch(vs[i % vs.length]!, rs[(i * 7) % rs.length]!, ctx);
  const t0 = performance.now();
  for (let i = 0; i < pairs; i++) scoreMatch(vs[i % vs.length]!, rs[(i * 31 + (i / vs.length | 0)) % rs.length]!, ctx);
  return { pairs, pairsPerSec: pairs / ((performance.now() - t0) / 1000) };
}

export function benchClassifier(rounds = 10): { classifications: number; perSec: number; taxonomy: string } {
  const classifier = createClassifier(loadTaxonomy(process.env.OCCUPATIONS_FILE));
  const jd = loadJdLines();
  const inputs = readTitles().map((t, i) => ({ title: t.title, description: i % 2 === 0 ? jd[i % jd.length] : t.description }));
  for (const x of inputs) classifier.classify(x);
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const x of inputs) classifier.classify(x);
  const n = rounds * inputs.length;
  return { classifications: n, perSec: n / ((performance.now() - t0) / 1000), taxonomy: `${classifier.source} (${classifier.size})` };
}
