import { z } from 'zod';
import { DISTRICT_NAMES, type District } from '../domain/districts.js';
import { EDUCATION_LEVELS } from '../domain/education.js';

/**
 * The 重点产业人才需求目录 (kind key_industry) and 技能型人才需求目录 (kind skilled) as one list of entries,
 * with the columns published city catalogs use: 产业, 岗位, 职业代码, 能力要求, 学历, 专业, 经验, 薪酬, 紧缺程度.
 * PUT /v1/catalog validates a whole catalog with `catalogSchema`.
 */
export const CATALOG_KINDS = ['key_industry', 'skilled'] as const;
export type CatalogKind = (typeof CATALOG_KINDS)[number];

/** The industries the Qingdao and 西海岸新区 plans name; a catalog may add others. */
export const KEY_INDUSTRIES = [
  '集成电路', '新型显示', '船舶海工', '智能家电', '海洋经济', '新一代信息技术', '人工智能',
  '高端化工与新材料', '智能网联新能源汽车', '现代服务业', '现代农业与农产品加工', '康养',
] as const;

/** A 职业分类大典 2022 细类 code: four parts, d-dd-dd-dd. */
export const DETAIL_CODE = /^[1-8]-\d{2}-\d{2}-\d{2}$/;

const skillList = z.array(z.string().trim().min(1).max(50)).max(30);

export const catalogEntrySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a lower-case slug such as ic-digital-verification').max(64),
  kind: z.enum(CATALOG_KINDS),
  industry: z.string().trim().min(1).max(30),
  subIndustry: z.string().trim().min(1).max(30).optional().meta({ description: 'e.g. 海洋生物技术 under 海洋经济, 酒店 under 现代服务业' }),
  occupation: z.string().trim().min(1).max(50),
  occupationCode: z.string().regex(DETAIL_CODE, 'a 职业分类大典 2022 细类 code such as 2-02-38-09'),
  titles: z.array(z.string().trim().min(1).max(50)).max(20).default([]).meta({ description: 'Job titles employers use for it' }),
  skills: z.strictObject({ required: skillList.min(1), preferred: skillList.default([]) }),
  education: z.enum(EDUCATION_LEVELS),
  majors: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  experienceYears: z.number().min(0).max(30),
  salary: z.strictObject({ min: z.number().int().positive().max(1_000_000), max: z.number().int().positive().max(1_000_000) })
    .refine((s) => s.min <= s.max, { message: 'salary.min must not exceed salary.max', path: ['min'] }),
  demandLevel: z.number().int().min(1).max(5).meta({ description: '紧缺指数 1 (balanced) – 5 (most scarce)' }),
  districts: z.array(z.enum(DISTRICT_NAMES as [District, ...District[]])).min(1).max(DISTRICT_NAMES.length),
});
export type CatalogEntry = z.output<typeof catalogEntrySchema>;

export const catalogSchema = z.strictObject({
  version: z.string().trim().min(1).max(50),
  title: z.string().max(200).optional(),
  entries: z.array(catalogEntrySchema).min(1).max(5_000),
}).superRefine((c, ctx) => {
  const seen = new Map<string, number>();
  c.entries.forEach((e, i) => {
    const first = seen.get(e.id);
    if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['entries', i, 'id'], message: `duplicate id "${e.id}" (also entries.${first})` });
    else seen.set(e.id, i);
  });
});
export type Catalog = z.output<typeof catalogSchema>;
export type CatalogInput = z.input<typeof catalogSchema>;

/**
 * Codes in the catalog that the given taxonomy does not know (empty when all exist). PUT /v1/catalog can call it
 * with the loaded taxonomy's `has` to reject made-up codes.
 */
export function unknownOccupationCodes(catalog: Catalog, has: (code: string) => boolean): Array<{ id: string; code: string }> {
  return catalog.entries.filter((e) => !has(e.occupationCode)).map((e) => ({ id: e.id, code: e.occupationCode }));
}
