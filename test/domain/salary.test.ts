import { describe, expect, it } from 'vitest';
import { parseSalaryText, resolveSalary } from '../../src/domain/salary.js';

describe('salary text as employers write it', () => {
  it.each([
    ['8-12K·13薪', 8000, 12000, 'month', 13, 8000, 12000, 104000, 156000],
    ['6000-8000元/月', 6000, 8000, 'month', 12, 6000, 8000, 72000, 96000],
    ['200元/天', 200, 200, 'day', 12, 4350, 4350, 52200, 52200],
    ['25元/小时', 25, 25, 'hour', 12, 4350, 4350, 52200, 52200],
    ['1-1.5万', 10000, 15000, 'month', 12, 10000, 15000, 120000, 180000],
    ['1-1.5万/月', 10000, 15000, 'month', 12, 10000, 15000, 120000, 180000],
    ['年薪15-25万', 150000, 250000, 'year', 12, 12500, 20833, 150000, 250000],
    ['１５ｋ－２５ｋ', 15000, 25000, 'month', 12, 15000, 25000, 180000, 300000],
    ['8千-1万', 8000, 10000, 'month', 12, 8000, 10000, 96000, 120000],
    ['4500元以上', 4500, 4500, 'month', 12, 4500, 4500, 54000, 54000],
    ['150-200元/日', 150, 200, 'day', 12, 3263, 4350, 39156, 52200],
    ['20-30元/时', 20, 30, 'hour', 12, 3480, 5220, 41760, 62640],
  ])('%s', (text, min, max, period, months, mMin, mMax, aMin, aMax) => {
    expect(parseSalaryText(text)).toEqual({ min, max, period, monthsPerYear: months });
    expect(resolveSalary({ text })).toMatchObject({ monthlyMin: mMin, monthlyMax: mMax, annualMin: aMin, annualMax: aMax, negotiable: false });
  });

  it.each(['面议', '薪资面议', '', '待遇优厚'])('%s is negotiable', (text) => {
    expect(resolveSalary({ text })).toMatchObject({ monthlyMin: null, monthlyMax: null, negotiable: true });
  });

  it('prefers the structured range when both are given', () => {
    expect(resolveSalary({ text: '面议', min: 5000, max: 7000, period: 'month' })).toMatchObject({ monthlyMin: 5000, monthlyMax: 7000 });
    expect(resolveSalary({ min: 30, max: 40, period: 'hour' })).toMatchObject({ monthlyMin: 5220, monthlyMax: 6960 });
  });
});
