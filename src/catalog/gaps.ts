import type { Resume } from '../domain/resume.js';
import type { Vacancy } from '../domain/vacancy.js';
import type { Engine } from '../engine/types.js';
import { wholeDocuments } from '../search/whole-documents.js';
import { matchSkills } from '../analysis/skills.js';
import type { CatalogLink } from './link.js';
import { linkResumeDoc, linkVacancyDoc, type LinkContext } from './linker.js';
import type { CatalogEntry } from './schema.js';
import { breathe, walkPages } from './walk.js';

/**
 * The supply–demand report of the catalog (GET /v1/catalog/gaps), per entry:
 *   demand  = published vacancies linked to it and the sum of their headcount,
 *   supply  = resumes linked to it,
 *   ratio   = demand headcount / supply (求人倍率; null when there is no supply),
 *   missingSkills = the entry's skills (required and preferred) most often missing among its near-miss
 *                   candidates: resumes linked to it or scoring just below the link threshold.
 * Computed by walking every published vacancy and every resume once (cursor paging, 500 per page), reading the
 * links stored at index time; documents linked with an older catalog revision (while a re-link runs) are linked
 * again on the fly. Cost: O(vacancies + resumes) reads plus a skill comparison per (candidate, entry) pair —
 * about 3 s per 100,000 documents on the embedded store (6.2 s for 100,000 vacancies and 100,000 resumes); the
 * service (CatalogService.gaps) keeps the last report and refreshes it in the background.
 */
export interface GapRow {
  entryId: string;
  kind: CatalogEntry['kind'];
  industry: string;
  subIndustry?: string;
  occupation: string;
  occupationCode: string;
  demandLevel: number;
  demand: { vacancies: number; headcount: number };
  supply: { resumes: number; nearMiss: number };
  ratio: number | null;
  missingSkills: Array<{ skill: string; count: number; share: number }>;
}

export interface GapReport {
  revision: number;
  version: string;
  computedAt: string;
  scanned: { vacancies: number; resumes: number; ms: number };
  entries: GapRow[];
}

const TOP_SKILLS = 5;

interface Tally { vacancies: number; headcount: number; resumes: number; nearMiss: number; candidates: number; missing: Map<string, number> }

/** Documents per page of the walk: lean hits (no long free text) of about half a kilobyte each. */
const PAGE = 2000;

export interface GapsOptions {
  /** Stops the walk between pages (a background refresh at shutdown). */
  signal?: AbortSignal;
  /** Called after each page with the documents walked so far. */
  onProgress?: (scanned: { vacancies: number; resumes: number }) => void;
}

export async function computeGaps(engine: Engine, ctx: LinkContext, opts: GapsOptions = {}): Promise<GapReport> {
  const { signal, onProgress } = opts;
  const t0 = performance.now();
  const tallies = new Map<string, Tally>(ctx.catalog.entries.map((e) => [e.id, { vacancies: 0, headcount: 0, resumes: 0, nearMiss: 0, candidates: 0, missing: new Map() }]));
  const entries = new Map(ctx.catalog.entries.map((e) => [e.id, e]));
  const scanned = { vacancies: 0, resumes: 0, ms: 0 };

  // Links stored at index time are read from lean hits; a document linked with another revision is read whole
  // (one round trip per page) and linked again.
  const stale = (d: { catalogRevision?: number }) => d.catalogRevision !== ctx.revision;
  for await (const hits of walkPages(engine, 'vacancy', [{ kind: 'terms', field: 'status', values: ['published'] }], PAGE, true)) {
    for (let v of await wholeDocuments<Vacancy>(engine, 'vacancy', hits, stale)) {
      if (stale(v)) v = linkVacancyDoc(v, ctx);
      scanned.vacancies++;
      for (const l of v.catalogLinks ?? []) {
        const t = tallies.get(l.entryId);
        if (t) { t.vacancies++; t.headcount += v.headcount ?? 1; }
      }
    }
    signal?.throwIfAborted();
    onProgress?.(scanned);
    await breathe();
  }

  for await (const hits of walkPages(engine, 'resume', [], PAGE, true)) {
    for (let r of await wholeDocuments<Resume>(engine, 'resume', hits, stale)) {
      if (stale(r)) r = linkResumeDoc(r, ctx);
      scanned.resumes++;
      const count = (links: readonly CatalogLink[] | undefined, linked: boolean) => {
        for (const l of links ?? []) {
          const t = tallies.get(l.entryId);
          const e = entries.get(l.entryId);
          if (!t || !e) continue;
          if (linked) t.resumes++;
          else t.nearMiss++;
          t.candidates++;
          for (const s of matchSkills([...e.skills.required, ...e.skills.preferred], r.skills ?? []).missing) t.missing.set(s, (t.missing.get(s) ?? 0) + 1);
        }
      };
      count(r.catalogLinks, true);
      count(r.catalogNear, false);
    }
    signal?.throwIfAborted();
    onProgress?.(scanned);
    await breathe();
  }

  const rows: GapRow[] = ctx.catalog.entries.map((e) => {
    const t = tallies.get(e.id)!;
    return {
      entryId: e.id, kind: e.kind, industry: e.industry, ...(e.subIndustry ? { subIndustry: e.subIndustry } : {}),
      occupation: e.occupation, occupationCode: e.occupationCode, demandLevel: e.demandLevel,
      demand: { vacancies: t.vacancies, headcount: t.headcount },
      supply: { resumes: t.resumes, nearMiss: t.nearMiss },
      ratio: t.resumes ? Math.round((t.headcount / t.resumes) * 100) / 100 : null,
      missingSkills: [...t.missing].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP_SKILLS)
        .map(([skill, n]) => ({ skill, count: n, share: Math.round((n / t.candidates) * 100) / 100 })),
    };
  });
  // Largest shortage first: demand without supply, then the highest ratio, then the most headcount; no data last.
  const key = (r: GapRow) => r.ratio ?? (r.demand.headcount > 0 ? Infinity : -1);
  rows.sort((a, b) => (key(a) === key(b) ? 0 : key(a) > key(b) ? -1 : 1) || b.demand.headcount - a.demand.headcount || a.entryId.localeCompare(b.entryId));
  scanned.ms = Math.round(performance.now() - t0);
  return { revision: ctx.revision, version: ctx.catalog.version, computedAt: new Date().toISOString(), scanned, entries: rows };
}
