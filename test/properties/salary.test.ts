import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  normalizeSalary, parseSalaryText, resolveSalary, SALARY_PERIODS, salaryInputSchema, type NormalizedSalary, type SalaryPeriod, type SalaryRange,
} from '../../src/domain/salary.js';
import { salaryBand } from '../../src/domain/salary-bands.js';
import { anyUnits, hostileText, runs } from './arbitraries.js';

const RUNS = runs();

const SALARY_BITS = [
  '8', '12', '0', '1.5', '6000', '8000', '25', '200', '150000', '99999999999', '0.01', '.5', '5.', 'k', 'K', '千', '万', 'w', 'W',
  '-', '~', '—', '–', '至', '到', '元', '/', '每', '一', '月', '天', '日', '小时', '时', 'h', 'hour', '年', '年薪', '月薪', '·', '13薪', '24薪',
  '99薪', '面议', ',', '，', '８', '０', '１', 'ｋ', ' ', '以上', '左右',
];
const salaryText = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...SALARY_BITS), { maxLength: 12 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: hostileText(10) },
  { weight: 1, arbitrary: anyUnits(60) },
);

function checkRange(r: SalaryRange) {
  expect(Number.isFinite(r.min) && Number.isFinite(r.max)).toBe(true);
  expect(r.min).toBeGreaterThanOrEqual(0);
  expect(r.max).toBeGreaterThan(0);
  expect(r.min).toBeLessThanOrEqual(r.max);
  expect(SALARY_PERIODS).toContain(r.period);
  expect(Number.isInteger(r.monthsPerYear) && r.monthsPerYear >= 12 && r.monthsPerYear <= 24).toBe(true);
}

function checkNormalized(n: NormalizedSalary, r: SalaryRange | undefined) {
  if (!r) {
    expect(n).toEqual({ monthlyMin: null, monthlyMax: null, annualMin: null, annualMax: null, negotiable: true });
    return;
  }
  const { monthlyMin, monthlyMax, annualMin, annualMax } = n as unknown as Record<'monthlyMin' | 'monthlyMax' | 'annualMin' | 'annualMax', number>;
  expect(n.negotiable).toBe(false);
  for (const v of [monthlyMin, monthlyMax, annualMin, annualMax]) {
    expect(Number.isFinite(v)).toBe(true);
    expect(v).toBeGreaterThanOrEqual(0);
  }
  expect(monthlyMin).toBeLessThanOrEqual(monthlyMax);
  expect(annualMin).toBeLessThanOrEqual(annualMax);
  if (r.period === 'year') {
    // A yearly figure is kept as given; the monthly one is it spread over the paid months.
    expect(annualMin).toBe(Math.round(r.min));
    expect(monthlyMin).toBe(Math.round(r.min / r.monthsPerYear));
  } else {
    expect(annualMin).toBe(monthlyMin * r.monthsPerYear);
    expect(annualMax).toBe(monthlyMax * r.monthsPerYear);
  }
}

const PERIOD_WORD: Record<SalaryPeriod, string> = { hour: '小时', day: '天', month: '月', year: '年' };
/** A range written back as an employer would: "6000-8000元/月·13薪". */
const formatRange = (r: SalaryRange) => `${r.min}-${r.max}元/${PERIOD_WORD[r.period]}·${r.monthsPerYear}薪`;

const amount = fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 100));
const range: fc.Arbitrary<SalaryRange> = fc
  .record({ a: amount, b: amount, period: fc.constantFrom(...SALARY_PERIODS), monthsPerYear: fc.integer({ min: 12, max: 24 }) })
  .filter(({ a, b }) => Math.max(a, b) > 0)
  .map(({ a, b, period, monthsPerYear }) => ({ min: Math.min(a, b), max: Math.max(a, b), period, monthsPerYear }));

describe('property: the salary parser', () => {
  it('never throws; a parsed range is finite, non-negative, ordered, with a known period and 12–24 months', () => {
    fc.assert(fc.property(salaryText, (text) => {
      const r = parseSalaryText(text);
      if (r) checkRange(r);
      checkNormalized(normalizeSalary(r), r);
    }), RUNS);
  });

  it('never reads a figure so large that the monthly or annual one overflows', () => {
    const digits = fc.integer({ min: 1, max: 400 }).map((n) => '9'.repeat(n));
    const unit = fc.constantFrom('', 'k', '万', '元/小时', '元/天', '元/年', '万/小时');
    fc.assert(fc.property(digits, unit, (d, u) => {
      const r = parseSalaryText(d + u);
      if (r) checkRange(r);
      checkNormalized(normalizeSalary(r), r);
    }), RUNS);
    // Regression: 308 nines per hour used to give an Infinity monthly figure.
    expect(parseSalaryText('9'.repeat(308) + '元/小时')).toBeUndefined();
    expect(normalizeSalary(parseSalaryText('9'.repeat(300) + '元/小时')).monthlyMax).toBeNull();
  });

  it('monthly and annual figures agree for any structured range', () => {
    fc.assert(fc.property(range, (r) => {
      checkNormalized(normalizeSalary(r), r);
      expect(typeof salaryBand(normalizeSalary(r).monthlyMin, normalizeSalary(r).monthlyMax)).toBe('string');
    }), RUNS);
  });

  it('is idempotent on its own output: a range written back as text parses to the same range', () => {
    fc.assert(fc.property(range, (r) => {
      expect(parseSalaryText(formatRange(r))).toEqual(r);
    }), RUNS);
  });

  it('full-width digits and thousands separators read like plain ones', () => {
    const toFullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const withCommas = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
    fc.assert(fc.property(range, (r) => {
      const plain = parseSalaryText(formatRange(r));
      expect(parseSalaryText(toFullWidth(formatRange(r)))).toEqual(plain);
      expect(parseSalaryText(`${withCommas(r.min)}-${withCommas(r.max)}元/${PERIOD_WORD[r.period]}·${r.monthsPerYear}薪`)).toEqual(plain);
    }), RUNS);
  });

  it('a structured salary with a field the API does not know is refused, like every other object', () => {
    expect(salaryInputSchema.safeParse({ min: 5000, max: 8000, currency: 'CNY' }).success).toBe(false);
    expect(salaryInputSchema.safeParse({ min: 5000, max: 8000 }).success).toBe(true);
  });

  it('any input the API accepts resolves without throwing, consistently', () => {
    const input = fc.record({
      text: fc.option(salaryText.map((s) => s.slice(0, 100)), { nil: undefined }),
      min: fc.option(amount, { nil: undefined }),
      max: fc.option(amount, { nil: undefined }),
      period: fc.option(fc.constantFrom(...SALARY_PERIODS), { nil: undefined }),
      monthsPerYear: fc.option(fc.integer({ min: 12, max: 24 }), { nil: undefined }),
    }, { requiredKeys: [] });
    fc.assert(fc.property(input, (raw) => {
      const parsed = salaryInputSchema.safeParse(raw);
      if (!parsed.success) return;
      const s = resolveSalary(parsed.data);
      const r = s.min !== undefined ? { min: s.min, max: s.max!, period: s.period!, monthsPerYear: s.monthsPerYear! } : undefined;
      if (r && r.max > 0) checkNormalized(s, r);
      if (s.monthlyMin !== null) expect(s.monthlyMin).toBeLessThanOrEqual(s.monthlyMax!);
      // Resolving what was stored gives the same figures again.
      if (r) expect(resolveSalary({ min: r.min, max: r.max, period: r.period, monthsPerYear: r.monthsPerYear })).toMatchObject({ monthlyMin: s.monthlyMin, monthlyMax: s.monthlyMax, annualMin: s.annualMin, annualMax: s.annualMax });
    }), RUNS);
  });
});
