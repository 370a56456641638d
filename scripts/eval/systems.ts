import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../../src/engine/types.js';
import { searchQuerySchema } from '../../src/search/params.js';
import { interpretFilters } from '../../src/search/filters.js';
import { search } from '../../src/search/service.js';
import { NO_SYNONYMS } from '../../src/search/synonyms.js';
import { parseTextQuery } from '../../src/search/text-query.js';
import { FIXED_NOW } from './corpus.js';

/** The two systems compared: the product's search, and plain BM25 (no synonyms, equal field weights, no freshness). */
export type System = 'product' | 'baseline';
export const SYSTEMS: readonly System[] = ['product', 'baseline'];

/** Filter parameters a judged query may carry (the "filtered" kind), as the API takes them. */
export type QueryFilters = Record<string, string>;

/** The product exactly as the API answers `GET /v1/search/vacancies?q=…` (relaxation on, its default). */
export async function runProduct(engine: Engine, q: string, size = 10, filters: QueryFilters = {}): Promise<string[]> {
  const r = await search(engine, 'vacancy', searchQuerySchema.parse({ q, size: String(size), facets: 'false', ...filters }), FIXED_NOW);
  return r.hits.map((h) => h.id);
}

export const BASELINE_WEIGHTS = { title: 1, body: 1, skills: 1, titleParts: 1, parts: 1, grams: 1 } as const;

export async function runBaseline(engine: Engine, q: string, size = 10, filters: QueryFilters = {}): Promise<string[]> {
  const text = parseTextQuery(q, NO_SYNONYMS, { lexicon: false });
  if (!text) return [];
  // The same filters as the product (interpreted the same way), no relaxation.
  const interpreted = interpretFilters('vacancy', searchQuerySchema.parse({ ...filters }), FIXED_NOW);
  const r = await engine.search('vacancy', {
    text: { groups: text.groups, mode: 'all', exclude: text.exclude },
    filters: [{ kind: 'terms', field: 'status', values: ['published'] }, ...interpreted.filters.map((f) => f.filter)],
    sort: 'relevance',
    from: 0,
    size,
    weights: { ...BASELINE_WEIGHTS },
  });
  return r.hits.map((h) => h.id);
}

export function run(system: System, engine: Engine, q: string, size = 10, filters: QueryFilters = {}): Promise<string[]> {
  return system === 'product' ? runProduct(engine, q, size, filters) : runBaseline(engine, q, size, filters);
}

export interface JudgedQuery {
  id: string;
  q: string;
  intent: string;
  /** short | colloquial | skill | mixed | filtered (the real set); absent on the demo set. */
  kind?: string;
  filters?: QueryFilters;
  judgments: Record<string, number>;
}

export const JUDGMENTS_FILE = fileURLToPath(new URL('../../test/search/judgments.jsonl', import.meta.url));
/** Judgments on the real postings only (scripts/eval/real.ts). */
export const REAL_JUDGMENTS_FILE = fileURLToPath(new URL('../../test/search/judgments-real.jsonl', import.meta.url));

export function loadJudgments(file = JUDGMENTS_FILE): JudgedQuery[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as JudgedQuery);
}
