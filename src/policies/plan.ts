import { defaultSkillIndex, matchSkills } from '../analysis/skills.js';
import type { CatalogEntry } from '../catalog/schema.js';
import type { Resume } from '../domain/resume.js';
import { recommendVacancies, type RecommendContext } from '../matching/recommend.js';
import { evaluateForResume, type PolicyResult } from './eligibility.js';
import type { Policy } from './schema.js';

/**
 * The personal job-search plan (个性化求职方案): the best matches (the matching service, personalised), the
 * skills missing across them with how many matches each would open, the catalog's shortage entries close to the
 * profile, the policies that apply, and a short plan in Chinese. Every sentence of the plan is a template filled
 * from these parts; a part without data gives no sentence.
 */
export interface PlanMatch { vacancyId: string; title: string; employer: string; district: string; score: number; missingSkills: string[]; salary: { monthlyMin: number | null; monthlyMax: number | null } }
export interface MissingSkill {
  skill: string;
  /** Among the analysed matches, how many list it as missing. */
  missingIn: number;
  /** Matches whose only missing skill it is: learning it makes them full skill matches. */
  wouldComplete: number;
}
export interface ShortageEntry {
  entryId: string; occupation: string; industry: string; demandLevel: number; confidence: number;
  relation: 'linked' | 'near'; missingSkills: string[]; salary: { min: number; max: number };
}
export interface Plan {
  resumeId: string;
  analysed: number;
  matches: PlanMatch[];
  missingSkills: MissingSkill[];
  catalogEntries: ShortageEntry[];
  policies: { applies: PolicyResult[]; possible: PolicyResult[] };
  plan: string[];
}

export interface PlanOptions { size: number; pool: number }

/** Entries at or above this 紧缺指数 count as shortage entries. */
export const SHORTAGE_LEVEL = 3;

export async function buildPlan(ctx: RecommendContext, resume: Resume, policies: readonly Policy[], o: PlanOptions = { size: 5, pool: 50 }): Promise<Plan> {
  const recs = await recommendVacancies(ctx, resume, { size: o.pool, district: [], personalization: 'on', explain: false });
  const analysed = recs.matches;
  const matches: PlanMatch[] = analysed.slice(0, o.size).map((m) => ({
    vacancyId: m.id, title: m.doc.title, employer: m.doc.employer.name, district: m.doc.location.district, score: m.score,
    missingSkills: m.missingSkills, salary: { monthlyMin: m.doc.salary.monthlyMin, monthlyMax: m.doc.salary.monthlyMax },
  }));

  const index = defaultSkillIndex();
  const tally = new Map<string, MissingSkill>();
  for (const m of analysed) {
    const keys = new Map(m.missingSkills.map((s) => [index.key(s), s]));
    for (const [key, name] of keys) {
      const t = tally.get(key) ?? { skill: name, missingIn: 0, wouldComplete: 0 };
      t.missingIn += 1;
      if (keys.size === 1) t.wouldComplete += 1;
      tally.set(key, t);
    }
  }
  const missingSkills = [...tally.values()]
    .sort((a, b) => b.wouldComplete - a.wouldComplete || b.missingIn - a.missingIn || a.skill.localeCompare(b.skill, 'zh'))
    .slice(0, 10);

  const byId = new Map(ctx.catalog.entries.map((e) => [e.id, e]));
  const seen = new Set<string>();
  const catalogEntries: ShortageEntry[] = [];
  const add = (links: Array<{ entryId: string; confidence: number }> | undefined, relation: ShortageEntry['relation']) => {
    for (const l of links ?? []) {
      const e: CatalogEntry | undefined = byId.get(l.entryId);
      if (!e || seen.has(e.id) || e.demandLevel < SHORTAGE_LEVEL) continue;
      seen.add(e.id);
      catalogEntries.push({
        entryId: e.id, occupation: e.occupation, industry: e.subIndustry ?? e.industry, demandLevel: e.demandLevel, confidence: l.confidence, relation,
        missingSkills: matchSkills(e.skills.required, resume.skills, index).missing, salary: e.salary,
      });
    }
  };
  add(resume.catalogLinks, 'linked');
  add(resume.catalogNear, 'near');
  catalogEntries.sort((a, b) => (a.relation === b.relation ? 0 : a.relation === 'linked' ? -1 : 1) || b.demandLevel - a.demandLevel || b.confidence - a.confidence);

  const evaluated = evaluateForResume(policies, resume, { catalog: ctx.catalog, now: ctx.now });
  const applies = evaluated.filter((p) => p.verdict === 'applies');
  const possible = evaluated.filter((p) => p.verdict === 'possible');

  return { resumeId: resume.id, analysed: analysed.length, matches, missingSkills, catalogEntries, policies: { applies, possible }, plan: planSentences(matches, missingSkills, catalogEntries, applies, possible) };
}

const yuan = (n: number | null) => (n === null ? '' : `${Math.round(n)}元`);
function pay(s: PlanMatch['salary']): string {
  if (s.monthlyMin === null && s.monthlyMax === null) return '';
  if (s.monthlyMin !== null && s.monthlyMax !== null && s.monthlyMin !== s.monthlyMax) return `，月薪${yuan(s.monthlyMin)}–${yuan(s.monthlyMax)}`;
  return `，月薪约${yuan(s.monthlyMin ?? s.monthlyMax)}`;
}

/** The plan: numbered steps, each a template filled only from the parts above. */
export function planSentences(matches: PlanMatch[], skills: MissingSkill[], entries: ShortageEntry[], applies: PolicyResult[], possible: PolicyResult[]): string[] {
  const out: string[] = [];
  if (matches.length) {
    const m = matches[0]!;
    out.push(`优先投递：${m.employer}的“${m.title}”（${m.district}${pay(m.salary)}，匹配分${Math.round(m.score)}）` +
      (matches.length > 1 ? `；另有${matches.length - 1}个岗位可同时投递，如${[...new Set(matches.slice(1).map((x) => `${x.employer}的“${x.title}”`))].slice(0, 3).join('、')}。` : '。'));
  } else {
    out.push('目前没有与简历匹配的在招岗位；可补充期望岗位、技能或放宽区域后再试。');
  }
  const top = skills.filter((s) => s.wouldComplete > 0).slice(0, 3);
  if (top.length) out.push(`建议补充技能：${top.map((s) => `${s.skill}（可使${s.wouldComplete}个岗位技能要求全部满足）`).join('、')}。`);
  else if (skills.length) out.push(`匹配岗位中最常缺少的技能：${skills.slice(0, 3).map((s) => `${s.skill}（${s.missingIn}个岗位要求）`).join('、')}。`);
  const linked = entries.filter((e) => e.relation === 'linked').slice(0, 2);
  const near = entries.filter((e) => e.relation === 'near').slice(0, 2);
  if (linked.length) out.push(`您的背景符合紧缺目录中的${linked.map((e) => `“${e.occupation}”（${e.industry}，紧缺指数${e.demandLevel}）`).join('、')}，可重点关注。`);
  for (const e of near) {
    out.push(e.missingSkills.length
      ? `紧缺目录中的“${e.occupation}”（${e.industry}，紧缺指数${e.demandLevel}）与您接近，还需掌握：${e.missingSkills.slice(0, 4).join('、')}。`
      : `紧缺目录中的“${e.occupation}”（${e.industry}，紧缺指数${e.demandLevel}）与您接近。`);
  }
  for (const p of applies.slice(0, 3)) out.push(`可享受政策：${p.policy.name}——${p.policy.benefit}（${p.policy.mode === '免申即享' ? '免申即享' : p.policy.apply}）。`);
  if (possible.length) {
    const names = possible.slice(0, 3).map((p) => `${p.policy.name}（${p.conditions.filter((c) => c.status === 'unknown').length}项条件待确认）`);
    out.push(`可能适用的政策${possible.length}项，补充或确认信息后可判断：${names.join('、')}${possible.length > 3 ? '等' : ''}。`);
  }
  return out.map((s, i) => `${i + 1}. ${s}`);
}
