/**
 * Calendar periods of the demand statistics, in Qingdao's time (UTC+8, no daylight saving): weeks start on
 * Monday, months on the 1st. Both engines count by the same boundaries (epoch milliseconds), so they agree.
 */
export const INTERVALS = ['week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];
export const TIME_ZONE = '+08:00';
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

export interface Period {
  /** The first day, YYYY-MM-DD in UTC+8. */
  key: string;
  /** Inclusive start and exclusive end, epoch ms. */
  start: number;
  end: number;
}

/** The start (epoch ms) of the period holding `ms`. */
export function periodStart(ms: number, interval: Interval): number {
  const local = new Date(ms + OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  if (interval === 'month') return Date.UTC(y, m, 1) - OFFSET_MS;
  const sinceMonday = (local.getUTCDay() + 6) % 7;
  return Date.UTC(y, m, local.getUTCDate() - sinceMonday) - OFFSET_MS;
}

export function nextPeriod(start: number, interval: Interval): number {
  if (interval === 'week') return start + 7 * DAY_MS;
  const local = new Date(start + OFFSET_MS);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - OFFSET_MS;
}

export function dayKey(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** An ISO instant of `ms` in UTC+8 (2026-11-01T00:00:00+08:00). */
export function localIso(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, TIME_ZONE);
}

/** The whole periods from the one holding `from` to the one holding `to`. */
export function periodsBetween(from: number, to: number, interval: Interval): Period[] {
  const out: Period[] = [];
  for (let start = periodStart(from, interval); start <= to; ) {
    const end = nextPeriod(start, interval);
    out.push({ key: dayKey(start), start, end });
    start = end;
  }
  return out;
}

/**
 * A date (YYYY-MM-DD, a day in UTC+8) or an ISO date-time with offset, as epoch ms; `end` reads a bare date as
 * its last millisecond. Undefined when it is neither.
 */
export function parseInstant(s: string, end = false): number | undefined {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const ms = Date.UTC(y, m - 1, d) - OFFSET_MS;
    const back = new Date(ms + OFFSET_MS);
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
    return end ? ms + DAY_MS - 1 : ms;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) return undefined;
  const ms = Date.parse(s);
  return Number.isFinite(ms) ? ms : undefined;
}
