import { normalizeDistrict } from '../domain/districts.js';
import { EMPLOYMENT_TYPES } from '../domain/common.js';
import { educationRank, parseEducation } from '../domain/education.js';
import type { Filter, Kind } from '../engine/types.js';
import { CIRCLE_15MIN_KM, parseMonthlyAmount, type SearchParams } from './params.js';

export interface Ignored { param: string; value?: string; reason: string }

/** A filter with what it means to people, so relaxation can drop it and say what it dropped. */
export interface NamedFilter { param: string; filter: Filter; label: string }

export interface Interpreted {
  filters: NamedFilter[];
  geo?: { lat: number; lon: number; radiusKm?: number };
  applied: Record<string, unknown>;
  ignored: Ignored[];
}

const PROTECTED = ['gender', 'birthYear', 'age', 'ethnicity', 'maritalStatus', 'hukou'] as const;
const VACANCY_ONLY = ['occupationCode', 'tag', 'employerId', 'postedWithinDays', 'compliance'] as const;

/**
 * Turns validated parameters into engine filters, the `applied` echo and the `ignored` list: unknown values
 * and parameters that do not apply are never silently dropped.
 */
export function interpretFilters(kind: Kind, p: SearchParams, now: number): Interpreted {
  const filters: NamedFilter[] = [];
  const applied: Record<string, unknown> = {};
  const ignored: Ignored[] = [];
  const add = (param: string, label: string, filter: Filter, value: unknown) => {
    filters.push({ param, label, filter });
    applied[param] = value;
  };

  for (const param of PROTECTED) {
    if (p[param] !== undefined) ignored.push({ param, value: p[param], reason: '受保护的个人特征，不能作为筛选条件（就业促进法第三条）' });
  }
  if (kind === 'resume') {
    for (const param of VACANCY_ONLY) {
      const v = p[param];
      if (v !== undefined && !(Array.isArray(v) && v.length === 0)) ignored.push({ param, value: String(v), reason: 'does not apply to resumes' });
    }
  }

  const districts: string[] = [];
  for (const d of p.district) {
    const canonical = normalizeDistrict(d);
    if (canonical) districts.push(canonical);
    else ignored.push({ param: 'district', value: d, reason: 'unknown district of Qingdao' });
  }
  if (districts.length) add('district', `区域 ${districts.join('、')}`, { kind: 'terms', field: 'district', values: [...new Set(districts)], facet: 'district' }, [...new Set(districts)]);

  if (p.industry.length) add('industry', `行业 ${p.industry.join('、')}`, { kind: 'terms', field: 'industry', values: p.industry, facet: 'industry' }, p.industry);

  const types = p.employmentType.filter((t) => (EMPLOYMENT_TYPES as readonly string[]).includes(t));
  for (const t of p.employmentType) if (!types.includes(t)) ignored.push({ param: 'employmentType', value: t, reason: `unknown; use ${EMPLOYMENT_TYPES.join(', ')}` });
  if (types.length) add('employmentType', `用工形式 ${types.join('、')}`, { kind: 'terms', field: 'employmentType', values: types, facet: 'employmentType' }, types);

  if (p.education !== undefined) {
    const level = parseEducation(p.education);
    if (!level) ignored.push({ param: 'education', value: p.education, reason: 'unknown education level' });
    else {
      const rank = educationRank(level);
      const filter: Filter = kind === 'vacancy'
        ? { kind: 'range', field: 'educationRank', lte: rank, facet: 'education' }
        : { kind: 'range', field: 'educationRank', gte: rank, facet: 'education' };
      add('education', kind === 'vacancy' ? `学历要求不高于${level}` : `学历不低于${level}`, filter, level);
    }
  }
  if (p.experienceYears !== undefined) {
    const filter: Filter = kind === 'vacancy'
      ? { kind: 'range', field: 'experienceYears', lte: p.experienceYears }
      : { kind: 'range', field: 'experienceYears', gte: p.experienceYears };
    add('experienceYears', kind === 'vacancy' ? `经验要求不超过${p.experienceYears}年` : `经验不少于${p.experienceYears}年`, filter, p.experienceYears);
  }

  const salary: { min?: number; max?: number } = {};
  for (const param of ['salaryMin', 'salaryMax'] as const) {
    const raw = p[param];
    if (raw === undefined) continue;
    const v = parseMonthlyAmount(raw);
    if (v === undefined) ignored.push({ param, value: raw, reason: 'malformed amount; use yuan per month (8000) or units (8k, 1.2万, 300元/天)' });
    else salary[param === 'salaryMin' ? 'min' : 'max'] = v;
  }
  if (salary.min !== undefined || salary.max !== undefined) {
    // Ranges overlap: the document's range reaches the wanted minimum and starts below the wanted maximum.
    if (salary.min !== undefined) filters.push({ param: 'salary', label: `月薪不低于${salary.min}`, filter: { kind: 'range', field: 'salaryMax', gte: salary.min, facet: 'salary' } });
    if (salary.max !== undefined) filters.push({ param: 'salary', label: `月薪不高于${salary.max}`, filter: { kind: 'range', field: 'salaryMin', lte: salary.max, facet: 'salary' } });
    if (salary.min !== undefined) applied.salaryMin = salary.min;
    if (salary.max !== undefined) applied.salaryMax = salary.max;
  }

  if (kind === 'vacancy') {
    const codes = p.occupationCode.filter((c) => /^[1-8](-\d{2}){0,3}$/.test(c));
    for (const c of p.occupationCode) if (!codes.includes(c)) ignored.push({ param: 'occupationCode', value: c, reason: 'not a 职业分类大典 code or prefix such as 2-02 or 2-02-10-03' });
    if (codes.length) add('occupationCode', `职业 ${codes.join('、')}`, { kind: 'prefix', field: 'occupation', values: codes }, codes);
    if (p.tag.length) add('tag', `标签 ${p.tag.join('、')}`, { kind: 'terms', field: 'tag', values: p.tag, facet: 'tag' }, p.tag);
    const statuses = p.compliance.filter((c) => ['pass', 'review', 'reject'].includes(c));
    for (const c of p.compliance) if (!statuses.includes(c)) ignored.push({ param: 'compliance', value: c, reason: 'use pass or review' });
    if (statuses.length) add('compliance', `合规状态 ${statuses.join('、')}`, { kind: 'terms', field: 'compliance', values: statuses }, statuses);
    if (p.employerId.length) add('employerId', `企业 ${p.employerId.join('、')}`, { kind: 'terms', field: 'employerId', values: p.employerId }, p.employerId);
    if (p.postedWithinDays !== undefined) {
      // Rounded to the minute, so the same filter within a minute is the same (cacheable) query.
      const since = Math.floor((now - p.postedWithinDays * 86_400_000) / 60_000) * 60_000;
      add('postedWithinDays', `${p.postedWithinDays}天内发布`, { kind: 'range', field: 'publishedAt', gte: since }, p.postedWithinDays);
    }
  }

  let geo: Interpreted['geo'];
  if (p.lat !== undefined && p.lon !== undefined) {
    const radiusKm = p.radiusKm ?? (p.circle === '15min' ? CIRCLE_15MIN_KM : undefined);
    geo = { lat: p.lat, lon: p.lon, ...(radiusKm !== undefined ? { radiusKm } : {}) };
    applied.lat = p.lat;
    applied.lon = p.lon;
    if (radiusKm !== undefined) applied.radiusKm = radiusKm;
    if (p.circle) applied.circle = p.circle;
  }
  return { filters, ...(geo ? { geo } : {}), applied, ignored };
}
