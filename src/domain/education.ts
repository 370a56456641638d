import { z } from 'zod';

/** Education levels, lowest to highest. The index is the ordinal used for filtering and scoring. */
export const EDUCATION_LEVELS = ['不限', '初中', '高中/中专', '大专', '本科', '硕士', '博士'] as const;
export type Education = (typeof EDUCATION_LEVELS)[number];

const ALIASES: Record<string, Education> = {
  不限: '不限', 学历不限: '不限', 无: '不限',
  初中: '初中', 初中及以上: '初中',
  高中: '高中/中专', 中专: '高中/中专', 中技: '高中/中专', 职高: '高中/中专', 技校: '高中/中专', '高中/中专': '高中/中专', '中专/高中': '高中/中专',
  大专: '大专', 专科: '大专', 高职: '大专',
  本科: '本科', 学士: '本科',
  硕士: '硕士', 研究生: '硕士',
  博士: '博士',
};

/** Accepts the canonical level or a common alias (专科, 研究生, 中专 …) and returns the canonical level. */
export const educationSchema = z
  .string()
  .max(20)
  .transform((s, ctx) => {
    const level = ALIASES[s.trim()];
    if (!level) {
      ctx.addIssue({ code: 'custom', message: `unknown education level "${s}"; use one of ${EDUCATION_LEVELS.join(', ')}` });
      return z.NEVER;
    }
    return level;
  })
  .pipe(z.enum(EDUCATION_LEVELS))
  .meta({ description: `Education level: ${EDUCATION_LEVELS.join(' < ')} (aliases such as 专科, 研究生, 中专 are accepted)` });

export function educationRank(level: Education): number {
  return EDUCATION_LEVELS.indexOf(level);
}

export function parseEducation(s: string): Education | undefined {
  return ALIASES[s.trim()];
}
