import { z } from 'zod';
import { districtSchema } from '../domain/districts.js';
import { resumeSchema } from '../domain/resume.js';
import { vacancySchema } from '../domain/vacancy.js';

/** Parameters and response of GET /v1/resumes/:id/matches and GET /v1/vacancies/:id/matches. */
export const matchQuerySchema = z.strictObject({
  size: z.coerce.number().int().min(1).max(100).default(20),
  district: z.union([districtSchema, z.array(districtSchema).max(10)]).optional()
    .transform((v) => (v === undefined ? [] : [v].flat()))
    .meta({ description: 'Repeatable. Only matches in these districts (西海岸新区 = 黄岛区)' }),
  radiusKm: z.coerce.number().positive().max(500).optional().meta({ description: "Only matches within this distance of the document's own location (needs its lat/lon)" }),
  personalization: z.enum(['on', 'off']).default('on').meta({ description: 'off: no profile is used; plain ranking by recency and catalog priority (算法推荐管理规定 第十七条)' }),
  explain: z.enum(['true', 'false']).default('true').transform((v) => v === 'true').meta({ description: 'Include the breakdown (default true)' }),
});

const breakdownSchema = z.array(z.object({
  factor: z.string().meta({ description: 'base (always first: 50), skills, title, location, salary, education, seniority, employmentType, catalog, freshness, programs' }),
  weight: z.number().meta({ description: 'The fitted weight of the factor (src/matching/fitted-weights.json); the weights sum to 100 − base' }),
  value: z.number().nullable().meta({ description: '−1 … 1 (+1 fits, 0 neutral, −1 rules it out); null when the data cannot decide (contributes 0)' }),
  contribution: z.number().meta({ description: 'weight × value, rounded to 0.01 (negative when a requirement is violated)' }),
  reason: z.string().meta({ description: 'A short Chinese sentence; says 未知 when the data is missing' }),
})).meta({ description: 'The contributions add up to the score (±0.01)' });

const matchFields = {
  id: z.string(),
  score: z.number().meta({ description: '0–100: 50 + Σ weight × value (50 = nothing known for or against)' }),
  breakdown: breakdownSchema.optional(),
  missingSkills: z.array(z.string()),
  catalogMissingSkills: z.array(z.string()).meta({ description: "Skills of the vacancy's catalog entry the seeker lacks" }),
  catalog: z.array(z.object({ id: z.string(), occupation: z.string(), demandLevel: z.number().int() })),
};

const common = { personalization: z.enum(['on', 'off']), candidates: z.number().int().meta({ description: 'Candidates retrieved before re-ranking' }) };

export const vacancyMatchesSchema = z.object({ matches: z.array(z.object({ ...matchFields, vacancy: vacancySchema })), ...common });

export const resumeMatchesSchema = z.object({
  matches: z.array(z.object({ ...matchFields, resume: resumeSchema.omit({ gender: true, birthYear: true, ethnicity: true, maritalStatus: true, hukou: true }) })),
  ...common,
});
