import { textFeatures } from './features.js';
import { cleanTitle } from './title.js';

/**
 * Similarity of job titles (0–1): Dice overlap of their features (tokens and Chinese bigrams) after cleaning,
 * with words that name no trade (工程师, 专员, 人员 …) counting a third. Features are cached per title.
 */
const WEAK = new Set(['工程师', '工程', '程师', '专员', '人员', '助理', '经理', '主管', '师傅', '技术员', '技术', '高级', '操作', '员工', '工人', '开发', '设计']);
const cache = new Map<string, ReadonlyMap<string, number>>();
const CACHE_MAX = 50_000;

export function titleFeatures(title: string): ReadonlyMap<string, number> {
  let f = cache.get(title);
  if (f) return f;
  f = new Map(textFeatures(cleanTitle(title)).map((t) => [t, WEAK.has(t) ? 1 / 3 : 1]));
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(title, f);
  return f;
}

export function titleSimilarity(a: string, b: string): number {
  const fa = titleFeatures(a);
  const fb = titleFeatures(b);
  let common = 0, ta = 0, tb = 0;
  for (const [t, w] of fa) { ta += w; if (fb.has(t)) common += w; }
  for (const w of fb.values()) tb += w;
  return ta + tb === 0 ? 0 : (2 * common) / (ta + tb);
}

/** Best similarity between any of `as` and any of `bs`, with the pair that gave it. */
export function bestTitleMatch(as: readonly string[], bs: readonly string[]): { value: number; a?: string; b?: string } {
  let best: { value: number; a?: string; b?: string } = { value: 0 };
  for (const a of as) for (const b of bs) {
    const v = titleSimilarity(a, b);
    if (v > best.value) best = { value: v, a, b };
  }
  return best;
}
