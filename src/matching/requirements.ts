import { readFileSync } from 'node:fs';
import { normalizeKeyword } from '../analysis/analyzer.js';
import { DICT_DIR } from '../analysis/dictionary.js';
import { EDUCATION_LEVELS, educationRank, type Education } from '../domain/education.js';

/**
 * What a posting asks for, read like a placement officer reads it (issue 12, item 2).
 *
 * Structured fields win: the listed skills, `education`, `experienceYearsMin`. A posting that lists no skills is
 * read from its text (title, description, requirements): the skills of the team's dictionary (seed/dict/
 * skills.dict.utf8) it names, each once whatever the number of mentions; a skill named only in a clause that says
 * 优先 / 加分 / 者佳 / 了解 counts as preferred (half weight); the lowest education stated with 以上 / 学历 (or the
 * only one stated); the years of experience asked for (「3年以上…经验」, 「3-5年经验」 → 3).
 * The title gives the level: 主管、经理、高级、资深、总监 … ask for seniority; 学徒、助理、实习、初级、帮厨 …
 * are entry posts (title-level words are always read, listed skills or not).
 *
 * Results are cached per posting object (postings retrieved for one request are scored against one profile,
 * but one posting object may be scored many times in the other direction).
 */
export interface PostingSkill { skill: string; key: string; weight: number }
export interface PostingRequirements {
  skills: PostingSkill[];
  /** Where the skills come from. */
  source: 'listed' | 'text' | 'none';
  education?: Education;
  yearsMin?: number;
  level?: 'senior' | 'junior';
  /** From the title only (「实习」「兼职」), when the posting's own field says 全职 (the default). */
  employmentHint?: '实习' | '兼职';
}

/** Skills that say little about which job it is: they count a third of a specific skill. */
const GENERIC_SKILLS = new Set([
  '沟通', '沟通能力', '沟通协调', '团队合作', '团队协作', '学习能力', '责任心', '吃苦耐劳', '执行力', '抗压',
  'office', 'excel', 'word', 'ppt', '办公软件', '电脑', '计算机', '英语', 'cet4', 'cet6', '普通话', '驾照', '驾驶证',
  '健康证', '客户服务', '服务意识', '文档编写', 'git', 'svn', 'linux', 'windows',
]);
export const skillSpecificity = (key: string): number => (GENERIC_SKILLS.has(key) ? 1 / 3 : 1);

const SENIOR = /主管|总监|负责人|组长|主任|高级|资深|专家|架构师|首席|总工|技术经理|部门经理|(?<!产品|客户|销售|招商|理财|区域)经理|leader|\blead\b/i;
const JUNIOR = /学徒|助理|实习|见习|初级|帮厨|储备|应届|培训生|助手|小工|杂工/;
export function titleLevel(title: string): 'senior' | 'junior' | undefined {
  if (JUNIOR.test(title)) return 'junior';
  if (SENIOR.test(title)) return 'senior';
  return undefined;
}

interface Dict { latin: Map<string, string>; cjk: Map<string, string[]> }
let dict: Dict | undefined;
function skillDict(): Dict {
  if (dict) return dict;
  const latin = new Map<string, string>();
  const cjk = new Map<string, string[]>();
  let words: string[] = [];
  try {
    words = readFileSync(DICT_DIR + 'skills.dict.utf8', 'utf8').split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '').filter(Boolean);
  } catch { /* no dictionary: only listed skills and the seeker's own skills are seen */ }
  for (const w of words) {
    const k = normalizeKeyword(w);
    if (/^[a-z0-9+#.]+$/.test(k)) latin.set(k, w);
    else if (k.length >= 2) {
      const head = k.slice(0, 2);
      const list = cjk.get(head) ?? [];
      list.push(k);
      cjk.set(head, list);
    }
  }
  for (const list of cjk.values()) list.sort((a, b) => b.length - a.length);
  return (dict = { latin, cjk });
}

const PREFERRED = /优先|加分|者佳|为佳|更佳|了解|熟悉者|有.{0,8}经验者/;
const CLAUSES = /[；;。\n！!]|(?:^|\s)(?:\d{1,2}|[一二三四五六七八九十])[、.．)）]/;
const LATIN_RUN = /[a-z][a-z0-9+#]*(?:\.[a-z0-9+#]+)*/g;

/** Dictionary skills a text names (each once), with whether every clause naming it is a "preferred" one. */
export function skillsInText(text: string, extra: readonly string[] = []): Array<{ key: string; preferred: boolean }> {
  const d = skillDict();
  const found = new Map<string, boolean>();
  const extraKeys = extra.map((e) => normalizeKeyword(e)).filter((k) => k.length >= 2 || /^[a-z]$/.test(k));
  for (const clause of normalizeKeyword(text).split(CLAUSES)) {
    if (!clause) continue;
    const pref = PREFERRED.test(clause);
    const note = (k: string) => found.set(k, (found.get(k) ?? true) && pref);
    for (const m of clause.matchAll(LATIN_RUN)) {
      let w = m[0].replace(/\.+$/, '');
      if (d.latin.has(w)) note(w);
      else if (w.endsWith('.js') === false && d.latin.has(w.replace(/[0-9]+$/, ''))) { w = w.replace(/[0-9]+$/, ''); note(w); }
    }
    for (let i = 0; i + 1 < clause.length; i++) {
      const list = d.cjk.get(clause.slice(i, i + 2));
      if (!list) continue;
      const hit = list.find((k) => clause.startsWith(k, i));
      if (hit) { note(hit); i += hit.length - 1; }
    }
    for (const k of extraKeys) {
      if (found.has(k)) continue;
      const at = clause.indexOf(k);
      if (at < 0) continue;
      const before = clause[at - 1] ?? ' ';
      const after = clause[at + k.length] ?? ' ';
      if (/[a-z]/.test(k[0]!) && /[a-z0-9]/.test(before)) continue;
      if (/[a-z0-9+#]/.test(k[k.length - 1]!) && /[a-z0-9+#]/.test(after)) continue;
      note(k);
    }
  }
  return [...found].map(([key, preferred]) => ({ key, preferred }));
}

const EDU_WORDS: Array<[RegExp, Education]> = [
  [/博士/, '博士'], [/硕士|研究生/, '硕士'], [/本科|学士/, '本科'], [/大专|专科|高职/, '大专'], [/高中|中专|中技|技校|职高/, '高中/中专'], [/初中/, '初中'],
];
const EDU_MENTION = /(博士|硕士|研究生|本科|学士|大专|专科|高职|高中|中专|中技|技校|职高|初中)(?:及|或)?(?:其)?(?:以上|以上学历|学历|毕业)?/g;

/** The education a posting's text asks for, if it states one (优先-only mentions do not count). */
export function educationInText(text: string): Education | undefined {
  const t = text.normalize('NFKC');
  if (/学历不限|不限学历/.test(t) && !/以上学历|及以上/.test(t)) return undefined;
  let best: Education | undefined;
  let strong = false;
  for (const m of t.matchAll(EDU_MENTION)) {
    const tail = t.slice(m.index + m[0].length, m.index + m[0].length + 4);
    if (/^[^，,。；;]{0,3}优先/.test(tail)) continue;
    const level = EDU_WORDS.find(([re]) => re.test(m[1]!))![1];
    const isStrong = /以上|学历|毕业/.test(m[0]);
    if (isStrong && !strong) { best = level; strong = true; continue; }
    if (isStrong === strong && (!best || educationRank(level) < educationRank(best))) best = level;
  }
  return best;
}

const NUM: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const YEARS = /(\d{1,2}|[一二两三四五六七八九十])\s*(?:[-~～到至]\s*\d{1,2}\s*)?年(?:及|或)?(?:以上)?[^，,。；;]{0,14}?经验/g;

/** The years of experience a posting's text asks for (the lowest stated), if any; 优先-only mentions do not count. */
export function yearsInText(text: string): number | undefined {
  const t = text.normalize('NFKC');
  let best: number | undefined;
  for (const m of t.matchAll(YEARS)) {
    const tail = t.slice(m.index + m[0].length, m.index + m[0].length + 6);
    if (/^[^，,。；;]{0,4}(?:优先|者优先)/.test(tail)) continue;
    const n = NUM[m[1]!] ?? Number(m[1]);
    if (!Number.isFinite(n) || n <= 0 || n > 20) continue;
    if (best === undefined || n < best) best = n;
  }
  return best;
}

export interface RequirementSource {
  title: string;
  description?: string;
  requirements?: string;
  skills?: readonly string[];
  education?: string;
  experienceYearsMin?: number;
  employmentType?: string;
}

const caches = new WeakMap<object, WeakMap<object, PostingRequirements>>();

/** `index` turns a skill into its canonical key (skills.ts SkillIndex); results are cached per index and posting. */
export function postingRequirements(v: RequirementSource, index: { key(s: string): string }): PostingRequirements {
  let cache = caches.get(index);
  if (!cache) caches.set(index, (cache = new WeakMap()));
  let r = cache.get(v);
  if (r) return r;
  const key = (x: string) => index.key(x);
  const listed = v.skills ?? [];
  const text = `${v.title}\n${v.description ?? ''}\n${v.requirements ?? ''}`;
  let skills: PostingSkill[];
  let source: PostingRequirements['source'];
  if (listed.length) {
    const seen = new Set<string>();
    skills = [];
    for (const s of listed) {
      const k = key(s);
      if (!k || seen.has(k)) continue;
      seen.add(k);
      skills.push({ skill: s, key: k, weight: skillSpecificity(k) });
    }
    source = 'listed';
  } else {
    const seen = new Set<string>();
    skills = [];
    for (const { key: raw, preferred } of skillsInText(text)) {
      const k = key(raw);
      if (!k || seen.has(k)) continue;
      seen.add(k);
      skills.push({ skill: raw, key: k, weight: skillSpecificity(k) * (preferred ? 0.5 : 1) });
    }
    source = skills.length ? 'text' : 'none';
  }
  const stated = EDUCATION_LEVELS.includes(v.education as Education) && v.education !== '不限' ? (v.education as Education) : undefined;
  const readText = !listed.length;
  const education = stated ?? (readText ? educationInText(text) : undefined);
  const yearsMin = v.experienceYearsMin && v.experienceYearsMin > 0 ? v.experienceYearsMin : readText ? yearsInText(text) : undefined;
  const level = titleLevel(v.title);
  const hint = (v.employmentType ?? '全职') === '全职' ? (/实习/.test(v.title) ? '实习' : /兼职/.test(v.title) ? '兼职' : undefined) : undefined;
  r = { skills, source, ...(education ? { education } : {}), ...(yearsMin ? { yearsMin } : {}), ...(level ? { level } : {}), ...(hint ? { employmentHint: hint } : {}) };
  cache.set(v, r);
  return r;
}
