import type Database from 'better-sqlite3';
import { coverageIdf, TERM_FIELDS, type Alternative, type EngineQuery, type EngineResult, type FacetCount } from '../types.js';
import { haversineKm } from '../geo.js';
import type { ColumnStore } from './columns.js';
import { compileFilters } from './filters.js';
import { bm25Weights, matchExpression } from './query.js';
import type { tableNames } from './schema.js';
import { TopK, type SortKey } from './topk.js';

type Tables = ReturnType<typeof tableNames>;
const MISSING_LOW = -1e18;
const MISSING_HIGH = 1e18;

/**
 * Ranking by coverage (TextQuery.coverage): every alternative of every group is looked up on its own, so each group
 * is scored apart (its best matching alternative, boost × BM25, plus tieBreaker × the other matching ones) and counted with its IDF; a document's score is the sum over
 * the groups it matches × exp(weight × covered IDF / all IDF). Documents matching fewer than minimumMatch groups, or
 * an excluded token, drop out.
 */
/**
 * Documents holding `term` in the busiest of the word columns: a lower bound of how many documents an alternative
 * `{ term }` matches (FTS5's own vocabulary table, no scan of the documents).
 */
function termDocsLowerBound(db: Database.Database, t: Tables, term: string): number {
  const vocab = `${t.fts}_vocab_col`;
  const sql = `SELECT max(doc) FROM temp.${vocab} WHERE term = ? AND col IN (${TERM_FIELDS.map(() => '?').join(', ')})`;
  // The vocabulary table is created once per connection: the first use of its statement creates it.
  if (!statementsOf(db).has(sql)) db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.${vocab} USING fts5vocab(main, ${t.fts}, 'col')`);
  const row = statement(db, sql).get(term.toLowerCase(), ...TERM_FIELDS) as [number | null] | undefined;
  return row?.[0] ?? 0;
}

/** Prepared statements per connection, by SQL text (raw mode): a search prepares each of its statements once. */
const STATEMENTS = new WeakMap<Database.Database, Map<string, Database.Statement>>();
const STATEMENT_CACHE_MAX = 256;

function statementsOf(db: Database.Database): Map<string, Database.Statement> {
  let m = STATEMENTS.get(db);
  if (!m) STATEMENTS.set(db, (m = new Map()));
  return m;
}

/** The connection's prepared statement for `sql` (raw rows); the oldest are dropped past STATEMENT_CACHE_MAX. */
export function statement(db: Database.Database, sql: string): Database.Statement {
  const m = statementsOf(db);
  let st = m.get(sql);
  if (!st) {
    st = db.prepare(sql).raw();
    if (m.size >= STATEMENT_CACHE_MAX) m.delete(m.keys().next().value!);
    m.set(sql, st);
  }
  return st;
}

/**
 * Scratch arrays of coverage ranking, one set per connection, grown to the row-id range and reused: every entry a
 * search sets is put back to zero before it returns (searches on one connection run one at a time, synchronously).
 */
interface Scratch { covered: Float64Array; matched: Uint16Array; best: Float64Array; rest: Float64Array; seen: Uint8Array }
const SCRATCH = new WeakMap<Database.Database, Scratch>();

function scratchOf(db: Database.Database, size: number): Scratch {
  let s = SCRATCH.get(db);
  if (!s || s.seen.length < size) {
    const cap = Math.max(size, Math.ceil((s?.seen.length ?? 0) * 1.5));
    s = { covered: new Float64Array(cap), matched: new Uint16Array(cap), best: new Float64Array(cap), rest: new Float64Array(cap), seen: new Uint8Array(cap) };
    SCRATCH.set(db, s);
  }
  return s;
}

/**
 * Ranking by coverage (TextQuery.coverage): every alternative of every group is looked up on its own, so each group
 * is scored apart (its best matching alternative, boost × BM25, plus tieBreaker × the other matching ones) and counted with its IDF; a document's score is the sum over
 * the groups it matches × exp(weight × covered IDF / all IDF). Documents matching fewer than minimumMatch groups, or
 * an excluded token, drop out.
 *
 * A term in more than half of the documents scores nothing in FTS5's BM25 (its IDF is clamped to 1e-6), so it is
 * not scored: its rows are only listed, and when every group must match and it is a group's only alternative it is
 * not looked up at all (the documents matching every group come from one cheap intersection). The ranking is the
 * same; it saves the BM25 of thousands of rows for words like 青岛 or 工作.
 */
function coverageMatches(db: Database.Database, t: Tables, cols: ColumnStore, q: EngineQuery): { rowids: number[]; scores: Float64Array } | undefined {
  try {
    return coverageRanked(db, t, cols, q);
  } catch (err) {
    // A search that failed half-way may leave scratch entries set: the next one starts from fresh arrays.
    SCRATCH.delete(db);
    throw err;
  }
}

function coverageRanked(db: Database.Database, t: Tables, cols: ColumnStore, q: EngineQuery): { rowids: number[]; scores: Float64Array } | undefined {
  const text = q.text!;
  const groups = text.groups.filter((g) => g.length);
  if (!groups.length) return undefined;
  const weight = text.coverage!.weight;
  const need = Math.max(1, Math.min(groups.length, text.minimumMatch ?? (text.mode === 'all' ? groups.length : 1)));
  const sql = `FROM ${t.fts} WHERE ${t.fts} MATCH ?`;
  const scored = statement(db, `SELECT rowid, -bm25(${t.fts}, ${bm25Weights(q.weights)}) ${sql}`);
  const listed = statement(db, `SELECT rowid, 0 ${sql}`);
  const n = cols.count;
  // FTS5's N is its row count, at most cols.end (row ids only grow): over half of cols.end is over half of N.
  const dfs = new Map<string, number>();
  const docsOf = (term: string) => dfs.get(term) ?? dfs.set(term, termDocsLowerBound(db, t, term)).get(term)!;
  const unscored = (a: Alternative) => 'term' in a && docsOf(a.term) * 2 > cols.end;
  const skipped = need === groups.length && groups.length > 1 ? groups.filter((g) => g.length === 1 && unscored(g[0]!)) : [];
  // At least one group is looked up, so that the matching documents are the touched ones.
  if (skipped.length === groups.length) skipped.pop();
  const scores = new Float64Array(cols.end);
  const touched: number[] = [];
  const idfs: number[] = [];
  // Pooled scratch: per document, the IDF covered and groups matched; a group's best and other scores (seen marks).
  const { covered, matched, best, rest, seen } = scratchOf(db, cols.end);
  const tie = text.coverage!.tieBreaker ?? 0;
  for (const g of groups) {
    if (skipped.includes(g)) continue;
    const docs: number[] = [];
    for (const a of g) {
      const boost = a.boost ?? 1;
      const rows = (unscored(a) ? listed : scored).all(matchExpression([[a]], 'all', [])!) as Array<[number, number]>;
      for (const [rowid, bm25] of rows) {
        if (rowid >= cols.end) continue;
        const v = boost * bm25;
        if (!seen[rowid]) { seen[rowid] = 1; best[rowid] = v; rest[rowid] = 0; docs.push(rowid); } else if (v > best[rowid]!) { rest[rowid] = rest[rowid]! + best[rowid]!; best[rowid] = v; } else rest[rowid] = rest[rowid]! + v;
      }
    }
    // df: the documents matching any alternative (the union).
    const idf = coverageIdf(n, docs.length);
    idfs.push(idf);
    for (const rowid of docs) {
      seen[rowid] = 0;
      if (matched[rowid] === 0) touched.push(rowid);
      matched[rowid]!++;
      scores[rowid] = scores[rowid]! + best[rowid]! + tie * rest[rowid]!;
      covered[rowid] = covered[rowid]! + idf;
    }
  }
  if (skipped.length) {
    // Every group must match: the skipped ones are counted for the documents matching all groups at once.
    const all = listed.all(matchExpression(groups, 'all', [])!) as Array<[number, number]>;
    const idf = skipped.map((g) => coverageIdf(n, docsOf((g[0] as { term: string }).term)));
    idfs.push(...idf);
    const add = idf.reduce((x, y) => x + y, 0);
    for (const [rowid] of all) {
      if (rowid >= cols.end) continue;
      matched[rowid] = matched[rowid]! + skipped.length;
      covered[rowid] = covered[rowid]! + add;
    }
  }
  const all = idfs.reduce((x, y) => x + y, 0);
  const skip = text.exclude.length ? excludedRows(db, t, text.exclude) : undefined;
  const rowids = touched.filter((rowid) => matched[rowid]! >= need && !skip?.has(rowid));
  rowids.sort((x, y) => x - y);
  if (groups.length > 1 && all > 0) for (const rowid of rowids) scores[rowid] = scores[rowid]! * Math.exp((weight * covered[rowid]!) / all);
  // Back to zero for the next search: only the touched documents were set (the skipped groups' rows are all touched).
  for (const rowid of touched) { matched[rowid] = 0; covered[rowid] = 0; }
  return { rowids, scores };
}

function excludedRows(db: Database.Database, t: Tables, exclude: string[]): Set<number> {
  const expr = matchExpression([exclude.map((term) => ({ term }))], 'any', [])!;
  return new Set((statement(db, `SELECT rowid FROM ${t.fts} WHERE ${t.fts} MATCH ?`).all(expr) as Array<[number]>).map((r) => r[0]));
}

/** Text matches and their BM25 scores (FTS5), or undefined when the query has no words to match. */
function textMatches(db: Database.Database, t: Tables, cols: ColumnStore, q: EngineQuery): { rowids: number[]; scores: Float64Array } | undefined {
  if (!q.text) return undefined;
  // One group of one alternative at full weight ranks as plain BM25: the single-expression path is the same, and faster.
  const live = q.text.groups.filter((g) => g.length);
  const plain = live.length === 1 && live[0]!.length === 1 && (live[0]![0]!.boost ?? 1) === 1;
  if (q.text.coverage && !plain) return coverageMatches(db, t, cols, q);
  const match = matchExpression(q.text.groups, q.text.mode, q.text.exclude);
  if (!match) return undefined;
  const rows = statement(db, `SELECT rowid, -bm25(${t.fts}, ${bm25Weights(q.weights)}) FROM ${t.fts} WHERE ${t.fts} MATCH ?`).all(match) as Array<[number, number]>;
  let end = 0;
  for (const [rowid] of rows) if (rowid >= end) end = rowid + 1;
  const scores = new Float64Array(end);
  const rowids = new Array<number>(rows.length);
  rows.forEach(([rowid, score], i) => { scores[rowid] = score; rowids[i] = rowid; });
  return { rowids, scores };
}

function excluded(db: Database.Database, t: Tables, q: EngineQuery): Set<number> | undefined {
  if (!q.text?.exclude.length || q.text.groups.some((g) => g.length)) return undefined;
  return excludedRows(db, t, q.text.exclude);
}

/**
 * Search on the embedded store: FTS5 finds and scores text matches; filters, multi-select facets, sorting and
 * cursors run over the in-memory columns; the page's documents are read from SQLite. Scores, sort keys and
 * facet semantics mirror the Elasticsearch engine.
 */
export function searchEmbedded(db: Database.Database, t: Tables, cols: ColumnStore, q: EngineQuery): EngineResult {
  const matches = textMatches(db, t, cols, q);
  const scores = matches?.scores;
  const skip = excluded(db, t, q);
  const facets = q.facets ?? [];
  const compiled = compileFilters(q.filters, facets, cols);
  const counts = facets.map(() => [] as number[]);
  const pub = cols.numbers.publishedAt;
  const fresh = q.freshness;
  const freshField = fresh ? cols.numbers[fresh.field] : undefined;
  const { origin } = q;

  const boosts = scores ? (q.boosts ?? []).filter((b) => b.factor > 0 && b.values.length).map((b) => {
    const col = cols.keyword(b.field);
    return { col, set: new Set(b.values.map((v) => col.lookup(v)).filter((v): v is number => v !== undefined)), factor: b.factor };
  }).filter((b) => b.set.size) : [];
  const relevance = (doc: number): number => {
    let s = scores?.[doc] ?? 0;
    if ((fresh || boosts.length) && scores) {
      // score × (1 + freshness + Σ boosts matched): the same sum Elasticsearch's function_score takes.
      let m = 1;
      if (fresh) {
        const at = freshField![doc]!;
        m += fresh.weight * (Number.isNaN(at) ? 0 : Math.pow(0.5, Math.abs(fresh.now - at) / (fresh.halfLifeDays * 86_400_000)));
      }
      for (const b of boosts) if (b.col.hasAny(doc, b.set)) m += b.factor;
      s *= m;
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
