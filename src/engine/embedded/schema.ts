import type { Kind } from '../types.js';
import { NUMBER_FIELDS, TEXT_FIELDS } from '../types.js';

/**
 * One table set per kind: documents with numeric columns, keyword postings, and an FTS5 index of pre-segmented
 * text. During a migration the old layout's tables carry its version as a suffix (vacancy_docs_v3 …).
 */
export const tableNames = (kind: Kind, version?: number) => {
  const v = version === undefined ? '' : `_v${version}`;
  return { docs: `${kind}_docs${v}`, kw: `${kind}_kw${v}`, fts: `${kind}_fts${v}` };
};

/**
 * Moves the current tables aside as the old layout's. When an interrupted migration already did, the old tables
 * are kept and the half-built new ones are dropped, so the migration starts over from complete data.
 */
export function migrationSql(kind: Kind, from: number, oldExists: boolean): string {
  const cur = tableNames(kind);
  const old = tableNames(kind, from);
  if (oldExists) return `DROP TABLE IF EXISTS ${cur.fts}; DROP TABLE IF EXISTS ${cur.kw}; DROP TABLE IF EXISTS ${cur.docs};`;
  return `ALTER TABLE ${cur.docs} RENAME TO ${old.docs}; ALTER TABLE ${cur.kw} RENAME TO ${old.kw}; ALTER TABLE ${cur.fts} RENAME TO ${old.fts};`;
}

/** 5: a row version per document (conditional re-link writes) and the gap report's link-time keyword fields; 6: negated requirements (无需销售经验) not indexed as words. */
export const SCHEMA_VERSION = 6;

export function ddl(kind: Kind): string {
  const t = tableNames(kind);
  const numbers = NUMBER_FIELDS.map((f) => `${f} REAL`).join(', ');
  return `
CREATE TABLE IF NOT EXISTS ${t.docs} (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
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
