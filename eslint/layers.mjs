/**
 * The layers of src/, lowest first (docs/architecture.md explains them). A module may import from its own layer
 * and the layers below it, never from a layer above. `config.ts` and `paths.ts` sit below everything.
 * Used by the ESLint rule `layers/imports-point-down` (eslint.config.js) and by test/layers.test.ts.
 */
import { dirname, relative, resolve, sep } from 'node:path';

export const LAYERS = [
  ['config.ts', 'paths.ts'],
  ['domain'],
  ['engine'],
  ['state'],
  ['analysis'],
  ['compliance', 'occupations', 'demo', 'audit', 'keys'],
  ['indexing'],
  ['search'],
  ['catalog'],
  ['matching', 'suggest', 'stats'],
  ['policies', 'alerts'],
  ['http'],
  ['routes'],
  ['app.ts', 'main.ts'],
];

/**
 * Temporary, explicit exceptions: `from` may import `to` although `to` is higher. Each one names why and who
 * removes it. Empty since the write pipeline (src/catalog/pipeline.ts, issue 13 item 11) took linking out of
 * indexing; keep it that way.
 */
/** @type {Array<{ from: string; to: string }>} */
export const EXCEPTIONS = [];

const index = new Map(LAYERS.flatMap((names, level) => names.map((n) => [n, level])));

/** The layer of a file under src/ (its first path segment), or undefined outside src/. */
export function layerOf(srcRoot, file) {
  const rel = relative(srcRoot, file);
  if (rel.startsWith('..') || rel === '') return undefined;
  const first = rel.split(sep)[0];
  return index.get(first);
}

/**
 * Checks one import of `fromFile` (absolute) with specifier `spec`. Returns undefined when it points down (or
 * is a package), else a message.
 */
export function checkImport(srcRoot, fromFile, spec, root = resolve(srcRoot, '..')) {
  if (!spec.startsWith('.')) return undefined;
  const target = resolve(dirname(fromFile), spec).replace(/\.js$/, '.ts');
  const from = layerOf(srcRoot, fromFile);
  const to = layerOf(srcRoot, target);
  if (from === undefined || to === undefined || to <= from) return undefined;
  const relFrom = relative(root, fromFile).split(sep).join('/');
  const relTo = relative(root, target).split(sep).join('/');
  if (EXCEPTIONS.some((e) => e.from === relFrom && e.to === relTo)) return undefined;
  return `${relFrom} (layer ${LAYERS[from].join('/')}) imports ${relTo} from a higher layer (${LAYERS[to].join('/')}); imports point down: ${LAYERS.map((l) => l.join('/')).join(' → ')} (docs/architecture.md)`;
}
