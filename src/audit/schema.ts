import { z } from 'zod';
import { idSchema, isoDateTime } from '../domain/common.js';
import { AUDIT_REASONS } from './types.js';

export const AUDIT_PAGE_MAX = 500;

/** GET /v1/audit: filters and paging (newest first; `cursor` from the previous page's nextCursor). */
export const auditQuerySchema = z.strictObject({
  resumeId: idSchema.optional().meta({ description: 'Only views of this resume' }),
  keyId: z.string().min(1).max(100).regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and . _ : - only').optional()
    .meta({ description: 'Only views made with this API key (its id, as /v1/keys and the records show it)' }),
  reason: z.enum(AUDIT_REASONS).optional().meta({ description: 'search, match or direct' }),
  from: isoDateTime.optional().meta({ description: 'Only views at or after this instant (ISO 8601 with offset)', example: '2025-01-01T00:00:00Z' }),
  to: isoDateTime.optional().meta({ description: 'Only views at or before this instant (ISO 8601 with offset)', example: '2025-12-31T23:59:59Z' }),
  size: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(100).meta({ description: `Records per page (1–${AUDIT_PAGE_MAX}, default 100)` }),
  cursor: z.string().min(1).max(100).optional().meta({ description: 'The nextCursor of the previous page' }),
});

export const auditRecordSchema = z.object({
  at: z.string().meta({ description: 'When the resume was shown (ISO 8601, UTC)' }),
  keyId: z.string().meta({ description: 'The id of the API key that saw it (never the key)' }),
  role: z.string(),
  resumeId: z.string(),
  reason: z.enum(AUDIT_REASONS),
  requestId: z.string().meta({ description: 'The x-request-id of the request that showed it' }),
  context: z.object({
    route: z.string().meta({ description: 'The route template' }),
    vacancyId: z.string().optional().meta({ description: 'match: the vacancy whose candidates were shown' }),
    params: z.array(z.string()).optional().meta({ description: 'search: the names of the parameters given (never their values)' }),
    page: z.number().int().optional().meta({ description: 'search: the result page' }),
  }),
});

export const auditPageSchema = z.object({
  records: z.array(auditRecordSchema).meta({ description: 'Newest first' }),
  nextCursor: z.string().optional().meta({ description: 'Pass as cursor for older records; absent on the last page' }),
});

/** The cursor is the log position of the last record shown, opaque to clients. */
export function encodeAuditCursor(seq: number): string {
  return Buffer.from(`audit:${seq}`, 'utf8').toString('base64url');
}

export function decodeAuditCursor(cursor: string): number | undefined {
  const m = /^audit:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}
