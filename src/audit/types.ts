/** Why a resume was shown: in search results, among a vacancy's candidates, or read on its own. */
export const AUDIT_REASONS = ['search', 'match', 'direct'] as const;
export type AuditReason = (typeof AUDIT_REASONS)[number];

/** What led to a view, without personal data: the route template, the vacancy matched, the names of the search parameters. */
export interface AuditContext {
  route: string;
  /** The vacancy whose candidates were shown (reason match). */
  vacancyId?: string;
  /** The names (never the values) of the search parameters given (reason search). */
  params?: string[];
  /** The result page (reason search; absent when paging by cursor). */
  page?: number;
}

/** One request that showed resumes: who, when, why. */
export interface AuditView {
  at: Date;
  /** The non-secret id of the API key (never the key). */
  keyId: string;
  role: string;
  requestId: string;
  reason: AuditReason;
  context: AuditContext;
}

/** One resume shown once, as stored and listed. */
export interface AuditRecord {
  /** Position in the log: larger is newer. */
  seq: number;
  at: string;
  keyId: string;
  role: string;
  resumeId: string;
  reason: AuditReason;
  requestId: string;
  context: AuditContext;
}

export interface AuditQuery {
  resumeId?: string;
  keyId?: string;
  reason?: AuditReason;
  /** Records at or after this instant. */
  from?: Date;
  /** Records at or before this instant. */
  to?: Date;
  size: number;
  /** Only records older than this position (from a previous page's nextCursor). */
  beforeSeq?: number;
}

export interface AuditPage {
  records: AuditRecord[];
  /** The position to continue from (older records), when there may be more. */
  nextSeq?: number;
}

/** A record as listed to clients (the log position stays inside the store). */
export type ListedAuditRecord = Omit<AuditRecord, 'seq'>;

/** Filters of a listing; `cursor` is a nextCursor the same store gave out. */
export type AuditListQuery = Omit<AuditQuery, 'beforeSeq'> & { cursor?: string };

/** Thrown for a cursor the store did not give out (answered 400). */
export class AuditCursorError extends Error {
  constructor() {
    super('cursor is not one this API gave out');
    this.name = 'AuditCursorError';
  }
}

/**
 * Where resume views are recorded, whichever engine holds the documents: `AuditLog` (audit.sqlite in DATA_DIR,
 * the embedded engine) or `EsAuditLog` (monthly indices behind the `<prefix>-audit` alias, every replica's views).
 * `recordViews` returns once the records are durable; only then is anything shown.
 */
export interface AuditStore {
  recordViews(view: AuditView, resumeIds: readonly string[]): void | Promise<void>;
  /** Records matching the query, newest first. */
  page(q: AuditListQuery): Promise<{ records: ListedAuditRecord[]; nextCursor?: string }>;
  close(): void | Promise<void>;
}
