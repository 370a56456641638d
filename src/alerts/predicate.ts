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
  for (const t of q.exclude) if (v.words.has(t)) return false;
  let groups = 0;
  let any = false;
  for (const g of q.groups) {
    if (!g.length) continue;
    groups++;
    let ok = false;
    for (const a of g) if (alternativeMatches(v, a)) { ok = true; break; }
    if (q.mode === 'all' && !ok) return false;
    if (ok) any = true;
  }
  return groups === 0 || q.mode === 'all' || any;
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
 * A key is `<text part>|<filter part>`. A vacancy offers every pair of
 *  - a text part: `*`, `t:` each of its words, `g:` each of its grams, and
 *  - a filter part: `*`, or `<field>:<value>` for each of its keyword values,
 * so a subscription filed under (one required word, one required filter value) is found only by vacancies that
 * hold both: the candidates already pass the most selective filter, not just the query's word.
 */
export function vacancyKeys(v: DocView): string[] {
  const text = ['*'];
  for (const w of v.words) text.push(`t:${w}`);
  for (const g of v.grams.keys()) text.push(`g:${g}`);
  const filter = ['*'];
  for (const [f, values] of Object.entries(v.keywords)) if (f !== 'status') for (const x of values!) filter.push(`${f}:${x}`);
  const keys: string[] = [];
  for (const t of text) for (const f of filter) keys.push(`${t}|${f}`);
  return keys;
}

const altKey = (a: Alternative): string => {
  if ('term' in a) return `t:${a.term}`;
  if ('all' in a) return `t:${[...a.all].sort((x, y) => y.length - x.length)[0]}`;
  return `g:${a.phrase[0]}`;
};

/** Which keyword filter narrows the most, judged without statistics: more specific fields first, then fewer values. */
const FIELD_ORDER: KeywordField[] = ['employerId', 'occupation', 'tag', 'industry', 'catalog', 'skill', 'district', 'employmentType', 'education', 'compliance', 'salaryBand'];

/**
 * The keys a subscription is filed under: every vacancy it can match offers at least one of them, so the
 * candidates of a vacancy are the subscriptions filed under any of its keys (then each is tested exactly).
 * Text part: in mode `all` one required group (the one whose shortest key is longest: longer words are rarer),
 * each alternative's key; in mode `any` every alternative of every group; no text: `*`. Filter part: the values
 * of the most specific keyword filter (`terms`, `prefix`: occupation codes are indexed with every prefix); none: `*`.
 */
export function subscriptionKeys(p: Predicate): string[] {
  const groups = p.text?.groups.filter((g) => g.length) ?? [];
  let text: string[];
  if (groups.length && p.text!.mode === 'all') {
    const weight = (g: Alternative[]) => Math.min(...g.map((a) => altKey(a).length));
    const best = [...groups].sort((a, b) => weight(b) - weight(a))[0]!;
    text = [...new Set(best.map(altKey))];
  } else if (groups.length) text = [...new Set(groups.flat().map(altKey))];
  else text = ['*'];
  const terms = p.filters.filter((f): f is Filter & { kind: 'terms' | 'prefix'; field: KeywordField } => (f.kind === 'terms' || f.kind === 'prefix') && f.field !== 'status');
  terms.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field) || a.values.length - b.values.length);
  const f = terms[0];
  const filter = f ? [...new Set(f.values.map((x) => `${f.field}:${x}`))] : ['*'];
  return text.flatMap((t) => filter.map((x) => `${t}|${x}`));
}
