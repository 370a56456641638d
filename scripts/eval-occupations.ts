/**
 * Accuracy of occupation classification on the team's labelled titles (test/occupations/titles.jsonl).
 * The set is split by a hash of each id: ~30 % held out (never looked at while tuning aliases or weights),
 * the rest is the dev split. Prints accuracy@1 and accuracy@5 for both, for the full taxonomy when
 * OCCUPATIONS_FILE (or ../shared/data/occupations/dadian2022_flattened.json) is there, and for the built-in list.
 *   npx tsx scripts/eval-occupations.ts [--errors]
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createClassifier, type Classifier } from '../src/occupations/classifier.js';
import { loadTaxonomy } from '../src/occupations/taxonomy.js';

export interface LabelledTitle { id: string; title: string; description?: string; code: string }

export const TITLES_FILE = fileURLToPath(new URL('../test/occupations/titles.jsonl', import.meta.url));
export const SHARED_TAXONOMY = fileURLToPath(new URL('../../shared/data/occupations/dadian2022_flattened.json', import.meta.url));

export function readTitles(file = TITLES_FILE): LabelledTitle[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as LabelledTitle);
}

/** FNV-1a of the id; ids whose hash mod 10 is below 3 are held out. */
export function isHeldOut(id: string): boolean {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) { h ^= id.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return h % 10 < 3;
}

export interface Accuracy { n: number; at1: number; at5: number; errors: Array<{ t: LabelledTitle; got: string[] }> }

export function evaluate(classifier: Classifier, items: LabelledTitle[]): Accuracy {
  let at1 = 0, at5 = 0;
  const errors: Accuracy['errors'] = [];
  for (const t of items) {
    const got = classifier.classify({ title: t.title, description: t.description }).map((m) => m.code);
    if (got[0] === t.code) at1++;
    if (got.includes(t.code)) at5++;
    else errors.push({ t, got });
    if (got[0] !== t.code && got.includes(t.code)) errors.push({ t, got });
  }
  return { n: items.length, at1: at1 / Math.max(1, items.length), at5: at5 / Math.max(1, items.length), errors };
}

function main(): void {
  const titles = readTitles();
  const dev = titles.filter((t) => !isHeldOut(t.id));
  const held = titles.filter((t) => isHeldOut(t.id));
  const file = process.env.OCCUPATIONS_FILE ?? (existsSync(SHARED_TAXONOMY) ? SHARED_TAXONOMY : undefined);
  const showErrors = process.argv.includes('--errors');
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  for (const source of file ? [file, undefined] : [undefined]) {
    const c = createClassifier(loadTaxonomy(source));
    console.log(`taxonomy: ${c.source} (${c.size} 细类)`);
    for (const [name, items] of [['dev', dev], ['held-out', held]] as const) {
      const a = evaluate(c, items);
      console.log(`  ${name.padEnd(8)} n=${String(a.n).padStart(3)}  accuracy@1 ${pct(a.at1)}  accuracy@5 ${pct(a.at5)}`);
      if (showErrors && name === 'dev') for (const e of a.errors) console.log(`    ${e.t.id} ${e.t.title} → want ${e.t.code}, got ${e.got.slice(0, 3).join(' ')}`);
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
