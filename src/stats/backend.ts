import type { PayGroup } from './percentiles.js';
import type { Period } from './periods.js';

/** Filters of the salary statistics, already validated and normalised. */
export interface SalaryFilter {
  /** 职业分类大典 code or prefix (the occupation keyword holds every prefix of a vacancy's code). */
  occupationCode?: string;
  district?: string;
  industry?: string;
  /** The education a vacancy asks for. */
  education?: string;
}

/** Keyword fields the demand statistics group by. */
export type DemandField = 'district' | 'industry' | 'occupation' | 'catalog';

export interface DemandQuery {
  field: DemandField;
  /** For occupation: the level of the code (1 大类 … 4 细类). */
  level?: number;
  /** The buckets with the most vacancies published over all periods (ties by key). */
  size: number;
  periods: Period[];
}

/** Per bucket, one number per period (in the order of `periods`). */
export interface DemandCounts {
  buckets: Array<{ key: string; vacancies: number[]; headcount: number[]; resumes: number[] | null }>;
  totals: { vacancies: number[]; headcount: number[]; resumes: number[] };
}

/**
 * The aggregations behind the statistics, one implementation per engine (SQL on the embedded store,
 * aggregations on Elasticsearch), giving the same numbers on the same documents.
 *
 * Which documents count: salaries — published vacancies; demand — vacancies published (status published or
 * closed, by publishedAt) and resumes updated (by updatedAt) in each period.
 */
export interface StatsBackend {
  /** The published vacancies matching the filter, grouped by (monthly min, monthly max). */
  payGroups(filter: SalaryFilter): Promise<PayGroup[]>;
  demand(q: DemandQuery): Promise<DemandCounts>;
}

/** Resumes hold no occupation codes in a filterable field, so supply by occupation is not known. */
export const RESUME_FIELD: Record<DemandField, string | null> = { district: 'district', industry: 'industry', occupation: null, catalog: 'catalog' };

/** The keys of a bucket field at an occupation level have level − 1 dashes (2-02 is level 2). */
export function occupationLevelOk(value: string, level: number): boolean {
  return value.split('-').length === level;
}
