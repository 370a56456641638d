import { redactResume } from '../domain/privacy.js';
import type { Resume } from '../domain/resume.js';
import type { Vacancy } from '../domain/vacancy.js';
import type { Engine, EngineQuery, FacetCount, FacetRequest, Filter, Kind } from '../engine/types.js';
import { decodeCursor, encodeCursor, fingerprint } from './cursor.js';
import { interpretFilters, type Ignored } from './filters.js';
import { highlighter } from './highlight.js';
import type { SearchParams } from './params.js';
import { engineFilters, relaxations, type Relaxable, type RelaxStep } from './relax.js';
import { defaultQueryClassifier, occupationBoosts } from './intent.js';
import { RANKING } from './ranking.js';
import { parseTextQuery } from './text-query.js';
import { invalidQueryParameter } from '../domain/errors.js';
import type { Classifier } from '../occupations/classifier.js';


export interface SearchOptions {
  /** The occupation classifier applied to the query (the app's); the built-in list's when absent. */
  classifier?: Classifier;
}

/** Vacancies: newer postings gain up to 20% (half of it after 30 days). */
export const VACANCY_FRESHNESS = { field: 'publishedAt', halfLifeDays: 30, weight: 0.2 } as const;

const FACETS: Record<Kind, FacetRequest[]> = {
  vacancy: [
    { name: 'district', field: 'district', size: 20 }, { name: 'industry', field: 'industry', size: 30 },
    { name: 'education', field: 'education', size: 10 }, { name: 'employmentType', field: 'employmentType', size: 10 },
    { name: 'tag', field: 'tag', size: 20 }, { name: 'salary', field: 'salaryBand', size: 10 },
  ],
  resume: [
    { name: 'district', field: 'district', size: 20 }, { name: 'industry', field: 'industry', size: 30 },
    { name: 'education', field: 'education', size: 10 }, { name: 'employmentType', field: 'employmentType', size: 10 },
    { name: 'salary', field: 'salaryBand', size: 10 },
  ],
};

export interface SearchHit {
  id: string;
  score: number;
  distanceKm?: number;
  vacancy?: Vacancy;
  resume?: Resume;
  highlight: { title: string[]; description: string[] };
}

export interface SearchResponse {
  total: number;
  hits: SearchHit[];
  facets: Record<string, FacetCount[]>;
  applied: Record<string, unknown>;
  ignored: Ignored[];
  relaxed: RelaxStep[];
  nextCursor?: string;
}

/** An invalid search parameter: a domain error (ZZH_INVALID_PARAMETER, 400) naming the parameter. */
export const SearchInputError = (param: string, message: string) => invalidQueryParameter(param, message);

/** What each kind shows in results, and which of its text is highlighted. */
function present(kind: Kind, source: Record<string, unknown>, highlight: ReturnType<typeof highlighter>): Pick<SearchHit, 'vacancy' | 'resume' | 'highlight'> {
  if (kind === 'vacancy') {
    const v = source as unknown as Vacancy;
    return { vacancy: v, highlight: { title: highlight(v.title, 100, 1), description: highlight(v.description) } };
  }
  const r = redactResume(source as unknown as Resume, { dropProtected: true });
  const titles = [...r.desiredTitles, ...r.experience.map((e) => e.title)].join('，');
  return { resume: r, highlight: { title: highlight(titles, 100, 1), description: highlight(r.summary ?? '') } };
}

/** Search with filters, facets, paging, highlights and honest relaxation; the same for both engines. */
export async function search(engine: Engine, kind: Kind, p: SearchParams, clock = Date.now(), opts: SearchOptions = {}): Promise<SearchResponse> {
  const text = p.q ? parseTextQuery(p.q) : undefined;
  const fp = fingerprint({ kind, p: { ...p, cursor: undefined, page: undefined } });
  let searchAfter: unknown[] | undefined;
  // The clock is read to the minute: the same search within a minute is the same engine request, which
  // Elasticsearch's shard request cache can answer again until the index changes.
  let now = Math.floor(clock / 60_000) * 60_000;
  if (p.cursor) {
    const decoded = decodeCursor(p.cursor, fp);
    if ('error' in decoded) throw SearchInputError('cursor', decoded.error);
    searchAfter = decoded.values;
    now = decoded.now;
  }
  const interpreted = interpretFilters(kind, p, now);
  const always: Filter[] = kind === 'vacancy' ? [{ kind: 'terms', field: 'status', values: ['published'] }] : [];
  const applied: Record<string, unknown> = { ...(p.q ? { q: p.q } : {}), ...interpreted.applied, sort: p.sort };
  const sort = p.sort === 'relevance' && !text ? 'newest' : p.sort;
  const groupCount = text?.groups.filter((g) => g.length).length ?? 0;
  // Vacancies of the occupation the query means rank first (a boost; resumes carry no occupation field).
  const boosts = kind === 'vacancy' && text && groupCount ? occupationBoosts(text.intent, opts.classifier ?? defaultQueryClassifier()) : [];
  const base = (r: Relaxable, size: number, withFacets: boolean): EngineQuery => ({
    ...(text ? {
      text: {
        groups: text.groups, exclude: text.exclude, mode: r.mode,
        coverage: { weight: RANKING.coverage, tieBreaker: RANKING.alternativesTie }, minimumMatch: r.mode === 'all' ? groupCount : 1,
      },
    } : {}),
    ...(boosts.length ? { boosts } : {}),
    filters: engineFilters(r, always),
    sort,
    ...(interpreted.geo ? { origin: { lat: interpreted.geo.lat, lon: interpreted.geo.lon } } : {}),
    from: (p.page - 1) * p.size,
    size,
    ...(kind === 'vacancy' ? { freshness: { ...VACANCY_FRESHNESS, ...(RANKING.freshness !== undefined ? { weight: RANKING.freshness } : {}), now } } : {}),
    ...(RANKING.fields ? { weights: { ...RANKING.fields } } : {}),
    ...(withFacets && p.facets ? { facets: FACETS[kind] } : {}),
    ...(searchAfter ? { searchAfter } : {}),
  });

  let state: Relaxable = { filters: interpreted.filters, ...(interpreted.geo ? { geo: interpreted.geo } : {}), mode: 'all' };
  let result = await engine.search(kind, base(state, p.size, true));
  const relaxed: RelaxStep[] = [];
  if (p.relax && !searchAfter && p.page === 1 && result.total < p.size && groupCount > 1) {
    // The page cannot be filled with postings that hold every word: postings covering part of the query follow,
    // ranked by how much of it they cover (the complete ones stay first).
    const partial: Relaxable = { ...state, mode: 'any' };
    const more = await engine.search(kind, base(partial, p.size, true));
    if (more.total > result.total) {
      relaxed.push({ step: `部分关键词匹配：按覆盖的关键词多少排序（原为全部${groupCount}个关键词）`, hits: more.total });
      state = partial;
      result = more;
    }
  }
  if (result.total === 0 && p.relax && !searchAfter && p.page === 1) {
    for (const next of relaxations(state, text?.groups.length ?? 0)) {
      const count = await engine.search(kind, { ...base(next.state, 0, false), sort: 'newest' });
      relaxed.push({ step: next.step, hits: count.total });
      if (count.total > 0) {
        state = next.state;
        result = await engine.search(kind, base(state, p.size, true));
        break;
      }
    }
  }
  const highlight = highlighter(text?.highlight ?? []);
  const last = result.hits[result.hits.length - 1];
  const more = last && result.hits.length === p.size && (searchAfter ? true : (p.page - 1) * p.size + result.hits.length < result.total);
  return {
    total: result.total,
    hits: result.hits.map((h) => ({
      id: h.id,
      score: Math.round(h.score * 1e4) / 1e4,
      ...(h.distanceKm !== undefined ? { distanceKm: Math.round(h.distanceKm * 100) / 100 } : {}),
      ...present(kind, h.source, highlight),
    })),
    facets: result.facets ?? {},
    applied,
    ignored: interpreted.ignored,
    relaxed,
    ...(more && !relaxed.length ? { nextCursor: encodeCursor(last.sort, fp, now) } : {}),
  };
}
