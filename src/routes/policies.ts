import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { walkPages } from '../catalog/walk.js';
import { idSchema } from '../domain/common.js';
import { Conflict, NotFound, PolicyVersionTaken } from '../domain/errors.js';
import type { Resume } from '../domain/resume.js';
import type { Vacancy } from '../domain/vacancy.js';
import { ANY_ROLE } from '../http/auth.js';
import { HttpProblem, problemSchema } from '../http/problem.js';
import { evaluateForEmployer, evaluateForResume, type PolicyResult } from '../policies/eligibility.js';
import { buildPlan } from '../policies/plan.js';
import { AUDIENCES, policySetSchema } from '../policies/schema.js';
import { PolicyVersionConflict } from '../policies/service.js';
import { recordResumeViews } from './audit.js';

/**
 * Policies (免申即享, 惠企政策直达): the versioned policy set (read by anyone with a key, replaced by admins), the
 * policies that apply to a seeker or an employer with every condition marked met, unmet or unknown, and the
 * personal job-search plan. Resume reads are recorded in the audit log (reason direct), as elsewhere.
 */
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const params = z.object({ id: idSchema });

const versionInfo = z.object({
  revision: z.number().int(), version: z.string(), title: z.string().optional(), policies: z.number().int(), createdAt: z.string(), source: z.enum(['seed', 'api']),
});
// Responses carry the stored policies as they are (validated on the way in by policySetSchema).
const policyOut = z.looseObject({ id: z.string(), name: z.string(), audience: z.enum(AUDIENCES) }).meta({ description: 'A policy as in PUT /v1/policies' });
const conditionResult = z.object({
  condition: z.looseObject({ field: z.string() }),
  status: z.enum(['met', 'unmet', 'unknown']).meta({ description: 'unknown: the API holds no data to decide (never counts as met)' }),
  reason: z.string().meta({ description: 'A short Chinese sentence from the data' }),
});
const policyResult = z.object({
  policy: policyOut, verdict: z.enum(['applies', 'possible', 'not_applicable']), conditions: z.array(conditionResult),
});
const eligibility = z.object({
  revision: z.number().int(), version: z.string(),
  applies: z.array(policyResult).meta({ description: 'Every condition met' }),
  possible: z.array(policyResult).meta({ description: 'No condition unmet, some unknown: may apply once the unknowns are confirmed' }),
  notApplicable: z.array(policyResult).meta({ description: 'At least one condition unmet' }),
});
const split = (rs: PolicyResult[]) => ({
  applies: rs.filter((r) => r.verdict === 'applies'), possible: rs.filter((r) => r.verdict === 'possible'), notApplicable: rs.filter((r) => r.verdict === 'not_applicable'),
});

const planSchema = z.object({
  resumeId: z.string(), revision: z.number().int(), version: z.string(),
  analysed: z.number().int().meta({ description: 'Matches the missing skills were counted over' }),
  matches: z.array(z.object({
    vacancyId: z.string(), title: z.string(), employer: z.string(), district: z.string(), score: z.number(), missingSkills: z.array(z.string()),
    salary: z.object({ monthlyMin: z.number().nullable(), monthlyMax: z.number().nullable() }),
  })),
  missingSkills: z.array(z.object({
    skill: z.string(),
    missingIn: z.number().int().meta({ description: 'Analysed matches that require it and the resume lacks' }),
    wouldComplete: z.number().int().meta({ description: 'Matches for which it is the only missing skill: learning it opens them fully' }),
  })),
  catalogEntries: z.array(z.object({
    entryId: z.string(), occupation: z.string(), industry: z.string(), demandLevel: z.number().int(), confidence: z.number(),
    relation: z.enum(['linked', 'near']), missingSkills: z.array(z.string()), salary: z.object({ min: z.number(), max: z.number() }),
  })).meta({ description: 'Shortage entries (紧缺指数 ≥ 3) the resume is linked to or near' }),
  policies: z.object({ applies: z.array(policyResult), possible: z.array(policyResult) }),
  plan: z.array(z.string()).meta({ description: 'Numbered steps in Chinese, each a template filled from the parts above' }),
});

/** At most this many vacancies of one employer are read for its eligibility. */
const EMPLOYER_VACANCY_LIMIT = 5_000;

const policyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { engine, catalog, classifier, policies, config } = app.deps;
  const now = () => app.deps.now?.() ?? new Date();

  app.get('/v1/policies', {
    config: { roles: ANY_ROLE },
    schema: {
      tags: ['policies'], summary: 'The current policy set (employment and business support, 免申即享)',
      querystring: z.strictObject({ audience: z.enum(AUDIENCES).optional().meta({ description: 'Only policies for seekers or for employers' }) }),
      response: { 200: z.object({ version: z.string(), revision: z.number().int(), title: z.string().optional(), createdAt: z.string(), policies: z.array(policyOut) }), 400: problemSchema },
    },
  }, async (req) => {
    const cur = await policies.current();
    const list = cur.set.policies.filter((p) => !req.query.audience || p.audience === req.query.audience);
    return { version: cur.set.version, revision: cur.revision, ...(cur.set.title ? { title: cur.set.title } : {}), createdAt: cur.createdAt, policies: list };
  });

  app.put('/v1/policies', {
    config: { roles: ['admin'] },
    bodyLimit: config.BULK_BODY_LIMIT_BYTES,
    schema: {
      tags: ['policies'], summary: 'Replace the policy set (admin): validated and stored as a new revision',
      description: 'The whole set as in seed/policies/policies.json. Sending the current set again changes nothing; a version label already used by other content is refused (409). Revisions are immutable: files in DATA_DIR/policies on the embedded store, create-only documents of the index <prefix>-policies on Elasticsearch (shared by replicas).',
      body: policySetSchema,
      response: { 200: versionInfo.extend({ changed: z.boolean() }), 400: problemSchema, 403: problemSchema, 409: problemSchema },
    },
  }, async (req) => {
    try {
      const { version, changed } = await policies.replace(req.body);
      return { ...version, changed };
    } catch (err) {
      if (err instanceof PolicyVersionConflict) throw new PolicyVersionTaken(err.message, { errors: err.errors });
      if (err instanceof Error && err.message.startsWith('could not store the policy set')) throw new Conflict(err.message);
      throw err;
    }
  });

  app.get('/v1/policies/versions', {
    config: { roles: ANY_ROLE },
    schema: {
      tags: ['policies'], summary: 'Stored policy revisions (the newest is current)',
      response: { 200: z.object({ current: z.number().int(), versions: z.array(versionInfo.extend({ current: z.boolean() })) }) },
    },
  }, async () => policies.versions());

  const readResume = async (req: { params: { id: string }; principal?: { role: string; resumeId?: string } }, what: string): Promise<Resume> => {
    const p = req.principal!;
    if (p.role === 'seeker' && p.resumeId !== req.params.id) throw new HttpProblem(403, `this key may read only the ${what} of resume ${p.resumeId}`);
    const resume = (await engine.get('resume', req.params.id)) as Resume | null;
    if (!resume) throw new NotFound(`no resume with id "${req.params.id}"`);
    return resume;
  };

  app.get('/v1/resumes/:id/policies', {
    config: { roles: ['seeker', 'recruiter', 'admin'] },
    schema: {
      tags: ['policies'], summary: 'Policies for a seeker: each condition met, unmet or unknown',
      description: 'Conditions read the resume: programmes (opt-in; not declared is unknown), graduation year, district, desired industries, catalog links, employment types; age only for policies that set one, and the reasons never state it. Nothing here feeds matching. The read is recorded in the audit log (reason direct).',
      params, response: { 200: eligibility.extend({ resumeId: z.string() }), ...errors },
    },
  }, async (req) => {
    const resume = await readResume(req, 'policies');
    const cur = await policies.current();
    const rs = evaluateForResume(cur.set.policies, resume, { catalog: catalog.context.catalog, now: now() });
    recordResumeViews(req, 'direct', { route: '/v1/resumes/:id/policies' }, [resume.id]);
    return { resumeId: resume.id, revision: cur.revision, version: cur.set.version, ...split(rs) };
  });

  app.get('/v1/employers/:id/policies', {
    config: { roles: ['employer', 'recruiter', 'admin'] },
    schema: {
      tags: ['policies'], summary: 'Policies for an employer (惠企政策直达): each condition met, unmet or unknown',
      description: "The employer is known by its vacancies (employer.id); conditions read the published ones: districts, industries, catalog links, employment types, tags (见习, 公益性岗位, …) and the headcount sought. What the API does not hold (company size, hires) is unknown. An employer key reads only its own employer.",
      params, response: { 200: eligibility.extend({ employerId: z.string(), employerName: z.string().optional(), vacancies: z.object({ total: z.number().int(), published: z.number().int() }) }), ...errors },
    },
  }, async (req) => {
    const p = req.principal!;
    if (p.role === 'employer' && p.employerId !== req.params.id) throw new HttpProblem(403, `this key may read only the policies of employer ${p.employerId}`);
    const vacancies: Vacancy[] = [];
    for await (const page of walkPages(engine, 'vacancy', [{ kind: 'terms', field: 'employerId', values: [req.params.id] }], 500)) {
      vacancies.push(...page.map((h) => h.source as unknown as Vacancy));
      if (vacancies.length >= EMPLOYER_VACANCY_LIMIT) break;
    }
    if (!vacancies.length) throw new NotFound(`no vacancy of employer "${req.params.id}"`);
    const cur = await policies.current();
    const name = vacancies[0]!.employer.name;
    const rs = evaluateForEmployer(cur.set.policies, { id: req.params.id, name, vacancies }, { catalog: catalog.context.catalog, now: now() });
    return {
      employerId: req.params.id, employerName: name, vacancies: { total: vacancies.length, published: vacancies.filter((v) => v.status === 'published').length },
      revision: cur.revision, version: cur.set.version, ...split(rs),
    };
  });

  app.get('/v1/resumes/:id/plan', {
    config: { roles: ['seeker', 'recruiter', 'admin'] },
    schema: {
      tags: ['policies'], summary: 'A personal job-search plan (个性化求职方案)',
      description: 'The best matches (as GET /v1/resumes/:id/matches, personalised), the skills missing across the best 50 with how many matches each would complete, the shortage entries of the catalog the profile is linked to or near, the policies that apply or may apply, and numbered steps in Chinese built only from these parts. The read is recorded in the audit log (reason direct).',
      params, querystring: z.strictObject({ size: z.coerce.number().int().min(1).max(20).default(5).meta({ description: 'Matches listed (default 5)' }) }),
      response: { 200: planSchema, ...errors },
    },
  }, async (req) => {
    const resume = await readResume(req, 'plan');
    const cur = await policies.current();
    const plan = await buildPlan({ engine, catalog: catalog.context.catalog, classifier, now: now() }, resume, cur.set.policies, { size: req.query.size, pool: 50 });
    recordResumeViews(req, 'direct', { route: '/v1/resumes/:id/plan' }, [resume.id]);
    return { ...plan, revision: cur.revision, version: cur.set.version };
  });
};

export default policyRoutes;

