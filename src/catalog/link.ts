import type { Vacancy } from '../domain/vacancy.js';
import { bestTitleMatch } from '../occupations/titles.js';
import { defaultSkillIndex, matchSkills, type SkillIndex } from '../analysis/skills.js';
import type { Classifier } from '../occupations/classifier.js';
import { candidateEntries } from './candidates.js';
import type { Catalog, CatalogEntry } from './schema.js';

/**
 * Linking vacancies and resumes to catalog entries. For each entry:
 *   confidence = 0.40 × occupation (same 细类 1, same 小类 0.5, times the certainty of the document's code)
 *              + 0.35 × title similarity (document titles vs the entry's occupation and titles)
 *              + 0.25 × skills (share of the entry's required skills covered, preferred ones count 20 %)
 *              + 0.10 when the industry matches (capped at 1)
 * The best LINK_LIMIT entries at or above LINK_THRESHOLD are kept. Codes the classifier marks `uncertain` do not
 * count as occupation evidence (a document is not linked on such a guess alone; its title and skills still count).
 */
export interface CatalogLink { entryId: string; confidence: number }
export interface InferredOccupation { code: string; name: string; confidence: number; inferred: true }

export const LINK_THRESHOLD = 0.35;
export const LINK_LIMIT = 3;
/** Entries scoring in [NEAR_MISS_THRESHOLD, LINK_THRESHOLD) are near misses (kept for the gap report). */
export const NEAR_MISS_THRESHOLD = 0.25;
const W = { code: 0.4, title: 0.35, skills: 0.25, industry: 0.1 } as const;

interface WeightedCode { code: string; weight: number }
export interface LinkProfile { codes: WeightedCode[]; titles: readonly string[]; skills: readonly string[]; industries: readonly string[] }
/** The resume fields linking reads (a Resume or the matching's SeekerView). */
export interface ResumeLike { desiredTitles: readonly string[]; experience: ReadonlyArray<{ title: string }>; skills: readonly string[]; desiredIndustries: readonly string[] }

/** The occupation a vacancy without occupationCode most likely has (null when nothing fits). */
export function inferOccupation(v: Pick<Vacancy, 'title' | 'description'>, classifier: Classifier): InferredOccupation | null {
  const top = classifier.classify({ title: v.title, description: v.description }, 1)[0];
  return top ? { code: top.code, name: top.name, confidence: top.confidence, inferred: true } : null;
}

type Matches = ReturnType<Classifier['classify']>;
const weighted = (matches: Matches): WeightedCode[] => matches.flatMap((m, i) => m.uncertain ? [] : [{ code: m.code, weight: i === 0 ? Math.min(1, m.confidence + 0.3) : m.confidence }]);
const classified = (title: string, classifier: Classifier, description?: string) => weighted(classifier.classify({ title, description }, 3));

export function vacancyProfile(v: Vacancy, classifier: Classifier): LinkProfile {
  return vacancyProfileAndOccupation(v, classifier).profile;
}

/** The vacancy's link profile and, without occupationCode, its inferred occupation (one classification for both). */
export function vacancyProfileAndOccupation(v: Vacancy, classifier: Classifier): { profile: LinkProfile; inferred: InferredOccupation | null } {
  const matches = v.occupationCode ? undefined : classifier.classify({ title: v.title, description: v.description }, 3);
  const codes = matches ? weighted(matches) : [{ code: v.occupationCode!, weight: 1 }];
  const top = matches?.[0];
  return {
    profile: { codes, titles: [v.title], skills: v.skills, industries: v.industry ? [v.industry] : [] },
    inferred: top ? { code: top.code, name: top.name, confidence: top.confidence, inferred: true } : null,
  };
}

export function resumeProfile(r: ResumeLike, classifier: Classifier): LinkProfile {
  const titles = [...r.desiredTitles, ...r.experience.map((e) => e.title)].slice(0, 8);
  const codes = titles.slice(0, 4).flatMap((t) => classified(t, classifier).slice(0, 1));
  return { codes, titles, skills: r.skills, industries: r.desiredIndustries };
}

function codeScore(codes: readonly WeightedCode[], entryCode: string): number {
  let best = 0;
  for (const c of codes) {
    const s = c.code === entryCode ? 1 : c.code.slice(0, 7) === entryCode.slice(0, 7) ? 0.5 : 0;
    best = Math.max(best, s * c.weight);
  }
  return best;
}

function skillScore(skills: readonly string[], e: CatalogEntry, index: SkillIndex): number {
  if (skills.length === 0) return 0;
  const req = matchSkills(e.skills.required, skills, index).matched.length / Math.max(1, e.skills.required.length);
  const pref = e.skills.preferred.length ? matchSkills(e.skills.preferred, skills, index).matched.length / e.skills.preferred.length : 0;
  return Math.min(1, 0.8 * req + 0.2 * pref);
}

export function scoreEntry(p: LinkProfile, e: CatalogEntry, index: SkillIndex = defaultSkillIndex()): number {
  const title = bestTitleMatch(p.titles, [e.occupation, ...e.titles]).value;
  const industry = p.industries.some((i) => i === e.industry || i === e.subIndustry) ? W.industry : 0;
  const c = W.code * codeScore(p.codes, e.occupationCode) + W.title * title + W.skills * skillScore(p.skills, e, index) + industry;
  return Math.min(1, Math.round(c * 1000) / 1000);
}

const byConfidence = (a: CatalogLink, b: CatalogLink) => b.confidence - a.confidence || a.entryId.localeCompare(b.entryId);

/** Links (≥ LINK_THRESHOLD) and near misses (≥ NEAR_MISS_THRESHOLD, below it), best LINK_LIMIT of each. */
export function linkProfileWithNear(p: LinkProfile, catalog: Catalog, index: SkillIndex = defaultSkillIndex()): { links: CatalogLink[]; near: CatalogLink[] } {
  const links: CatalogLink[] = [];
  const near: CatalogLink[] = [];
  for (const e of candidateEntries(p, catalog, index)) {
    const confidence = scoreEntry(p, e, index);
    if (confidence >= LINK_THRESHOLD) links.push({ entryId: e.id, confidence });
    else if (confidence >= NEAR_MISS_THRESHOLD) near.push({ entryId: e.id, confidence });
  }
  return { links: links.sort(byConfidence).slice(0, LINK_LIMIT), near: near.sort(byConfidence).slice(0, LINK_LIMIT) };
}

export function linkProfile(p: LinkProfile, catalog: Catalog, index: SkillIndex = defaultSkillIndex()): CatalogLink[] {
  return linkProfileWithNear(p, catalog, index).links;
}

export function linkVacancy(v: Vacancy, catalog: Catalog, classifier: Classifier): CatalogLink[] {
  return linkProfile(vacancyProfile(v, classifier), catalog);
}

export function linkResume(r: ResumeLike, catalog: Catalog, classifier: Classifier): CatalogLink[] {
  return linkProfile(resumeProfile(r, classifier), catalog);
}
