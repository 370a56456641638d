import { z } from 'zod';
import { EDUCATION_LEVELS, educationSchema } from './education.js';
import { EMPLOYMENT_TYPES, storedLocationSchema, employmentTypeSchema, idSchema, isoDateTime, locationSchema, occupationCodeSchema, shortText, stringList, KNOWN_TAGS } from './common.js';
import { normalizedSalarySchema, resolveSalary, salaryInputSchema } from './salary.js';

export const VACANCY_STATUSES = ['draft', 'published', 'closed'] as const;

/** What an employer sends to create or replace a vacancy. */
export const vacancyInputSchema = z.strictObject({
  id: idSchema.optional().meta({ description: 'Required in bulk lines; must match the path when given to PUT' }),
  employer: z.strictObject({ id: idSchema, name: shortText(100) }),
  title: shortText(100),
  description: shortText(20_000),
  requirements: z.string().max(10_000).optional(),
  industry: z.string().trim().max(50).optional(),
  occupationCode: occupationCodeSchema.optional(),
  skills: stringList(50, 50),
  education: educationSchema.default('不限'),
  experienceYearsMin: z.number().min(0).max(50).optional(),
  salary: z
    .union([z.string().max(100).transform((text) => ({ text })), salaryInputSchema])
    // meta before default: the other way round the OpenAPI document loses the string alternative.
    .meta({ description: 'Raw text as written ("8-12K·13薪", "200元/天", "面议") or {text?, min, max, period, monthsPerYear}' })
    .default({ text: '面议' }),
  location: locationSchema,
  employmentType: employmentTypeSchema.default('全职'),
  tags: stringList(20, 20).meta({ description: `Labels such as ${KNOWN_TAGS.join(', ')}` }),
  headcount: z.number().int().min(1).max(100_000).default(1),
  status: z.enum(VACANCY_STATUSES).default('published'),
  publishedAt: isoDateTime.optional(),
  updatedAt: isoDateTime.optional(),
});
export type VacancyInput = z.input<typeof vacancyInputSchema>;
type ParsedVacancyInput = z.output<typeof vacancyInputSchema>;

/** The compliance screening stored on a vacancy (server-computed; clients cannot set it). */
export const vacancyComplianceSchema = z.object({
  status: z.enum(['pass', 'review', 'reject']),
  rulebookVersion: z.string(),
  checkedAt: z.string(),
  findings: z.array(z.object({
    category: z.string(), severity: z.enum(['block', 'warn', 'info']), field: z.string(),
    start: z.number().int(), end: z.number().int(), text: z.string(), ruleId: z.string(), message: z.string(),
  })),
});
export type VacancyCompliance = z.infer<typeof vacancyComplianceSchema>;

/** A link to a catalog entry, computed by the server at index time (issue 4). */
export const catalogLinkSchema = z.object({ entryId: z.string(), confidence: z.number() });

/** The occupation inferred from the title and description when the employer gave no occupationCode. */
export const inferredOccupationSchema = z.object({ code: z.string(), name: z.string(), confidence: z.number(), inferred: z.literal(true) });

/** A vacancy as stored and returned: salary normalised, timestamps set. Plain (no transforms) so it can serialise. */
export const vacancySchema = z.object({
  id: z.string(),
  employer: z.object({ id: z.string(), name: z.string() }),
  title: z.string(),
  description: z.string(),
  requirements: z.string().optional(),
  industry: z.string().optional(),
  occupationCode: z.string().optional(),
  skills: z.array(z.string()),
  education: z.enum(EDUCATION_LEVELS),
  experienceYearsMin: z.number().optional(),
  salary: normalizedSalarySchema,
  location: storedLocationSchema,
  employmentType: z.enum(EMPLOYMENT_TYPES),
  tags: z.array(z.string()),
  headcount: z.number(),
  status: z.enum(VACANCY_STATUSES),
  publishedAt: z.string().optional(),
  updatedAt: z.string(),
  compliance: vacancyComplianceSchema.optional(),
  catalogLinks: z.array(catalogLinkSchema).optional().meta({ description: 'Server-computed: the catalog entries this vacancy fits, best first' }),
  inferredOccupation: inferredOccupationSchema.optional().meta({ description: 'Server-computed when occupationCode is absent' }),
  catalogRevision: z.number().int().optional().meta({ description: 'Server-computed: the catalog revision the links were computed with' }),
});
export type Vacancy = z.infer<typeof vacancySchema>;

export function toVacancy(id: string, input: ParsedVacancyInput, now: Date): Vacancy {
  const { salary, ...rest } = input;
  const updatedAt = input.updatedAt ?? now.toISOString();
  return {
    ...rest,
    id,
    salary: resolveSalary(salary),
    publishedAt: input.publishedAt ?? (input.status === 'published' ? updatedAt : undefined),
    updatedAt,
  };
}
