import type { Filter, TermGroup } from '../types.js';
import { FIELD_WEIGHTS, TERM_FIELDS, TEXT_FIELDS } from '../types.js';
import type { Alternative, TextField } from '../types.js';
import type { tableNames } from './schema.js';

/** Pieces of SQL for the embedded store. Values are always bound, never spliced. */
const quote = (token: string) => `"${token.replace(/"/g, '""')}"`;
const TERM_COLUMNS = `{${TERM_FIELDS.join(' ')}}`;
/** A term is looked up in the word columns; a phrase as consecutive character grams in the grams column. */
const alternative = (a: Alternative) =>
  'term' in a ? `${TERM_COLUMNS} : ${quote(a.term)}` : `grams : "${a.phrase.map((t) => t.replace(/"/g, '""')).join(' ')}"`;

/** FTS5 MATCH expression: groups of alternatives, joined by AND (or OR), minus excluded tokens. */
export function matchExpression(groups: TermGroup[], mode: 'all' | 'any', exclude: string[]): string | undefined {
  const parts = groups.filter((g) => g.length).map((g) => `(${g.map(alternative).join(' OR ')})`);
  if (!parts.length) return undefined;
  let expr = parts.join(mode === 'all' ? ' AND ' : ' OR ');
  if (exclude.length) expr = `(${expr}) NOT (${TERM_COLUMNS} : (${exclude.map(quote).join(' OR ')}))`;
  return expr;
}

export const bm25Weights = (w: Record<TextField, number> = FIELD_WEIGHTS) => TEXT_FIELDS.map((f) => Number(w[f])).join(', ');

/** Bounding box of a circle, for an index-assisted pre-filter before the exact distance test. */
export function boundingBox(lat: number, lon: number, km: number) {
  const dLat = km / 111.32;
  const dLon = km / (111.32 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
  return { minLat: lat - dLat, maxLat: lat + dLat, minLon: lon - dLon, maxLon: lon + dLon };
}

export function filterSql(f: Filter, t: ReturnType<typeof tableNames>, params: unknown[]): string {
  switch (f.kind) {
    case 'terms':
    case 'prefix': {
      if (!f.values.length) return '1';
      // Prefix filters use indexed prefixes (occupation codes), so both are exact term lookups.
      params.push(f.field, ...f.values);
      return `d.rowid IN (SELECT doc FROM ${t.kw} WHERE field = ? AND value IN (${f.values.map(() => '?').join(',')}))`;
    }
    case 'range': {
      const c: string[] = [];
      if (f.gte !== undefined) { c.push(`d.${f.field} >= ?`); params.push(f.gte); }
      if (f.lte !== undefined) { c.push(`d.${f.field} <= ?`); params.push(f.lte); }
      return c.length ? `(${c.join(' AND ')})` : '1';
    }
    case 'geo': {
      const b = boundingBox(f.lat, f.lon, f.radiusKm);
      params.push(b.minLat, b.maxLat, b.minLon, b.maxLon, f.lat, f.lon, f.radiusKm);
      return `(d.lat BETWEEN ? AND ? AND d.lon BETWEEN ? AND ? AND distance_km(d.lat, d.lon, ?, ?) <= ?)`;
    }
  }
}
