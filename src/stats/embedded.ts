import type Database from 'better-sqlite3';
import { tableNames } from '../engine/embedded/schema.js';
import { RESUME_FIELD, type DemandCounts, type DemandQuery, type SalaryFilter, type StatsBackend } from './backend.js';
import type { PayGroup } from './percentiles.js';

const V = tableNames('vacancy');
const R = tableNames('resume');

/** `d` has keyword `field` = value (the keyword table's primary key answers it). */
const hasKeyword = (kw: string, field: string) => `EXISTS (SELECT 1 FROM ${kw} f WHERE f.field = '${field}' AND f.value = ? AND f.doc = d.rowid)`;

/** A VALUES list of the periods: (index, start, end). */
function periodTable(q: DemandQuery): { sql: string; params: number[] } {
  return {
    sql: `p(i, lo, hi) AS (VALUES ${q.periods.map(() => '(?, ?, ?)').join(', ')})`,
    params: q.periods.flatMap((p, i) => [i, p.start, p.end]),
  };
}

/**
 * The statistics in SQL over the embedded store's tables. CROSS JOIN fixes the join order (SQLite keeps it as
 * written): keyword postings, then their document, then its period — never a scan of the postings per period.
 */
export class EmbeddedStats implements StatsBackend {
  constructor(private readonly db: () => Database.Database) {}

  async payGroups(f: SalaryFilter): Promise<PayGroup[]> {
    const where = [hasKeyword(V.kw, 'status')];
    const params: unknown[] = ['published'];
    const add = (field: string, value: string | undefined) => {
      if (value === undefined) return;
      where.push(hasKeyword(V.kw, field));
      params.push(value);
    };
    add('occupation', f.occupationCode);
    add('district', f.district);
    add('industry', f.industry);
    add('education', f.education);
    const rows = this.db()
      .prepare(`SELECT d.salaryMin AS min, d.salaryMax AS max, COUNT(*) AS count FROM ${V.docs} d WHERE ${where.join(' AND ')} GROUP BY d.salaryMin, d.salaryMax`)
      .all(...params) as PayGroup[];
    return rows;
  }

  async demand(q: DemandQuery): Promise<DemandCounts> {
    const db = this.db();
    const n = q.periods.length;
    const lo = q.periods[0]!.start;
    const hi = q.periods[n - 1]!.end;
    const status = `EXISTS (SELECT 1 FROM ${V.kw} s WHERE s.field = 'status' AND s.value IN ('published', 'closed') AND s.doc = d.rowid)`;
    const level = q.field === 'occupation' ? ` AND length(k.value) - length(replace(k.value, '-', '')) = ${Number(q.level ?? 1) - 1}` : '';
    const top = db
      .prepare(`SELECT k.value AS key, COUNT(*) AS n FROM ${V.kw} k JOIN ${V.docs} d ON d.rowid = k.doc
        WHERE k.field = ? AND d.publishedAt >= ? AND d.publishedAt < ? AND ${status}${level}
        GROUP BY k.value ORDER BY n DESC, k.value ASC LIMIT ?`)
      .all(q.field, lo, hi, q.size) as Array<{ key: string; n: number }>;
    const keys = top.map((t) => t.key);
    const p = periodTable(q);
    const zeros = () => new Array<number>(n).fill(0);
    const buckets = new Map(keys.map((key) => [key, { key, vacancies: zeros(), headcount: zeros(), resumes: RESUME_FIELD[q.field] ? zeros() : null as number[] | null }]));
    if (keys.length) {
      const rows = db
        .prepare(`WITH ${p.sql} SELECT k.value AS key, p.i AS i, COUNT(*) AS n, COALESCE(SUM(d.headcount), 0) AS h
          FROM ${V.kw} k CROSS JOIN ${V.docs} d ON d.rowid = k.doc CROSS JOIN p ON d.publishedAt >= p.lo AND d.publishedAt < p.hi
          WHERE k.field = ? AND k.value IN (${keys.map(() => '?').join(', ')}) AND ${status}
          GROUP BY k.value, p.i`)
        .all(...p.params, q.field, ...keys) as Array<{ key: string; i: number; n: number; h: number }>;
      for (const r of rows) {
        const b = buckets.get(r.key)!;
        b.vacancies[r.i] = r.n;
        b.headcount[r.i] = r.h;
      }
      const rf = RESUME_FIELD[q.field];
      if (rf) {
        const rrows = db
          .prepare(`WITH ${p.sql} SELECT k.value AS key, p.i AS i, COUNT(*) AS n
            FROM ${R.kw} k CROSS JOIN ${R.docs} d ON d.rowid = k.doc CROSS JOIN p ON d.updatedAt >= p.lo AND d.updatedAt < p.hi
            WHERE k.field = ? AND k.value IN (${keys.map(() => '?').join(', ')})
            GROUP BY k.value, p.i`)
          .all(...p.params, rf, ...keys) as Array<{ key: string; i: number; n: number }>;
        for (const r of rrows) buckets.get(r.key)!.resumes![r.i] = r.n;
      }
    }
    const totals = { vacancies: zeros(), headcount: zeros(), resumes: zeros() };
    const tv = db
      .prepare(`WITH ${p.sql} SELECT p.i AS i, COUNT(*) AS n, COALESCE(SUM(d.headcount), 0) AS h
        FROM ${V.docs} d CROSS JOIN p ON d.publishedAt >= p.lo AND d.publishedAt < p.hi WHERE ${status} GROUP BY p.i`)
      .all(...p.params) as Array<{ i: number; n: number; h: number }>;
    for (const r of tv) {
      totals.vacancies[r.i] = r.n;
      totals.headcount[r.i] = r.h;
    }
    const tr = db
      .prepare(`WITH ${p.sql} SELECT p.i AS i, COUNT(*) AS n FROM ${R.docs} d CROSS JOIN p ON d.updatedAt >= p.lo AND d.updatedAt < p.hi GROUP BY p.i`)
      .all(...p.params) as Array<{ i: number; n: number }>;
    for (const r of tr) totals.resumes[r.i] = r.n;
    return { buckets: [...buckets.values()], totals };
  }
}
