import { z } from 'zod';
import { EMPLOYMENT_TYPES } from '../domain/common.js';
import { DISTRICT_NAMES, type District } from '../domain/districts.js';
import { PROGRAMS } from '../domain/resume.js';
import { CATALOG_KINDS } from '../catalog/schema.js';

/**
 * Employment and business-support policies (免申即享, 惠企政策直达) as versioned data: each policy names the seed
 * document and clause it comes from, whom it is for, the conditions over the data the API holds, the benefit and
 * how to apply. PUT /v1/policies validates a whole policy set with `policySetSchema`.
 *
 * Conditions are all required (AND). Each evaluates to met, unmet or unknown (eligibility.ts); unknown is never
 * met. `attested` stands for what the API does not hold (company size, hires, contracts): always unknown.
 */
export const AUDIENCES = ['seeker', 'employer'] as const;
export type Audience = (typeof AUDIENCES)[number];

const text = (max: number) => z.string().trim().min(1).max(max);
const districts = z.array(z.enum(DISTRICT_NAMES as [District, ...District[]])).min(1).max(DISTRICT_NAMES.length);
const strings = z.array(text(50)).min(1).max(30);

export const conditionSchema = z.discriminatedUnion('field', [
  z.strictObject({ field: z.literal('program'), anyOf: z.array(z.enum(PROGRAMS)).min(1).max(PROGRAMS.length) })
    .meta({ description: 'Seekers: one of these programmes declared on the resume (programmes are opt-in: not declared is unknown, never unmet)' }),
  z.strictObject({ field: z.literal('graduationYear'), withinYears: z.number().int().min(0).max(10) })
    .meta({ description: 'Seekers: graduated this calendar year (0) or at most this many years ago (resume.graduationYear)' }),
  z.strictObject({
    field: z.literal('age'), min: z.number().int().min(0).max(120).optional(), max: z.number().int().min(0).max(120).optional(),
    basis: text(200).meta({ description: 'Where the policy itself sets the age (required: age is a protected attribute)' }),
  }).refine((c) => c.min !== undefined || c.max !== undefined, { message: 'give min or max', path: ['min'] })
    .meta({ description: 'Seekers: age in full years from resume.birthYear, only where the policy sets an age; unknown when the birth year leaves it open' }),
  z.strictObject({ field: z.literal('district'), anyOf: districts })
    .meta({ description: "Seekers: the resume's location; employers: any published vacancy there" }),
  z.strictObject({ field: z.literal('industry'), anyOf: strings })
    .meta({ description: "Seekers: a desired industry; employers: any published vacancy's industry" }),
  z.strictObject({
    field: z.literal('catalogEntry'), anyOf: z.array(text(64)).max(200).optional(), kind: z.enum(CATALOG_KINDS).optional(),
    minDemandLevel: z.number().int().min(1).max(5).optional(),
  }).meta({ description: 'Linked to a catalog entry (by id, kind, or 紧缺指数 at least minDemandLevel): the resume, or any published vacancy' }),
  z.strictObject({ field: z.literal('employmentType'), anyOf: z.array(z.enum(EMPLOYMENT_TYPES)).min(1).max(EMPLOYMENT_TYPES.length) })
    .meta({ description: 'Seekers: an employment type sought; employers: any published vacancy of this type' }),
  z.strictObject({ field: z.literal('vacancyTag'), anyOf: strings })
    .meta({ description: 'Employers: any published vacancy with one of these tags (见习, 公益性岗位, 荣军岗, …)' }),
  z.strictObject({ field: z.literal('headcount'), min: z.number().int().min(1).max(100_000) })
    .meta({ description: 'Employers: people sought by their published vacancies together (the API records no hires)' }),
  z.strictObject({ field: z.literal('attested'), statement: text(200) })
    .meta({ description: 'A requirement the API holds no data for (company size, hires, contracts, registration): always unknown, to be shown when applying' }),
]);
export type Condition = z.output<typeof conditionSchema>;
export type ConditionField = Condition['field'];

/** Which condition fields each audience can be evaluated on. */
export const FIELDS_FOR: Record<Audience, readonly ConditionField[]> = {
  seeker: ['program', 'graduationYear', 'age', 'district', 'industry', 'catalogEntry', 'employmentType', 'attested'],
  employer: ['district', 'industry', 'catalogEntry', 'employmentType', 'vacancyTag', 'headcount', 'attested'],
};

export const policySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a lower-case slug such as graduate-social-insurance').max(64),
  name: text(100),
  audience: z.enum(AUDIENCES),
  source: z.strictObject({
    file: z.string().regex(/^[\w.-]+\.txt$/, 'a seed file name such as 003_364ccae54bd3fdc8.txt').max(100),
    clause: text(100).meta({ description: 'The clause, e.g. 第7项 or （十一）' }),
    issuer: text(100).optional(),
  }),
  summary: text(500).meta({ description: 'The policy in a sentence (the team\'s own words, not the source text)' }),
  conditions: z.array(conditionSchema).min(1).max(20),
  benefit: text(300),
  apply: text(300).meta({ description: 'How to get it: 免申即享 (granted from data the authorities hold) or where to apply' }),
  mode: z.enum(['免申即享', '申请']).default('申请'),
});
export type Policy = z.output<typeof policySchema>;

export const policySetSchema = z.strictObject({
  version: text(50),
  title: z.string().max(200).optional(),
  policies: z.array(policySchema).min(1).max(1_000),
}).superRefine((s, ctx) => {
  const seen = new Map<string, number>();
  s.policies.forEach((p, i) => {
    const first = seen.get(p.id);
    if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['policies', i, 'id'], message: `duplicate id "${p.id}" (also policies.${first})` });
    else seen.set(p.id, i);
    p.conditions.forEach((c, j) => {
      if (!FIELDS_FOR[p.audience].includes(c.field)) {
        ctx.addIssue({ code: 'custom', path: ['policies', i, 'conditions', j, 'field'], message: `"${c.field}" is not a condition for ${p.audience} policies (allowed: ${FIELDS_FOR[p.audience].join(', ')})` });
      }
    });
  });
});
export type PolicySet = z.output<typeof policySetSchema>;
export type PolicySetInput = z.input<typeof policySetSchema>;
