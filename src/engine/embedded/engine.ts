import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Engine, EngineQuery, EngineResult, IndexDoc, Kind, WriteResult } from '../types.js';
import { KINDS, KEYWORD_FIELDS, NUMBER_FIELDS, TEXT_FIELDS } from '../types.js';
import { haversineKm } from '../geo.js';
import { ddl, tableNames, SCHEMA_VERSION } from './schema.js';
import { searchEmbedded } from './search.js';

/**
 * The embedded default: SQLite (WAL, synchronous=FULL) with FTS5 over pre-segmented text, on disk under DATA_DIR.
 * A write returns only after its transaction is committed and fsynced, so an acknowledged write survives a crash.
 * Documents stay on disk; only result pages are read into the heap.
 */
export class EmbeddedEngine implements Engine {
  readonly name = 'embedded' as const;
  private db!: Database.Database;
  private readonly file: string;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.file = join(dataDir, 'match.sqlite');
  }

  async init(): Promise<void> {
    this.db = new Database(this.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('cache_size = -65536');
    this.db.function('distance_km', { deterministic: true }, (lat1, lon1, lat2, lon2) =>
      lat1 === null || lon1 === null ? null : haversineKm(lat1 as number, lon1 as number, lat2 as number, lon2 as number),
    );
    this.db.function('freshness', { deterministic: true }, (at, now, halfLifeDays) =>
      at === null ? 0 : Math.pow(2, -Math.max(0, (now as number) - (at as number)) / ((halfLifeDays as number) * 86_400_000)),
    );
    this.db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    for (const kind of KINDS) this.db.exec(ddl(kind));
    this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('schemaVersion', String(SCHEMA_VERSION));
  }

  async checkReady(): Promise<void> {
    // A write probe: proves the file is writable, not just readable.
    this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('readyProbe', new Date().toISOString());
  }

  async upsert(kind: Kind, docs: IndexDoc[]): Promise<WriteResult[]> {
    const t = tableNames(kind);
    const cols = ['id', 'source', ...NUMBER_FIELDS, 'lat', 'lon'];
    const find = this.db.prepare(`SELECT rowid FROM ${t.docs} WHERE id = ?`);
    const insert = this.db.prepare(`INSERT INTO ${t.docs} (${cols.join(',')}) VALUES (${cols.map(() => '?').join(',')})`);
    const update = this.db.prepare(`UPDATE ${t.docs} SET ${cols.slice(1).map((c) => `${c} = ?`).join(', ')} WHERE rowid = ?`);
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
        return { id: d.id, result: existing ? 'updated' : 'created' };
      }),
    );
    return write(docs);
  }

  async get(kind: Kind, id: string): Promise<Record<string, unknown> | null> {
    const row = this.db.prepare(`SELECT source FROM ${tableNames(kind).docs} WHERE id = ?`).get(id) as { source: string } | undefined;
    return row ? (JSON.parse(row.source) as Record<string, unknown>) : null;
  }

  async delete(kind: Kind, id: string): Promise<boolean> {
    const t = tableNames(kind);
    return this.db.transaction(() => {
      const row = this.db.prepare(`SELECT rowid FROM ${t.docs} WHERE id = ?`).get(id) as { rowid: number } | undefined;
      if (!row) return false;
      this.db.prepare(`DELETE FROM ${t.kw} WHERE doc = ?`).run(row.rowid);
      this.db.prepare(`DELETE FROM ${t.fts} WHERE rowid = ?`).run(row.rowid);
      this.db.prepare(`DELETE FROM ${t.docs} WHERE rowid = ?`).run(row.rowid);
      return true;
    })();
  }

  async count(kind: Kind): Promise<number> {
    return (this.db.prepare(`SELECT count(*) AS n FROM ${tableNames(kind).docs}`).get() as { n: number }).n;
  }

  async search(kind: Kind, q: EngineQuery): Promise<EngineResult> {
    return searchEmbedded(this.db, tableNames(kind), q);
  }

  async close(): Promise<void> {
    if (this.db?.open) this.db.close();
  }
}
