import type { EmploymentType } from '../domain/common.js';
import type { Rng } from './random.js';
import type { RoleKind } from './roles.js';

/**
 * Salary text the way Qingdao employers and job seekers write it: "8-12K·13薪", "6000-8000元/月", "1-1.5万",
 * "年薪15-25万", "200元/天", "25元/小时", "面议", "底薪4000+提成". Every amount is one src/domain/salary.ts can read.
 */

function roundTo(n: number, step: number): number {
  return Math.max(step, Math.round(n / step) * step);
}

/** 8000 → "8", 8500 → "8.5" (thousands). */
function k(n: number): string {
  return String(Math.round(n / 100) / 10);
}

/** 15000 → "1.5" (ten thousands). */
function wan(n: number): string {
  return String(Math.round(n / 1000) / 10);
}

function monthlyRange(rng: Rng, lo: number, hi: number): [number, number] {
  const min = roundTo(rng.float(lo, hi), 500);
  const max = Math.max(min + 500, roundTo(min * rng.float(1.2, 1.7), 500));
  return [min, max];
}

function yuanPerMonth(rng: Rng, min: number, max: number): string {
  switch (rng.int(0, 8)) {
    case 0: return `${min}-${max}元`;
    case 1: return `月薪${min}-${max}`;
    case 2: return `${min}~${max}元/月`;
    case 3: return `综合工资${min}-${max}元/月`;
    case 4: return `${min}元/月起`;
    case 5: return `${min}至${max}元`;
    default: return `${min}-${max}元/月`;
  }
}

function thousands(rng: Rng, min: number, max: number, bonusMonths: boolean): string {
  const base = rng.chance(0.2) ? `${k(min)}k-${k(max)}k` : `${k(min)}-${k(max)}K`;
  return bonusMonths && rng.chance(0.5) ? `${base}·${rng.pick([13, 13, 14, 15, 16])}薪` : base;
}

/** Pay text for a job post. payRange is the band the lower bound is drawn from (yuan a month). */
export function vacancySalaryText(rng: Rng, kind: RoleKind, type: EmploymentType, payRange: readonly [number, number]): string {
  // Qingdao's hourly minimum wage is 22 yuan (Shandong tier 1, seed/rulebook/minimum-wage.json): stay above it.
  if (type === '兼职') {
    const h = rng.int(23, 32);
    return rng.chance(0.6) ? `${h}元/小时` : `${h}-${h + rng.int(3, 8)}元/时`;
  }
  if (type === '灵活用工') {
    // Kept under 300: the screener (src/compliance) at the time read "300-380元/天" after "待遇：" as a monthly wage.
    const d = roundTo(rng.int(150, 250), 10);
    return rng.chance(0.6) ? `${d}元/天` : `${d}-${d + rng.int(3, 5) * 10}元/天`;
  }
  if (type === '实习') {
    if (rng.chance(0.5)) return `${roundTo(rng.int(120, 220), 10)}元/天`;
    const lo = roundTo(rng.int(2500, 4500), 500);
    return `${lo}-${lo + 1000}元/月`;
  }
  if (rng.chance(kind === 'office' ? 0.08 : 0.05)) return '面议';
  const [min, max] = monthlyRange(rng, payRange[0], payRange[1]);
  const r = rng.next();
  if (kind === 'tech') {
    if (r < 0.45) return thousands(rng, min, max, true);
    if (r < 0.65 && min >= 8000) return `${wan(min)}-${wan(max)}万${rng.chance(0.3) ? `·${rng.pick([13, 14])}薪` : ''}`;
    if (r < 0.8 && min >= 12000) {
      const months = rng.pick([12, 13, 14, 15]);
      return `年薪${Math.round((min * months) / 10000)}-${Math.round((max * months) / 10000)}万`;
    }
    return yuanPerMonth(rng, min, max);
  }
  if (kind === 'office' && r < 0.15) return `底薪${roundTo(min * 0.6, 500)}+提成`;
  if (r < 0.2) return thousands(rng, min, max, false);
  if (r < 0.3 && min >= 8000) return `${wan(min)}-${wan(max)}万`;
  if ((kind === 'skill' || kind === 'ops') && r < 0.35) return `${min}-${max}元/月（计件）`;
  return yuanPerMonth(rng, min, max);
}

/** Expected pay on a résumé, from the monthly figure the seeker has in mind. */
export function expectedSalaryText(rng: Rng, types: readonly EmploymentType[], monthly: number): string {
  if (types[0] === '兼职') return `${rng.int(23, 32)}元/小时`;
  if (types[0] === '灵活用工') return `${roundTo(rng.int(150, 300), 10)}元/天`;
  if (types[0] === '实习') return rng.chance(0.5) ? `${roundTo(rng.int(120, 200), 10)}元/天` : '面议';
  const r = rng.next();
  if (r < 0.12) return '面议';
  const min = roundTo(monthly, 500);
  const max = roundTo(min * rng.float(1.2, 1.5), 500);
  if (r < 0.4) return `${min}-${max}元/月`;
  if (r < 0.6) return `${k(min)}-${k(max)}K`;
  if (r < 0.7) return `${min}以上`;
  if (r < 0.8 && min >= 10000) return `${wan(min)}-${wan(max)}万`;
  if (r < 0.85 && min >= 15000) return `年薪${Math.round((min * 13) / 10000)}万以上`;
  return `${min}-${max}`;
}
