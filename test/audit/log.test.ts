import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_FILE, AuditLog } from '../../src/audit/log.js';
import { decodeAuditCursor, encodeAuditCursor } from '../../src/audit/schema.js';
import type { AuditView } from '../../src/audit/types.js';

const view = (over: Partial<AuditView> = {}): AuditView => ({
  at: new Date('2026-11-01T08:00:00Z'), keyId: 'env-abc', role: 'recruiter', requestId: 'req-1', reason: 'search',
  context: { route: '/v1/resumes/search', params: ['q'], page: 1 }, ...over,
});

describe('the audit log file', () => {
  let dir: string;
  let log: AuditLog;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'zzh-auditlog-')); log = AuditLog.open(join(dir, 'nested')); });
  afterEach(() => { log.close(); rmSync(dir, { recursive: true, force: true }); });

  it('stores one record per resume, duplicates once, and lists newest first', () => {
    log.recordViews(view(), ['r-1', 'r-2', 'r-1']);
    log.recordViews(view({ reason: 'direct', requestId: 'req-2', at: new Date('2026-11-01T09:00:00Z'), context: { route: '/v1/resumes/:id' } }), ['r-2']);
    log.recordViews(view({ requestId: 'req-3' }), []);
    const { records, nextSeq } = log.list({ size: 10 });
    expect(nextSeq).toBeUndefined();
    expect(records.map((r) => [r.requestId, r.resumeId, r.reason])).toEqual([['req-2', 'r-2', 'direct'], ['req-1', 'r-2', 'search'], ['req-1', 'r-1', 'search']]);
    expect(records[1]).toMatchObject({ at: '2026-11-01T08:00:00.000Z', keyId: 'env-abc', role: 'recruiter', context: { route: '/v1/resumes/search', params: ['q'], page: 1 } });
  });

  it('pages by position and filters', () => {
    for (let i = 0; i < 5; i++) log.recordViews(view({ requestId: `req-${i}`, at: new Date(Date.UTC(2026, 10, 1, i)) }), [`r-${i}`]);
    const first = log.list({ size: 2 });
    expect(first.records.map((r) => r.resumeId)).toEqual(['r-4', 'r-3']);
    const second = log.list({ size: 2, beforeSeq: first.nextSeq! });
    expect(second.records.map((r) => r.resumeId)).toEqual(['r-2', 'r-1']);
    expect(log.list({ size: 2, beforeSeq: second.nextSeq! })).toMatchObject({ records: [{ resumeId: 'r-0' }] });
    expect(log.list({ size: 10, from: new Date(Date.UTC(2026, 10, 1, 1)), to: new Date(Date.UTC(2026, 10, 1, 3)) }).records.map((r) => r.resumeId)).toEqual(['r-3', 'r-2', 'r-1']);
    expect(log.list({ size: 10, resumeId: 'r-2', keyId: 'env-abc', reason: 'search' }).records).toHaveLength(1);
    expect(log.list({ size: 10, reason: 'match' }).records).toEqual([]);
  });

  it('writes a view all or nothing', () => {
    // Another connection adds a trigger refusing one resume id: the whole view fails, none of it is kept.
    const other = new Database(join(dir, 'nested', AUDIT_FILE));
    other.exec(`CREATE TRIGGER refuse BEFORE INSERT ON audit WHEN NEW.resume_id = 'r-bad' BEGIN SELECT RAISE(ABORT, 'refused'); END;`);
    other.close();
    expect(() => log.recordViews(view(), ['r-1', 'r-2', 'r-bad', 'r-3'])).toThrow(/refused/);
    expect(log.list({ size: 10 }).records).toEqual([]);
  });

  it('is a WAL database that survives reopening', () => {
    log.recordViews(view(), ['r-1']);
    log.close();
    const check = new Database(join(dir, 'nested', AUDIT_FILE), { readonly: true });
    expect(check.pragma('journal_mode', { simple: true })).toBe('wal');
    check.close();
    log = AuditLog.open(join(dir, 'nested'));
    expect(log.list({ size: 10 }).records.map((r) => r.resumeId)).toEqual(['r-1']);
    log.close();
    log.close(); // closing twice is harmless
    expect(() => log.recordViews(view(), ['r-2'])).toThrow();
  });

  it('has opaque cursors that only decode when this API made them', () => {
    expect(decodeAuditCursor(encodeAuditCursor(42))).toBe(42);
    for (const bad of ['', 'nope', Buffer.from('audit:-1').toString('base64url'), Buffer.from('audit:1e3').toString('base64url')]) expect(decodeAuditCursor(bad)).toBeUndefined();
  });
});
