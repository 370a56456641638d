import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CatalogService } from '../../src/catalog/service.js';
import type { ResumeInput } from '../../src/domain/resume.js';
import { EmbeddedEngine } from '../../src/engine/embedded/engine.js';
import type { Engine, Kind } from '../../src/engine/types.js';
import { prepareLine, writeBatch } from '../../src/indexing/service.js';
import { createClassifier } from '../../src/occupations/classifier.js';
import { loadTaxonomy } from '../../src/occupations/taxonomy.js';
import { SHARED_TAXONOMY } from '../eval-occupations.js';
import { jdDir, realPostings } from './corpus.js';
import type { MatchCorpus } from './match-corpus.js';
import { MATCH_NOW } from './match-corpus.js';

/**
 * The real-postings recommendation set (issue 12, section 3).
 *
 * Documents: the 4,304 real job descriptions of ../shared/data/jd (智联招聘 / 51job up to 2018-12, collected by
 * CarryChang/zhilian-51job-analysis, Apache-2.0), turned into vacancies mechanically by scripts/eval/corpus.ts
 * (title from the text; no skills, salary 面议, education 不限 — the crawl has none of these; every posting and
 * profile in one district, as the crawl has no places). Everything else the matcher knows about them it derives itself from the text (requirements.ts).
 * All four buckets are IT / electronics postings: there is no licensed multi-trade crawl here, so the
 * "blue-collar" profiles are technicians and hands-on trades that such a board does serve.
 *
 * Profiles: test/matching/real/profiles.jsonl — 40 seekers written by the team as realistic resumes (8 each of
 * sparse, rich, blue-collar, white-collar, career changer); no protected attributes.
 * Judgments: test/matching/real/judgments.jsonl — for each profile the pooled top 10 of the product and of the
 * text-only baseline (scripts/eval/match-real-pool.ts prints the pool in id order, without systems), graded 0–3
 * on the posting's merits against the profile.
 * Split: held-out = isHeldOut(profile id) (FNV-1a hash, ~30 %), fixed before any fitting; the fit reads dev only.
 */
export const REAL_PROFILES_FILE = fileURLToPath(new URL('../../test/matching/real/profiles.jsonl', import.meta.url));
export const REAL_JUDGMENTS_FILE = fileURLToPath(new URL('../../test/matching/real/judgments.jsonl', import.meta.url));

/** The one district of the real set (see buildRealCorpus). */
export const REAL_DISTRICT = '市南区';

export type ProfileKind = 'sparse' | 'rich' | 'blue-collar' | 'white-collar' | 'career-changer';
export const PROFILE_KINDS: readonly ProfileKind[] = ['sparse', 'rich', 'blue-collar', 'white-collar', 'career-changer'];
export interface RealProfile { id: string; kind: ProfileKind; resume: ResumeInput & { id: string } }

export function loadRealProfiles(file = REAL_PROFILES_FILE): RealProfile[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as RealProfile);
}

export function loadRealJudgments(file = REAL_JUDGMENTS_FILE): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  if (!existsSync(file)) return out;
  for (const l of readFileSync(file, 'utf8').split('\n')) {
    if (!l.trim()) continue;
    const j = JSON.parse(l) as { id: string; judgments: Record<string, number> };
    out.set(j.id, { ...(out.get(j.id) ?? {}), ...j.judgments });
  }
  return out;
}

export function hasRealPostings(): boolean {
  return existsSync(join(jdDir(), 'jd_software.txt'));
}

async function write(engine: Engine, kind: Kind, docs: unknown[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) {
    const batch = [];
    for (const [j, d] of docs.slice(i, i + 500).entries()) {
      const p = prepareLine(kind, i + j + 1, d, MATCH_NOW);
      if (!p.ok) throw new Error(`${kind} ${(d as { id: string }).id} rejected: ${JSON.stringify(p.item)}`);
      batch.push({ line: p.line, doc: p.doc });
    }
    const items = await writeBatch(engine, kind, batch);
    const bad = items.find((it) => it.result === 'error');
    if (bad) throw new Error(`indexing failed: ${JSON.stringify(bad)}`);
  }
}

/** The real postings and the profiles on the embedded engine, linked as the product links them. */
export async function buildRealCorpus(profiles = loadRealProfiles()): Promise<MatchCorpus> {
  const dir = mkdtempSync(join(tmpdir(), 'eval-match-real-'));
  const raw = new EmbeddedEngine(dir);
  await raw.init();
  const file = process.env.OCCUPATIONS_FILE ?? (existsSync(SHARED_TAXONOMY) ? SHARED_TAXONOMY : undefined);
  const classifier = createClassifier(loadTaxonomy(file));
  const catalog = await CatalogService.open({ dataDir: dir, engine: raw, classifier });
  // The crawl has no places: every posting and profile is put in one district, so distance cannot decide here
  // (the judgments ignore place too); the demo set measures location.
  const place = { district: REAL_DISTRICT };
  await write(catalog.engine, 'vacancy', realPostings().map((v) => ({ ...v, location: place })));
  await write(catalog.engine, 'resume', profiles.map((p) => ({ ...p.resume, location: place })));
  return {
    engine: catalog.engine,
    ctx: { engine: catalog.engine, catalog: catalog.context.catalog, classifier, now: MATCH_NOW },
    close: async () => { await raw.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}
