import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditLog } from '../audit/log.js';
import { auditPageSchema, auditQuerySchema } from '../audit/schema.js';
import { AuditCursorError, type AuditContext, type AuditReason, type AuditStore } from '../audit/types.js';
import { HttpProblem, problemSchema } from '../http/problem.js';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The audit log of resume views: `deps.audit` when given (Elasticsearch: every replica's views), else
     * DATA_DIR/audit.sqlite opened by this plugin; closed with the app.
     */
    audit: AuditStore;
  }
}

/**
 * Records that this request is about to show these resumes, before the response is sent. Every caller who sees
 * resumes is recorded (recruiter, admin, and an employer looking at its vacancy's candidates). When the record
 * cannot be written the request fails with 503: no resume is shown unaudited.
 */
export async function recordResumeViews(req: FastifyRequest, reason: AuditReason, context: AuditContext, resumeIds: readonly string[]): Promise<void> {
  const p = req.principal;
  // A seeker reading their own resume is not someone else viewing it.
  if (!p || !resumeIds.length || p.role === 'seeker') return;
  try {
    await req.server.audit.recordViews({ at: new Date(), keyId: p.keyId, role: p.role, requestId: String(req.id), reason, context }, resumeIds);
  } catch (err) {
    req.log.error({ err: (err as Error).message, code: (err as { code?: string }).code }, 'audit record not written; nothing shown');
    throw new HttpProblem(503, 'the view could not be recorded in the audit log, so nothing is shown; retry shortly');
  }
}

/** GET /v1/audit (admin): who saw which resume, when and why. Also opens the audit log for the resume routes. */
const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const log: AuditStore = app.deps.audit ?? AuditLog.open(app.deps.config.DATA_DIR);
  app.decorate('audit', log);
  app.addHook('onClose', async () => log.close());

  app.get('/v1/audit', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['audit'],
      summary: 'Resume views: who saw which resume, when and why (admin)',
      description: 'One record per resume shown to a caller: in resume search results (search), among a vacancy\'s candidates (match) or read on its own (direct). Newest first; filters combine.',
      querystring: auditQuerySchema,
      response: { 200: auditPageSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
    },
  }, async (req) => {
    const { cursor, from, to, ...filters } = req.query;
    const fromDate = from === undefined ? undefined : new Date(from);
    const toDate = to === undefined ? undefined : new Date(to);
    if (fromDate && toDate && fromDate > toDate) {
      throw new HttpProblem(400, 'from is after to', [{ field: 'from', location: 'query', reason: 'must not be after to' }]);
    }
    try {
      return await app.audit.page({ ...filters, ...(fromDate ? { from: fromDate } : {}), ...(toDate ? { to: toDate } : {}), ...(cursor !== undefined ? { cursor } : {}) });
    } catch (err) {
      if (err instanceof AuditCursorError) {
        throw new HttpProblem(400, 'cursor is not one this API gave out', [{ field: 'cursor', location: 'query', reason: 'not a nextCursor of GET /v1/audit' }]);
      }
      throw err;
    }
  });
};
// The audit log is shared with the resume and match routes: decorate the root instance, not an encapsulated child.
(auditRoutes as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;

export default auditRoutes;
