import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { vacancySchema, type Vacancy } from '../domain/vacancy.js';
import { ANY_ROLE } from '../http/auth.js';
import { documentRoutes } from './documents.js';
import { screenVacancy } from '../indexing/publishing.js';
import { vacancySpec } from '../indexing/service.js';
import { searchRoute } from './search.js';

/** Employers write only their own vacancies; drafts are visible to their employer and staff only. */
const vacancyRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(documentRoutes<Vacancy>({
    kind: 'vacancy', spec: vacancySpec, path: '/v1/vacancies', tag: 'vacancies', noun: 'vacancy',
    outputSchema: vacancySchema,
    writeRoles: ['employer', 'admin'],
    readRoles: ANY_ROLE,
    refuseWrite: (p, v) => (p.role === 'employer' && v.employer.id !== p.employerId ? `this key may write only vacancies of employer ${p.employerId}` : undefined),
    admit: (v, now) => {
      const screened = screenVacancy(v, app.deps.screener.screener, now);
      const metrics = app.deps.metrics;
      if ('vacancy' in screened) {
        const c = screened.vacancy.compliance!;
        metrics.recordCompliance({ verdict: c.status, findings: c.findings }, 'publish');
        return { doc: screened.vacancy };
      }
      metrics.recordCompliance(screened.refusal, 'publish');
      const { message, ...extra } = screened.refusal;
      return { status: 422, field: 'compliance', message, extra };
    },
    // Subscriptions (src/alerts): matched after every successful vacancy write and delete.
    afterWrite: (docs) => app.deps.alerts.vacancyWritten(docs),
    afterDelete: (v) => app.deps.alerts.vacancyDeleted(v),
    present: (p, v) => {
      if (v.status !== 'draft') return v;
      return p.role === 'admin' || p.role === 'recruiter' || (p.role === 'employer' && v.employer.id === p.employerId) ? v : null;
    },
  }));
  await app.register(searchRoute({
    kind: 'vacancy', path: '/v1/vacancies/search', roles: ANY_ROLE, summary: 'Search published vacancies',
    description: 'Text, filters, geo (lat/lon with radiusKm or circle=15min), facets, highlights, paging by page or cursor, and honest relaxation when nothing matches.',
  }));
};

export default vacancyRoutes;
