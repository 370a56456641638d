import { z } from 'zod';

/**
 * Salaries as employers write them ("8-12K·13薪", "6000-8000元/月", "200元/天", "25元/小时", "1-1.5万", "面议"),
 * normalised to monthly and annual figures (yuan). Conversion: 21.75 paid days and 174 paid hours a month
 * (劳动和社会保障部 2008 年 3 号文), 12 months a year unless "N薪" says otherwise.
 */
export const SALARY_PERIODS = ['hour', 'day', 'month', 'year'] as const;
export type SalaryPeriod = (typeof SALARY_PERIODS)[number];

export const DAYS_PER_MONTH = 21.75;
export const HOURS_PER_MONTH = 174;

export interface SalaryRange {
  min: number;
  max: number;
  period: SalaryPeriod;
  monthsPerYear: number;
}

export interface NormalizedSalary {
  /** Monthly pay in yuan; null when negotiable (面议) or unknown. */
  monthlyMin: number | null;
  monthlyMax: number | null;
  annualMin: number | null;
  annualMax: number | null;
  negotiable: boolean;
}

const PERIOD_WORDS: Array<[RegExp, SalaryPeriod]> = [
  [/(\/|每|一)?\s*(小时|时|h\b|hr\b|hour)/i, 'hour'],
  [/(\/|每|一)?\s*(天|日|day)/i, 'day'],
  [/(\/|每|一)?\s*(年|year)|年薪/i, 'year'],
  [/(\/|每|一)?\s*(月|month)|月薪/i, 'month'],
];

const NUM = String.raw`(\d+(?:\.\d+)?)\s*(k|千|w|万)?`;
const RANGE = new RegExp(String.raw`${NUM}\s*(?:-|~|—|–|至|到)\s*${NUM}`, 'i');
const SINGLE = new RegExp(NUM, 'i');

function scale(value: string, unit: string | undefined, fallbackUnit: string | undefined): number {
  const n = Number(value);
  const u = (unit ?? fallbackUnit ?? '').toLowerCase();
  if (u === 'k' || u === '千') return n * 1000;
  if (u === 'w' || u === '万') return n * 10000;
  return n;
}

/** No salary is larger (yuan): a bigger figure is not read, so every derived monthly and annual figure stays finite. */
export const MAX_TEXT_AMOUNT = 1e12;

/** Parses free salary text; returns undefined for 面议/empty text or when no amount can be read. */
export function parseSalaryText(text: string): SalaryRange | undefined {
  const t = text.normalize('NFKC').replace(/,/g, '').trim();
  if (!t || /面议|面谈|negotiable/i.test(t)) return undefined;
  const months = /(\d{2})\s*薪/.exec(t);
  const monthsPerYear = months ? Math.min(24, Math.max(12, Number(months[1]))) : 12;
  const body = months ? t.replace(months[0], ' ') : t;
  let period: SalaryPeriod | undefined;
  for (const [re, p] of PERIOD_WORDS) if (re.test(body)) { period = p; break; }
  const r = RANGE.exec(body);
  let min: number;
  let max: number;
  if (r) {
    // "8-12K": the unit of the upper bound applies to the lower when the lower has none.
    min = scale(r[1]!, r[2], r[4]);
    max = scale(r[3]!, r[4], undefined);
  } else {
    const s = SINGLE.exec(body);
    if (!s) return undefined;
    min = max = scale(s[1]!, s[2], undefined);
  }
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= 0 || max > MAX_TEXT_AMOUNT) return undefined;
  if (min > max) [min, max] = [max, min];
  if (!period) period = guessPeriod(max);
  return { min, max, period, monthsPerYear };
}

/** Without a stated period, the size of the amount tells it: 25 → hourly, 200 → daily, 8000 → monthly, 150000 → yearly. */
function guessPeriod(max: number): SalaryPeriod {
  if (max < 100) return 'hour';
  if (max < 1000) return 'day';
  if (max <= 100000) return 'month';
  return 'year';
}

export function toMonthly(amount: number, period: SalaryPeriod, monthsPerYear = 12): number {
  switch (period) {
    case 'hour': return amount * HOURS_PER_MONTH;
    case 'day': return amount * DAYS_PER_MONTH;
    case 'month': return amount;
    case 'year': return amount / monthsPerYear;
  }
}

export function normalizeSalary(range: SalaryRange | undefined): NormalizedSalary {
  if (!range) return { monthlyMin: null, monthlyMax: null, annualMin: null, annualMax: null, negotiable: true };
  const monthlyMin = Math.round(toMonthly(range.min, range.period, range.monthsPerYear));
  const monthlyMax = Math.round(toMonthly(range.max, range.period, range.monthsPerYear));
  const months = range.period === 'year' ? range.monthsPerYear : range.monthsPerYear;
  return {
    monthlyMin,
    monthlyMax,
    annualMin: range.period === 'year' ? Math.round(range.min) : monthlyMin * months,
    annualMax: range.period === 'year' ? Math.round(range.max) : monthlyMax * months,
    negotiable: false,
  };
}

export const salaryRangeSchema = z
  .object({
    min: z.number().nonnegative().max(10_000_000),
    max: z.number().nonnegative().max(10_000_000),
    period: z.enum(SALARY_PERIODS).default('month'),
    monthsPerYear: z.number().int().min(12).max(24).optional(),
  })
  .refine((s) => s.min <= s.max, { message: 'min must not exceed max', path: ['min'] });

/** What an API client sends: raw text, a structured range, or both (the structured range wins). Unknown fields are refused, as everywhere. */
export const salaryInputSchema = z
  .strictObject({
    text: z.string().max(100).optional().meta({ description: 'Salary as written: "8-12K·13薪", "6000-8000元/月", "200元/天", "25元/小时", "面议"' }),
    min: z.number().nonnegative().max(10_000_000).optional(),
    max: z.number().nonnegative().max(10_000_000).optional(),
    period: z.enum(SALARY_PERIODS).optional(),
    monthsPerYear: z.number().int().min(12).max(24).optional(),
  })
  .refine((s) => s.min === undefined || s.max === undefined || s.min <= s.max, { message: 'min must not exceed max', path: ['min'] })
  .refine((s) => s.text !== undefined || s.min !== undefined || s.max !== undefined, { message: 'give text or min/max', path: ['text'] });

export type SalaryInput = z.infer<typeof salaryInputSchema>;

export const normalizedSalarySchema = z.object({
  text: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  period: z.enum(SALARY_PERIODS).optional(),
  monthsPerYear: z.number().optional(),
  monthlyMin: z.number().nullable(),
  monthlyMax: z.number().nullable(),
  annualMin: z.number().nullable(),
  annualMax: z.number().nullable(),
  negotiable: z.boolean(),
});
export type Salary = z.infer<typeof normalizedSalarySchema>;

/** Resolves a client's salary input into the stored form with monthly and annual figures. */
export function resolveSalary(input: SalaryInput): Salary {
  let range: SalaryRange | undefined;
  if (input.min !== undefined || input.max !== undefined) {
    const min = input.min ?? input.max!;
    const max = input.max ?? input.min!;
    range = { min, max, period: input.period ?? 'month', monthsPerYear: input.monthsPerYear ?? 12 };
  } else if (input.text !== undefined) {
    range = parseSalaryText(input.text);
    if (range && input.monthsPerYear) range.monthsPerYear = input.monthsPerYear;
  }
  return {
    ...(input.text !== undefined ? { text: input.text } : {}),
    ...(range ? { min: range.min, max: range.max, period: range.period, monthsPerYear: range.monthsPerYear } : {}),
    ...normalizeSalary(range),
  };
}
