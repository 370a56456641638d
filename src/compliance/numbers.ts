/** Small number helpers for salary, probation and hours detectors. */
const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Parse "3", "三", "十二", "两", "半" (0.5); NaN when not a number. */
export function parseNumber(s: string): number {
  if (/^\d+(?:\.\d+)?$/.test(s)) return Number(s);
  if (s === '半') return 0.5;
  if (s === '十') return 10;
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? DIGITS[m[1]]! : 1) * 10 + (m[2] ? DIGITS[m[2]]! : 0);
  if (s.length === 1 && s in DIGITS) return DIGITS[s]!;
  return NaN;
}

/** Months for a number and a unit (月, 天, 日, 周, 星期, 年). */
export function toMonths(n: number, unit: string): number {
  if (unit.includes('年')) return n * 12;
  if (unit === '天' || unit === '日') return n / 30;
  if (unit === '周' || unit === '星期') return n / 4.345;
  return n;
}

/** Multiplier of a salary unit suffix. */
export function salaryUnit(u: string | undefined): number {
  if (!u) return 1;
  if (u === 'k' || u === '千') return 1000;
  if (u === 'w' || u === '万') return 10000;
  return 1;
}
