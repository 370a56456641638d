import type { EmploymentType } from '../domain/common.js';
import type { District } from '../domain/districts.js';
import type { VacancyInput } from '../domain/vacancy.js';
import { addressIn, ANY_DISTRICT, DAY_MS, DEFAULT_REFERENCE_DATE, isoShanghai, lowBiased, pointNear, rolesOf } from './catalog.js';
import { pickEmployer } from './employers.js';
import { educationWord, jobText } from './job-text.js';
import { mixSeed, Rng, WeightedTable } from './random.js';
import type { Role, RoleKind } from './roles.js';
import { vacancySalaryText } from './salary-text.js';

/** A generated job post: a valid vacancyInputSchema input with its id. */
export type DemoVacancy = VacancyInput & { id: string };

export interface DemoOptions {
  /** Seed of the data set (default 1). */
  seed?: number;
  /** Timestamps fall in the 90 days before this moment (default 2026-11-01T00:00:00+08:00). */
  referenceDate?: string | Date;
  /** Number of the first document (default 1): ids continue from here. */
  start?: number;
}

const TYPES: Record<RoleKind, WeightedTable<EmploymentType>> = {
  tech: new WeightedTable<EmploymentType>([['全职', 93], ['实习', 7]]),
  office: new WeightedTable<EmploymentType>([['全职', 88], ['实习', 6], ['兼职', 6]]),
  skill: new WeightedTable<EmploymentType>([['全职', 92], ['灵活用工', 8]]),
  ops: new WeightedTable<EmploymentType>([['全职', 78], ['灵活用工', 12], ['兼职', 10]]),
  service: new WeightedTable<EmploymentType>([['全职', 70], ['兼职', 18], ['灵活用工', 12]]),
};

const STATUS = new WeightedTable<'published' | 'draft' | 'closed'>([['published', 92], ['closed', 5], ['draft', 3]]);
const OPS_HEADCOUNTS = [2, 3, 5, 5, 8, 10, 10, 15, 20, 30, 50, 100];
const PUBLIC_WELFARE_TITLES = /保洁|保安|绿化|护理员|服务员/;

function headcountFor(rng: Rng, kind: RoleKind): number {
  switch (kind) {
    case 'tech': return rng.chance(0.7) ? 1 : rng.int(2, 5);
    case 'office': return rng.int(1, 5);
    case 'skill': return rng.int(1, 10);
    case 'ops': return rng.pick(OPS_HEADCOUNTS);
    case 'service': return rng.int(1, 10);
  }
}

function tagsFor(rng: Rng, role: Role, type: EmploymentType, title: string, exp: number): string[] {
  const tags: string[] = [];
  const k = role.kind;
  if (type === '实习') {
    if (rng.chance(0.5)) tags.push('见习');
    if (rng.chance(0.3)) tags.push('高校毕业生');
  } else if (k === 'tech' && exp === 0 && rng.chance(0.1)) tags.push('高校毕业生');
  if ((type === '兼职' || type === '灵活用工') && rng.chance(0.45)) tags.push('零工');
  if ((k === 'ops' || k === 'service' || k === 'office') && rng.chance(0.05)) tags.push('妈妈岗');
  if ((k === 'skill' || k === 'ops' || /保安|司机|电工|叉车/.test(title)) && rng.chance(0.04)) tags.push('荣军岗');
  if ((k === 'office' || k === 'service' || k === 'ops') && rng.chance(0.035)) tags.push('残疾人友好');
  if (k === 'service' && PUBLIC_WELFARE_TITLES.test(title) && rng.chance(0.06)) tags.push('公益性岗位');
  if ((k === 'ops' || k === 'skill') && type === '全职' && rng.chance(0.12)) tags.push('包吃住');
  if (rng.chance(0.05)) tags.push('急招');
  return tags;
}

function titleFor(rng: Rng, role: Role, type: EmploymentType, exp: number, district: District): string {
  // The first variant is the usual one.
  const base = rng.chance(0.45) ? role.titles[0]! : rng.pick(role.titles);
  if (type === '实习') return `${base.replace(/^(高级|资深)/, '')}实习生`;
  const r = rng.next();
  if (role.kind === 'tech') {
    if (exp >= 4 && r < 0.2) return `高级${base}`;
    if (exp >= 6 && r < 0.3) return `资深${base}`;
    return base;
  }
  if (r < 0.04) return `急招${base}`;
  if (r < 0.08) return `${base}（${district.replace(/[区市]$/, '')}）`;
  if (r < 0.1 && role.kind === 'ops') return `${base}（五险一金）`;
  return base;
}

interface Ctx { rng: Rng; seed: number; refMs: number }

function makeContext(options: DemoOptions): Ctx {
  const ref = options.referenceDate ?? DEFAULT_REFERENCE_DATE;
  const refMs = typeof ref === 'string' ? Date.parse(ref) : ref.getTime();
  if (!Number.isFinite(refMs)) throw new RangeError(`invalid referenceDate ${String(ref)}`);
  return { rng: new Rng(), seed: (options.seed ?? 1) >>> 0, refMs };
}

/** Vacancy number n (1-based) of the data set: depends only on seed, n and the reference date. */
function vacancyAt(ctx: Ctx, n: number): DemoVacancy {
  const rng = ctx.rng.reseed(mixSeed(ctx.seed, n * 2));
  const employer = pickEmployer(rng);
  const { sector } = employer;
  const role = rolesOf(sector).pick(rng);
  const type = TYPES[role.kind].pick(rng);
  const exp = type === '实习' ? 0 : lowBiased(rng, role.exp[0], role.exp[1]);
  let edu = lowBiased(rng, role.edu[0], role.edu[1]);
  if (type === '实习') edu = Math.max(edu, 3);

  // Chains (restaurants, shops, couriers, guards) post in districts beyond their head office.
  const roaming = sector.group === '传统行业' && (role.kind === 'ops' || role.kind === 'service') && rng.chance(0.4);
  const district = roaming ? ANY_DISTRICT.pick(rng) : employer.district;
  let lat: number, lon: number, address: string;
  if (district === employer.district) {
    lat = Math.round((employer.lat + rng.bell() * 0.003) * 1e5) / 1e5;
    lon = Math.round((employer.lon + rng.bell() * 0.004) * 1e5) / 1e5;
    address = employer.address;
  } else {
    ({ lat, lon } = pointNear(rng, district, 0.025));
    address = addressIn(rng, district);
  }

  const title = titleFor(rng, role, type, exp, district);
  const tags = tagsFor(rng, role, type, title, exp);
  const skills = rng.sample(role.skills, rng.int(2, Math.min(6, role.skills.length)));
  const headcount = headcountFor(rng, role.kind);
  const salary = vacancySalaryText(rng, role.kind, type, role.pay);
  const text = jobText({ rng, role, sector, employer, title, edu, exp, skills, type, tags, headcount, salary, address });
  const status = STATUS.pick(rng);
  const publishedMs = ctx.refMs - Math.floor(rng.next() * 90 * DAY_MS);
  const updatedMs = Math.min(ctx.refMs, publishedMs + Math.floor(rng.next() * rng.next() * 20 * DAY_MS));

  const v: DemoVacancy = {
    id: `v-${String(n).padStart(6, '0')}`,
    employer: { id: employer.id, name: employer.name },
    title,
    description: text.description,
    industry: sector.name,
    skills,
    education: educationWord(rng, edu),
    salary,
    location: { district, address, lat, lon },
    employmentType: type,
    tags,
    headcount,
    status,
    updatedAt: isoShanghai(updatedMs),
  };
  if (text.requirements) v.requirements = text.requirements;
  if (role.code && rng.chance(0.85)) v.occupationCode = role.code;
  if (rng.chance(0.85)) v.experienceYearsMin = exp;
  if (status !== 'draft') v.publishedAt = isoShanghai(publishedMs);
  return v;
}

/**
 * Streams `count` vacancies without holding them: vacancy n depends only on (seed, n), so the first 3,000 of a
 * million are the 3,000 that generateVacancies(3000) returns.
 */
export function* vacancies(count: number, options: DemoOptions | number = {}): Generator<DemoVacancy, void, undefined> {
  const opts = typeof options === 'number' ? { seed: options } : options;
  const ctx = makeContext(opts);
  const start = opts.start ?? 1;
  for (let n = start; n < start + count; n++) yield vacancyAt(ctx, n);
}

/** `count` vacancies (default 3,000) as an array. */
export function generateVacancies(count = 3000, options: DemoOptions | number = {}): DemoVacancy[] {
  return Array.from(vacancies(count, options));
}
