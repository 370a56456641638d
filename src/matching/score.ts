import type { CatalogEntry } from '../catalog/schema.js';
import { catalogEntry, seekerCodes, seekerLinks, vacancyCode, vacancyLinks, type MatchContext, type MatchVacancy } from './context.js';
import { educationFactor, employmentTypeFactor, freshnessFactor, locationFactor, programsFactor, salaryFactor, seniorityFactor, type FactorValue } from './factors.js';
import { skillsFactor, titleFactor } from './fit.js';
import { postingRequirements } from './requirements.js';
import { seekerView, type MatchResume } from './seeker.js';
import { defaultSkillIndex, matchSkills } from '../analysis/skills.js';
import { BASE, FACTORS, WEIGHTS, type Factor } from './weights.js';

/**
 * The match score of a vacancy and a resume: the same pair gives the same result whichever side asks.
 * score = BASE + Σ contribution, contribution = round(weight × value, 2) (0 when value is null: what the data
 * cannot decide neither rewards nor punishes), value in −1 … 1; score rounded to 2 decimals. The breakdown's
 * first line is the base, so the breakdown adds up to the score (±0.01). Weights and factors: see weights.ts.
 * Only the fields in SeekerView are read from the resume (fairness: no gender, age, ethnicity, marital status,
 * hukou, name or contact data).
 */
export interface BreakdownItem { factor: Factor | 'base'; weight: number; value: number | null; contribution: number; reason: string }
export interface CatalogRef { id: string; occupation: string; demandLevel: number }
export interface MatchResult {
  score: number;
  breakdown: BreakdownItem[];
  missingSkills: string[];
  catalog: CatalogRef[];
  catalogMissingSkills: string[];
}
export type { MatchContext, MatchVacancy } from './context.js';
export { BASE } from './weights.js';
export type { MatchResume } from './seeker.js';

const round2 = (x: number) => Math.round(x * 100) / 100;

function catalogFactor(entry: CatalogEntry | undefined, seekerLinked: boolean, hasCatalog: boolean): FactorValue {
  if (!hasCatalog) return { value: null, reason: '未接入人才需求目录，紧缺程度未知' };
  if (!entry) return { value: 0, reason: '岗位不在重点产业或技能型人才需求目录中' };
  const name = `「${entry.occupation}」（${entry.industry}，紧缺 ${entry.demandLevel}/5）`;
  return seekerLinked
    ? { value: entry.demandLevel / 5, reason: `岗位属需求目录${name}，求职者是该类人才` }
    : { value: (0.5 * entry.demandLevel) / 5, reason: `岗位属需求目录${name}，求职者与该目录岗位关联不足` };
}

export interface MatchFactors { values: Record<Factor, FactorValue>; missingSkills: string[]; entries: CatalogEntry[]; catalogMissingSkills: string[] }

/** Every factor's value and reason for the pair (no weights): what the score and the weight fit are made of. */
export function matchFactors(vacancy: MatchVacancy, resume: MatchResume, ctx: MatchContext): MatchFactors {
  const s = seekerView(resume);
  const index = ctx.skills ?? defaultSkillIndex();
  const vLinks = vacancyLinks(vacancy, ctx);
  const entries = ctx.catalog ? vLinks.map((l) => catalogEntry(ctx.catalog!, l.entryId)).filter((e): e is CatalogEntry => !!e) : [];
  const top = entries[0];
  const sLinked = top ? seekerLinks(s, resume, ctx).some((l) => l.entryId === top.id) : false;
  const req = postingRequirements(vacancy, index);

  const skills = skillsFactor(vacancy, s, top, index);
  const values: Record<Factor, FactorValue> = {
    skills,
    title: titleFactor(vacancy, s, vacancyCode(vacancy, ctx), seekerCodes(s, resume, ctx), ctx.classifier),
    location: locationFactor(vacancy, s),
    salary: salaryFactor(vacancy, s),
    education: educationFactor(req.education, s),
    seniority: seniorityFactor(req.yearsMin, req.level, s),
    employmentType: employmentTypeFactor(req.employmentHint ?? vacancy.employmentType, s),
    catalog: catalogFactor(top, sLinked, !!ctx.catalog),
    freshness: freshnessFactor(vacancy, ctx.now),
    programs: programsFactor(vacancy, s),
  };
  const catalogMissingSkills = top
    ? matchSkills([...top.skills.required, ...top.skills.preferred], s.skills, index).missing
    : [];
  return { values, missingSkills: skills.missing, entries, catalogMissingSkills };
}

/** A factor value as scored: finite, within −1 … 1, 3 decimals; null stays null. */
export const scoredValue = (value: number | null): number | null =>
  value === null || !Number.isFinite(value) ? null : Math.min(1, Math.max(-1, Math.round(value * 1000) / 1000));

export function scoreMatch(vacancy: MatchVacancy, resume: MatchResume, ctx: MatchContext): MatchResult {
  const f = matchFactors(vacancy, resume, ctx);
  const weights = ctx.weights ?? WEIGHTS;
  const breakdown: BreakdownItem[] = [{ factor: 'base', weight: BASE, value: 1, contribution: BASE, reason: '基础分：未知的条件不加分也不扣分' }];
  for (const factor of FACTORS) {
    const { value, reason } = f.values[factor];
    const v = scoredValue(value);
    const contribution = v === null ? 0 : round2(weights[factor] * v);
    breakdown.push({ factor, weight: weights[factor], value: v, contribution: contribution === 0 ? 0 : contribution, reason });
  }
  const score = Math.min(100, Math.max(0, round2(breakdown.reduce((sum, b) => sum + b.contribution, 0))));
  return {
    score,
    breakdown,
    missingSkills: f.missingSkills,
    catalog: f.entries.map((e) => ({ id: e.id, occupation: e.occupation, demandLevel: e.demandLevel })),
    catalogMissingSkills: f.catalogMissingSkills,
  };
}
