import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Kind } from '../types.js';

export interface IndexDefinition {
  version: number;
  settings: Record<string, unknown>;
  mappings: Record<string, unknown>;
}

/** Index settings and mappings live as JSON in mappings/, one file per kind. */
export function loadIndexDefinition(kind: Kind): IndexDefinition {
  const file = fileURLToPath(new URL(`../../../mappings/${kind}.json`, import.meta.url));
  return JSON.parse(readFileSync(file, 'utf8')) as IndexDefinition;
}

/** The alias clients use, and the versioned index behind it: a mapping change is a reindex, not an outage. */
export function indexNames(prefix: string, kind: Kind, version: number) {
  const alias = `${prefix}-${kind}`;
  return { alias, index: `${alias}-v${version}` };
}
