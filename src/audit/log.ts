import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { decodeAuditCursor, encodeAuditCursor } from './schema.js';
import { AuditCursorError, type AuditContext, type AuditListQuery, type AuditPage, type AuditQuery, type AuditReason, type AuditRecord, type AuditStore, type AuditView, type ListedAuditRecord } from './types.js';

export const AUDIT_FILE = 'audit.sqlite';

interface Row {
  seq: number; at: string; key_id: string; role: string; resume_id: string; reason: AuditReason; request_id: string; context: string;
}

/**
 * The audit log of resume views: an append-only SQLite file (`audit.sqlite` in DATA_DIR, whichever engine holds
 * the documents) with WAL and synchronous=FULL, so a record is on disk once `recordViews` returns. One view of
 * several resumes (a search page) is one transaction: all its records or none.
 */
export class AuditLog implements AuditStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private closed = false;

  private constructor(readonly file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
CREATE TABLE IF NOT EXISTS audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  key_id TEXT NOT NULL,
  role TEXT NOT NULL,
  resume_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  request_id TEXT NOT NULL,
  context TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_resume ON audit(resume_id, seq);
CREATE INDEX IF NOT EXISTS audit_key ON audit(key_id, seq);
CREATE INDEX IF NOT EXISTS audit_at ON audit(at);
`);
    this.insert = this.db.prepare('INSERT INTO audit (at, key_id, role, resume_id, reason, request_id, context) VALUES (?, ?, ?, ?, ?, ?, ?)');
  }

  /** Opens (creating when needed) the audit log in `dataDir`. */
  static open(dataDir: string): AuditLog {
    mkdirSync(dataDir, { recursive: true });
    return new AuditLog(join(dataDir, AUDIT_FILE));
  }

  /** Records that `view` showed these resumes (one record each, duplicates once), durably, in one transaction. */
  recordViews(view: AuditView, resumeIds: readonly string[]): void {
    const ids = [...new Set(resumeIds)];
    if (!ids.length) return;
    const at = view.at.toISOString();
    const context = JSON.stringify(view.context);
    this.db.transaction(() => {
      for (const id of ids) this.insert.run(at, view.keyId, view.role, id, view.reason, view.requestId, context);
    })();
  }

  /** Records matching `q`, newest first, `q.size` at most. */
  list(q: AuditQuery): AuditPage {
    const where: string[] = [];
    const args: Array<string | number> = [];
    const eq = (column: string, value: string | undefined) => { if (value !== undefined) { where.push(`${column} = ?`); args.push(value); } };
    eq('resume_id', q.resumeId);
    eq('key_id', q.keyId);
    eq('reason', q.reason);
    if (q.from) { where.push('at >= ?'); args.push(q.from.toISOString()); }
    if (q.to) { where.push('at <= ?'); args.push(q.to.toISOString()); }
    if (q.beforeSeq !== undefined) { where.push('seq < ?'); args.push(q.beforeSeq); }
    const sql = `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...args, q.size + 1) as Row[];
    const records = rows.slice(0, q.size).map(toRecord);
    return { records, ...(rows.length > q.size ? { nextSeq: records[records.length - 1]!.seq } : {}) };
  }

  async page(q: AuditListQuery): Promise<{ records: ListedAuditRecord[]; nextCursor?: string }> {
    const { cursor, ...filters } = q;
    const beforeSeq = cursor === undefined ? undefined : decodeAuditCursor(cursor);
    if (cursor !== undefined && beforeSeq === undefined) throw new AuditCursorError();
    const page = this.list({ ...filters, ...(beforeSeq !== undefined ? { beforeSeq } : {}) });
    return {
      records: page.records.map(({ seq: _seq, ...r }) => r),
      ...(page.nextSeq !== undefined ? { nextCursor: encodeAuditCursor(page.nextSeq) } : {}),
    };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

function toRecord(r: Row): AuditRecord {
  return {
    seq: r.seq, at: r.at, keyId: r.key_id, role: r.role, resumeId: r.resume_id, reason: r.reason, requestId: r.request_id,
    context: JSON.parse(r.context) as AuditContext,
  };
}
