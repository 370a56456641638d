import type { CatalogEntry } from '../catalog/schema.js';
import type { Classifier } from '../occupations/classifier.js';
import type { FactorValue } from './factors.js';
import type { SeekerView } from './seeker.js';
import { matchSkills, relatedSkills, skillsMentioned, type SkillIndex } from '../analysis/skills.js';
import { postingRequirements, skillSpecificity } from './requirements.js';
import { titleSimilarity } from '../occupations/titles.js';
import { normalizeKeyword } from '../analysis/analyzer.js';
import { cleanTitle } from '../occupations/title.js';
import type { MatchVacancy } from './context.js';

const list = (xs: readonly string[], max: number) => xs.slice(0, max).join('、') + (xs.length > max ? ' 等' : '');
const clamp = (x: number) => Math.min(1, Math.max(-1, x));

export interface SkillsResult extends FactorValue { missing: string[] }


/**
 * Skills: what the posting requires or lists (requirements.ts) against the seeker's skills, each skill weighted
 * by how specific it is (沟通、Office、Linux … a third) and named once however often the text repeats it.
 *   coverage = Σ weight of the posting's skills the seeker has / Σ weight of the posting's skills
 *   focus    = Σ weight of the seeker's skills the posting asks for / Σ weight of the seeker's skills
 *   fit = √(coverage × focus), value = fit (0 … 1), or −1 when the seeker has none of what it asks
 * A posting that merely names one of a seeker's tools among many has low coverage; one naming nothing the
 * seeker has is −1. The linked catalog entry's preferred skills add up to 0.1 to the fit.
 * Unknown (null) when the seeker lists no skills, or the posting asks for none that can be read.
 */
export function skillsFactor(v: MatchVacancy, s: SeekerView, entry: CatalogEntry | undefined, index: SkillIndex): SkillsResult {
  const req = postingRequirements(v, index);
  const have = s.skills.map((h) => ({ h, k: index.key(h) })).filter((x) => x.k);
  const wantedNames = req.skills.map((x) => x.skill);
  if (have.length === 0) {
    return { value: null, reason: req.skills.length ? `求职者未填写技能，技能匹配未知（岗位要求 ${list(wantedNames, 5)}）` : '岗位未列技能要求，求职者未填写技能，技能匹配未知', missing: req.source === 'listed' ? wantedNames : [] };
  }
  const required = [...req.skills];
  // A seeker's skill that is not in the dictionary but that the posting's text names counts as asked for too.
  if (req.source !== 'listed') {
    const text = `${v.title} ${v.description ?? ''} ${v.requirements ?? ''}`;
    const known = new Set(required.map((r) => r.key));
    for (const h of skillsMentioned(text, have.filter((x) => !known.has(x.k)).map((x) => x.h))) {
      const k = index.key(h);
      if (!known.has(k)) { known.add(k); required.push({ skill: h, key: k, weight: skillSpecificity(k) }); }
    }
  }
  if (required.length === 0) return { value: null, reason: '岗位未列技能要求，技能匹配未知', missing: [] };
  let reqW = 0, gotW = 0;
  const matched: string[] = [];
  const missing: string[] = [];
  const used = new Set<string>();
  for (const r of required) {
    reqW += r.weight;
    const hit = have.find((x) => relatedSkills(r.key, x.k));
    if (hit) { gotW += r.weight; matched.push(r.skill); used.add(hit.k); } else missing.push(r.skill);
  }
  let haveW = 0, usedW = 0;
  const seenHave = new Set<string>();
  for (const x of have) {
    if (seenHave.has(x.k)) continue;
    seenHave.add(x.k);
    const w = skillSpecificity(x.k);
    haveW += w;
    if (used.has(x.k)) usedW += w;
  }
  const coverage = reqW ? gotW / reqW : 0;
  const focus = haveW ? usedW / haveW : 0;
  let fit = Math.sqrt(coverage * focus);
  const none = matched.length === 0;
  let bonus = '';
  if (entry && entry.skills.preferred.length) {
    const pref = matchSkills(entry.skills.preferred, s.skills, index).matched.filter((p) => !matched.includes(p));
    if (pref.length) {
      fit = Math.min(1, fit + 0.1 * (pref.length / entry.skills.preferred.length));
      bonus = `；另有目录加分技能 ${list(pref, 3)}`;
    }
  }
  const from = req.source === 'listed' ? '' : '（岗位描述中提到的技能）';
  const head = `技能匹配 ${matched.length}/${required.length}${from}`;
  const has = matched.length ? `：${list(matched, 6)}` : '';
  const lacks = missing.length ? `；缺少 ${list(missing, 4)}` : '';
  return { value: none && fit === 0 ? -1 : clamp(fit), reason: `${head}${has}${lacks}${bonus}`, missing: req.source === 'listed' ? missing : [] };
}

/** Relatedness of two occupation codes: the same 细类 0.6, the same 小类 0.4, the same 中类 0.15. */
export function codeRelation(a: string, b: string): number {
  if (a === b) return 0.6;
  if (a.slice(0, 7) === b.slice(0, 7)) return 0.4;
  if (a.slice(0, 4) === b.slice(0, 4)) return 0.15;
  return 0;
}

const titleCodes = new Map<string, string | null>();
function codeOf(title: string, classifier: Classifier | undefined): string | undefined {
  if (!classifier) return undefined;
  let c = titleCodes.get(title);
  if (c === undefined) {
    c = classifier.classify({ title }, 1)[0]?.code ?? null;
    if (titleCodes.size >= 50_000) titleCodes.clear();
    titleCodes.set(title, c);
  }
  return c ?? undefined;
}

/** Weight of a desired title, of a past job (when no title is desired) and of a past job unlike every desired one. */
export const TITLE_WEIGHTS = { desired: 1, past: 0.8, pastOfChanger: 0.4 } as const;

/**
 * Title fit, graded beyond a shared code: g = 1 − (1 − similarity)(1 − relation), where similarity is the
 * title text overlap (titles.ts) and relation the codes' (same 细类 0.6 — same occupation, other work; same 小类
 * 0.4; same 中类 0.15). Desired titles count fully; past jobs 0.8, or 0.4 when the seeker wants something else
 * (a career changer: past jobs unlike every desired title). value = 2·max(weight × g) − 1.
 */
export function titleFactor(
  v: MatchVacancy, s: SeekerView, vcode: { code: string; inferred: boolean } | undefined,
  _scodes: readonly string[], classifier: Classifier | undefined,
): FactorValue {
  const desired = s.desiredTitles.filter((t) => t.trim());
  const past = s.experience.map((e) => e.title).filter((t) => t.trim());
  if (desired.length === 0 && past.length === 0) return { value: null, reason: '求职者未填写期望职位或工作经历，职位匹配未知' };
  const candidates: Array<{ t: string; w: number; desired: boolean }> = desired.map((t) => ({ t, w: TITLE_WEIGHTS.desired, desired: true }));
  for (const t of past) {
    const unlike = desired.length > 0 && desired.every((d) => grade(d, codeOf(d, classifier), t, codeOf(t, classifier)).g < 0.5);
    candidates.push({ t, w: desired.length === 0 ? TITLE_WEIGHTS.past : unlike ? TITLE_WEIGHTS.pastOfChanger : TITLE_WEIGHTS.past, desired: false });
  }
  // A posting without listed skills is read from its text: its title may be a phrase cut from it, so a seeker's
  // title named where the text opens (its role) counts as a close title (0.75).
  const opening = !(v.skills?.length) && v.description ? normalizeKeyword(v.description.slice(0, OPENING_CHARS)) : '';
  let best = { score: 0, t: '', g: 0, sim: 0, rel: 0, desired: false };
  for (const c of candidates) {
    const r = grade(v.title, vcode?.code, c.t, codeOf(c.t, classifier));
    if (opening && namedIn(opening, c.t)) { r.sim = Math.max(r.sim, 0.75); r.g = 1 - (1 - r.sim) * (1 - r.rel); }
    const score = c.w * r.g;
    if (score > best.score) best = { score, t: c.t, g: r.g, sim: r.sim, rel: r.rel, desired: c.desired };
  }
  if (best.score === 0) return { value: -1, reason: `「${v.title}」与求职者的期望职位和工作经历都不相近` };
  const which = best.desired ? '期望职位' : '过往职位';
  const how = best.rel === 0.6 ? (best.sim >= 0.5 ? '同一职业' : '同一职业细类、工作内容不同') : best.rel === 0.4 ? '同一职业小类' : best.rel > 0 ? '同一职业中类' : best.sim > 0 ? '名称相近' : '';
  const inferred = best.rel > 0 && vcode?.inferred ? '（岗位职业为推断）' : '';
  return { value: clamp(2 * best.score - 1), reason: `${which}「${best.t}」与「${v.title}」${how}${inferred}，相似度 ${best.g.toFixed(2)}${best.desired ? '' : `（按过往职位计 ${best.score.toFixed(2)}）`}` };
}

const OPENING_CHARS = 150;
/** The seeker's title, or the title without a trailing 工程师/师/员 when 3+ characters remain, in the text. */
function namedIn(text: string, title: string): boolean {
  const t = normalizeKeyword(cleanTitle(title)).replace(/\s+/g, '');
  if (t.length < 2) return false;
  if (text.includes(t)) return true;
  const core = t.replace(/(?:工程师|师|员)$/, '');
  return core !== t && core.length >= 3 && text.includes(core);
}

function grade(a: string, ac: string | undefined, b: string, bc: string | undefined): { g: number; sim: number; rel: number } {
  const sim = titleSimilarity(a, b);
  const rel = ac && bc ? codeRelation(ac, bc) : 0;
  return { g: 1 - (1 - sim) * (1 - rel), sim, rel };
}
