/**
 * Monthly salary bands for facets. A document falls in the band of the midpoint of its monthly range;
 * negotiable pay (面议) has its own band.
 */
export const SALARY_BANDS = [
  { key: '0-4000', min: 0, max: 4000 },
  { key: '4000-6000', min: 4000, max: 6000 },
  { key: '6000-8000', min: 6000, max: 8000 },
  { key: '8000-12000', min: 8000, max: 12000 },
  { key: '12000-20000', min: 12000, max: 20000 },
  { key: '20000-', min: 20000, max: Infinity },
] as const;
export const NEGOTIABLE_BAND = '面议';

export function salaryBand(monthlyMin: number | null, monthlyMax: number | null): string {
  if (monthlyMin === null || monthlyMax === null) return NEGOTIABLE_BAND;
  const mid = (monthlyMin + monthlyMax) / 2;
  return SALARY_BANDS.find((b) => mid >= b.min && mid < b.max)?.key ?? NEGOTIABLE_BAND;
}
