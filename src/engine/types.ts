import type { LeaseStore } from './leases.js';

/**
 * The search engine seen by the rest of the product: the embedded SQLite store and Elasticsearch both
 * implement it and behave the same. Documents arrive already analysed (pre-segmented text, keyword and
 * numeric fields); engines hold no domain logic.
 */
export type Kind = 'vacancy' | 'resume';
export const KINDS: readonly Kind[] = ['vacancy', 'resume'];

/** Multi-valued keyword fields every index has (unused ones stay empty). */
export const KEYWORD_FIELDS = ['district', 'industry', 'occupation', 'employmentType', 'tag', 'status', 'employerId', 'skill', 'compliance', 'education', 'salaryBand', 'catalog', 'catalogNear', 'catalogMissing', 'catalogRevision'] as const;
/**
 * The link-time fields the gap report aggregates: `catalog` (linked entry ids), `catalogNear` (near-miss entry ids),
 * `catalogMissing` (`${entryId}${MISSING_SEPARATOR}${skill}` for each entry skill a resume lacks), `catalogRevision`.
 */
export const MISSING_SEPARATOR = '\u001f';
export type KeywordField = (typeof KEYWORD_FIELDS)[number];

export const NUMBER_FIELDS = ['educationRank', 'experienceYears', 'salaryMin', 'salaryMax', 'publishedAt', 'updatedAt', 'headcount'] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];

export const TEXT_FIELDS = ['title', 'body', 'skills', 'titleParts', 'parts', 'grams'] as const;
/** The fields single terms are scored on (grams serve phrases only). */
export const TERM_FIELDS = ['title', 'body', 'skills', 'titleParts', 'parts'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/**
 * Relative field weights for relevance, shared by both engines: a title match outranks a skills match, which
 * outranks a description match; words inside longer words (`titleParts` of the title, `parts` of the rest, plus
 * the place names of the location) rank below whole words, so an exact token outranks a partial one.
 * Elasticsearch's combined_fields needs weights ≥ 1.
 */
export const FIELD_WEIGHTS: Record<TextField, number> = { title: 8, skills: 4, body: 2, titleParts: 3, parts: 1, grams: 2 };

export interface IndexDoc {
  id: string;
  /** The domain document as returned to clients. */
  source: Record<string, unknown>;
  /** Pre-segmented text: tokens separated by single spaces. */
  text: Record<TextField, string>;
  keywords: Partial<Record<KeywordField, string[]>>;
  numbers: Partial<Record<NumberField, number | null>>;
  geo?: { lat: number; lon: number };
}

export type WriteResult =
  /** `source`: the document as stored, when a layer added server-computed fields on the way in. */
  | { id: string; result: 'created' | 'updated'; source?: Record<string, unknown> }
  | { id: string; result: 'error'; error: { field: string; reason: string } };

/**
 * A word matched in the weighted word fields; a phrase matched exactly as consecutive character grams; or all of
 * several words anywhere (the pieces of a long query word the index may hold apart: 电气工程师 → 电气 + 工程师).
 */
export type Alternative = ({ term: string } | { phrase: string[] } | { all: string[] }) & {
  /** How much a match of this alternative is worth relative to the word itself (1): synonyms and pieces rank below. */
  boost?: number;
};
/** A group is satisfied when any of its alternatives occurs (a query word and its synonyms). */
export type TermGroup = Alternative[];

export interface TextQuery {
  /** Every group must match (mode all) or at least one (mode any). */
  groups: TermGroup[];
  mode: 'all' | 'any';
  /** Tokens that must not occur. */
  exclude: string[];
  /**
   * Ranking by coverage (both engines alike; absent = plain BM25 over the whole expression). Each group is scored
   * on its own — its best matching alternative, the largest boost × BM25, plus tieBreaker × the others, so mentioning
   * several synonyms earns little more than the best of them — and summed over the groups a document matches; the sum
   * is multiplied by exp(weight × covered), where covered is the IDF of the groups the document matches over the IDF
   * of all groups (IDF = ln(1 + (N − df + 0.5) / (df + 0.5)) over every stored document, df = documents matching any
   * alternative of the group: coverageIdf). So a document covering more of the query, and its rarer words, ranks
   * first, an exact word above its synonyms, and a one-word query ranks by BM25 alone.
   */
  coverage?: {
    weight: number;
    /** A group scores its best alternative plus this share (0 … 1) of its other matching ones (Lucene's dis_max tie_breaker); 0 when absent. */
    tieBreaker?: number;
  };
  /** With coverage: at least this many groups must match (default: all in mode all, 1 in mode any). */
  minimumMatch?: number;
}

/** The IDF both engines use for coverage: BM25's, from the number of documents N and the group's df. */
export function coverageIdf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Documents with one of `values` in `field` score × (1 + factor) (the query's occupation, a boost and not a filter). */
export interface ScoreBoost { field: KeywordField; values: string[]; factor: number }

/** `facet` names the facet a filter belongs to: that facet's counts ignore it (multi-select facets). */
export type Filter = (
  | { kind: 'terms'; field: KeywordField; values: string[] }
  | { kind: 'prefix'; field: KeywordField; values: string[] }
  | { kind: 'range'; field: NumberField; gte?: number; lte?: number }
  | { kind: 'geo'; lat: number; lon: number; radiusKm: number }
) & { facet?: string };

export interface FacetRequest {
  name: string;
  field: KeywordField;
  size: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

export type SortOrder = 'relevance' | 'newest' | 'salary' | 'distance';

export interface EngineQuery {
  text?: TextQuery;
  filters: Filter[];
  sort: SortOrder;
  /** Needed for distance sort and distanceKm on hits. */
  origin?: { lat: number; lon: number };
  from: number;
  size: number;
  /** Freshness boost for relevance: newer documents gain up to this factor of their score. */
  freshness?: { field: NumberField; now: number; halfLifeDays: number; weight: number };
  /** Relevance multipliers for documents holding keyword values (only with text); the factors of the boosts a document matches add up. */
  boosts?: ScoreBoost[];
  /** Field weights for this query (evaluation baselines); FIELD_WEIGHTS otherwise. */
  weights?: Record<TextField, number>;
  /** Counts per value over the filtered set, each ignoring its own facet's filters. */
  facets?: FacetRequest[];
  /** false when the caller does not need an exact total (candidate retrieval): engines may stop counting early. */
  countTotal?: boolean;
  /** Continue after the hit with these sort values (a cursor), instead of `from`. */
  searchAfter?: unknown[];
  /**
   * Candidate retrieval: hits may leave out the long free text of LEAN_OMITTED (read whole documents with `get`),
   * and equal scores need no tie-break, so engines may skip documents that cannot reach the top `size`.
   */
  candidates?: boolean;
  /** Hits carry `version`: an opaque token for `replaceIfUnchanged` (ES seq_no/primary_term, the embedded row version). */
  versioned?: boolean;
}

/** Free-text fields a candidate hit may leave out: nothing that ranks a match reads them, except a vacancy's
 *  description and requirements when it lists no skills (the matcher reads such vacancies whole). */
export const LEAN_OMITTED: Record<Kind, readonly string[]> = {
  vacancy: ['description', 'requirements', 'compliance'],
  resume: ['summary', 'experience.description'],
};

export interface EngineHit {
  id: string;
  score: number;
  source: Record<string, unknown>;
  distanceKm?: number;
  /** Sort values of this hit, opaque to callers: pass them back as `searchAfter`. */
  sort: unknown[];
  /** The source leaves out LEAN_OMITTED fields (a candidate hit); read the document whole when they matter. */
  partial?: true;
  /** With `EngineQuery.versioned`: the stored version of the document (opaque). */
  version?: string;
}

export interface EngineResult {
  total: number;
  hits: EngineHit[];
  facets?: Record<string, FacetCount[]>;
}

/**
 * Turns a stored document back into its analysed form: how a storage migration rebuilds an index when the
 * analysis or the layout changed (new fields, new dictionary), without the clients sending anything again.
 */
export type Reanalyse = (kind: Kind, source: Record<string, unknown>) => IndexDoc;

/** A conditional replacement: written only when the stored document still has `version` (never re-created). */
export interface VersionedDoc { doc: IndexDoc; version: string }
export type ConditionalResult = 'written' | 'changed' | 'gone';

/** Counts (and optionally a sum of a number field) per value of a keyword field over the documents matching terms filters. */
export type TermCounts = Map<string, { count: number; sum: number }>;

/** One aggregation of a batch (termCountsMany): `maxValues` bounds the distinct values expected (a hint; more are still counted). */
export interface TermCountSpec {
  kind: Kind;
  field: KeywordField;
  filters?: Array<{ field: KeywordField; values: string[] }>;
  sum?: NumberField;
  maxValues?: number;
}

export interface Engine {
  readonly name: 'embedded' | 'elasticsearch';
  /** Leases for background work that must run once (memory for embedded, an index for Elasticsearch). */
  readonly leases: LeaseStore;
  /**
   * Creates storage, or migrates it when its layout version is older: every stored document is re-analysed with
   * `reanalyse` into the new layout, and the old one is dropped only once the new one is complete. Idempotent.
   */
  init(reanalyse?: Reanalyse): Promise<void>;
  /** Throws when the engine cannot be reached or written. */
  checkReady(): Promise<void>;
  /** Durable and searchable when the promise resolves; one result per document, in order. */
  upsert(kind: Kind, docs: IndexDoc[]): Promise<WriteResult[]>;
  get(kind: Kind, id: string): Promise<Record<string, unknown> | null>;
  /** Several documents in one round trip, in the order of `ids` (null where absent). */
  getMany(kind: Kind, ids: readonly string[]): Promise<Array<Record<string, unknown> | null>>;
  delete(kind: Kind, id: string): Promise<boolean>;
  count(kind: Kind): Promise<number>;
  search(kind: Kind, query: EngineQuery): Promise<EngineResult>;
  /** Replaces each document only if unchanged since it was read with that version (a re-link never overwrites an edit nor re-creates a deleted document). */
  replaceIfUnchanged(kind: Kind, docs: VersionedDoc[]): Promise<ConditionalResult[]>;
  /** Every value of `field` with its document count (and the sum of `sum`), over documents matching terms filters: an aggregation, not a walk. */
  termCounts(kind: Kind, field: KeywordField, filters?: Array<{ field: KeywordField; values: string[] }>, sum?: NumberField): Promise<TermCounts>;
  /** Several termCounts in one round trip (an msearch on Elasticsearch), in the order of `specs`; `total` is the number of documents matching each spec's filters. */
  termCountsMany(specs: readonly TermCountSpec[]): Promise<Array<{ counts: TermCounts; total: number }>>;
  close(): Promise<void>;
}
