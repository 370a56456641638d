import type { EngineQuery, Filter, TermGroup } from '../types.js';
import { FIELD_WEIGHTS, TERM_FIELDS } from '../types.js';
import type { Alternative, TextField } from '../types.js';

/** EngineQuery → Elasticsearch query DSL, using only core features (no scripts, no plugins). */
const fields = (w: Record<TextField, number>) => TERM_FIELDS.map((f) => `${f}^${w[f]}`);

/** A term is scored across the word fields as one (BM25F); a phrase is consecutive character grams. */
function alternative(a: Alternative, w: Record<TextField, number>): Record<string, unknown> {
  if ('term' in a) return { combined_fields: { query: a.term, fields: fields(w) } };
  if ('all' in a) return { bool: { must: a.all.map((term) => ({ combined_fields: { query: term, fields: fields(w) } })) } };
  return { match_phrase: { grams: { query: a.phrase.join(' '), boost: w.grams } } };
}

function group(g: TermGroup, w: Record<TextField, number>): Record<string, unknown> {
  if (g.length === 1) return alternative(g[0]!, w);
  return { bool: { should: g.map((a) => alternative(a, w)), minimum_should_match: 1 } };
}

/** The documents matching a group at all (its df for coverage): any alternative, unscored. */
export function groupFilter(g: TermGroup, w: Record<TextField, number> = FIELD_WEIGHTS): Record<string, unknown> {
  return { constant_score: { filter: group(g, w) } };
}

/** A group ranked by coverage (TextQuery.coverage), as the embedded engine ranks it: its best matching alternative plus tieBreaker × the others (dis_max of boost × BM25). */
function coverageGroup(g: TermGroup, w: Record<TextField, number>, tieBreaker = 0): Record<string, unknown> {
  // Lucene scores a phrase as the sum of its grams' BM25, FTS5 as one term: a phrase of n grams counts 1/n here,
  // so a synonym phrase stays below the word asked for on both engines alike.
  const boostOf = (a: Alternative) => (a.boost ?? 1) / ('phrase' in a ? Math.max(1, a.phrase.length) : 1);
  const scored = g.map((a) => boostOf(a) === 1 ? alternative(a, w) : { bool: { must: [alternative(a, w)], boost: boostOf(a) } });
  return scored.length === 1 ? scored[0]! : { dis_max: { queries: scored, tie_breaker: tieBreaker } };
}

export function filterClause(f: Filter): Record<string, unknown> {
  switch (f.kind) {
    case 'terms':
    case 'prefix':
      return f.values.length === 1 ? { term: { [f.field]: f.values[0] } } : { terms: { [f.field]: f.values } };
    case 'range':
      return { range: { [f.field]: { ...(f.gte !== undefined ? { gte: f.gte } : {}), ...(f.lte !== undefined ? { lte: f.lte } : {}) } } };
    case 'geo':
      return { geo_distance: { distance: `${f.radiusKm}km`, distance_type: 'arc', location: { lat: f.lat, lon: f.lon } } };
  }
}

/** Filters without a facet go into the query; facet filters into post_filter and the other facets' aggregations. */
/**
 * `idf`: with coverage, the IDF of each non-empty group (coverageIdf over the whole index), as the engine measured
 * it before the search; 1 each when not given (a request built without the pre-flight, e.g. by the bench).
 */
export function buildQuery(q: EngineQuery, idf?: readonly number[]): Record<string, unknown> {
  const bool: Record<string, unknown[]> = { filter: q.filters.filter((f) => !q.facets?.length || !f.facet).map(filterClause) };
  const groups = q.text?.groups.filter((g) => g.length) ?? [];
  let minimumShould = 1;
  if (groups.length) {
    const w = q.weights ?? FIELD_WEIGHTS;
    const coverage = q.text!.coverage;
    if (coverage) {
      bool.should = groups.map((g) => coverageGroup(g, w, coverage.tieBreaker));
      minimumShould = Math.max(1, Math.min(groups.length, q.text!.minimumMatch ?? (q.text!.mode === 'all' ? groups.length : 1)));
    } else if (q.text!.mode === 'all') bool.must = groups.map((g) => group(g, w));
    else bool.should = groups.map((g) => group(g, w));
  }
  if (q.text?.exclude.length) bool.must_not = [{ multi_match: { query: q.text.exclude.join(' '), fields: [...TERM_FIELDS], operator: 'or' } }];
  let query: Record<string, unknown> = { bool: { ...bool, ...(bool.should ? { minimum_should_match: minimumShould } : {}) } };
  const coverage = q.text?.coverage;
  if (coverage && groups.length > 1) {
    // × exp(weight × covered IDF / all IDF) as a product of one factor per matched group.
    const idfs = groups.map((_, i) => idf?.[i] ?? 1);
    const all = idfs.reduce((x, y) => x + y, 0);
    query = {
      function_score: {
        query,
        functions: groups.map((g, i) => ({ filter: groupFilter(g, q.weights ?? FIELD_WEIGHTS), weight: Math.exp((coverage.weight * idfs[i]!) / all) })),
        score_mode: 'multiply',
        boost_mode: 'multiply',
      },
    };
  }
  const boosts = (q.boosts ?? []).filter((b) => b.factor > 0 && b.values.length);
  if ((q.freshness || boosts.length) && groups.length) {
    // score × (1 + weight × 2^(−age/halfLife) + Σ boosts matched): the same sum the embedded engine applies.
    query = {
      function_score: {
        query,
        functions: [
          { filter: { match_all: {} }, weight: 1 },
          ...(q.freshness ? [{ exp: { [q.freshness.field]: { origin: q.freshness.now, scale: q.freshness.halfLifeDays * 86_400_000, decay: 0.5 } }, weight: q.freshness.weight }] : []),
          ...boosts.map((b) => ({ filter: { terms: { [b.field]: b.values } }, weight: b.factor })),
        ],
        score_mode: 'sum',
        boost_mode: 'multiply',
      },
    };
  }
  return query;
}

export function buildPostFilter(q: EngineQuery): Record<string, unknown> | undefined {
  if (!q.facets?.length) return undefined;
  const facetFilters = q.filters.filter((f) => f.facet);
  return facetFilters.length ? { bool: { filter: facetFilters.map(filterClause) } } : undefined;
}

/**
 * Multi-select facets: each facet counts the documents that pass every other facet's filters. Facets that need the
 * same filters share one filter aggregation (with no facet filter set, all facets share one pass; with only a
 * district chosen, every facet but district shares the district filter), so each document is tested once per
 * distinct filter set instead of once per facet. Answers are read back with facetBuckets().
 */
export function buildAggregations(q: EngineQuery): Record<string, unknown> | undefined {
  if (!q.facets?.length) return undefined;
  const groups = new Map<string, { filters: Filter[]; facets: typeof q.facets }>();
  for (const f of q.facets) {
    const others = q.filters.filter((x) => x.facet && x.facet !== f.name);
    const key = JSON.stringify(others);
    const g = groups.get(key) ?? { filters: others, facets: [] };
    g.facets.push(f);
    groups.set(key, g);
  }
  const aggs: Record<string, unknown> = {};
  [...groups.values()].forEach((g, i) => {
    aggs[`g${i}`] = {
      filter: g.filters.length ? { bool: { filter: g.filters.map(filterClause) } } : { match_all: {} },
      aggs: Object.fromEntries(g.facets.map((f) => [f.name, { terms: { field: f.field, size: f.size, order: [{ _count: 'desc' }, { _key: 'asc' }] } }])),
    };
  });
  return aggs;
}

/** The buckets of one facet in an answer to buildAggregations(). */
export function facetBuckets(aggregations: Record<string, Record<string, unknown>>, facet: string): Array<{ key: string | number; doc_count: number }> {
  for (const group of Object.values(aggregations)) {
    const terms = group[facet] as { buckets: Array<{ key: string | number; doc_count: number }> } | undefined;
    if (terms) return terms.buckets;
  }
  return [];
}

export function buildSort(q: EngineQuery): unknown[] {
  switch (q.sort) {
    case 'relevance': return ['_score', { publishedAt: { order: 'desc', missing: '_last' } }, { id: 'asc' }];
    case 'newest': return [{ publishedAt: { order: 'desc', missing: '_last' } }, { id: 'asc' }];
    case 'salary': return [{ salaryMax: { order: 'desc', missing: '_last' } }, { salaryMin: { order: 'desc', missing: '_last' } }, { id: 'asc' }];
    case 'distance':
      return q.origin
        ? [{ _geo_distance: { location: q.origin, order: 'asc', unit: 'km', distance_type: 'arc', ignore_unmapped: true } }, { id: 'asc' }]
        : [{ id: 'asc' }];
  }
}
