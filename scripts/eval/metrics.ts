/**
 * Ranking metrics over graded judgments (0–3; unjudged documents count as 0).
 * nDCG@k uses gain 2^g − 1 and discount log2(rank + 1); the ideal ranking is every judged grade, best first.
 * P@k and MRR count a document as relevant when its grade is ≥ RELEVANT (2).
 */
export type Judgments = Record<string, number>;
export const RELEVANT = 2;

const gain = (g: number) => 2 ** g - 1;

export function dcg(grades: number[], k: number): number {
  return grades.slice(0, k).reduce((s, g, i) => s + gain(g) / Math.log2(i + 2), 0);
}

export function ndcgAt(ranked: string[], judged: Judgments, k = 10): number {
  const ideal = dcg(Object.values(judged).filter((g) => g > 0).sort((a, b) => b - a), k);
  if (ideal === 0) return 0;
  return dcg(ranked.map((id) => judged[id] ?? 0), k) / ideal;
}

export function precisionAt(ranked: string[], judged: Judgments, k = 5): number {
  return ranked.slice(0, k).filter((id) => (judged[id] ?? 0) >= RELEVANT).length / k;
}

export function reciprocalRank(ranked: string[], judged: Judgments): number {
  const i = ranked.findIndex((id) => (judged[id] ?? 0) >= RELEVANT);
  return i < 0 ? 0 : 1 / (i + 1);
}

export const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
