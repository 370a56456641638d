import type Database from 'better-sqlite3';
import type { EngineQuery, EngineResult, FacetCount } from '../types.js';
import { haversineKm } from '../geo.js';
import type { ColumnStore } from './columns.js';
import { compileFilters } from './filters.js';
import { bm25Weights, matchExpression } from './query.js';
import type { tableNames } from './schema.js';
import { TopK, type SortKey } from './topk.js';

type Tables = ReturnType<typeof tableNames>;
const MISSING_LOW = -1e18;
const MISSING_HIGH = 1e18;

/** Text matches and their BM25 scores (FTS5), or undefined when the query has no words to match. */
function textMatches(db: Database.Database, t: Tables, q: EngineQuery): { rowids: number[]; scores: Float64Array } | undefined {
  if (!q.text) return undefined;
  const match = matchExpression(q.text.groups, q.text.mode, q.text.exclude);
  if (!match) return undefined;
  const rows = db.prepare(`SELECT rowid, -bm25(${t.fts}, ${bm25Weights(q.weights)}) FROM ${t.fts} WHERE ${t.fts} MATCH ?`).raw().all(match) as Array<[number, number]>;
  let end = 0;
  for (const [rowid] of rows) if (rowid >= end) end = rowid + 1;
  const scores = new Float64Array(end);
  const rowids = new Array<number>(rows.length);
  rows.forEach(([rowid, score], i) => { scores[rowid] = score; rowids[i] = rowid; });
  return { rowids, scores };
}

function excluded(db: Database.Database, t: Tables, q: EngineQuery): Set<number> | undefined {
  if (!q.text?.exclude.length || q.text.groups.length) return undefined;
  const expr = matchExpression([q.text.exclude.map((term) => ({ term }))], 'any', [])!;
  return new Set((db.prepare(`SELECT rowid FROM ${t.fts} WHERE ${t.fts} MATCH ?`).raw().all(expr) as Array<[number]>).map((r) => r[0]));
}

/**
 * Search on the embedded store: FTS5 finds and scores text matches; filters, multi-select facets, sorting and
 * cursors run over the in-memory columns; the page's documents are read from SQLite. Scores, sort keys and
 * facet semantics mirror the Elasticsearch engine.
 */
export function searchEmbedded(db: Database.Database, t: Tables, cols: ColumnStore, q: EngineQuery): EngineResult {
  const matches = textMatches(db, t, q);
  const scores = matches?.scores;
  const skip = excluded(db, t, q);
  const facets = q.facets ?? [];
  const compiled = compileFilters(q.filters, facets, cols);
  const counts = facets.map(() => [] as number[]);
  const pub = cols.numbers.publishedAt;
  const fresh = q.freshness;
  const freshField = fresh ? cols.numbers[fresh.field] : undefined;
  const { origin } = q;

  const relevance = (doc: number): number => {
    let s = scores?.[doc] ?? 0;
    if (fresh && scores) {
      const at = freshField![doc]!;
      s *= 1 + fresh.weight * (Number.isNaN(at) ? 0 : Math.pow(0.5, Math.abs(fresh.now - at) / (fresh.halfLifeDays * 86_400_000)));
    }
    return s;
  };
  const keyOf = (doc: number): SortKey => {
    const id = cols.ids[doc]!;
    switch (q.sort) {
      case 'relevance': {
        const p = pub[doc]!;
        return [relevance(doc), Number.isNaN(p) ? MISSING_LOW : p, id];
      }
      case 'newest': { const p = pub[doc]!; return [Number.isNaN(p) ? MISSING_LOW : p, id]; }
      case 'salary': {
        const hi = cols.numbers.salaryMax[doc]!;
        const lo = cols.numbers.salaryMin[doc]!;
        return [Number.isNaN(hi) ? MISSING_LOW : hi, Number.isNaN(lo) ? MISSING_LOW : lo, id];
      }
      case 'distance': {
        const y = cols.lat[doc]!;
        const x = cols.lon[doc]!;
        return [origin && !Number.isNaN(y) ? haversineKm(y, x, origin.lat, origin.lon) : MISSING_HIGH, id];
      }
    }
  };
  const directions = { relevance: [-1, -1, 1], newest: [-1, 1], salary: [-1, -1, 1], distance: [1, 1] }[q.sort];
  const top = new TopK(q.searchAfter ? q.size : q.from + q.size, directions, q.searchAfter as SortKey | undefined);
  let total = 0;

  const visit = (doc: number) => {
    if (!cols.alive[doc] || skip?.has(doc)) return;
    for (const test of compiled.base) if (!test(doc)) return;
    let failed = -1;
    for (let g = 0; g < compiled.byFacet.length; g++) {
      for (const test of compiled.byFacet[g]!) {
        if (!test(doc)) {
          if (failed >= 0) return; // fails two facets' filters: counted nowhere
          failed = g;
          break;
        }
      }
    }
    for (let i = 0; i < facets.length; i++) {
      if (failed === -1 || failed === i) cols.keyword(facets[i]!.field).tally(doc, counts[i]!);
    }
    if (failed !== -1) return;
    total++;
    if (top.capacity === 0) return;
    // Most matches cannot make the page: skip building their sort key.
    if (q.sort === 'relevance' && !q.searchAfter && top.rejects(relevance(doc))) return;
    top.offer(doc, keyOf(doc));
  };
  if (matches) for (const doc of matches.rowids) visit(doc);
  else for (let doc = 0; doc < cols.end; doc++) visit(doc);

  const ranked = top.sorted();
  const page = q.searchAfter ? ranked : ranked.slice(q.from);
  const sources = new Map<number, string>();
  const versions = new Map<number, number>();
  if (page.length) {
    const rows = db.prepare(`SELECT rowid, source, version FROM ${t.docs} WHERE rowid IN (${page.map(() => '?').join(',')})`).raw().all(...page.map((p) => p.doc)) as Array<[number, string, number]>;
    for (const [rowid, source, version] of rows) { sources.set(rowid, source); versions.set(rowid, version); }
  }
  const result: EngineResult = {
    total,
    hits: page.map(({ doc, key }) => {
      const y = cols.lat[doc]!;
      const x = cols.lon[doc]!;
      return {
        id: cols.ids[doc]!,
        score: q.sort === 'relevance' ? (key[0] as number) : (scores?.[doc] ?? 0),
        source: JSON.parse(sources.get(doc)!) as Record<string, unknown>,
        ...(origin && !Number.isNaN(y) ? { distanceKm: haversineKm(y, x, origin.lat, origin.lon) } : {}),
        sort: key,
        ...(q.versioned ? { version: `${doc}:${versions.get(doc)}` } : {}),
      };
    }),
  };
  if (facets.length) {
    result.facets = Object.fromEntries(facets.map((f, i) => {
      const values = cols.keyword(f.field).values;
      const list: FacetCount[] = [];
      counts[i]!.forEach((n, v) => { if (n > 0) list.push({ value: values[v]!, count: n }); });
      list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
      return [f.name, list.slice(0, f.size)];
    }));
  }
  return result;
}
