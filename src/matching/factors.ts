import { DISTRICTS, type District } from '../domain/districts.js';
import { EDUCATION_LEVELS, educationRank, type Education } from '../domain/education.js';
import type { Vacancy } from '../domain/vacancy.js';
import { titleLevel } from './requirements.js';
import { haversineKm } from '../engine/geo.js';
import type { SeekerView } from './seeker.js';
import { FIFTEEN_MINUTE_KM, FRESH_DAYS, FRESHNESS_ZERO_DAYS, MAX_COMMUTE_KM, PROGRAM_TAGS } from './weights.js';

/** A factor's value (−1 … 1, 0 neutral, or null when the data cannot decide) and the short Chinese sentence that explains it. */
export interface FactorValue { value: number | null; reason: string }

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const clamp = (x: number) => Math.min(1, Math.max(-1, x));
const km = (d: number) => (d < 10 ? d.toFixed(1) : String(Math.round(d)));
const distanceValue = (d: number) => (d <= FIFTEEN_MINUTE_KM ? 1 : clamp01(1 - (d - FIFTEEN_MINUTE_KM) / (MAX_COMMUTE_KM - FIFTEEN_MINUTE_KM)));

export function locationFactor(v: Vacancy, s: SeekerView): FactorValue {
  const vd = v.location?.district;
  const sd = s.location.district;
  if (!vd || !sd) return { value: null, reason: '工作地点或求职者所在地未知' };
  const desired = s.desiredDistricts.includes(vd);
  const { lat: vlat, lon: vlon } = v.location;
  const { lat: slat, lon: slon } = s.location;
  if (vlat !== undefined && vlon !== undefined && slat !== undefined && slon !== undefined) {
    const d = haversineKm(vlat, vlon, slat, slon);
    const value = 2 * Math.max(distanceValue(d), desired ? 0.9 : 0) - 1;
    const circle = d <= FIFTEEN_MINUTE_KM ? `，在 15 分钟生活圈内（${FIFTEEN_MINUTE_KM} 公里）` : '';
    return { value, reason: `距离约 ${km(d)} 公里${circle}${desired ? `；${vd}是期望工作区域` : ''}` };
  }
  if (vd === sd) return { value: 1, reason: `同在${vd}` };
  if (desired) return { value: 0.8, reason: `${vd}是期望工作区域` };
  const a = DISTRICTS[vd as District];
  const b = DISTRICTS[sd as District];
  if (!a || !b) return { value: null, reason: `${vd}与${sd}的距离未知` };
  const d = haversineKm(a.lat, a.lon, b.lat, b.lon);
  return { value: 2 * 0.8 * distanceValue(d) - 1, reason: `${vd}与${sd}相距约 ${km(d)} 公里（按区中心估算）` };
}

/**
 * Pay: the posting's monthly maximum against the seeker's expected minimum. Meeting it is +1; below it the
 * value falls with the distance, 0 at 20 % short and −1 at 40 % or more. 面议 (no figure) is unknown, not bad.
 */
export function salaryFactor(v: Vacancy, s: SeekerView): FactorValue {
  const vmin = v.salary?.monthlyMin ?? null;
  const vmax = v.salary?.monthlyMax ?? null;
  const want = s.expectedSalary.monthlyMin ?? s.expectedSalary.monthlyMax;
  if (vmax === null || vmin === null) return { value: null, reason: '岗位薪资面议，薪资匹配未知' };
  if (want === null || want === undefined || want <= 0) return { value: null, reason: '求职者期望薪资未知' };
  const range = vmin === vmax ? `${vmin}` : `${vmin}–${vmax}`;
  if (vmax >= want) return { value: 1, reason: `薪资 ${range} 元/月，达到期望 ${want} 元/月` };
  const short = 1 - vmax / want;
  return { value: clamp(1 - short / 0.2), reason: `薪资 ${range} 元/月，低于期望 ${want} 元/月约 ${Math.round(short * 100)}%` };
}

/**
 * Education matters when it is violated: one level below what the posting asks −0.6, two or more −1; meeting it
 * is 0 (no reward: it only means the door is open). Unknown when the posting states none or the seeker gave none.
 */
export function educationFactor(req: Education | undefined, s: SeekerView): FactorValue {
  if (!req || req === '不限') return { value: null, reason: '岗位未写学历要求，学历匹配未知' };
  const have = s.education as Education;
  if (!EDUCATION_LEVELS.includes(have) || have === '不限') return { value: null, reason: `岗位要求${req}，求职者学历未知` };
  const gap = educationRank(req) - educationRank(have);
  if (gap <= 0) return { value: 0, reason: `学历${have}，满足${req}要求` };
  return { value: gap === 1 ? -0.6 : -1, reason: `学历${have}，低于${req}要求` };
}

const SENIOR_YEARS = 5;
const JUNIOR_YEARS = 2;

/**
 * Seniority, both ways: the years a posting asks for against the seeker's total (short by half or more −1,
 * proportionally less; met +1), and the level its title names (主管、经理、高级 … / 学徒、助理、实习、帮厨 …)
 * against the seeker's: an entry post for someone with ≥ 5 years or a senior past title −0.6, a senior post for
 * someone with < 2 years and no senior past title −0.6, a senior post for a senior seeker +1. The worst finding
 * wins; unknown when neither side says anything.
 */
export function seniorityFactor(yearsMin: number | undefined, level: 'senior' | 'junior' | undefined, s: SeekerView): FactorValue {
  const known = s.experience.length > 0;
  const years = s.experience.reduce((sum, e) => sum + (Number.isFinite(e.years) ? Math.max(0, e.years) : 0), 0);
  const y = Math.round(years * 10) / 10;
  const seniorPast = s.experience.some((e) => titleLevel(e.title) === 'senior');
  const found: FactorValue[] = [];
  if (yearsMin && yearsMin > 0) {
    if (!known) found.push({ value: null, reason: `岗位要求 ${yearsMin} 年经验，求职者经验未知` });
    else if (years >= yearsMin) found.push({ value: 1, reason: `工作经验 ${y} 年，满足 ${yearsMin} 年要求` });
    else found.push({ value: clamp(1 - (2 * (yearsMin - years)) / yearsMin * 2), reason: `工作经验 ${y} 年，少于要求的 ${yearsMin} 年` });
  }
  if (level === 'junior' && known && (years >= SENIOR_YEARS || seniorPast)) {
    found.push({ value: -0.6, reason: `入门/助理岗位，求职者已有 ${y} 年经验${seniorPast ? '并任过主管级职位' : ''}` });
  } else if (level === 'senior' && known) {
    if (seniorPast || years >= SENIOR_YEARS) found.push({ value: 1, reason: `主管/高级岗位，求职者有 ${y} 年经验${seniorPast ? '并任过主管级职位' : ''}` });
    else if (years < JUNIOR_YEARS) found.push({ value: -0.6, reason: `主管/高级岗位，求职者仅 ${y} 年经验` });
  }
  const decided = found.filter((f) => f.value !== null);
  if (decided.length === 0) return found[0] ?? { value: null, reason: yearsMin ? `岗位要求 ${yearsMin} 年经验，求职者经验未知` : '岗位未写经验或级别要求，资历匹配未知' };
  return decided.reduce((a, b) => (b.value! < a.value! ? b : a));
}

/** Employment type matters when violated: a type the seeker did not ask for −1; a wanted one 0. */
export function employmentTypeFactor(type: string, s: SeekerView): FactorValue {
  if (s.employmentTypes.length === 0) return { value: null, reason: '求职者期望用工类型未知' };
  return s.employmentTypes.includes(type)
    ? { value: 0, reason: `用工类型${type}符合期望` }
    : { value: -1, reason: `用工类型${type}，求职者期望${s.employmentTypes.join('/')}` };
}

export function freshnessFactor(v: Vacancy, now: Date): FactorValue {
  const t = v.publishedAt ? Date.parse(v.publishedAt) : NaN;
  if (!Number.isFinite(t)) return { value: null, reason: '发布时间未知' };
  const days = Math.max(0, (now.getTime() - t) / 86_400_000);
  const value = days <= FRESH_DAYS ? 1 : clamp01(1 - (days - FRESH_DAYS) / (FRESHNESS_ZERO_DAYS - FRESH_DAYS));
  return { value, reason: days < 1 ? '今天发布' : `发布于 ${Math.floor(days)} 天前` };
}

export function programsFactor(v: Vacancy, s: SeekerView): FactorValue {
  const opted = (Object.keys(PROGRAM_TAGS) as Array<keyof typeof PROGRAM_TAGS>).filter((p) => s.programs.includes(p));
  if (opted.length === 0) return { value: 0, reason: '求职者未选择妈妈岗、荣军岗或残疾人友好专项，不计分' };
  const hit = opted.find((p) => v.tags.includes(PROGRAM_TAGS[p]));
  if (hit) return { value: 1, reason: `${PROGRAM_TAGS[hit]}，符合求职者选择的${hit}专项` };
  return { value: 0, reason: `岗位未标注${opted.map((p) => PROGRAM_TAGS[p]).join('、')}` };
}
