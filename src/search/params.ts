import { z } from 'zod';
import { MAX_TEXT_AMOUNT, parseSalaryText, toMonthly } from '../domain/salary.js';

/** Search parameters as the front-ends send them. Structural mistakes are 400s; unknown filter values are reported as ignored. */
export const SORTS = ['relevance', 'newest', 'salary', 'distance'] as const;
/** The "15分钟就业服务圈" of the seeds: what 15 minutes by bicycle or e-bike covers (≈ 12 km/h). */
export const CIRCLE_15MIN_KM = 3;
export const MAX_WINDOW = 10_000;

const many = (max: number) =>
  z.union([z.string().max(max), z.array(z.string().max(max)).max(20)]).optional().transform((v) => (v === undefined ? [] : [v].flat().map((s) => s.trim()).filter(Boolean)));
const num = (min: number, max: number) => z.coerce.number().min(min).max(max).optional();
const bool = z.enum(['true', 'false']).default('true').transform((v) => v === 'true');

/** "8000", "8k", "1.2万", "200元/天" → monthly yuan; undefined when it cannot be read. */
export function parseMonthlyAmount(s: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(s.trim())) return Number(s) <= MAX_TEXT_AMOUNT ? Number(s) : undefined;
  const r = parseSalaryText(/[元kK千万wW/]/.test(s) ? s : '');
  if (!r) return undefined;
  // A bare figure with a unit ("8k", "1万") is monthly; a stated period (天, 小时) converts.
  const period = /天|日|小时|时|年/.test(s) ? r.period : 'month';
  return Math.round(toMonthly(r.min, period, r.monthsPerYear));
}

export const searchQuerySchema = z
  .strictObject({
    q: z.string().max(256).optional().meta({ description: 'Chinese, Latin or mixed text ("Java开发 青岛"); "quoted" is an exact phrase; -word and a negation (不要销售, 不想做外包, 拒绝夜班) exclude' }),
    district: many(20).meta({ description: 'Repeatable. Qingdao district or county-level city (西海岸新区 = 黄岛区)' }),
    industry: many(50).meta({ description: 'Repeatable. Industry, e.g. 集成电路' }),
    occupationCode: many(20).meta({ description: 'Repeatable. 职业分类大典 code or prefix: 2-02 matches every code under it (vacancies only)' }),
    employmentType: many(10).meta({ description: 'Repeatable. 全职, 兼职, 实习, 灵活用工' }),
    tag: many(20).meta({ description: 'Repeatable. 妈妈岗, 荣军岗, 残疾人友好, 零工, 见习 … (vacancies only)' }),
    employerId: many(64).meta({ description: 'Repeatable (vacancies only)' }),
    compliance: many(10).meta({ description: 'Repeatable. Compliance screening status: pass, review (vacancies only)' }),
    education: z.string().max(20).optional().meta({ description: "Vacancies: the seeker's level, matching jobs that ask no more. Resumes: the minimum level" }),
    experienceYears: num(0, 60).meta({ description: "Vacancies: the seeker's years, matching jobs that ask no more. Resumes: the minimum years" }),
    salaryMin: z.string().max(30).optional().meta({ description: 'Monthly pay, yuan or with units: 8000, 8k, 1.2万, 300元/天; ranges overlap' }),
    salaryMax: z.string().max(30).optional().meta({ description: 'Monthly pay, as salaryMin' }),
    postedWithinDays: z.coerce.number().int().min(1).max(3650).optional().meta({ description: 'Vacancies published in the last N days' }),
    lat: num(-90, 90),
    lon: num(-180, 180),
    radiusKm: z.coerce.number().positive().max(500).optional().meta({ description: 'Only hits within this distance of lat/lon' }),
    circle: z.enum(['15min']).optional().meta({ description: `15分钟就业服务圈: a preset radius of ${CIRCLE_15MIN_KM} km around lat/lon` }),
    sort: z.enum(SORTS).default('relevance'),
    page: z.coerce.number().int().min(1).default(1),
    size: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(2000).optional().meta({ description: 'nextCursor of the previous page: walks past 10,000 results' }),
    facets: bool.meta({ description: 'Count facets (default true)' }),
    relax: bool.meta({ description: 'When nothing matches, relax step by step and say so in `relaxed` (default true)' }),
    gender: z.string().max(50).optional().meta({ description: 'Never filterable: reported in `ignored`' }),
    birthYear: z.string().max(50).optional().meta({ description: 'Never filterable: reported in `ignored`' }),
    age: z.string().max(50).optional().meta({ description: 'Never filterable: reported in `ignored`' }),
    ethnicity: z.string().max(50).optional().meta({ description: 'Never filterable: reported in `ignored`' }),
    maritalStatus: z.string().max(50).optional().meta({ description: 'Never filterable: reported in `ignored`' }),
    hukou: z.string().max(50).optional().meta({ description: 'Never filterable: reported in `ignored`' }),
  })
  .superRefine((p, ctx) => {
    const hasPoint = p.lat !== undefined && p.lon !== undefined;
    if ((p.lat === undefined) !== (p.lon === undefined)) ctx.addIssue({ code: 'custom', path: [p.lat === undefined ? 'lat' : 'lon'], message: 'lat and lon go together' });
    if (p.radiusKm !== undefined && !hasPoint) ctx.addIssue({ code: 'custom', path: ['radiusKm'], message: 'radiusKm needs lat and lon' });
    if (p.circle !== undefined && !hasPoint) ctx.addIssue({ code: 'custom', path: ['circle'], message: 'circle needs lat and lon' });
    if (p.radiusKm !== undefined && p.circle !== undefined) ctx.addIssue({ code: 'custom', path: ['circle'], message: 'give radiusKm or circle, not both' });
    if (p.sort === 'distance' && !hasPoint) ctx.addIssue({ code: 'custom', path: ['sort'], message: 'sort=distance needs lat and lon' });
    if (p.cursor && p.page > 1) ctx.addIssue({ code: 'custom', path: ['page'], message: 'give page or cursor, not both' });
    if (!p.cursor && p.page * p.size > MAX_WINDOW) ctx.addIssue({ code: 'custom', path: ['page'], message: `page × size may not exceed ${MAX_WINDOW}; follow nextCursor to go further` });
    const min = p.salaryMin !== undefined ? parseMonthlyAmount(p.salaryMin) : undefined;
    const max = p.salaryMax !== undefined ? parseMonthlyAmount(p.salaryMax) : undefined;
    if (min !== undefined && max !== undefined && min > max) ctx.addIssue({ code: 'custom', path: ['salaryMin'], message: `salaryMin (${min}/月) is above salaryMax (${max}/月)` });
  });

export type SearchParams = z.output<typeof searchQuerySchema>;
