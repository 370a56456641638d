import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ANY_ROLE } from '../http/auth.js';
import { HttpProblem, problemSchema } from '../http/problem.js';
import { DEMAND_BY, demandQuerySchema, salaryQuerySchema } from '../stats/params.js';
import { PERCENTILES } from '../stats/percentiles.js';
import { INTERVALS } from '../stats/periods.js';
import { StatsInputError, StatsUnavailable } from '../stats/service.js';

const percentilesSchema = z.object(Object.fromEntries(PERCENTILES.map((p) => [`p${p}`, z.number()])) as Record<`p${(typeof PERCENTILES)[number]}`, z.ZodNumber>);

export const salaryResponseSchema = z.object({
  filters: z.record(z.string(), z.string()).meta({ description: 'The filters as understood (normalised district and education)' }),
  unit: z.literal('元/月'),
  count: z.number().int().meta({ description: 'Published vacancies with a monthly pay behind the figures' }),
  withoutPay: z.number().int().meta({ description: 'Published vacancies matching the filters without a figure (面议), left out' }),
  minCount: z.number().int().meta({ description: 'STATS_MIN_COUNT: fewer vacancies give no figures' }),
  sufficient: z.boolean(),
  percentiles: percentilesSchema.nullable().meta({ description: "Monthly pay (middle of each vacancy's range), exact percentiles with linear interpolation, whole yuan; null when count < minCount" }),
  detail: z.string().optional().meta({ description: 'Why there are no figures' }),
});

const cellSchema = {
  vacancies: z.number().int().meta({ description: 'Vacancies published in the period (still open or closed since)' }),
  headcount: z.number().int().meta({ description: 'People sought by them' }),
  resumesUpdated: z.number().int().nullable().meta({ description: 'Resumes created or updated in the period (district: where they live or want to work; industry: desired)' }),
  demandSupplyRatio: z.number().nullable().meta({ description: 'headcount / resumesUpdated (求人倍率), two decimals; null without resumes' }),
};
const periodCell = z.object({ period: z.string(), ...cellSchema });

export const demandResponseSchema = z.object({
  by: z.enum(DEMAND_BY),
  interval: z.enum(INTERVALS),
  timeZone: z.string(),
  from: z.string(),
  to: z.string().meta({ description: 'Exclusive end' }),
  level: z.number().int().optional(),
  periods: z.array(z.object({ key: z.string(), start: z.string(), end: z.string() })),
  buckets: z.array(z.object({ key: z.string(), label: z.string().optional(), total: z.object(cellSchema), periods: z.array(periodCell) })),
  totals: z.object({ total: z.object(cellSchema), periods: z.array(periodCell) }).meta({ description: 'Every vacancy and resume, whatever its bucket' }),
  notes: z.array(z.string()),
});

function mapErrors(err: unknown): never {
  if (err instanceof StatsInputError) throw new HttpProblem(400, err.message, [{ field: err.param, location: 'query', reason: err.message }]);
  if (err instanceof StatsUnavailable) throw new HttpProblem(503, err.message);
  throw err;
}

export default (async (app) => {
  app.get('/v1/stats/salaries', {
    config: { roles: ANY_ROLE },
    schema: {
      tags: ['statistics'],
      summary: 'Monthly pay percentiles (工资指导价位)',
      description: 'p10, p25, p50, p75 and p90 of the monthly pay of published vacancies matching the filters, and how many vacancies are behind them. With fewer than STATS_MIN_COUNT vacancies the answer says there is too little data (sufficient: false, percentiles: null) instead of a figure.',
      querystring: salaryQuerySchema,
      response: { 200: salaryResponseSchema, 400: problemSchema },
    },
  }, async (req) => {
    try {
      return await app.deps.stats.salaries(req.query);
    } catch (err) {
      return mapErrors(err);
    }
  });

  app.get('/v1/stats/demand', {
    config: { roles: ANY_ROLE },
    schema: {
      tags: ['statistics'],
      summary: 'Demand and supply by period (供求信息监测)',
      description: 'Per bucket (district, industry, occupation code or catalog entry) and period (week or month, UTC+8): vacancies published, headcount, resumes updated and the demand/supply ratio, with totals over everything.',
      querystring: demandQuerySchema,
      response: { 200: demandResponseSchema, 400: problemSchema },
    },
  }, async (req) => {
    try {
      return await app.deps.stats.demand(req.query);
    } catch (err) {
      return mapErrors(err);
    }
  });
}) satisfies FastifyPluginAsyncZod;
