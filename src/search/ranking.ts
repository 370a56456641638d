import type { TextField } from '../engine/types.js';

/**
 * The weights of search ranking, in one place (tuned on the "tune" split of test/search/judgments-real.jsonl only;
 * `npm run eval:search -- --set real` reports both splits):
 * - coverage: a posting's BM25 × exp(coverage × share of the query's IDF it covers) (TextQuery.coverage);
 * - synonym / pieces / lexicon: what a match is worth relative to the word asked for (1) — a synonym, the pieces of
 *   a long word found apart, the words a seeker's phrase stands for;
 * - alternativesTie: a query word's group scores its best alternative plus this share of the others it matches (a
 *   posting naming the word and two synonyms is not worth three matches);
 * - occupationExact / occupationMinor: postings of the occupation the query means (its 细类, its 小类) score
 *   × (1 + the factors they match), when the classifier is at least minConfidence sure;
 * - fields: the relative weights of the text fields (FIELD_WEIGHTS of the engines when absent);
 * - freshness: how much newer postings gain (VACANCY_FRESHNESS.weight of the service when absent).
 */
export const RANKING = {
  coverage: 1,
  synonym: 0.6,
  alternativesTie: 0.3,
  pieces: 0.6,
  lexicon: 0.9,
  // Halved from 0.4/0.24: a multiplicative boost lifted weak text matches of the guessed occupation over strong
  // matches of other codes when a filter leaves few strong ones (filtered tune 0.795 → 0.845, short 0.679 → 0.660).
  occupationExact: 0.2,
  occupationMinor: 0.12,
  minConfidence: 0.35,
  // Titles count less than the engines' default (8) against skills and text: fitted on the tune split, where the
  // real postings' titles are their first clause (scripts/eval/corpus.ts), so it may understate real titles.
  // Both engines weight fields inside BM25's saturation (FTS5 bm25 column weights, Lucene combined_fields), so the
  // scale matters, and combined_fields takes no weight below 1.
  fields: { title: 3, skills: 2, body: 1, titleParts: 1.5, parts: 1, grams: 1 } as Record<TextField, number> | undefined,
  freshness: undefined as number | undefined,
};
