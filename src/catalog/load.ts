import { readFileSync } from 'node:fs';
import { catalogSchema, type Catalog } from './schema.js';
import { seedPath } from '../paths.js';

/** The catalog the team publishes with the product. */
export const SEED_CATALOG_FILE = seedPath('catalog/catalog.json');

/** Reads and validates a catalog file (the seed by default); throws with the first problems when invalid. */
export function loadCatalog(file: string = SEED_CATALOG_FILE): Catalog {
  const parsed = catalogSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid catalog ${file}: ${issues}`);
  }
  return parsed.data;
}

let seed: Catalog | undefined;
/** The seed catalog, read once per process. */
export function seedCatalog(): Catalog {
  return (seed ??= loadCatalog());
}
