import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The match score (issue 12): score = BASE + Σ weight × value over the factors, each value in −1 … 1
 * (+1 fits, 0 neutral, −1 rules it out) or null when the data cannot decide (then it contributes 0: an unknown
 * neither rewards nor punishes). The weights sum to 100 − BASE, so the score stays within 0–100, and the
 * breakdown (BASE as its first line) adds up to the score.
 *
 *  skills          the posting's required/listed skills against the seeker's, weighted by specificity (fit.ts)
 *  title           graded title fit: same occupation, same 细类 other work, same 小类, related; desired > past
 *  location        same or desired district; distance: ≤ 3 km (15-minute circle) +1, −1 at 30 km
 *  salary          below the expected minimum penalised by how far (−1 at 40 % short); 面议 unknown
 *  education       one level short −0.6, two or more −1; met 0
 *  seniority       years asked vs had; 主管/高级 vs 学徒/助理/实习 both ways
 *  employmentType  a type the seeker did not ask for −1
 *  catalog         demand level (紧缺 1–5) of the posting's catalog entry (0 … 1), full when the seeker is linked too
 *  freshness       published ≤ 7 days ago 1, falling to 0 at 90 days
 *  programs        妈妈岗 ↔ 宝妈, 荣军岗 ↔ 退役军人, 残疾人友好 ↔ 残疾人 — only when the seeker opted in (0 … 1)
 *
 * The weights are fitted on judged pairs of the development split (scripts/fit-match.ts, `npm run fit:match`,
 * coordinate ascent on nDCG@10) and read from fitted-weights.json; DEFAULT_WEIGHTS, the hand-set starting point
 * of the fit, are used when that file is absent.
 */
export const BASE = 50;
export const FACTORS = ['skills', 'title', 'location', 'salary', 'education', 'seniority', 'employmentType', 'catalog', 'freshness', 'programs'] as const;
export type Factor = (typeof FACTORS)[number];

export const DEFAULT_WEIGHTS: Readonly<Record<Factor, number>> = {
  skills: 14, title: 14, location: 4, salary: 5, education: 3, seniority: 4, employmentType: 2, catalog: 1.5, freshness: 1.5, programs: 1,
};

export const FITTED_WEIGHTS_FILE = fileURLToPath(new URL('./fitted-weights.json', import.meta.url));

/** Non-negative weights scaled to sum to 100 − BASE, rounded to 2 decimals (the last factor takes the rounding rest). */
export function normalizeWeights(w: Partial<Record<Factor, number>>): Record<Factor, number> {
  const raw = FACTORS.map((f) => Math.max(0, Number.isFinite(w[f]) ? w[f]! : 0));
  const total = raw.reduce((a, b) => a + b, 0);
  if (total <= 0) return { ...DEFAULT_WEIGHTS };
  const out = raw.map((x) => Math.round(((100 - BASE) * x * 100) / total) / 100);
  const rest = Math.round((100 - BASE - out.reduce((a, b) => a + b, 0)) * 100) / 100;
  const at = out.indexOf(Math.max(...out));
  out[at] = Math.round((out[at]! + rest) * 100) / 100;
  return Object.fromEntries(FACTORS.map((f, i) => [f, out[i]!])) as Record<Factor, number>;
}

function loadWeights(): Record<Factor, number> {
  if (!existsSync(FITTED_WEIGHTS_FILE)) return { ...DEFAULT_WEIGHTS };
  const j = JSON.parse(readFileSync(FITTED_WEIGHTS_FILE, 'utf8')) as { weights?: Partial<Record<Factor, number>> };
  return normalizeWeights(j.weights ?? {});
}

export const WEIGHTS: Readonly<Record<Factor, number>> = Object.freeze(loadWeights());

/** The 15-minute living circle (15 分钟生活圈) as a radius: about 3 km. */
export const FIFTEEN_MINUTE_KM = 3;
/** Beyond this distance the location factor is −1. */
export const MAX_COMMUTE_KM = 30;
/** Freshness: full for this many days, then linear down to 0 at FRESHNESS_ZERO_DAYS. */
export const FRESH_DAYS = 7;
export const FRESHNESS_ZERO_DAYS = 90;

/** Opt-in programmes of the seeker and the vacancy tag each one looks for. */
export const PROGRAM_TAGS = { 宝妈: '妈妈岗', 退役军人: '荣军岗', 残疾人: '残疾人友好' } as const;
