import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CatalogService } from '../../src/catalog/service.js';
import { ScreenerHolder } from '../../src/compliance/index.js';
import { DEFAULT_REFERENCE_DATE, generateResumes, generateVacancies } from '../../src/demo/index.js';
import type { Resume } from '../../src/domain/resume.js';
import type { Vacancy } from '../../src/domain/vacancy.js';
import { EmbeddedEngine } from '../../src/engine/embedded/engine.js';
import type { Engine } from '../../src/engine/types.js';
import { seedDemoData } from '../../src/indexing/seed-demo.js';
import { recommendResumes, recommendVacancies, type RecommendContext } from '../../src/matching/recommend.js';
import { profileQuery, retrieve, seekerPhrases, vacancyPhrases } from '../../src/matching/retrieval.js';
import { createClassifier } from '../../src/occupations/classifier.js';
import { loadTaxonomy } from '../../src/occupations/taxonomy.js';
import { SHARED_TAXONOMY } from '../eval-occupations.js';

/**
 * The recommendation-evaluation setup: the first 3,000 demo vacancies and 3,000 demo resumes on the embedded
 * engine, linked as the product links them (full taxonomy when OCCUPATIONS_FILE or ../shared has it), "now"
 * fixed at the demo data's reference date. Two systems on the same candidates:
 *   product  — retrieval + re-ranking by scoreMatch (what GET …/matches returns),
 *   baseline — the engine's text retrieval order alone (the same 'any' query from titles and skills, same filters).
 */
export const MATCH_DEMO_COUNT = 3000;
export const MATCH_NOW = new Date(DEFAULT_REFERENCE_DATE);
export const MATCH_JUDGMENTS_FILE = fileURLToPath(new URL('../../test/matching/judgments.jsonl', import.meta.url));

export interface MatchQuery { id: string; kind: 'resume' | 'vacancy'; doc: string; judgments: Record<string, number> }

export function loadMatchJudgments(file = MATCH_JUDGMENTS_FILE): MatchQuery[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as MatchQuery);
}

/** The judged documents: 30 seekers and 30 published vacancies spread evenly over the demo data. */
export function querySet(): Array<Omit<MatchQuery, 'judgments'>> {
  const resumes = generateResumes(MATCH_DEMO_COUNT);
  const vacancies = generateVacancies(MATCH_DEMO_COUNT).filter((v) => (v.status ?? 'published') === 'published');
  const pick = <T extends { id: string }>(xs: T[], n: number) => Array.from({ length: n }, (_, k) => xs[Math.floor((k * xs.length) / n) + 3]!);
  return [
    ...pick(resumes, 30).map((r, i) => ({ id: `s${String(i + 1).padStart(2, '0')}`, kind: 'resume' as const, doc: r.id })),
    ...pick(vacancies, 30).map((v, i) => ({ id: `e${String(i + 1).padStart(2, '0')}`, kind: 'vacancy' as const, doc: v.id })),
  ];
}

export interface MatchCorpus {
  engine: Engine;
  ctx: RecommendContext;
  close: () => Promise<void>;
}

export async function buildMatchCorpus(): Promise<MatchCorpus> {
  const dir = mkdtempSync(join(tmpdir(), 'eval-match-'));
  const raw = new EmbeddedEngine(dir);
  await raw.init();
  const file = process.env.OCCUPATIONS_FILE ?? (existsSync(SHARED_TAXONOMY) ? SHARED_TAXONOMY : undefined);
  const classifier = createClassifier(loadTaxonomy(file));
  const catalog = await CatalogService.open({ dataDir: dir, engine: raw, classifier });
  await seedDemoData(catalog.engine, catalog.pipeline, new ScreenerHolder().screener, { vacancies: MATCH_DEMO_COUNT, resumes: MATCH_DEMO_COUNT }, { progress: false });
  return {
    engine: catalog.engine,
    ctx: { engine: catalog.engine, catalog: catalog.context.catalog, classifier, now: MATCH_NOW },
    close: async () => { await raw.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}

export type MatchSystem = 'product' | 'baseline';
export const MATCH_SYSTEMS: readonly MatchSystem[] = ['product', 'baseline'];

const PARAMS = { district: [], personalization: 'on' as const, explain: false };

export async function runMatch(system: MatchSystem, c: MatchCorpus, q: Omit<MatchQuery, 'judgments'>, size: number): Promise<string[]> {
  const self = await c.engine.get(q.kind, q.doc);
  if (!self) throw new Error(`${q.doc} is not in the corpus`);
  if (system === 'product') {
    const r = q.kind === 'resume'
      ? await recommendVacancies(c.ctx, self as unknown as Resume, { ...PARAMS, size })
      : await recommendResumes(c.ctx, self as unknown as Vacancy, { ...PARAMS, size });
    return r.matches.map((m) => m.id);
  }
  const text = profileQuery(q.kind === 'resume' ? seekerPhrases(self as unknown as Resume) : vacancyPhrases(self as unknown as Vacancy), { keepGeneric: true });
  const kind = q.kind === 'resume' ? 'vacancy' : 'resume';
  const filters = kind === 'vacancy' ? [{ kind: 'terms' as const, field: 'status' as const, values: ['published'] }] : [];
  return (await retrieve(c.engine, kind, text, filters, size, size)).map((h) => h.id);
}
