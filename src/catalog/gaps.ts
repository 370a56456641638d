import { MISSING_SEPARATOR, type Engine } from '../engine/types.js';
import type { LinkContext } from './linker.js';
import type { CatalogEntry } from './schema.js';

/**
 * The supply–demand report of the catalog (GET /v1/catalog/gaps), per entry:
 *   demand  = published vacancies linked to it and the sum of their headcount,
 *   supply  = resumes linked to it,
 *   ratio   = demand headcount / supply (求人倍率; null when there is no supply),
 *   missingSkills = the entry's skills (required and preferred) most often missing among its near-miss
 *                   candidates: resumes linked to it or scoring just below the link threshold.
 * Answered by aggregations over keyword fields stored at link time (src/indexing/documents.ts linkKeywords:
 * `catalog`, `catalogNear`, `catalogMissing` = entry id + skill), not by walking documents: four aggregations,
 * the same on both engines (terms aggregations in one msearch on Elasticsearch, GROUP BY over the keyword postings on the
 * embedded store), so every replica answers the same report from the shared index. While a re-link runs, documents
 * not yet re-linked count with the links of the revision they were linked with (`relinking: true`).
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

export async function computeGaps(engine: Engine, ctx: LinkContext): Promise<GapReport> {
  const t0 = performance.now();
  const entries = ctx.catalog.entries.length;
  const skills = ctx.catalog.entries.reduce((n, e) => n + e.skills.required.length + e.skills.preferred.length, 0);
  // One round trip: an msearch on Elasticsearch (plain terms aggregations sized to the catalog), queries on embedded.
  const [demand, linked, near, missing] = await engine.termCountsMany([
    { kind: 'vacancy', field: 'catalog', filters: [{ field: 'status', values: ['published'] }], sum: 'headcount', maxValues: entries },
    { kind: 'resume', field: 'catalog', maxValues: entries },
    { kind: 'resume', field: 'catalogNear', maxValues: entries },
    { kind: 'resume', field: 'catalogMissing', maxValues: skills },
  ]);
  const published = demand!.total;
  const resumes = linked!.total;
  const missingByEntry = new Map<string, Array<[string, number]>>();
  for (const [value, { count }] of missing!.counts) {
    const cut = value.indexOf(MISSING_SEPARATOR);
    if (cut < 0) continue;
    const entryId = value.slice(0, cut);
    let list = missingByEntry.get(entryId);
    if (!list) missingByEntry.set(entryId, (list = []));
    list.push([value.slice(cut + 1), count]);
  }
  const scanned = { vacancies: published, resumes, ms: 0 };
  const t = (e: CatalogEntry) => {
    const d = demand!.counts.get(e.id);
    return { vacancies: d?.count ?? 0, headcount: Math.round(d?.sum ?? 0), resumes: linked!.counts.get(e.id)?.count ?? 0, nearMiss: near!.counts.get(e.id)?.count ?? 0 };
  };
  const rows: GapRow[] = ctx.catalog.entries.map((e) => {
    const tally = t(e);
    const candidates = tally.resumes + tally.nearMiss;
    return {
      entryId: e.id, kind: e.kind, industry: e.industry, ...(e.subIndustry ? { subIndustry: e.subIndustry } : {}),
      occupation: e.occupation, occupationCode: e.occupationCode, demandLevel: e.demandLevel,
      demand: { vacancies: tally.vacancies, headcount: tally.headcount },
      supply: { resumes: tally.resumes, nearMiss: tally.nearMiss },
      ratio: tally.resumes ? Math.round((tally.headcount / tally.resumes) * 100) / 100 : null,
      missingSkills: [...(missingByEntry.get(e.id) ?? [])].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP_SKILLS)
        .map(([skill, n]) => ({ skill, count: n, share: candidates ? Math.round((n / candidates) * 100) / 100 : 0 })),
    };
  });
  // Largest shortage first: demand without supply, then the highest ratio, then the most headcount; no data last.
  const key = (r: GapRow) => r.ratio ?? (r.demand.headcount > 0 ? Infinity : -1);
  rows.sort((a, b) => (key(a) === key(b) ? 0 : key(a) > key(b) ? -1 : 1) || b.demand.headcount - a.demand.headcount || a.entryId.localeCompare(b.entryId));
  scanned.ms = Math.round(performance.now() - t0);
  return { revision: ctx.revision, version: ctx.catalog.version, computedAt: new Date().toISOString(), scanned, entries: rows };
}
