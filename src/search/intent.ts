import type { ScoreBoost } from '../engine/types.js';
import { createClassifier, type Classifier } from '../occupations/classifier.js';
import { loadTaxonomy } from '../occupations/taxonomy.js';
import { RANKING } from './ranking.js';

/**
 * The occupation a query means, from the occupation classifier applied to the query as postings word it (the
 * lexicon's words in place of a seeker's phrase): postings of that occupation rank first — a boost, never a filter,
 * so a posting of another code that fits the words still shows. The same 细类 gains RANKING.occupationExact, its
 * 小类 (the first three levels: 2-02-10) RANKING.occupationMinor, added (a posting of the exact code has both).
 */

let fallback: Classifier | undefined;

/** The classifier the API builds at boot; tests and scripts without one get the built-in list's. */
export function defaultQueryClassifier(): Classifier {
  fallback ??= createClassifier(loadTaxonomy(process.env.OCCUPATIONS_FILE || undefined));
  return fallback;
}

export function occupationBoosts(intent: string, classifier: Classifier, weights: typeof RANKING = RANKING): ScoreBoost[] {
  if (!intent.trim()) return [];
  const top = classifier.classify({ title: intent }, 1)[0];
  if (!top || top.confidence < weights.minConfidence || (weights.occupationExact <= 0 && weights.occupationMinor <= 0)) return [];
  const minor = top.code.split('-').slice(0, 3).join('-');
  return [
    { field: 'occupation', values: [top.code], factor: weights.occupationExact },
    ...(minor !== top.code ? [{ field: 'occupation' as const, values: [minor], factor: weights.occupationMinor }] : []),
  ];
}
