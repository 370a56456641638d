import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root (the directory holding package.json, seed/ and mappings/), found by walking up from this
 * module, so the same code finds its data when run from src/ (tsx) and from the compiled dist/ (node).
 */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'seed'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package root (package.json and seed/) not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot();

/** A path under the package root, e.g. `fromRoot('seed', 'synonyms.txt')`. */
export function fromRoot(...parts: string[]): string {
  return join(PACKAGE_ROOT, ...parts);
}

/** seed/… (catalog, dictionaries, rulebook, occupations, synonyms). A trailing '/' is kept for directories. */
export function seedPath(relative: string): string {
  return fromRoot('seed', relative) + (relative.endsWith('/') ? '/' : '');
}

/** mappings/<kind>.json: Elasticsearch index settings and mappings. */
export function mappingsPath(file: string): string {
  return fromRoot('mappings', file);
}
