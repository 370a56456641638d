import type { TermGroup } from '../types.js';
import { FIELD_WEIGHTS, TERM_FIELDS, TEXT_FIELDS } from '../types.js';
import type { Alternative, TextField } from '../types.js';
import type { tableNames } from './schema.js';

/** Pieces of SQL for the embedded store. Values are always bound, never spliced. */
const quote = (token: string) => `"${token.replace(/"/g, '""')}"`;
const TERM_COLUMNS = `{${TERM_FIELDS.join(' ')}}`;
/** A term is looked up in the word columns; a phrase as consecutive character grams in the grams column. */
const alternative = (a: Alternative): string => {
  if ('term' in a) return `${TERM_COLUMNS} : ${quote(a.term)}`;
  if ('all' in a) return `(${a.all.map((t) => `${TERM_COLUMNS} : ${quote(t)}`).join(' AND ')})`;
  return `grams : "${a.phrase.map((t) => t.replace(/"/g, '""')).join(' ')}"`;
};

/** FTS5 MATCH expression: groups of alternatives, joined by AND (or OR), minus excluded tokens. */
export function matchExpression(groups: TermGroup[], mode: 'all' | 'any', exclude: string[]): string | undefined {
  const parts = groups.filter((g) => g.length).map((g) => `(${g.map(alternative).join(' OR ')})`);
  if (!parts.length) return undefined;
  let expr = parts.join(mode === 'all' ? ' AND ' : ' OR ');
  if (exclude.length) expr = `(${expr}) NOT (${TERM_COLUMNS} : (${exclude.map(quote).join(' OR ')}))`;
  return expr;
}

export const bm25Weights = (w: Record<TextField, number> = FIELD_WEIGHTS) => TEXT_FIELDS.map((f) => Number(w[f])).join(', ');
