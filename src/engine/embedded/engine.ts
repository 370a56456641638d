import { mkdirSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ConditionalResult, Engine, EngineQuery, EngineResult, IndexDoc, KeywordField, Kind, NumberField, Reanalyse, TermCountSpec, TermCounts, VersionedDoc, WriteResult } from '../types.js';
import { MemoryLeaseStore, type LeaseStore } from '../leases.js';
import { KINDS, KEYWORD_FIELDS, NUMBER_FIELDS, TEXT_FIELDS } from '../types.js';
import { ddl, migrationSql, tableNames, SCHEMA_VERSION } from './schema.js';
import { searchEmbedded } from './search.js';
import { ColumnStore, COLUMN_KEYWORDS } from './columns.js';

/** Below this much free space under DATA_DIR the store reports itself not ready (writes would soon answer 507). */
const MIN_FREE_BYTES = 1024 * 1024;

/**
 * The embedded default: SQLite (WAL, synchronous=FULL) with FTS5 over pre-segmented text, on disk under DATA_DIR.
 * A write returns only after its transaction is committed and fsynced, so an acknowledged write survives a crash.
 * Documents and text stay on disk; only the filter/sort columns (ids, numbers, coordinates, facet values) are held
 * in memory for fast filters and facets, and result pages are read from disk.
 */
export class EmbeddedEngine implements Engine {
  readonly name = 'embedded' as const;
  private db!: Database.Database;
  private readonly file: string;
  private readonly columns = new Map<Kind, ColumnStore>();
  /** One process: leases in memory. */
  readonly leases: LeaseStore;

  constructor(private readonly dataDir: string, opts: { leaseTtlMs?: number } = {}) {
    this.leases = new MemoryLeaseStore(opts.leaseTtlMs);
    mkdirSync(dataDir, { recursive: true });
    this.file = join(dataDir, 'match.sqlite');
  }

  async init(reanalyse?: Reanalyse): Promise<void> {
    this.db = new Database(this.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('cache_size = -65536');
    this.db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    const stored = this.db.prepare(`SELECT value FROM meta WHERE key = 'schemaVersion'`).get() as { value: string } | undefined;
    const from = stored ? Number(stored.value) : SCHEMA_VERSION;
    if (from !== SCHEMA_VERSION) {
      if (!reanalyse) throw new Error(`the store in ${this.file} has layout ${from}, this version needs ${SCHEMA_VERSION}: start the service to migrate it`);
      const exists = (name: string) => !!this.db.prepare(`SELECT 1 FROM sqlite_master WHERE name = ?`).get(name);
      this.db.transaction(() => {
        for (const kind of KINDS) this.db.exec(migrationSql(kind, from, exists(tableNames(kind, from).docs)));
      })();
    }
    for (const kind of KINDS) this.db.exec(ddl(kind));
    for (const kind of KINDS) this.columns.set(kind, new ColumnStore());
    if (from !== SCHEMA_VERSION) await this.migrate(from, reanalyse!);
    this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('schemaVersion', String(SCHEMA_VERSION));
    for (const kind of KINDS) this.columns.set(kind, this.loadColumns(kind));
  }

  /** Re-analyses every document of the old layout into the new tables, then drops the old tables. */
  private async migrate(from: number, reanalyse: Reanalyse): Promise<void> {
    for (const kind of KINDS) {
      const old = tableNames(kind, from);
      // Pages by rowid: a statement may not stay open while the same connection writes.
      const page = this.db.prepare(`SELECT rowid, source FROM ${old.docs} WHERE rowid > ? ORDER BY rowid LIMIT 1000`).raw();
      for (let after = -1; ;) {
        const rows = page.all(after) as Array<[number, string]>;
        if (!rows.length) break;
        await this.upsert(kind, rows.map(([, source]) => reanalyse(kind, JSON.parse(source) as Record<string, unknown>)));
        after = rows[rows.length - 1]![0];
      }
      this.db.exec(`DROP TABLE ${old.fts}; DROP TABLE ${old.kw}; DROP TABLE ${old.docs};`);
    }
  }

  /** Rebuilds the in-memory filter columns from the tables (startup). */
  private loadColumns(kind: Kind): ColumnStore {
    const t = tableNames(kind);
    const store = new ColumnStore();
    const keywords = new Map<number, Partial<Record<string, string[]>>>();
    const kw = this.db.prepare(`SELECT field, value, doc FROM ${t.kw} WHERE field IN (${COLUMN_KEYWORDS.map(() => '?').join(',')})`).raw();
    for (const [field, value, doc] of kw.iterate(...COLUMN_KEYWORDS) as Iterable<[string, string, number]>) {
      let k = keywords.get(doc);
      if (!k) keywords.set(doc, (k = {}));
      (k[field] ??= []).push(value);
    }
    const rows = this.db.prepare(`SELECT rowid, id, ${NUMBER_FIELDS.join(', ')}, lat, lon FROM ${t.docs}`).raw();
    for (const r of rows.iterate() as Iterable<unknown[]>) {
      const rowid = r[0] as number;
      const numbers = Object.fromEntries(NUMBER_FIELDS.map((f, i) => [f, r[2 + i] as number | null]));
      const lat = r[2 + NUMBER_FIELDS.length] as number | null;
      const lon = r[3 + NUMBER_FIELDS.length] as number | null;
      store.put(rowid, { id: r[1] as string, numbers, keywords: keywords.get(rowid) ?? {}, ...(lat !== null && lon !== null ? { geo: { lat, lon } } : {}) });
    }
    return store;
  }

  /** The SQLite connection, for read-only aggregate queries (src/stats); undefined before init. */
  get database(): Database.Database {
    return this.db;
  }

  async checkReady(): Promise<void> {
    // A full disk may still take a tiny write into space the WAL file already holds, but not a document.
    const { bavail, bsize } = statfsSync(this.dataDir);
    const free = bavail * bsize;
    if (free < MIN_FREE_BYTES) throw new Error(`the disk is full (${Math.floor(free / 1024)} KiB free for the store)`);
    // A write probe: proves the file is writable, not just readable.
    this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('readyProbe', new Date().toISOString());
  }

  async upsert(kind: Kind, docs: IndexDoc[]): Promise<WriteResult[]> {
    const t = tableNames(kind);
    const cols = ['id', 'source', ...NUMBER_FIELDS, 'lat', 'lon'];
    const find = this.db.prepare(`SELECT rowid FROM ${t.docs} WHERE id = ?`);
    const insert = this.db.prepare(`INSERT INTO ${t.docs} (${cols.join(',')}) VALUES (${cols.map(() => '?').join(',')})`);
    const update = this.db.prepare(`UPDATE ${t.docs} SET ${cols.slice(1).map((c) => `${c} = ?`).join(', ')}, version = version + 1 WHERE rowid = ?`);
    const delKw = this.db.prepare(`DELETE FROM ${t.kw} WHERE doc = ?`);
    const insKw = this.db.prepare(`INSERT OR IGNORE INTO ${t.kw} (field, value, doc) VALUES (?, ?, ?)`);
    const delFts = this.db.prepare(`DELETE FROM ${t.fts} WHERE rowid = ?`);
    const insFts = this.db.prepare(`INSERT INTO ${t.fts} (rowid, ${TEXT_FIELDS.join(', ')}) VALUES (?, ${TEXT_FIELDS.map(() => '?').join(', ')})`);
    const write = this.db.transaction((batch: IndexDoc[]) =>
      batch.map((d): WriteResult => {
        const values = [JSON.stringify(d.source), ...NUMBER_FIELDS.map((f) => d.numbers[f] ?? null), d.geo?.lat ?? null, d.geo?.lon ?? null];
        const existing = find.get(d.id) as { rowid: number } | undefined;
        let rowid: number;
        if (existing) {
          rowid = existing.rowid;
          update.run(...values, rowid);
          delKw.run(rowid);
          delFts.run(rowid);
        } else {
          rowid = Number(insert.run(d.id, ...values).lastInsertRowid);
        }
        for (const field of KEYWORD_FIELDS) for (const v of d.keywords[field] ?? []) insKw.run(field, v, rowid);
        insFts.run(rowid, ...TEXT_FIELDS.map((f) => d.text[f]));
        written.push([rowid, d]);
        return { id: d.id, result: existing ? 'updated' : 'created' };
      }),
    );
    const written: Array<[number, IndexDoc]> = [];
    const results = write(docs);
    // Committed: now the columns may show it.
    const store = this.columns.get(kind)!;
    for (const [rowid, d] of written) store.put(rowid, d);
    return results;
  }

  /** Replaces rows whose version is still the one read (`rowid:version`), in one transaction. */
  async replaceIfUnchanged(kind: Kind, docs: VersionedDoc[]): Promise<ConditionalResult[]> {
    const t = tableNames(kind);
    const current = this.db.prepare(`SELECT rowid, version FROM ${t.docs} WHERE id = ?`);
    const results: ConditionalResult[] = [];
    const fresh: IndexDoc[] = [];
    const check = this.db.transaction(() => {
      for (const { doc, version } of docs) {
        const row = current.get(doc.id) as { rowid: number; version: number } | undefined;
        if (!row) results.push('gone');
        else if (`${row.rowid}:${row.version}` !== version) results.push('changed');
        else { results.push('written'); fresh.push(doc); }
      }
    });
    // One process, one connection: nothing can write between the check and the write (no await in between).
    check();
    if (fresh.length) await this.upsert(kind, fresh);
    return results;
  }

  /** GROUP BY over the keyword postings (indexed by field, value), joined with terms filters. */
  async termCounts(kind: Kind, field: KeywordField, filters: Array<{ field: KeywordField; values: string[] }> = [], sum?: NumberField): Promise<TermCounts> {
    const t = tableNames(kind);
    const where: string[] = ['k.field = ?'];
    const params: unknown[] = [field];
    for (const f of filters) {
      where.push(`EXISTS (SELECT 1 FROM ${t.kw} f WHERE f.doc = k.doc AND f.field = ? AND f.value IN (${f.values.map(() => '?').join(',')}))`);
      params.push(f.field, ...f.values);
    }
    const sumSql = sum ? `, total(d.${sum})` : ', 0';
    const docJoin = sum ? `JOIN ${t.docs} d ON d.rowid = k.doc` : '';
    const rows = this.db.prepare(`SELECT k.value, count(*)${sumSql} FROM ${t.kw} k ${docJoin} WHERE ${where.join(' AND ')} GROUP BY k.value`).raw()
      .all(...params) as Array<[string, number, number]>;
    return new Map(rows.map(([value, count, total]) => [value, { count, sum: total }]));
  }

  async termCountsMany(specs: readonly TermCountSpec[]): Promise<Array<{ counts: TermCounts; total: number }>> {
    const out: Array<{ counts: TermCounts; total: number }> = [];
    for (const s of specs) {
      const counts = await this.termCounts(s.kind, s.field, s.filters, s.sum);
      out.push({ counts, total: s.filters?.length ? this.countMatching(s.kind, s.filters) : await this.count(s.kind) });
    }
    return out;
  }

  /** Documents holding, for every filter, one of its values. */
  private countMatching(kind: Kind, filters: Array<{ field: KeywordField; values: string[] }>): number {
    const t = tableNames(kind);
    const where: string[] = [];
    const params: unknown[] = [];
    for (const f of filters) {
      where.push(`EXISTS (SELECT 1 FROM ${t.kw} f WHERE f.doc = d.rowid AND f.field = ? AND f.value IN (${f.values.map(() => '?').join(',')}))`);
      params.push(f.field, ...f.values);
    }
    return (this.db.prepare(`SELECT count(*) FROM ${t.docs} d WHERE ${where.join(' AND ')}`).raw().get(...params) as [number])[0];
  }

  async get(kind: Kind, id: string): Promise<Record<string, unknown> | null> {
    const row = this.db.prepare(`SELECT source FROM ${tableNames(kind).docs} WHERE id = ?`).get(id) as { source: string } | undefined;
    return row ? (JSON.parse(row.source) as Record<string, unknown>) : null;
  }

  async getMany(kind: Kind, ids: readonly string[]): Promise<Array<Record<string, unknown> | null>> {
    return Promise.all(ids.map((id) => this.get(kind, id)));
  }

  async delete(kind: Kind, id: string): Promise<boolean> {
    const t = tableNames(kind);
    const deleted = this.db.transaction((): number | false => {
      const row = this.db.prepare(`SELECT rowid FROM ${t.docs} WHERE id = ?`).get(id) as { rowid: number } | undefined;
      if (!row) return false;
      this.db.prepare(`DELETE FROM ${t.kw} WHERE doc = ?`).run(row.rowid);
      this.db.prepare(`DELETE FROM ${t.fts} WHERE rowid = ?`).run(row.rowid);
      this.db.prepare(`DELETE FROM ${t.docs} WHERE rowid = ?`).run(row.rowid);
      return row.rowid;
    })();
    if (deleted === false) return false;
    this.columns.get(kind)!.remove(deleted);
    return true;
  }

  async count(kind: Kind): Promise<number> {
    return this.columns.get(kind)!.count;
  }

  async search(kind: Kind, q: EngineQuery): Promise<EngineResult> {
    return searchEmbedded(this.db, tableNames(kind), this.columns.get(kind)!, q);
  }

  async close(): Promise<void> {
    if (this.db?.open) this.db.close();
  }
}
