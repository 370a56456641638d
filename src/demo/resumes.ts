import type { EmploymentType } from '../domain/common.js';
import { DISTRICT_NAMES, type District } from '../domain/districts.js';
import { EDUCATION_LEVELS } from '../domain/education.js';
import type { PROGRAMS, ResumeInput } from '../domain/resume.js';
import { DAY_MS, DEFAULT_REFERENCE_DATE, isoShanghai, lowBiased, pointNear, RESIDENCE_TABLE, rolesOf, SECTOR_TABLE } from './catalog.js';
import { demoEmployers, employersIn } from './employers.js';
import { EMAIL_DOMAINS, ETHNICITIES, GIVEN_CHARS, PHONE_PREFIXES, SURNAMES } from './names.js';
import { HOMETOWNS, PLACES } from './places.js';
import { mixSeed, Rng, WeightedTable } from './random.js';
import type { Role, Sector } from './roles.js';
import { expectedSalaryText } from './salary-text.js';
import type { DemoOptions } from './vacancies.js';

/** A generated résumé: a valid resumeInputSchema input with its id. */
export type DemoResume = ResumeInput & { id: string };
type Program = (typeof PROGRAMS)[number];

const VOCATIONAL_MAJORS = [
  '数控技术应用', '焊接技术应用', '机电技术应用', '电子技术应用', '汽车运用与维修', '中餐烹饪', '酒店服务与管理', '计算机应用',
  '会计事务', '电子商务', '物流服务与管理', '护理', '老年人服务与管理', '农业机械使用与维护', '水产养殖', '化学工艺',
];

const EMPLOYMENT_CHOICES = new WeightedTable<readonly EmploymentType[]>([
  [['全职'], 75], [['全职', '兼职'], 8], [['兼职'], 4], [['灵活用工'], 4], [['兼职', '灵活用工'], 3], [['全职', '灵活用工'], 2], [['实习'], 4],
]);

const OTHER_EMPLOYERS = ['个体工商户', '外地某制造企业', '济南某科技公司', '潍坊某机械厂', '烟台某食品公司', '自由职业'];
const TRAITS = ['做事踏实肯干', '学习能力强', '沟通能力好', '责任心强', '有团队合作精神', '能适应倒班', '吃苦耐劳', '执行力强', '细致耐心', '抗压能力强'];
const GENERIC_SKILLS = ['Office', 'Excel', 'C1驾驶证', '普通话', '英语四级', 'PPT', 'Word'];
const YEARS_OF_SCHOOL = [15, 15, 18, 20, 22, 25, 28];

function fullName(rng: Rng): { name: string; pinyin: string } {
  const [surname, pinyin] = rng.pick(SURNAMES);
  const given = rng.chance(0.75) ? rng.pick(GIVEN_CHARS) + rng.pick(GIVEN_CHARS) : rng.pick(GIVEN_CHARS);
  return { name: surname + given, pinyin };
}

function phone(rng: Rng): string {
  return rng.pick(PHONE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

function majorFor(rng: Rng, edu: number, majors: readonly string[]): string | undefined {
  if (edu <= 1) return undefined;
  if (edu === 2) return rng.chance(0.6) ? rng.pick(VOCATIONAL_MAJORS) : undefined;
  return rng.pick(majors);
}

function experienceEntries(rng: Rng, sector: Sector, role: Role, roleTitles: readonly string[], total: number, refYear: number): DemoResume['experience'] {
  if (total === 0) return [];
  const parts = Math.min(total, rng.int(1, 3));
  const out: NonNullable<DemoResume['experience']> = [];
  let left = total;
  let year = refYear;
  const employers = employersIn(sector);
  for (let i = 0; i < parts; i++) {
    const years = i === parts - 1 ? left : Math.max(1, Math.floor(left / (parts - i)));
    left -= years;
    const r = rng.next();
    const company = r < 0.7 ? rng.pick(employers).name : r < 0.9 ? rng.pick(demoEmployers()).name : rng.pick(OTHER_EMPLOYERS);
    const duties = rng.sample(role.duties, 2).join('，');
    out.push({
      title: i === 0 ? roleTitles[0]! : rng.pick(role.titles),
      company,
      years,
      description: `${year - years}年至${i === 0 ? '今' : `${year}年`}在${company}任${i === 0 ? roleTitles[0] : '相关岗位'}，${duties}。`,
    });
    year -= years;
  }
  return out;
}

function summaryFor(rng: Rng, title: string, total: number, skills: readonly string[], district: District, sectorName: string): string {
  const skillText = skills.slice(0, 3).join('、');
  const trait = rng.sample(TRAITS, 2).join('，');
  switch (rng.int(0, 3)) {
    case 0: return total > 0
      ? `${total}年${title}工作经验，熟悉${skillText}。${trait}，希望在${district}找一份稳定的${title}工作。`
      : `应届求职，所学专业与${title}相关，掌握${skillText}。${trait}，愿意从基础岗位做起。`;
    case 1: return `求职意向：${title}。${total > 0 ? `从事${sectorName}相关工作${total}年，` : ''}${trait}。技能：${skillText}。`;
    case 2: return `本人${trait}，${total > 0 ? `有${total}年相关经验` : '暂无正式工作经验'}，熟悉${skillText}，期望在${sectorName}行业发展。`;
    default: return `${trait}。${total > 0 ? `曾任${title}，` : ''}可接受${district}及周边区域的工作机会。`;
  }
}

interface Ctx { rng: Rng; seed: number; refMs: number; refYear: number }

/** Résumé number n (1-based): depends only on seed, n and the reference date. */
function resumeAt(ctx: Ctx, n: number): DemoResume {
  const rng = ctx.rng.reseed(mixSeed(ctx.seed, n * 2 + 1));
  const { sector } = SECTOR_TABLE.pick(rng);
  const role = rolesOf(sector).pick(rng);
  const types = EMPLOYMENT_CHOICES.pick(rng);
  const student = types[0] === '实习';
  const edu = student ? Math.max(3, lowBiased(rng, role.edu[0], role.edu[1])) : Math.max(0, Math.min(6, lowBiased(rng, role.edu[0], role.edu[1]) + (rng.chance(0.15) ? rng.pick([-1, 1]) : 0)));
  const total = student ? 0 : Math.min(30, role.exp[0] + Math.floor(rng.next() * rng.next() * 16));
  const { name, pinyin } = fullName(rng);
  const home = RESIDENCE_TABLE.pick(rng);
  const titles = rng.sample(role.titles, rng.int(1, Math.min(3, role.titles.length)));
  const skills = [...rng.sample(role.skills, rng.int(2, Math.min(7, role.skills.length))), ...(rng.chance(0.3) ? [rng.pick(GENERIC_SKILLS)] : [])];
  const desiredDistricts = [home, ...rng.sample(DISTRICT_NAMES, rng.int(0, 2))].filter((d, i, a) => a.indexOf(d) === i);
  const monthly = role.pay[0] * (1 + Math.min(total, 10) * 0.05) * rng.float(0.9, 1.3);

  const r: DemoResume = {
    id: `r-${String(n).padStart(6, '0')}`,
    name,
    phone: phone(rng),
    education: EDUCATION_LEVELS[edu]!,
    skills,
    experience: experienceEntries(rng, sector, role, titles, total, ctx.refYear),
    desiredTitles: titles,
    desiredIndustries: rng.chance(0.3) && sector.group !== '传统行业' ? [sector.name, sector.group] : [sector.name],
    desiredDistricts,
    expectedSalary: expectedSalaryText(rng, types, monthly),
    location: rng.chance(0.8) ? { district: home, address: rng.pick(PLACES[home].towns), ...pointNear(rng, home, 0.03) } : { district: home },
    employmentTypes: [...types],
    programs: [],
    contactConsent: rng.chance(0.5),
    updatedAt: isoShanghai(ctx.refMs - Math.floor(rng.next() * 90 * DAY_MS)),
  };
  const major = majorFor(rng, edu, sector.majors);
  if (major) r.major = major;
  if (rng.chance(0.3)) r.email = `${pinyin}${rng.int(100, 99999)}@${rng.pick(EMAIL_DOMAINS)}`;
  if (rng.chance(0.85)) r.summary = summaryFor(rng, titles[0]!, total, skills, home, sector.name);

  const programs: Program[] = [];
  if ((student || total === 0) && edu >= 3 && rng.chance(0.5)) programs.push('高校毕业生');
  if (rng.chance(0.03)) programs.push('退役军人');
  if (rng.chance(0.03)) programs.push('就业困难人员');
  if (rng.chance(0.015)) programs.push('残疾人');
  const mother = rng.chance(0.03);
  if (mother) programs.push('宝妈');
  r.programs = programs;
  // Graduates say when they graduated (policy eligibility; never matched on): students this year, others after their years of work.
  if (programs.includes('高校毕业生')) r.graduationYear = ctx.refYear - (student ? 0 : Math.ceil(total));

  // Protected attributes: given on some résumés only; stored, never searched or ranked on.
  if (rng.chance(0.4)) {
    const schoolEnd = YEARS_OF_SCHOOL[edu]!;
    r.birthYear = ctx.refYear - schoolEnd - total - rng.int(0, 6) - (student ? 0 : 1);
    if (rng.chance(0.9)) r.gender = mother ? '女' : rng.chance(0.5) ? '男' : '女';
    if (rng.chance(0.6)) r.ethnicity = rng.pick(ETHNICITIES);
    if (rng.chance(0.4)) r.maritalStatus = mother || total > 8 ? '已婚' : rng.pick(['未婚', '已婚']);
    if (rng.chance(0.5)) r.hukou = rng.pick(HOMETOWNS);
  }
  return r;
}

function makeContext(options: DemoOptions): Ctx {
  const ref = options.referenceDate ?? DEFAULT_REFERENCE_DATE;
  const refMs = typeof ref === 'string' ? Date.parse(ref) : ref.getTime();
  if (!Number.isFinite(refMs)) throw new RangeError(`invalid referenceDate ${String(ref)}`);
  return { rng: new Rng(), seed: (options.seed ?? 1) >>> 0, refMs, refYear: new Date(refMs).getUTCFullYear() };
}

/** Streams `count` résumés; résumé n depends only on (seed, n). */
export function* resumes(count: number, options: DemoOptions | number = {}): Generator<DemoResume, void, undefined> {
  const opts = typeof options === 'number' ? { seed: options } : options;
  const ctx = makeContext(opts);
  const start = opts.start ?? 1;
  for (let n = start; n < start + count; n++) yield resumeAt(ctx, n);
}

/** `count` résumés (default 3,000) as an array. */
export function generateResumes(count = 3000, options: DemoOptions | number = {}): DemoResume[] {
  return Array.from(resumes(count, options));
}
