import type { CatalogEntry } from '../catalog/schema.js';
import type { Classifier } from '../occupations/classifier.js';
import type { FactorValue } from './factors.js';
import type { SeekerView } from './seeker.js';
import { matchSkills, skillsMentioned, type SkillIndex } from '../analysis/skills.js';
import { bestTitleMatch } from '../occupations/titles.js';
import type { MatchVacancy } from './context.js';

const list = (xs: readonly string[], max: number) => xs.slice(0, max).join('、') + (xs.length > max ? ' 等' : '');

export interface SkillsResult extends FactorValue { missing: string[] }

/** Coverage of the vacancy's skills by the seeker's; the linked catalog entry's preferred skills add up to 10 %. */
export function skillsFactor(v: MatchVacancy, s: SeekerView, entry: CatalogEntry | undefined, index: SkillIndex): SkillsResult {
  const wanted = v.skills ?? [];
  if (wanted.length === 0) {
    if (s.skills.length === 0) return { value: null, reason: '岗位未列技能要求，求职者未填写技能，技能匹配未知', missing: [] };
    const found = skillsMentioned(`${v.title} ${v.description ?? ''} ${v.requirements ?? ''}`, s.skills);
    if (found.length === 0) return { value: null, reason: '岗位未列技能要求，技能匹配未知', missing: [] };
    return { value: Math.min(1, found.length / 3) * 0.8, reason: `岗位未列技能；描述提到求职者的 ${list(found, 5)}`, missing: [] };
  }
  const m = matchSkills(wanted, s.skills, index);
  const total = m.matched.length + m.missing.length;
  if (s.skills.length === 0) return { value: null, reason: `求职者未填写技能，技能匹配未知（岗位要求 ${list(wanted, 5)}）`, missing: m.missing };
  let value = total ? m.matched.length / total : 0;
  let bonus = '';
  if (entry && entry.skills.preferred.length) {
    const pref = matchSkills(entry.skills.preferred, s.skills, index).matched.filter((p) => !m.matched.includes(p));
    if (pref.length) {
      value = Math.min(1, value + 0.1 * (pref.length / entry.skills.preferred.length));
      bonus = `；另有目录加分技能 ${list(pref, 3)}`;
    }
  }
  const head = `技能匹配 ${m.matched.length}/${total}`;
  const has = m.matched.length ? `：${list(m.matched, 6)}` : '';
  const lacks = m.missing.length ? `；缺少 ${list(m.missing, 4)}` : '';
  return { value, reason: `${head}${has}${lacks}${bonus}`, missing: m.missing };
}

function codeSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.slice(0, 7) === b.slice(0, 7)) return 0.6;
  return 0;
}

/** Title similarity, or the same occupation code (细类 0.85, 小类 0.51), whichever is higher. */
export function titleFactor(
  v: MatchVacancy, s: SeekerView, vcode: { code: string; inferred: boolean } | undefined,
  scodes: readonly string[], classifier: Classifier | undefined,
): FactorValue {
  const titles = [...s.desiredTitles, ...s.experience.map((e) => e.title)];
  if (titles.length === 0 && scodes.length === 0) return { value: null, reason: '求职者未填写期望职位或工作经历，职位匹配未知' };
  const t = bestTitleMatch([v.title], titles);
  let code = 0;
  let codeText = '';
  if (vcode) {
    for (const c of scodes) code = Math.max(code, codeSimilarity(vcode.code, c));
    if (code > 0) {
      const name = classifier?.get(vcode.code)?.name;
      codeText = code === 1 ? `职业同为 ${vcode.code}${name ? ` ${name}` : ''}` : `职业同属 ${vcode.code.slice(0, 7)} 小类`;
      if (vcode.inferred) codeText += '（岗位职业为推断）';
    }
  }
  const value = Math.max(t.value, 0.85 * code);
  const titleText = t.value > 0 && t.b ? `「${t.b}」与「${v.title}」相似度 ${t.value.toFixed(2)}` : `「${v.title}」与求职者的职位不相近`;
  return { value, reason: codeText ? `${titleText}；${codeText}` : titleText };
}
