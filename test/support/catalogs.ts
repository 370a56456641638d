import { readFileSync } from 'node:fs';

const SEED = JSON.parse(readFileSync(new URL('../../seed/catalog/catalog.json', import.meta.url), 'utf8')) as { version: string; entries: Array<{ id: string }> };

/**
 * The seed catalog as a new version whose every entry id carries `suffix`: a document linked with it is told
 * apart from one linked with the seed at a glance (every `catalogLinks[].entryId` ends with `-suffix`).
 */
export function renamedCatalog(version: string, suffix: string) {
  return { ...SEED, version, entries: SEED.entries.map((e) => ({ ...e, id: `${e.id}-${suffix}` })) };
}
