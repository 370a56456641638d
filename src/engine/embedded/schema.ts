import type { Kind } from '../types.js';
import { NUMBER_FIELDS, TEXT_FIELDS } from '../types.js';

/** One table set per kind: documents with numeric columns, keyword postings, and an FTS5 index of pre-segmented text. */
export const tableNames = (kind: Kind) => ({ docs: `${kind}_docs`, kw: `${kind}_kw`, fts: `${kind}_fts` });

export const SCHEMA_VERSION = 3;

export function ddl(kind: Kind): string {
  const t = tableNames(kind);
  const numbers = NUMBER_FIELDS.map((f) => `${f} REAL`).join(', ');
  return `
CREATE TABLE IF NOT EXISTS ${t.docs} (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL,
  ${numbers},
  lat REAL, lon REAL
);
CREATE INDEX IF NOT EXISTS ${t.docs}_published ON ${t.docs}(publishedAt, id);
CREATE INDEX IF NOT EXISTS ${t.docs}_salary ON ${t.docs}(salaryMax, salaryMin);
CREATE INDEX IF NOT EXISTS ${t.docs}_geo ON ${t.docs}(lat, lon);
CREATE TABLE IF NOT EXISTS ${t.kw} (
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  doc INTEGER NOT NULL,
  PRIMARY KEY (field, value, doc)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ${t.kw}_doc ON ${t.kw}(doc);
CREATE VIRTUAL TABLE IF NOT EXISTS ${t.fts} USING fts5(
  ${TEXT_FIELDS.join(', ')},
  tokenize = "unicode61 remove_diacritics 0 tokenchars '+#.'"
);
`;
}
