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
