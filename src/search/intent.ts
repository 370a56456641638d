import type { ScoreBoost } from '../engine/types.js';
import { createClassifier, type Classifier } from '../occupations/classifier.js';
import { loadTaxonomy } from '../occupations/taxonomy.js';

/**
 * The occupation a query means, from the occupation classifier applied to the query as postings word it (the
 * lexicon's words in place of a seeker's phrase): postings of that occupation rank first — a boost, never a filter,
 * so a posting of another code that fits the words still shows. The same 细类 gains OCCUPATION_BOOST.exact, its
 * 小类 (the first three levels: 2-02-10) OCCUPATION_BOOST.minor, added (a posting of the exact code has both).
 */
export const OCCUPATION_BOOST = { exact: 0.25, minor: 0.15, minConfidence: 0.35 } as const;

let fallback: Classifier | undefined;

/** The classifier the API builds at boot; tests and scripts without one get the built-in list's. */
export function defaultQueryClassifier(): Classifier {
  fallback ??= createClassifier(loadTaxonomy(process.env.OCCUPATIONS_FILE || undefined));
  return fallback;
}

export function occupationBoosts(intent: string, classifier: Classifier, boost = OCCUPATION_BOOST): ScoreBoost[] {
  if (!intent.trim()) return [];
  const top = classifier.classify({ title: intent }, 1)[0];
  if (!top || top.confidence < boost.minConfidence) return [];
  const minor = top.code.split('-').slice(0, 3).join('-');
  return [
    { field: 'occupation', values: [top.code], factor: boost.exact },
    ...(minor !== top.code ? [{ field: 'occupation' as const, values: [minor], factor: boost.minor }] : []),
  ];
}
