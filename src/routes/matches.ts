import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../domain/common.js';
import { redactResume } from '../domain/privacy.js';
import type { Resume } from '../domain/resume.js';
import type { Vacancy } from '../domain/vacancy.js';
import { HttpProblem, problemSchema } from '../http/problem.js';
import { recommendResumes, recommendVacancies, type RecommendContext } from '../matching/recommend.js';
import { matchQuerySchema, resumeMatchesSchema, vacancyMatchesSchema } from './match-schema.js';
import { recordResumeViews } from './audit.js';

/**
 * Recommendations both ways: vacancies for a seeker (the seeker's own key, recruiter, admin) and candidates for
 * a vacancy (its employer, recruiter, admin). Candidates' resumes are masked and never show protected attributes;
 * each candidate shown is recorded in the audit log (reason match).
 */
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const params = z.object({ id: idSchema });

const matchRoutes: FastifyPluginAsyncZod = async (app) => {
  const { engine, catalog, classifier } = app.deps;
  const context = (): RecommendContext => ({ engine, catalog: catalog.context.catalog, classifier, now: app.deps.now?.() ?? new Date() });
  // Invalid parameters are domain errors (ZZH_INVALID_PARAMETER): the app's error handler answers them.
  const run = async <T>(fn: () => Promise<T>): Promise<T> => fn();

  app.get('/v1/resumes/:id/matches', {
    config: { roles: ['seeker', 'recruiter', 'admin'] },
    schema: {
      tags: ['matches'], summary: 'Vacancies recommended for a seeker, with the score explained',
      params, querystring: matchQuerySchema, response: { 200: vacancyMatchesSchema, ...errors },
    },
  }, async (req) => {
    const p = req.principal!;
    if (p.role === 'seeker' && p.resumeId !== req.params.id) throw new HttpProblem(403, `this key may read only the recommendations of resume ${p.resumeId}`);
    const resume = (await engine.get('resume', req.params.id)) as Resume | null;
    if (!resume) throw new HttpProblem(404, `no resume with id "${req.params.id}"`);
    const r = await run(() => recommendVacancies(context(), resume, req.query));
    return { ...r, matches: r.matches.map(({ doc, ...m }) => ({ ...m, vacancy: doc })) };
  });

  app.get('/v1/vacancies/:id/matches', {
    config: { roles: ['employer', 'recruiter', 'admin'] },
    schema: {
      tags: ['matches'], summary: 'Candidates recommended for a vacancy, with the score explained',
      params, querystring: matchQuerySchema, response: { 200: resumeMatchesSchema, ...errors },
    },
  }, async (req) => {
    const p = req.principal!;
    const vacancy = (await engine.get('vacancy', req.params.id)) as Vacancy | null;
    if (!vacancy) throw new HttpProblem(404, `no vacancy with id "${req.params.id}"`);
    if (p.role === 'employer' && vacancy.employer.id !== p.employerId) throw new HttpProblem(403, `this key may read only the candidates of vacancies of employer ${p.employerId}`);
    const r = await run(() => recommendResumes(context(), vacancy, req.query));
    await recordResumeViews(req, 'match', { route: '/v1/vacancies/:id/matches', vacancyId: vacancy.id }, r.matches.map((m) => m.doc.id));
    return { ...r, matches: r.matches.map(({ doc, ...m }) => ({ ...m, resume: redactResume(doc, { dropProtected: true }) })) };
  });
};

export default matchRoutes;
