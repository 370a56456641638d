import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { redactResume } from '../domain/privacy.js';
import { resumeSchema, type Resume } from '../domain/resume.js';
import { STAFF } from '../http/auth.js';
import { documentRoutes } from './documents.js';
import { searchRoute } from './search.js';
import { resumeSpec } from '../indexing/service.js';

/**
 * Resumes are entered and read by recruiters and employment-bureau staff; contact data is masked without consent.
 * Every read and every search hit is recorded in the audit log (reasons direct and search). A seeker's own key
 * reads, updates and deletes that one resume (and no other).
 */
const OWN_OR_STAFF = [...STAFF, 'seeker'] as const;
const resumeRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(documentRoutes<Resume>({
    kind: 'resume', spec: resumeSpec, path: '/v1/resumes', tag: 'resumes', noun: 'resume',
    outputSchema: resumeSchema,
    writeRoles: OWN_OR_STAFF,
    readRoles: OWN_OR_STAFF,
    refuseWrite: (p, r) => (p.role === 'seeker' && r.id !== p.resumeId ? `this key may write only resume ${p.resumeId}` : undefined),
    // Seekers see their own resume as they wrote it, and no other; staff see it masked (admins whole).
    present: (p, r) => (p.role === 'seeker' ? (r.id === p.resumeId ? r : null) : p.role === 'admin' ? r : redactResume(r, { dropProtected: false })),
    audited: true,
    // Resume subscriptions (src/alerts) follow the resume: re-compiled on every write, deleted with it.
    afterWrite: (docs) => app.deps.alerts.resumeWritten(docs),
    afterDelete: (r) => app.deps.alerts.resumeDeleted(r),
  }));
  await app.register(searchRoute({
    kind: 'resume', path: '/v1/resumes/search', roles: STAFF, summary: 'Search resumes (recruiters and employment-bureau staff)',
    description: 'Contact data (also phones, e-mails, QQ/WeChat ids typed into free text) is masked unless the seeker consented; ID numbers always are; gender, birth year, ethnicity, marital status and hukou are never returned or filterable. Each resume shown is recorded in the audit log (GET /v1/audit).',
    audited: true,
  }));
};

export default resumeRoutes;
