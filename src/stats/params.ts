import { z } from 'zod';
import { districtSchema } from '../domain/districts.js';
import { educationSchema } from '../domain/education.js';
import { INTERVALS, parseInstant } from './periods.js';

const instant = (end: boolean) =>
  z.string().max(40).refine((s) => parseInstant(s, end) !== undefined, { message: 'a date (2026-11-01, a day in UTC+8) or an ISO date-time with offset (2026-11-01T00:00:00+08:00)' });

export const salaryQuerySchema = z.strictObject({
  occupationCode: z.string().max(11).regex(/^[1-8](-\d{2}){0,3}$/, 'a 职业分类大典 2022 code or prefix such as 2, 2-02 or 2-02-10-03').optional()
    .meta({ description: '职业分类大典 code or prefix: 2-02 covers every code under it, 2 the whole 大类', example: '2-02' }),
  district: districtSchema.optional(),
  industry: z.string().trim().min(1).max(50).optional().meta({ description: 'Industry as vacancies give it, e.g. 集成电路' }),
  education: educationSchema.optional().meta({ description: 'The education the vacancies ask for (不限, 大专, 本科 …; aliases such as 专科 accepted)' }),
});
export type SalaryQuery = z.output<typeof salaryQuerySchema>;

export const DEMAND_BY = ['district', 'industry', 'occupation', 'catalogEntry'] as const;
export type DemandBy = (typeof DEMAND_BY)[number];
/** At most this many periods in one answer. */
export const MAX_PERIODS = 120;

export const demandQuerySchema = z
  .strictObject({
    by: z.enum(DEMAND_BY).default('district').meta({ description: 'What a bucket is: a district, an industry, an occupation code (at `level`) or a catalog entry' }),
    interval: z.enum(INTERVALS).default('month').meta({ description: 'week (Monday to Sunday) or month, in UTC+8' }),
    from: instant(false).optional().meta({ description: 'First day (or instant); rounded down to the start of its period. Default: 11 periods before `to`' }),
    to: instant(true).optional().meta({ description: 'Last day (or instant), inclusive; rounded up to the end of its period. Default: now' }),
    level: z.coerce.number().int().min(1).max(4).default(2).meta({ description: 'by=occupation: the level of the code, 1 大类 … 4 细类 (default 2, 中类 such as 2-02)' }),
    size: z.coerce.number().int().min(1).max(100).default(20).meta({ description: 'The buckets with the most vacancies published in the whole range (default 20)' }),
  })
  .superRefine((p, ctx) => {
    if (p.from !== undefined && p.to !== undefined && parseInstant(p.from)! > parseInstant(p.to, true)!) ctx.addIssue({ code: 'custom', path: ['from'], message: 'from is after to' });
  });
export type DemandQueryParams = z.output<typeof demandQuerySchema>;
