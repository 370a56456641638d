import type Database from 'better-sqlite3';
import type { EngineQuery, EngineResult, FacetCount, Filter } from '../types.js';
import { bm25Weights, filterSql, matchExpression } from './query.js';
import type { tableNames } from './schema.js';

type Tables = ReturnType<typeof tableNames>;
const MISSING_LOW = -1e18;
const MISSING_HIGH = 1e18;

/** The FROM/WHERE part shared by hits, totals and facets; filters may be left out (a facet's own). */
function selection(q: EngineQuery, t: Tables, filters: Filter[]) {
  const params: unknown[] = [];
  const where: string[] = [];
  const match = q.text ? matchExpression(q.text.groups, q.text.mode, q.text.exclude) : undefined;
  if (match) { where.push(`${t.fts} MATCH ?`); params.push(match); }
  else if (q.text?.exclude.length) {
    where.push(`d.rowid NOT IN (SELECT rowid FROM ${t.fts} WHERE ${t.fts} MATCH ?)`);
    params.push(matchExpression([q.text.exclude.map((term) => ({ term }))], 'any', [])!);
  }
  for (const f of filters) where.push(filterSql(f, t, params));
  const from = match ? `${t.fts} JOIN ${t.docs} d ON d.rowid = ${t.fts}.rowid` : `${t.docs} d`;
  return { from, where: where.length ? `WHERE ${where.join(' AND ')}` : '', params, hasMatch: !!match };
}

/** Sort keys: [SQL expression, direction]; nulls become sentinels so the order and the cursor agree. */
function sortKeys(q: EngineQuery): Array<[string, 'ASC' | 'DESC']> {
  switch (q.sort) {
    case 'relevance': return [['score', 'DESC'], ['pub', 'DESC'], ['id', 'ASC']];
    case 'newest': return [['pub', 'DESC'], ['id', 'ASC']];
    case 'salary': return [['smax', 'DESC'], ['smin', 'DESC'], ['id', 'ASC']];
    case 'distance': return [['dist', 'ASC'], ['id', 'ASC']];
  }
}

/** (k1, k2, …) strictly after (v1, v2, …) in the given directions, for search-after paging. */
function afterCondition(keys: Array<[string, 'ASC' | 'DESC']>, values: unknown[], params: unknown[]): string {
  const ors: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const ands: string[] = [];
    for (let j = 0; j < i; j++) { ands.push(`${keys[j]![0]} = ?`); params.push(values[j]); }
    const [k, dir] = keys[i]!;
    ands.push(`${k} ${dir === 'DESC' ? '<' : '>'} ?`);
    params.push(values[i]);
    ors.push(`(${ands.join(' AND ')})`);
  }
  return ors.join(' OR ');
}

export function searchEmbedded(db: Database.Database, t: Tables, q: EngineQuery): EngineResult {
  const sel = selection(q, t, q.filters);
  const relevance = sel.hasMatch ? `(-bm25(${t.fts}, ${bm25Weights(q.weights)}))` : '0';
  const fresh = q.freshness
    ? `(1 + ${Number(q.freshness.weight)} * freshness(d.${q.freshness.field}, ${Number(q.freshness.now)}, ${Number(q.freshness.halfLifeDays)}))`
    : '1';
  const dist = q.origin ? `coalesce(distance_km(d.lat, d.lon, ${Number(q.origin.lat)}, ${Number(q.origin.lon)}), ${MISSING_HIGH})` : `${MISSING_HIGH}`;
  const inner = `SELECT d.id AS id, d.source AS source, ${relevance} * ${fresh} AS score, coalesce(d.publishedAt, ${MISSING_LOW}) AS pub,
    coalesce(d.salaryMax, ${MISSING_LOW}) AS smax, coalesce(d.salaryMin, ${MISSING_LOW}) AS smin, ${dist} AS dist
    FROM ${sel.from} ${sel.where}`;
  const keys = sortKeys(q);
  const params = [...sel.params];
  let outerWhere = '';
  if (q.searchAfter) outerWhere = `WHERE ${afterCondition(keys, q.searchAfter, params)}`;
  const sql = `SELECT * FROM (${inner}) ${outerWhere} ORDER BY ${keys.map(([k, d]) => `${k} ${d}`).join(', ')} LIMIT ? OFFSET ?`;
  const rows = q.size > 0
    ? (db.prepare(sql).all(...params, q.size, q.searchAfter ? 0 : q.from) as Array<{ id: string; source: string; score: number; pub: number; smax: number; smin: number; dist: number }>)
    : [];
  const total = (db.prepare(`SELECT count(*) AS n FROM ${sel.from} ${sel.where}`).get(...sel.params) as { n: number }).n;
  const result: EngineResult = {
    total,
    hits: rows.map((r) => ({
      id: r.id,
      score: r.score,
      source: JSON.parse(r.source) as Record<string, unknown>,
      ...(q.origin && r.dist < MISSING_HIGH ? { distanceKm: r.dist } : {}),
      sort: keys.map(([k]) => r[k as keyof typeof r]),
    })),
  };
  if (q.facets?.length) result.facets = facetCounts(db, t, q);
  return result;
}

function facetCounts(db: Database.Database, t: Tables, q: EngineQuery): Record<string, FacetCount[]> {
  const out: Record<string, FacetCount[]> = {};
  for (const f of q.facets!) {
    const sel = selection(q, t, q.filters.filter((x) => x.facet !== f.name));
    const rows = db
      .prepare(`SELECT kw.value AS value, count(*) AS count FROM ${t.kw} kw
        WHERE kw.field = ? AND kw.doc IN (SELECT d.rowid FROM ${sel.from} ${sel.where})
        GROUP BY kw.value ORDER BY count DESC, value ASC LIMIT ?`)
      .all(f.field, ...sel.params, f.size) as FacetCount[];
    out[f.name] = rows;
  }
  return out;
}
