import { haversineKm } from '../engine/geo.js';
import { KEYWORD_FIELDS, TERM_FIELDS, type Alternative, type Filter, type IndexDoc, type KeywordField, type TextQuery } from '../engine/types.js';

/**
 * Matching one analysed vacancy against a subscription, without the engine: the same predicate the engines'
 * search applies (src/engine/embedded/query.ts, src/engine/elasticsearch/query.ts), on the analysed fields.
 *  - a term occurs among the tokens of the word fields (title, body, skills, titleParts, parts);
 *  - `all` needs each of its terms there; a phrase is consecutive character grams of the `grams` field;
 *  - mode `all` needs every group, `any` at least one; an excluded token must not occur in the word fields;
 *  - terms/prefix filters: the keyword field holds one of the values (occupation codes are indexed with every
 *    prefix, so a prefix filter is a term filter); range: the number is present and inside; geo: within the arc
 *    distance.
 * Relevance plays no part (a subscription has no ranking): a vacancy matches or it does not.
 */
export interface Predicate {
  text?: TextQuery;
  filters: Filter[];
}

/** The tokens of an analysed document, computed once per vacancy and shared by every candidate's test. */
export interface DocView {
  doc: IndexDoc;
  words: Set<string>;
  /** gram → its positions in the grams field. */
  grams: Map<string, number[]>;
  keywords: Partial<Record<KeywordField, Set<string>>>;
}

export function docView(doc: IndexDoc): DocView {
  const words = new Set<string>();
  for (const f of TERM_FIELDS) for (const t of doc.text[f].split(' ')) if (t) words.add(t);
  const grams = new Map<string, number[]>();
  doc.text.grams.split(' ').filter(Boolean).forEach((g, i) => {
    const at = grams.get(g);
    if (at) at.push(i);
    else grams.set(g, [i]);
  });
  const keywords: DocView['keywords'] = {};
  for (const f of KEYWORD_FIELDS) if (doc.keywords[f]?.length) keywords[f] = new Set(doc.keywords[f]);
  return { doc, words, grams, keywords };
}

function phraseAt(v: DocView, phrase: readonly string[]): boolean {
  if (!phrase.length) return false;
  const starts = v.grams.get(phrase[0]!);
  if (!starts) return false;
  const rest = phrase.slice(1).map((g) => v.grams.get(g));
  if (rest.some((r) => !r)) return false;
  return starts.some((s) => rest.every((positions, i) => positions!.includes(s + i + 1)));
}

function alternativeMatches(v: DocView, a: Alternative): boolean {
  if ('term' in a) return v.words.has(a.term);
  if ('all' in a) return a.all.every((t) => v.words.has(t));
  return phraseAt(v, a.phrase);
}

export function textMatches(v: DocView, q: TextQuery): boolean {
  const groups = q.groups.filter((g) => g.length);
  if (q.exclude.some((t) => v.words.has(t))) return false;
  if (!groups.length) return true;
  const ok = (g: Alternative[]) => g.some((a) => alternativeMatches(v, a));
  return q.mode === 'all' ? groups.every(ok) : groups.some(ok);
}

export function filterMatches(v: DocView, f: Filter): boolean {
  switch (f.kind) {
    case 'terms':
    case 'prefix': {
      const have = v.keywords[f.field];
      return !!have && f.values.some((x) => have.has(x));
    }
    case 'range': {
      const n = v.doc.numbers[f.field];
      if (n === null || n === undefined || Number.isNaN(n)) return false;
      return (f.gte === undefined || n >= f.gte) && (f.lte === undefined || n <= f.lte);
    }
    case 'geo':
      return !!v.doc.geo && haversineKm(v.doc.geo.lat, v.doc.geo.lon, f.lat, f.lon) <= f.radiusKm;
  }
}

export function predicateMatches(v: DocView, p: Predicate): boolean {
  for (const f of p.filters) if (!filterMatches(v, f)) return false;
  return p.text ? textMatches(v, p.text) : true;
}

// --- the index of subscriptions: blocking keys ---

/**
 * The keys a vacancy offers to the subscription index: `t:` each word, `g:` each gram, `<field>:` each keyword
 * value, and `*` (what a subscription without any required word or value is filed under).
 */
export function vacancyKeys(v: DocView): string[] {
  const keys = ['*'];
  for (const w of v.words) keys.push(`t:${w}`);
  for (const g of v.grams.keys()) keys.push(`g:${g}`);
  for (const [f, values] of Object.entries(v.keywords)) for (const x of values!) keys.push(`${f}:${x}`);
  return keys;
}

const altKey = (a: Alternative): string => {
  if ('term' in a) return `t:${a.term}`;
  if ('all' in a) return `t:${[...a.all].sort((x, y) => y.length - x.length)[0]}`;
  return `g:${a.phrase[0]}`;
};

/** Which keyword filter narrows the most, judged without statistics: fewer values, more specific fields first. */
const FIELD_ORDER: KeywordField[] = ['employerId', 'occupation', 'tag', 'industry', 'catalog', 'skill', 'district', 'employmentType', 'education', 'compliance', 'salaryBand'];

/**
 * The keys a subscription is filed under: every vacancy it can match holds at least one of them, so the
 * candidates of a vacancy are the subscriptions filed under any of its keys (then each is tested exactly).
 *  - text in mode `all`: one required group (the one whose shortest alternative is longest: longer words are
 *    rarer), each alternative's key;
 *  - text in mode `any`: every alternative of every group;
 *  - no text: the most specific keyword filter's values; none at all: `*`.
 */
export function subscriptionKeys(p: Predicate): string[] {
  const groups = p.text?.groups.filter((g) => g.length) ?? [];
  if (groups.length && p.text!.mode === 'all') {
    const weight = (g: Alternative[]) => Math.min(...g.map((a) => altKey(a).length));
    const best = [...groups].sort((a, b) => weight(b) - weight(a))[0]!;
    return [...new Set(best.map(altKey))];
  }
  if (groups.length) return [...new Set(groups.flat().map(altKey))];
  const terms = p.filters.filter((f): f is Filter & { kind: 'terms' | 'prefix'; field: KeywordField } => (f.kind === 'terms' || f.kind === 'prefix') && f.field !== 'status');
  terms.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field) || a.values.length - b.values.length);
  const f = terms[0];
  return f ? [...new Set(f.values.map((x) => `${f.field}:${x}`))] : ['*'];
}
