import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ScreenerHolder, RulebookError, describeRule, type Posting } from '../compliance/index.js';
import {
  batchRequestSchema,
  batchResponseSchema,
  checkResultSchema,
  postingInputSchema,
  reloadResponseSchema,
  rulesResponseSchema,
} from '../compliance/schema.js';
import { ANY_ROLE } from '../http/auth.js';
import { problemSchema } from '../http/problem.js';
import { RulebookInvalid } from '../domain/errors.js';

export interface ComplianceRoutesOptions {
  /** The live screener; share it with vacancy publishing so a reload affects both. Default: seed/rulebook. */
  holder?: ScreenerHolder;
}

/** Compliance screening of job postings (issue 5): check, batch check, rulebook listing and reload. */
const complianceRoutes: FastifyPluginAsyncZod<ComplianceRoutesOptions> = async (app, opts) => {
  const holder = opts.holder ?? new ScreenerHolder();

  app.post('/v1/compliance/check', {
    config: { roles: ANY_ROLE },
    schema: {
      tags: ['compliance'],
      summary: 'Screen one job posting for discriminatory wording and recruitment-compliance problems',
      body: postingInputSchema,
      response: { 200: checkResultSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
    },
  }, async (req) => {
    const result = holder.screener.check(req.body as Posting);
    app.deps?.metrics?.recordCompliance(result, 'check');
    return result;
  });

  app.post('/v1/compliance/check/_batch', {
    config: { roles: ANY_ROLE },
    schema: {
      tags: ['compliance'],
      summary: 'Screen up to 100 job postings',
      body: batchRequestSchema,
      response: { 200: batchResponseSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
    },
  }, async (req) => {
    const screener = holder.screener; // one rulebook version for the whole batch
    const results = req.body.postings.map((p) => screener.check(p as Posting));
    for (const r of results) app.deps?.metrics?.recordCompliance(r, 'check');
    return { rulebookVersion: screener.rulebook.version, results };
  });

  app.get('/v1/compliance/rules', {
    config: { roles: ANY_ROLE },
    schema: {
      tags: ['compliance'],
      summary: 'List the rulebook (企业用工负面清单): every rule with category, severity, legal basis and examples',
      response: { 200: rulesResponseSchema, 401: problemSchema, 403: problemSchema },
    },
  }, async () => {
    const rb = holder.screener.rulebook;
    const wage = rb.minimumWage.toJSON();
    return {
      version: rb.version,
      title: rb.title,
      rules: [...rb.rules, ...rb.exceptions].map(describeRule),
      minimumWage: { source: wage.source, effectiveDate: wage.effectiveDate, verified: wage.verified, tiers: wage.tiers, districts: wage.districts },
    };
  });

  app.post('/v1/compliance/rules/_reload', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['compliance'],
      summary: 'Reload the rulebook from its files without a restart; an invalid file leaves the current rulebook in service',
      response: { 200: reloadResponseSchema, 401: problemSchema, 403: problemSchema, 422: problemSchema },
    },
  }, async (req) => {
    try {
      // With Elasticsearch the new version is published to every replica (src/compliance/es-rulebooks.ts).
      const r = await (app.deps?.rulebooks?.reload() ?? holder.reload());
      req.log.info({ version: r.version, previousVersion: r.previousVersion }, 'compliance rulebook reloaded');
      return r;
    } catch (err) {
      if (err instanceof RulebookError) {
        req.log.warn({ err: err.message }, 'compliance rulebook reload refused');
        throw new RulebookInvalid(`rulebook not reloaded, version ${holder.screener.rulebook.version} stays in service: ${err.message}`);
      }
      throw err;
    }
  });
};

export default complianceRoutes;
