import type { District } from '../domain/districts.js';
import type { OccupationCode } from './occupations.js';

/**
 * How a job is staffed and paid, which steers employment type, salary format, headcount and tags:
 * tech = engineers and researchers, skill = certified trades, ops = line and warehouse work,
 * service = front-line service, office = sales, clerical and operations staff.
 */
export type RoleKind = 'tech' | 'skill' | 'ops' | 'service' | 'office';

export interface Role {
  /** Title variants as employers write them; the first is the usual one. */
  titles: readonly string[];
  code?: OccupationCode;
  kind: RoleKind;
  /** Education range as ordinals of EDUCATION_LEVELS (0 不限 … 6 博士). */
  edu: readonly [number, number];
  /** Range of the minimum years of experience asked. */
  exp: readonly [number, number];
  /** Range (yuan a month) from which the lower bound of the pay is drawn. */
  pay: readonly [number, number];
  skills: readonly string[];
  /** 岗位职责 sentences, without final punctuation. */
  duties: readonly string[];
  /** Role-specific 任职要求 sentences. */
  reqs?: readonly string[];
  /** Relative frequency within its sector (default 1). */
  weight?: number;
}

/** The key industries of the Qingdao employment plans, and 传统行业 for everyday jobs. */
export const KEY_INDUSTRIES = [
  '集成电路', '新型显示', '船舶海工', '智能家电', '海洋经济', '新一代信息技术', '人工智能',
  '高端化工与新材料', '智能网联新能源汽车', '现代服务业', '现代农业与农产品加工', '康养',
] as const;
export type IndustryGroup = (typeof KEY_INDUSTRIES)[number] | '传统行业';

export interface Sector {
  /** The vacancy's `industry` value. */
  name: string;
  group: IndustryGroup;
  /** Share of employers. */
  weight: number;
  /** Where its employers sit (relative weights); districts left out get none. */
  districts: Partial<Record<District, number>>;
  /** Business words for company names: 青岛 + 字号 + word + 有限公司. */
  firmWords: readonly string[];
  /** What the company does, for "公司主要从事…". */
  business: readonly string[];
  majors: readonly string[];
  roles: readonly Role[];
  /** Which shared pool of everyday roles its employers also hire for. */
  shared: 'factory' | 'office' | 'none';
}
