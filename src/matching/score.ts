import type { CatalogEntry } from '../catalog/schema.js';
import { catalogEntry, seekerCodes, seekerLinks, vacancyCode, vacancyLinks, type MatchContext, type MatchVacancy } from './context.js';
import { educationFactor, employmentTypeFactor, experienceFactor, freshnessFactor, locationFactor, programsFactor, salaryFactor, type FactorValue } from './factors.js';
import { skillsFactor, titleFactor } from './fit.js';
import { seekerView, type MatchResume } from './seeker.js';
import { defaultSkillIndex, matchSkills } from '../analysis/skills.js';
import { FACTORS, WEIGHTS, type Factor } from './weights.js';

/**
 * The match score of a vacancy and a resume: the same pair gives the same result whichever side asks.
 * score = Σ contribution, contribution = round(weight × value, 2) (0 when value is null), score rounded to 2
 * decimals, so the breakdown adds up to the score (±0.01). Weights and factors: see weights.ts.
 * Only the fields in SeekerView are read from the resume (fairness: no gender, age, ethnicity, marital status,
 * hukou, name or contact data).
 */
export interface BreakdownItem { factor: Factor; weight: number; value: number | null; contribution: number; reason: string }
export interface CatalogRef { id: string; occupation: string; demandLevel: number }
export interface MatchResult {
  score: number;
  breakdown: BreakdownItem[];
  missingSkills: string[];
  catalog: CatalogRef[];
  catalogMissingSkills: string[];
}
export type { MatchContext, MatchVacancy } from './context.js';
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

export function scoreMatch(vacancy: MatchVacancy, resume: MatchResume, ctx: MatchContext): MatchResult {
  const s = seekerView(resume);
  const index = ctx.skills ?? defaultSkillIndex();
  const vLinks = vacancyLinks(vacancy, ctx);
  const entries = ctx.catalog ? vLinks.map((l) => catalogEntry(ctx.catalog!, l.entryId)).filter((e): e is CatalogEntry => !!e) : [];
  const top = entries[0];
  const sLinked = top ? seekerLinks(s, resume, ctx).some((l) => l.entryId === top.id) : false;

  const skills = skillsFactor(vacancy, s, top, index);
  const values: Record<Factor, FactorValue> = {
    skills,
    title: titleFactor(vacancy, s, vacancyCode(vacancy, ctx), seekerCodes(s, resume, ctx), ctx.classifier),
    location: locationFactor(vacancy, s),
    salary: salaryFactor(vacancy, s),
    education: educationFactor(vacancy, s),
    experience: experienceFactor(vacancy, s),
    employmentType: employmentTypeFactor(vacancy, s),
    catalog: catalogFactor(top, sLinked, !!ctx.catalog),
    freshness: freshnessFactor(vacancy, ctx.now),
    programs: programsFactor(vacancy, s),
  };

  const breakdown: BreakdownItem[] = FACTORS.map((factor) => {
    const { value, reason } = values[factor];
    const v = value === null || !Number.isFinite(value) ? null : Math.min(1, Math.max(0, Math.round(value * 1000) / 1000));
    return { factor, weight: WEIGHTS[factor], value: v, contribution: v === null ? 0 : round2(WEIGHTS[factor] * v), reason };
  });
  const score = round2(breakdown.reduce((sum, b) => sum + b.contribution, 0));
  const catalogMissingSkills = top
    ? matchSkills([...top.skills.required, ...top.skills.preferred], s.skills, index).missing
    : [];
  return {
    score,
    breakdown,
    missingSkills: skills.missing,
    catalog: entries.map((e) => ({ id: e.id, occupation: e.occupation, demandLevel: e.demandLevel })),
    catalogMissingSkills,
  };
}
