import type { MatchResult } from './score.js';

/**
 * Ordering of match candidates. personalization 'on': by scoreMatch, highest first. personalization 'off'
 * (the off switch China's algorithmic-recommendation rules require): the seeker's or vacancy's profile is not
 * used at all; candidates are ordered by
 *   plain = 100 × (0.6 × recency + 0.4 × demandLevel / 5),  recency = 0.5 ^ (age in days / 14)
 * where age is the time since the candidate was published (vacancies) or updated (resumes) and demandLevel the
 * 紧缺 level (1–5) of its catalog entry (0 when not in the catalog or unknown). Ties go by id.
 */
export const RECENCY_HALF_LIFE_DAYS = 14;
export const PLAIN_WEIGHTS = { recency: 0.6, demand: 0.4 } as const;

export interface RankOptions<T> {
  personalization: 'on' | 'off';
  now: Date;
  id: (c: T) => string;
  /** ISO date of publication (vacancy) or last update (resume). */
  date: (c: T) => string | undefined;
  /** 紧缺 level of the candidate's best catalog entry, if any. */
  demandLevel: (c: T) => number | undefined;
}

export interface Ranked<T> {
  candidate: T;
  score: number;
  personalization: 'on' | 'off';
  /** Only when personalization is on. */
  match?: MatchResult;
}

export function plainScore(date: string | undefined, demandLevel: number | undefined, now: Date): number {
  const t = date ? Date.parse(date) : NaN;
  const age = Number.isFinite(t) ? Math.max(0, (now.getTime() - t) / 86_400_000) : Infinity;
  const recency = age === Infinity ? 0 : 0.5 ** (age / RECENCY_HALF_LIFE_DAYS);
  const demand = Math.min(5, Math.max(0, demandLevel ?? 0)) / 5;
  return Math.round(100 * (PLAIN_WEIGHTS.recency * recency + PLAIN_WEIGHTS.demand * demand) * 100) / 100;
}

export function rankMatches<T>(candidates: readonly T[], scoreFn: (c: T) => MatchResult, opts: RankOptions<T>): Ranked<T>[] {
  const ranked: Ranked<T>[] = opts.personalization === 'off'
    ? candidates.map((c) => ({ candidate: c, score: plainScore(opts.date(c), opts.demandLevel(c), opts.now), personalization: 'off' as const }))
    : candidates.map((c) => { const match = scoreFn(c); return { candidate: c, score: match.score, personalization: 'on' as const, match }; });
  return ranked.sort((a, b) => b.score - a.score || opts.id(a.candidate).localeCompare(opts.id(b.candidate)));
}
