import { randomUUID } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import { stateIndexSettings } from '../state/es.js';
import { AuditCursorError, type AuditRecord, type AuditListQuery, type AuditStore, type AuditView, type ListedAuditRecord } from './types.js';

/**
 * The audit of resume views of every replica in Elasticsearch, built to grow without bound:
 *  - append-only monthly indices `<prefix>-audit-YYYY.MM` (UTC month of the view), made by an index template that
 *    also puts each of them behind the alias `<prefix>-audit`, through which every listing reads; an old month
 *    is archived or deleted as a whole index;
 *  - records are bulk `create`s with ids Elasticsearch generates (the fast append path; nothing is overwritten);
 *  - `recordViews` returns only when Elasticsearch has acknowledged every record: the translog is fsynced per
 *    request (the default `index.translog.durability: request`), so a view shown is a view on disk, even
 *    though the writes do not wait for a refresh;
 *  - a listing refreshes the alias first (admins list rarely), so a view acknowledged on any replica is listed
 *    from any replica, and pages with `search_after` on (at, tie), newest first: records that arrive while an
 *    admin pages go to the front and never shift the pages that follow.
 */
export interface EsAuditLogOptions {
  client: Client;
  prefix: string;
  /** ELASTICSEARCH_REPLICAS for the monthly indices (default: a replica once the cluster has a second node). */
  replicas?: string;
}

/** A record as indexed: no log position (the index orders by time), a random `tie` for records of the same instant. */
type AuditDoc = Omit<AuditRecord, 'seq'> & { tie: string };

export function auditIndexFor(prefix: string, at: Date): string {
  return `${prefix}-audit-${at.getUTCFullYear()}.${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
}

const CURSOR = /^esaudit:(-?\d{1,15}):([0-9a-f-]{36})$/;

export class EsAuditLog implements AuditStore {
  readonly alias: string;
  private readonly client: Client;
  private closed = false;

  private constructor(private readonly opts: EsAuditLogOptions) {
    this.client = opts.client;
    this.alias = `${opts.prefix}-audit`;
  }

  /** Puts the index template (idempotent: replicas booting together write the same one). */
  static async open(opts: EsAuditLogOptions): Promise<EsAuditLog> {
    const log = new EsAuditLog(opts);
    await log.client.indices.putIndexTemplate({
      name: `${opts.prefix}-audit`,
      index_patterns: [`${opts.prefix}-audit-*`],
      priority: 200,
      template: {
        settings: stateIndexSettings(opts.replicas),
        aliases: { [log.alias]: {} },
        mappings: {
          dynamic: 'strict',
          properties: {
            at: { type: 'date' }, keyId: { type: 'keyword' }, role: { type: 'keyword' }, resumeId: { type: 'keyword' },
            reason: { type: 'keyword' }, requestId: { type: 'keyword' }, tie: { type: 'keyword' },
            context: { type: 'object', enabled: false },
          },
        },
      },
    });
    return log;
  }

  async recordViews(view: AuditView, resumeIds: readonly string[]): Promise<void> {
    if (this.closed) throw new Error('the audit log is closed');
    const ids = [...new Set(resumeIds)];
    if (!ids.length) return;
    const index = auditIndexFor(this.opts.prefix, view.at);
    const at = view.at.toISOString();
    const operations: unknown[] = [];
    for (const resumeId of ids) {
      const doc: AuditDoc = { at, keyId: view.keyId, role: view.role, resumeId, reason: view.reason, requestId: view.requestId, context: view.context, tie: randomUUID() };
      operations.push({ create: { _index: index } }, doc);
    }
    const r = await this.client.bulk({ operations: operations as never, refresh: false });
    if (r.errors) {
      const first = r.items.find((i) => i.create?.error)?.create?.error;
      throw new Error(`audit records not written: ${first?.type ?? 'error'}: ${first?.reason ?? ''}`);
    }
  }

  async page(q: AuditListQuery): Promise<{ records: ListedAuditRecord[]; nextCursor?: string }> {
    let after: [number, string] | undefined;
    if (q.cursor !== undefined) {
      const m = CURSOR.exec(Buffer.from(q.cursor, 'base64url').toString('utf8'));
      if (!m) throw new AuditCursorError();
      after = [Number(m[1]), m[2]!];
    }
    const filter: unknown[] = [];
    if (q.resumeId !== undefined) filter.push({ term: { resumeId: q.resumeId } });
    if (q.keyId !== undefined) filter.push({ term: { keyId: q.keyId } });
    if (q.reason !== undefined) filter.push({ term: { reason: q.reason } });
    if (q.from || q.to) filter.push({ range: { at: { ...(q.from ? { gte: q.from.toISOString() } : {}), ...(q.to ? { lte: q.to.toISOString() } : {}) } } });
    await this.client.indices.refresh({ index: this.alias, ignore_unavailable: true, allow_no_indices: true });
    const r = await this.client.search<AuditDoc>({
      index: this.alias, ignore_unavailable: true, allow_no_indices: true,
      size: q.size + 1, query: { bool: { filter: filter as never } },
      sort: [{ at: 'desc' }, { tie: 'desc' }],
      ...(after ? { search_after: after } : {}),
      track_total_hits: false,
    });
    const hits = r.hits.hits.slice(0, q.size);
    const records = hits.map((h): ListedAuditRecord => {
      const { tie: _tie, ...rest } = h._source!;
      return rest;
    });
    const last = hits[hits.length - 1];
    const nextCursor = r.hits.hits.length > q.size && last?.sort
      ? Buffer.from(`esaudit:${last.sort[0] as number}:${last.sort[1] as string}`, 'utf8').toString('base64url')
      : undefined;
    return { records, ...(nextCursor ? { nextCursor } : {}) };
  }

  /** Stops recording (closing the app); the records stay in Elasticsearch. */
  close(): void {
    this.closed = true;
  }
}
