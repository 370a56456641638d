import type { Catalog, CatalogEntry } from '../catalog/schema.js';
import type { Resume } from '../domain/resume.js';
import type { Vacancy } from '../domain/vacancy.js';
import type { Condition, Policy } from './schema.js';

/**
 * Eligibility: every condition of a policy evaluated over what the API holds about a seeker (their resume) or an
 * employer (their published vacancies): met, unmet, or unknown when the data is missing. Unknown is never met. A
 * policy applies when all its conditions are met; it may apply when none is unmet and some are unknown.
 *
 * Protected attributes: only `age` conditions read `birthYear`, and only policies that state an age have them
 * (schema.ts requires the basis); the reasons never state the age itself. Nothing here feeds matching or ranking.
 */
export type ConditionStatus = 'met' | 'unmet' | 'unknown';
export interface ConditionResult { condition: Condition; status: ConditionStatus; reason: string }
export type Verdict = 'applies' | 'possible' | 'not_applicable';
export interface PolicyResult { policy: Policy; verdict: Verdict; conditions: ConditionResult[] }

/** What an employer is known by: their id, a name, and their vacancies (only published ones count). */
export interface EmployerSubject { id: string; name?: string; vacancies: Vacancy[] }

export interface EvalContext { catalog: Catalog; now: Date }

const r = (condition: Condition, status: ConditionStatus, reason: string): ConditionResult => ({ condition, status, reason });
const list = (xs: readonly string[]) => xs.join('、');
/** Calendar year in China (UTC+8). */
const yearOf = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).getUTCFullYear();

function entryMatches(c: Extract<Condition, { field: 'catalogEntry' }>, e: CatalogEntry | undefined): boolean {
  if (!e) return false;
  return (!c.anyOf?.length || c.anyOf.includes(e.id)) && (!c.kind || e.kind === c.kind) && (c.minDemandLevel === undefined || e.demandLevel >= c.minDemandLevel);
}
const describeEntry = (c: Extract<Condition, { field: 'catalogEntry' }>) =>
  [c.anyOf?.length ? `条目 ${list(c.anyOf)}` : '', c.kind ? (c.kind === 'key_industry' ? '重点产业目录' : '技能型目录') : '', c.minDemandLevel ? `紧缺指数≥${c.minDemandLevel}` : ''].filter(Boolean).join('，') || '任一目录条目';

export function evaluateSeeker(c: Condition, resume: Resume, ctx: EvalContext): ConditionResult {
  switch (c.field) {
    case 'program':
      return resume.programs.some((p) => c.anyOf.includes(p))
        ? r(c, 'met', `已声明 ${list(resume.programs.filter((p) => c.anyOf.includes(p)))}`)
        : r(c, 'unknown', `简历未声明 ${list(c.anyOf)}（项目为自愿声明，未声明不等于不符合）`);
    case 'graduationYear': {
      if (resume.graduationYear === undefined) return r(c, 'unknown', '简历未填毕业年份');
      const since = yearOf(ctx.now) - resume.graduationYear;
      const window = c.withinYears === 0 ? '毕业年度' : `毕业${c.withinYears}年内`;
      if (since < 0) return r(c, 'unmet', `${resume.graduationYear}年毕业，尚未到毕业年度`);
      return since <= c.withinYears ? r(c, 'met', `${resume.graduationYear}年毕业，在${window}`) : r(c, 'unmet', `${resume.graduationYear}年毕业，超出${window}`);
    }
    case 'age': {
      if (resume.birthYear === undefined) return r(c, 'unknown', '简历未填出生年份');
      // From the birth year alone the age is one of two values (birthday passed this year or not).
      const hi = yearOf(ctx.now) - resume.birthYear;
      const inside = (a: number) => (c.min === undefined || a >= c.min) && (c.max === undefined || a <= c.max);
      const range = `${c.min ?? ''}–${c.max ?? ''}周岁`;
      if (inside(hi) && inside(hi - 1)) return r(c, 'met', `按出生年份在${range}内`);
      if (!inside(hi) && !inside(hi - 1)) return r(c, 'unmet', `按出生年份不在${range}内`);
      return r(c, 'unknown', `仅凭出生年份无法确定是否在${range}内（取决于生日）`);
    }
    case 'district': {
      const d = resume.location?.district;
      if (!d) return r(c, 'unknown', '简历未填所在区市');
      return c.anyOf.includes(d as never) ? r(c, 'met', `所在${d}`) : r(c, 'unmet', `所在${d}，不在${list(c.anyOf)}`);
    }
    case 'industry': {
      if (!resume.desiredIndustries.length) return r(c, 'unknown', '简历未填期望行业');
      const hit = resume.desiredIndustries.filter((i) => c.anyOf.includes(i));
      return hit.length ? r(c, 'met', `期望行业含${list(hit)}`) : r(c, 'unmet', `期望行业${list(resume.desiredIndustries)}不含${list(c.anyOf)}`);
    }
    case 'catalogEntry': {
      if (!resume.catalogLinks) return r(c, 'unknown', '简历尚未与人才需求目录关联');
      const byId = new Map(ctx.catalog.entries.map((e) => [e.id, e]));
      const hit = resume.catalogLinks.filter((l) => entryMatches(c, byId.get(l.entryId))).map((l) => l.entryId);
      return hit.length ? r(c, 'met', `符合目录条目 ${list(hit)}`) : r(c, 'unmet', `未关联到${describeEntry(c)}`);
    }
    case 'employmentType': {
      const hit = resume.employmentTypes.filter((t) => c.anyOf.includes(t));
      return hit.length ? r(c, 'met', `求职类型含${list(hit)}`) : r(c, 'unmet', `求职类型${list(resume.employmentTypes)}不含${list(c.anyOf)}`);
    }
    case 'attested':
      return r(c, 'unknown', `平台无此数据，需本人确认：${c.statement}`);
    default:
      return r(c, 'unknown', `求职者没有可判断“${c.field}”的数据`);
  }
}

export function evaluateEmployer(c: Condition, employer: EmployerSubject, ctx: EvalContext): ConditionResult {
  const live = employer.vacancies.filter((v) => v.status === 'published');
  const none = () => r(c, 'unknown', '该单位没有在招岗位，无法判断');
  switch (c.field) {
    case 'district': {
      if (!live.length) return none();
      const hit = [...new Set(live.map((v) => v.location.district).filter((d) => c.anyOf.includes(d as never)))];
      return hit.length ? r(c, 'met', `在招岗位位于${list(hit)}`) : r(c, 'unmet', `在招岗位不在${list(c.anyOf)}`);
    }
    case 'industry': {
      if (!live.length) return none();
      const known = live.filter((v) => v.industry);
      if (!known.length) return r(c, 'unknown', '在招岗位未填行业');
      const hit = [...new Set(known.map((v) => v.industry!).filter((i) => c.anyOf.includes(i)))];
      return hit.length ? r(c, 'met', `在招岗位行业含${list(hit)}`) : r(c, 'unmet', `在招岗位行业不含${list(c.anyOf)}`);
    }
    case 'catalogEntry': {
      if (!live.length) return none();
      const byId = new Map(ctx.catalog.entries.map((e) => [e.id, e]));
      const linked = live.filter((v) => v.catalogLinks);
      if (!linked.length) return r(c, 'unknown', '在招岗位尚未与人才需求目录关联');
      const hit = [...new Set(linked.flatMap((v) => v.catalogLinks!.map((l) => l.entryId)).filter((id) => entryMatches(c, byId.get(id))))];
      return hit.length ? r(c, 'met', `在招岗位符合目录条目 ${list(hit)}`) : r(c, 'unmet', `在招岗位未关联到${describeEntry(c)}`);
    }
    case 'employmentType': {
      if (!live.length) return none();
      const hit = [...new Set(live.map((v) => v.employmentType).filter((t) => c.anyOf.includes(t)))];
      return hit.length ? r(c, 'met', `有${list(hit)}在招岗位`) : r(c, 'unmet', `没有${list(c.anyOf)}在招岗位`);
    }
    case 'vacancyTag': {
      if (!live.length) return none();
      const hit = [...new Set(live.flatMap((v) => v.tags).filter((t) => c.anyOf.includes(t)))];
      return hit.length ? r(c, 'met', `有标注${list(hit)}的在招岗位`) : r(c, 'unmet', `没有标注${list(c.anyOf)}的在招岗位`);
    }
    case 'headcount': {
      if (!live.length) return none();
      const sum = live.reduce((s, v) => s + v.headcount, 0);
      return sum >= c.min ? r(c, 'met', `在招岗位共招${sum}人，不少于${c.min}人`) : r(c, 'unmet', `在招岗位共招${sum}人，少于${c.min}人`);
    }
    case 'attested':
      return r(c, 'unknown', `平台无此数据，需单位确认：${c.statement}`);
    default:
      return r(c, 'unknown', `用人单位没有可判断“${c.field}”的数据`);
  }
}

export function verdictOf(results: readonly ConditionResult[]): Verdict {
  if (results.some((x) => x.status === 'unmet')) return 'not_applicable';
  return results.every((x) => x.status === 'met') ? 'applies' : 'possible';
}

function evaluate<S>(policies: readonly Policy[], audience: Policy['audience'], subject: S, ctx: EvalContext,
  one: (c: Condition, s: S, ctx: EvalContext) => ConditionResult): PolicyResult[] {
  return policies.filter((p) => p.audience === audience).map((policy) => {
    const conditions = policy.conditions.map((c) => one(c, subject, ctx));
    return { policy, verdict: verdictOf(conditions), conditions };
  });
}

export const evaluateForResume = (policies: readonly Policy[], resume: Resume, ctx: EvalContext) => evaluate(policies, 'seeker', resume, ctx, evaluateSeeker);
export const evaluateForEmployer = (policies: readonly Policy[], employer: EmployerSubject, ctx: EvalContext) => evaluate(policies, 'employer', employer, ctx, evaluateEmployer);
