import type { CatalogEntry } from '../catalog/schema.js';
import { catalogEntry, seekerCodes, seekerLinks, vacancyCode, vacancyLinks, type MatchContext, type MatchVacancy } from './context.js';
import { educationFactor, employmentTypeFactor, freshnessFactor, locationFactor, programsFactor, salaryFactor, seniorityFactor, type FactorValue } from './factors.js';
import { skillsFactor, titleFactor, TITLE_WEIGHTS } from './fit.js';
import { postingRequirements } from './requirements.js';
import { seekerView, type MatchResume, type SeekerView } from './seeker.js';
import { defaultSkillIndex, matchSkills, relatedSkills, type SkillIndex } from '../analysis/skills.js';
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

type CheapFactor = Exclude<Factor, 'skills' | 'title' | 'catalog'>;

/** The factors that read only a few fields of each side (no skill matching, no title grading, no catalog link). */
function cheapFactors(vacancy: MatchVacancy, s: SeekerView, index: SkillIndex, ctx: MatchContext): Record<CheapFactor, FactorValue> {
  const req = postingRequirements(vacancy, index);
  return {
    location: locationFactor(vacancy, s),
    salary: salaryFactor(vacancy, s),
    education: educationFactor(req.education, s),
    seniority: seniorityFactor(req.yearsMin, req.level, s),
    employmentType: employmentTypeFactor(req.employmentHint ?? vacancy.employmentType, s),
    freshness: freshnessFactor(vacancy, ctx.now),
    programs: programsFactor(vacancy, s),
  };
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
  const skills = skillsFactor(vacancy, s, top, index);
  const values: Record<Factor, FactorValue> = {
    skills,
    title: titleFactor(vacancy, s, vacancyCode(vacancy, ctx), seekerCodes(s, resume, ctx), ctx.classifier),
    ...cheapFactors(vacancy, s, index, ctx),
    catalog: catalogFactor(top, sLinked, !!ctx.catalog),
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

/** The most a factor whose value lies in [lo, hi] (or is null) can contribute with weight w, as scoreMatch rounds it. */
function maxContribution(w: number, lo: number, hi: number): number {
  const a = scoredValue(lo)!, b = scoredValue(hi)!;
  return Math.max(0, round2(w * a), round2(w * b));
}

/** What the bound reads of a resume, computed once (the alerts keep one per resume snapshot, which is never mutated). */
export interface BoundSeeker { view: SeekerView; skillKeys: string[] }

export function boundSeeker(resume: MatchResume, ctx: MatchContext): BoundSeeker {
  const view = seekerView(resume);
  const index = ctx.skills ?? defaultSkillIndex();
  return { view, skillKeys: view.skills.map((h) => index.key(h)).filter((k) => !!k) };
}

/**
 * The most the skills factor can be (skillsFactor): unknown (0) without skills on either side; for a posting
 * that lists its skills, coverage is computed as skillsFactor does and focus taken as 1, so fit ≤ √coverage,
 * plus at most 0.1 for the catalog entry's preferred skills; nothing matched is −1 unless that bonus may apply.
 * A posting read from its text may count the seeker's own skills that it mentions: bound +1.
 */
function skillsBound(vacancy: MatchVacancy, b: BoundSeeker, entry: CatalogEntry | undefined, index: SkillIndex): { lo: number; hi: number } | null {
  if (b.skillKeys.length === 0) return null;
  const req = postingRequirements(vacancy, index);
  if (req.source !== 'listed') return { lo: -1, hi: 1 };
  if (req.skills.length === 0) return null;
  let reqW = 0, gotW = 0;
  for (const r of req.skills) {
    reqW += r.weight;
    if (b.skillKeys.some((k) => relatedSkills(r.key, k))) gotW += r.weight;
  }
  const bonus = entry && entry.skills.preferred.length ? 0.1 : 0;
  if (gotW === 0) return { lo: -1, hi: bonus > 0 ? bonus : -1 };
  return { lo: -1, hi: Math.min(1, Math.sqrt(reqW ? gotW / reqW : 0) + bonus) };
}

/** The most the title factor can contribute (titleFactor): unknown without titles; past jobs alone weigh at most 0.8, so 2·0.8 − 1. */
function titleBound(s: SeekerView, w: number): number {
  if (s.desiredTitles.some((t) => t.trim())) return maxContribution(w, -1, 1);
  if (s.experience.some((e) => e.title.trim())) return maxContribution(w, -1, 2 * TITLE_WEIGHTS.past - 1);
  return 0;
}

/**
 * An upper bound on scoreMatch(vacancy, resume, ctx).score without its costly parts: the cheap factors exactly
 * (the same functions), the catalog factor at its most (the posting's entry fully linked), skills at the most
 * skillsBound allows, title at its most (+1). Each contribution is rounded as scoreMatch rounds it and summed in the same order, and
 * rounding and floating-point addition are monotone, so the bound is never below the score: a pair whose bound
 * is below a threshold cannot reach it (alerts prune resume candidates with it).
 */
export function scoreUpperBound(vacancy: MatchVacancy, seeker: BoundSeeker, ctx: MatchContext): number {
  const index = ctx.skills ?? defaultSkillIndex();
  const weights = ctx.weights ?? WEIGHTS;
  const cheap = cheapFactors(vacancy, seeker.view, index, ctx);
  let top: CatalogEntry | undefined;
  if (ctx.catalog) for (const l of vacancyLinks(vacancy, ctx)) if ((top = catalogEntry(ctx.catalog, l.entryId))) break;
  const skills = skillsBound(vacancy, seeker, top, index);
  let sum = 0;
  sum += BASE;
  for (const factor of FACTORS) {
    const w = weights[factor];
    if (factor === 'skills') sum += skills ? maxContribution(w, skills.lo, skills.hi) : 0;
    else if (factor === 'title') sum += titleBound(seeker.view, w);
    else if (factor === 'catalog') sum += top ? maxContribution(w, 0, top.demandLevel / 5) : 0;
    else {
      const v = scoredValue(cheap[factor].value);
      sum += v === null ? 0 : round2(w * v);
    }
  }
  return Math.min(100, Math.max(0, round2(sum)));
}
