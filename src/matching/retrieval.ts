import { analyze } from '../analysis/analyzer.js';
import type { Catalog } from '../catalog/schema.js';
import type { Engine, EngineHit, Filter, Kind, TermGroup, TextQuery } from '../engine/types.js';
import { defaultSynonyms } from '../search/synonyms.js';
import { expandWords } from '../search/text-query.js';

/**
 * Candidate retrieval for recommendations, by the engine: a text query built from the other side's titles and
 * skills (each analysed like a search query and widened by the team's synonyms; any word may match, BM25 ranks)
 * plus filters (published vacancies only; district; distance), the best CANDIDATES of them. Nothing else of a
 * resume enters a query: no protected attribute, no personal data, no free-text summary.
 */
export const CANDIDATES = 300;
/** Titles come first in the phrases, so the cap keeps the words that say the most; more only slows the engine. */
const MAX_TERM_GROUPS = 16;

/** What a seeker's query is built from: desired titles, the latest three job titles, skills. */
export function seekerPhrases(r: { desiredTitles: readonly string[]; experience: ReadonlyArray<{ title: string }>; skills: readonly string[] }): string[] {
  return [...r.desiredTitles, ...r.experience.slice(0, 3).map((e) => e.title), ...r.skills];
}

/** What a vacancy's query is built from: its title and skills. */
export function vacancyPhrases(v: { title: string; skills: readonly string[] }): string[] {
  return [v.title, ...v.skills];
}

/**
 * Words of job-ad language that say little about which job it is (in a tenth to a half of all postings and
 * profiles, or benefits most ads list): left out of the retrieval query when the profile has at least MIN_SPECIFIC
 * groups of other words. They would add little to the ranking (low IDF), while walking their long posting lists
 * is most of the retrieval time. Scoring (score.ts) still sees every skill and title.
 */
const GENERIC_WORDS: ReadonlySet<string> = new Set([
  '培训', '招聘', '服务', '技术', '安全', '管理', '工程', '操作', '设备', '生产', '工程师', '作业', '系统', '使用', '处理',
  '数据', '团队', '沟通', '记录', '安排', '产品', '行业', '执行', '维护', '客户', '分析', '工作', '负责', '相关', '能力',
  '经验', '公司', '岗位', '要求', '协助', '熟悉', '熟练', '具备', '良好', '优先', '以上', '完成', '日常', '基础', '专业',
  '专员', '人员', '员工', '五险一金', '社保', '公积金', '福利', '待遇', '薪资', '工资', '包吃住', '双休',
]);
const MIN_SPECIFIC = 2;

const generic = (a: TermGroup[number]) => 'term' in a && GENERIC_WORDS.has(a.term);

/**
 * The retrieval query of a profile: every phrase analysed like a search query and widened by the synonyms, any
 * group may match. `keepGeneric` keeps the generic groups too (the plain text baseline of the evaluation).
 */
export function profileQuery(phrases: readonly string[], opts: { keepGeneric?: boolean } = {}): TextQuery | undefined {
  const all: TermGroup[] = [];
  const seen = new Set<string>();
  for (const phrase of phrases) {
    for (const g of expandWords(analyze(phrase, 'query'), defaultSynonyms(), { decompose: false }).groups) {
      const key = JSON.stringify(g);
      if (seen.has(key)) continue;
      seen.add(key);
      all.push(g);
    }
  }
  // A synonym group keeps its specific alternatives (招聘专员, 招聘师 without 招聘); a group of generic words goes.
  const specific = all.map((g) => g.filter((a) => !generic(a))).filter((g) => g.length);
  const groups = (opts.keepGeneric || specific.length < MIN_SPECIFIC ? all : specific).slice(0, MAX_TERM_GROUPS);
  return groups.length ? { groups, mode: 'any', exclude: [] } : undefined;
}

/**
 * The best `pool` documents for the text, in the engine's relevance order, as lean candidates (see
 * EngineQuery.candidates: long free text may be left out; `wholeDocuments` reads the ones that need it). When the text finds fewer than
 * `minimum`, the newest documents passing the filters fill the pool (so every profile gets recommendations).
 */
export async function retrieve(engine: Engine, kind: Kind, text: TextQuery | undefined, filters: Filter[], pool: number, minimum: number): Promise<EngineHit[]> {
  const hits = text ? (await engine.search(kind, { text, filters, sort: 'relevance', from: 0, size: pool, countTotal: false, candidates: true })).hits : [];
  if (hits.length >= minimum) return hits;
  const seen = new Set(hits.map((h) => h.id));
  const newest = await engine.search(kind, { filters, sort: 'newest', from: 0, size: pool, countTotal: false, candidates: true });
  for (const h of newest.hits) if (!seen.has(h.id) && hits.length < pool) hits.push(h);
  return hits;
}

/**
 * Candidates for the non-personalised ranking (recency and catalog priority, see rank.ts), without reading the
 * profile: the `n` newest documents overall and the `n` newest linked to entries of each demand level. Any
 * document of the true top n by plain score is among them: a document of best level L outside the newest n of
 * level L has n newer documents of level ≥ L ahead of it.
 */
export async function plainCandidates(engine: Engine, kind: Kind, filters: Filter[], catalog: Catalog, n: number): Promise<EngineHit[]> {
  const byLevel = new Map<number, string[]>();
  for (const e of catalog.entries) byLevel.set(e.demandLevel, [...(byLevel.get(e.demandLevel) ?? []), e.id]);
  const queries: Filter[][] = [filters, ...[...byLevel.values()].map((ids) => [...filters, { kind: 'terms', field: 'catalog', values: ids } as Filter])];
  const out = new Map<string, EngineHit>();
  for (const f of queries) {
    for (const h of (await engine.search(kind, { filters: f, sort: 'newest', from: 0, size: n, countTotal: false, candidates: true })).hits) if (!out.has(h.id)) out.set(h.id, h);
  }
  return [...out.values()];
}
