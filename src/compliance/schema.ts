import { z } from 'zod';
import { CATEGORIES, SEVERITIES, TEXT_FIELDS } from './types.js';

/** Request and response schemas of the compliance endpoints (they feed the OpenAPI document). */

const text = (max: number, description: string) => z.string().max(max).meta({ description });

export const postingInputSchema = z
  .object({
    title: text(500, '岗位名称').optional(),
    description: z.string().min(1).max(20_000).meta({ description: '职位描述（必填）' }),
    requirements: text(20_000, '任职要求').optional(),
    benefits: text(10_000, '福利待遇').optional(),
    salaryText: text(500, '薪资文本，如“月薪4500-6000元”“时薪25元”').optional(),
    contractTerms: text(5_000, '合同条款，如“劳动合同三年，试用期3个月”').optional(),
    district: text(40, 'Qingdao district or county-level city (黄岛区, 西海岸新区 …); selects the minimum wage. Unknown or absent: 青岛市 standard').optional(),
    employmentType: text(40, 'full_time, part_time, internship …').optional(),
  })
  .strict()
  .meta({ id: 'CompliancePosting', description: 'A job posting to screen. Every text field is screened; spans refer to the field as sent.' });

export const legalBasisSchema = z
  .object({ law: z.string(), article: z.string() })
  .meta({ id: 'LegalBasis', description: '法律依据：法律法规名称与条款' });

export const findingSchema = z
  .object({
    category: z.enum(CATEGORIES),
    severity: z.enum(SEVERITIES).meta({ description: 'block: explicit statutory ban; warn: needs review; info: lawful exception or inclusive programme' }),
    field: z.enum(TEXT_FIELDS),
    start: z.number().int().min(0).meta({ description: 'JavaScript string index into the original field text (inclusive)' }),
    end: z.number().int().min(0).meta({ description: 'JavaScript string index into the original field text (exclusive); text === field.slice(start, end)' }),
    text: z.string(),
    ruleId: z.string(),
    legalBasis: z.array(legalBasisSchema).min(1),
    message: z.string().meta({ description: '中文说明' }),
    suggestion: z.string().meta({ description: '修改建议' }),
  })
  .meta({ id: 'ComplianceFinding' });

export const checkResultSchema = z
  .object({
    verdict: z.enum(['pass', 'review', 'reject']).meta({ description: 'reject when any finding is block, review when any is warn, else pass' }),
    findings: z.array(findingSchema),
    rewrite: z
      .object(Object.fromEntries(TEXT_FIELDS.map((f) => [f, z.string().optional()])) as Record<(typeof TEXT_FIELDS)[number], z.ZodOptional<z.ZodString>>)
      .meta({ description: 'Neutral rewrite of every field that has block or warn findings; re-checking it passes. Empty when the verdict is pass.' }),
    rulebookVersion: z.string(),
  })
  .meta({ id: 'ComplianceResult' });

export const batchRequestSchema = z
  .object({ postings: z.array(postingInputSchema).min(1).max(100) })
  .strict()
  .meta({ id: 'ComplianceBatchRequest', description: 'Up to 100 postings' });

export const batchResponseSchema = z
  .object({ rulebookVersion: z.string(), results: z.array(checkResultSchema) })
  .meta({ id: 'ComplianceBatchResult', description: 'Results in the order of the postings' });

export const ruleSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['rule', 'exception']),
    category: z.enum(CATEGORIES),
    severity: z.enum(SEVERITIES),
    title: z.string(),
    legalBasis: z.array(legalBasisSchema),
    message: z.string(),
    suggestion: z.string(),
    patterns: z.array(z.string()),
    detector: z.string().nullable(),
    examples: z.object({ flagged: z.array(z.string()), clean: z.array(z.string()) }),
    file: z.string(),
  })
  .meta({ id: 'ComplianceRule' });

export const rulesResponseSchema = z
  .object({
    version: z.string(),
    title: z.string(),
    rules: z.array(ruleSchema),
    minimumWage: z.object({
      source: z.string(),
      effectiveDate: z.string(),
      verified: z.boolean(),
      tiers: z.record(z.string(), z.object({ monthly: z.number(), hourly: z.number() })),
      districts: z.record(z.string(), z.string()),
    }),
  })
  .meta({ id: 'ComplianceRulebook', description: '企业用工负面清单：every rule with its category, severity, legal basis and examples' });

export const reloadResponseSchema = z
  .object({ version: z.string(), previousVersion: z.string(), rules: z.number().int() })
  .meta({ id: 'ComplianceReload' });
