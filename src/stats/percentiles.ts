/**
 * Exact percentiles of monthly pay. A vacancy's pay is the middle of its advertised monthly range (the one
 * bound when only one is given); vacancies without a figure (面议) are left out and counted apart.
 * Percentiles interpolate linearly between the two nearest ranks (the definition of Excel's PERCENTILE.INC and
 * numpy's default), rounded to whole yuan. Both engines hand over the same (min, max, count) groups, so both
 * give the same figures.
 */
export interface PayGroup {
  min: number | null;
  max: number | null;
  count: number;
}

export const PERCENTILES = [10, 25, 50, 75, 90] as const;
export type PercentileKey = `p${(typeof PERCENTILES)[number]}`;

export function payOf(min: number | null, max: number | null): number | null {
  if (min === null && max === null) return null;
  if (min === null) return max;
  if (max === null) return min;
  return (min + max) / 2;
}

/** Percentile p (0–100) of values given as sorted [value, count] pairs with `total` values in all. */
export function percentileOf(sorted: ReadonlyArray<readonly [number, number]>, total: number, p: number): number {
  const h = (total - 1) * (p / 100);
  const lo = Math.floor(h);
  const at = (rank: number): number => {
    let seen = 0;
    for (const [v, n] of sorted) {
      seen += n;
      if (rank < seen) return v;
    }
    return sorted[sorted.length - 1]![0];
  };
  const a = at(lo);
  const b = h > lo ? at(lo + 1) : a;
  return a + (b - a) * (h - lo);
}

export interface PayDistribution {
  count: number;
  withoutPay: number;
  percentiles: Record<PercentileKey, number> | null;
}

export function payDistribution(groups: readonly PayGroup[]): PayDistribution {
  const byPay = new Map<number, number>();
  let withoutPay = 0;
  for (const g of groups) {
    const pay = payOf(g.min, g.max);
    if (pay === null) withoutPay += g.count;
    else byPay.set(pay, (byPay.get(pay) ?? 0) + g.count);
  }
  const sorted = [...byPay].sort((a, b) => a[0] - b[0]);
  const count = sorted.reduce((s, [, n]) => s + n, 0);
  if (!count) return { count, withoutPay, percentiles: null };
  const percentiles = Object.fromEntries(PERCENTILES.map((p) => [`p${p}`, Math.round(percentileOf(sorted, count, p))])) as Record<PercentileKey, number>;
  return { count, withoutPay, percentiles };
}
