/**
 * Default factor weights of the match score (they sum to 100). The score is Σ weight × value over the factors,
 * each value in 0–1, or null when the data is missing (then it contributes 0 and the reason says 未知).
 * Skills and title/occupation carry most of the weight (62) so that an empty profile scores low: only the
 * conditions it happens to meet (location, 岗位学历不限, 不要求经验, employment type, freshness) can count, ≤ 25.
 *
 *  skills 38        coverage of the vacancy's skills by the seeker's, through synonyms; catalog preferred skills +10 %
 *  title 24         title similarity (期望职位/工作经历 vs 岗位名称) or the same 职业分类 code (细类 0.85, 小类 0.51)
 *  location 10      same district or desired district; distance: ≤ 3 km (15-minute circle) = 1, 0 at 30 km
 *  salary 7         vacancy's monthly maximum against the seeker's expected minimum
 *  education 4      seeker's level ≥ required = 1, one level below 0.4
 *  experience 4     total years ≥ experienceYearsMin = 1, else proportional
 *  employmentType 2 vacancy's type among the seeker's wanted types
 *  catalog 4        demand level (紧缺 1–5) of the vacancy's catalog entry; full when the seeker is linked to it too
 *  freshness 3      published ≤ 7 days ago = 1, falling to 0 at 90 days
 *  programs 4       妈妈岗 ↔ 宝妈, 荣军岗 ↔ 退役军人, 残疾人友好 ↔ 残疾人 — only when the seeker opted in
 */
export const WEIGHTS = {
  skills: 38,
  title: 24,
  location: 10,
  salary: 7,
  education: 4,
  experience: 4,
  employmentType: 2,
  catalog: 4,
  freshness: 3,
  programs: 4,
} as const;
export type Factor = keyof typeof WEIGHTS;
export const FACTORS = Object.keys(WEIGHTS) as Factor[];

/** The 15-minute living circle (15 分钟生活圈) as a radius: about 3 km. */
export const FIFTEEN_MINUTE_KM = 3;
/** Beyond this distance the location factor is 0. */
export const MAX_COMMUTE_KM = 30;
/** Freshness: full for this many days, then linear down to 0 at FRESHNESS_ZERO_DAYS. */
export const FRESH_DAYS = 7;
export const FRESHNESS_ZERO_DAYS = 90;

/** Opt-in programmes of the seeker and the vacancy tag each one looks for. */
export const PROGRAM_TAGS = { 宝妈: '妈妈岗', 退役军人: '荣军岗', 残疾人: '残疾人友好' } as const;
