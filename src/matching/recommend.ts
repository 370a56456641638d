import type { CatalogLink } from '../catalog/link.js';
import type { Catalog, CatalogEntry } from '../catalog/schema.js';
import type { Resume } from '../domain/resume.js';
import type { Vacancy } from '../domain/vacancy.js';
import type { Engine, EngineHit, Filter, Kind } from '../engine/types.js';
import type { Classifier } from '../occupations/classifier.js';
import { catalogEntry } from './context.js';
import { PLAIN_WEIGHTS, RECENCY_HALF_LIFE_DAYS, plainScore, rankMatches } from './rank.js';
import { CANDIDATES, plainCandidates, profileQuery, retrieve, seekerPhrases, vacancyPhrases } from './retrieval.js';
import { wholeDocuments } from '../search/whole-documents.js';
import { scoreMatch, type CatalogRef, type MatchContext, type MatchResume, type MatchVacancy } from './score.js';
import { invalidQueryParameter } from '../domain/errors.js';

/**
 * Two-way recommendations (issue 4, item 5): vacancies for a seeker, candidates for a vacancy. The engine
 * retrieves a few hundred candidates (retrieval.ts); the re-ranking here is plain TypeScript, the same for both
 * engines: scoreMatch (score.ts) with personalization on, recency and catalog priority (rank.ts) with it off.
 * Ties go by id, so two engines that retrieve the same candidates give the same order.
 */
export interface RecommendParams {
  size: number;
  /** Canonical district names. */
  district: string[];
  radiusKm?: number;
  personalization: 'on' | 'off';
  explain: boolean;
}

export interface RecommendContext {
  engine: Engine;
  catalog: Catalog;
  classifier: Classifier;
  now: Date;
  /** Candidates retrieved before re-ranking (default CANDIDATES). */
  pool?: number;
}

export interface Explanation { factor: string; weight: number; value: number | null; contribution: number; reason: string }

export interface Recommendation<T> {
  id: string;
  score: number;
  doc: T;
  breakdown?: Explanation[];
  missingSkills: string[];
  catalogMissingSkills: string[];
  catalog: CatalogRef[];
}

export interface Recommendations<T> { matches: Array<Recommendation<T>>; personalization: 'on' | 'off'; candidates: number }

/** An invalid recommendation parameter: a domain error (ZZH_INVALID_PARAMETER, 400) naming the parameter. */
export const RecommendInputError = (param: string, message: string) => invalidQueryParameter(param, message);

interface Side<Self, Other> {
  otherKind: Kind;
  noun: string;
  phrases: (self: Self) => string[];
  location: (self: Self) => { lat?: number | undefined; lon?: number | undefined };
  filters: Filter[];
  score: (self: Self, other: Other, m: MatchContext) => ReturnType<typeof scoreMatch>;
  date: (other: Other) => string | undefined;
  links: (other: Other) => readonly CatalogLink[] | undefined;
  /** Whether scoring needs more of a candidate than its lean form (see EngineQuery.candidates). */
  readWhole: (other: Other) => boolean;
}

const FOR_SEEKER: Side<MatchResume, MatchVacancy> = {
  otherKind: 'vacancy', noun: '发布',
  phrases: seekerPhrases,
  location: (r) => r.location,
  filters: [{ kind: 'terms', field: 'status', values: ['published'] }],
  score: (r, v, m) => scoreMatch(v, r, m),
  date: (v) => v.publishedAt,
  links: (v) => v.catalogLinks,
  readWhole: (v) => !v.skills?.length,
};

const FOR_VACANCY: Side<MatchVacancy, MatchResume> = {
  otherKind: 'resume', noun: '更新',
  phrases: vacancyPhrases,
  location: (v) => v.location,
  filters: [],
  score: (v, r, m) => scoreMatch(v, r, m),
  date: (r) => r.updatedAt,
  links: (r) => r.catalogLinks,
  readWhole: () => false,
};

const round2 = (x: number) => Math.round(x * 100) / 100;

function bestEntry(links: readonly CatalogLink[] | undefined, catalog: Catalog): CatalogEntry | undefined {
  let best: CatalogEntry | undefined;
  for (const l of links ?? []) {
    const e = catalogEntry(catalog, l.entryId);
    if (e && (!best || e.demandLevel > best.demandLevel)) best = e;
  }
  return best;
}

/** The non-personalised score explained: recency and catalog priority, adding up to the score (±0.01). */
function plainBreakdown(date: string | undefined, entry: CatalogEntry | undefined, now: Date, noun: string): Explanation[] {
  const t = date ? Date.parse(date) : NaN;
  const days = Number.isFinite(t) ? Math.max(0, (now.getTime() - t) / 86_400_000) : undefined;
  const recency = days === undefined ? null : 0.5 ** (days / RECENCY_HALF_LIFE_DAYS);
  const demand = entry ? entry.demandLevel / 5 : 0;
  const rw = PLAIN_WEIGHTS.recency * 100;
  const dw = PLAIN_WEIGHTS.demand * 100;
  return [
    { factor: 'recency', weight: rw, value: recency === null ? null : Math.round(recency * 1000) / 1000, contribution: recency === null ? 0 : round2(rw * recency), reason: days === undefined ? `${noun}时间未知` : `${noun}于 ${Math.floor(days)} 天前` },
    { factor: 'catalogPriority', weight: dw, value: demand, contribution: round2(dw * demand), reason: entry ? `属需求目录「${entry.occupation}」（紧缺 ${entry.demandLevel}/5）` : '不在重点产业或技能型人才需求目录中' },
  ];
}

async function recommend<Self, Other extends { id: string }>(side: Side<Self, Other>, ctx: RecommendContext, self: Self, p: RecommendParams): Promise<Recommendations<Other>> {
  const filters: Filter[] = [...side.filters];
  if (p.district.length) filters.push({ kind: 'terms', field: 'district', values: p.district });
  if (p.radiusKm !== undefined) {
    const { lat, lon } = side.location(self);
    if (lat === undefined || lon === undefined) throw RecommendInputError('radiusKm', `radiusKm needs the ${side.otherKind === 'vacancy' ? "resume's" : "vacancy's"} location coordinates (location.lat/lon), which are not set`);
    filters.push({ kind: 'geo', lat, lon, radiusKm: p.radiusKm });
  }
  const pool = ctx.pool ?? CANDIDATES;
  const hits: EngineHit[] = p.personalization === 'off'
    ? await plainCandidates(ctx.engine, side.otherKind, filters, ctx.catalog, p.size)
    : await retrieve(ctx.engine, side.otherKind, profileQuery(side.phrases(self)), filters, pool, p.size);
  // Lean candidates; a vacancy that lists no skills is matched on its description, so it is read whole.
  const candidates = await wholeDocuments(ctx.engine, side.otherKind, hits, side.readWhole);
  // Still lean after that: read whole (once) if they make the final matches.
  const partial = new Set(hits.filter((h, i) => h.partial && candidates[i] === h.source).map((h) => h.id));
  const m: MatchContext = { now: ctx.now, catalog: ctx.catalog, classifier: ctx.classifier };
  const ranked = rankMatches(candidates, (c) => side.score(self, c, m), {
    personalization: p.personalization, now: ctx.now, id: (c) => c.id, date: side.date,
    demandLevel: (c) => bestEntry(side.links(c), ctx.catalog)?.demandLevel,
  });
  const top = ranked.slice(0, p.size);
  const whole = await wholeDocuments<Other>(ctx.engine, side.otherKind, top.map((r) => ({ source: r.candidate, ...(partial.has(r.candidate.id) ? { partial: true as const } : {}) })), () => true);
  top.forEach((r, i) => { r.candidate = whole[i]!; });
  const matches = top.map((r): Recommendation<Other> => {
    if (r.match) {
      const { score, breakdown, missingSkills, catalogMissingSkills, catalog } = r.match;
      return { id: r.candidate.id, score, doc: r.candidate, ...(p.explain ? { breakdown } : {}), missingSkills, catalogMissingSkills, catalog };
    }
    const entry = bestEntry(side.links(r.candidate), ctx.catalog);
    const date = side.date(r.candidate);
    return {
      id: r.candidate.id, score: plainScore(date, entry?.demandLevel, ctx.now), doc: r.candidate,
      ...(p.explain ? { breakdown: plainBreakdown(date, entry, ctx.now, side.noun) } : {}),
      missingSkills: [], catalogMissingSkills: [],
      catalog: entry ? [{ id: entry.id, occupation: entry.occupation, demandLevel: entry.demandLevel }] : [],
    };
  });
  return { matches, personalization: p.personalization, candidates: candidates.length };
}

/** Vacancies for a seeker (published only). */
export function recommendVacancies(ctx: RecommendContext, resume: Resume, p: RecommendParams): Promise<Recommendations<Vacancy>> {
  return recommend(FOR_SEEKER, ctx, resume as MatchResume, p);
}

/** Candidates (resumes) for a vacancy. */
export function recommendResumes(ctx: RecommendContext, vacancy: Vacancy, p: RecommendParams): Promise<Recommendations<Resume>> {
  return recommend(FOR_VACANCY, ctx, vacancy as MatchVacancy, p);
}
