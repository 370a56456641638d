/**
 * Accuracy of occupation classification on the team's labelled titles:
 *   - test/occupations/titles.jsonl: titles the team wrote and labelled (some with real descriptions from ../shared/data/jd);
 *   - test/occupations/titles-noisy.jsonl: job-board style titles with the noise real boards carry (shop and company
 *     names, districts in brackets, pay, benefits, reference codes, recruiting words), written and labelled by the
 *     team before the everyday-title lexicon was written.
 *   - test/occupations/titles-real.jsonl: real job-board titles (51job, collected by a public MIT-licensed crawler
 *     repository, see README "Data"), deduplicated and labelled by the team with 2022 codes (null = no 细类 fits,
 *     the classifier should abstain; a 小类 label is hit by any 细类 under it). Its split was fixed before any result
 *     of the classifier on it was looked at.
 * Each set is split by a hash of each id: ~30 % held out (never looked at while tuning aliases, lexicon or weights;
 * only dev errors are ever printed), the rest is the dev split. 
 * Prints, per set and split: accuracy@1, accuracy@5, the share answered confidently (not `uncertain`) and the
 * accuracy@1 of the confident and of the uncertain answers; for the shipped taxonomy and, when OCCUPATIONS_FILE
 * (or ../shared/data/occupations/dadian2022_flattened.json) is there, for that file too.
 *   npx tsx scripts/eval-occupations.ts [--errors]
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createClassifier, type Classifier } from '../src/occupations/classifier.js';
import { loadTaxonomy } from '../src/occupations/taxonomy.js';

/**
 * `code` is a 细类, or a 中类/小类 (hit by any 细类 under it) where the title is too vague for a 细类, or null where
 * no 细类 fits (the classifier should abstain: no answer, or an uncertain one, counts as right).
 */
export interface LabelledTitle { id: string; title: string; description?: string; code: string | null; source?: string }

export const TITLES_FILE = fileURLToPath(new URL('../test/occupations/titles.jsonl', import.meta.url));
export const REAL_TITLES_FILE = fileURLToPath(new URL('../test/occupations/titles-real.jsonl', import.meta.url));
export const NOISY_TITLES_FILE = fileURLToPath(new URL('../test/occupations/titles-noisy.jsonl', import.meta.url));
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

export interface Accuracy {
  n: number; at1: number; at5: number;
  /** Share of titles whose top answer is confident (not uncertain), and accuracy@1 among those and the rest. */
  confidentShare: number; confidentAt1: number; uncertainAt1: number;
  errors: Array<{ t: LabelledTitle; got: string[] }>;
}

/** A 细类 label is hit by that code; a 中类/小类 label (fewer parts) by any 细类 under it. */
export function hits(label: string, code: string | undefined): boolean {
  return code !== undefined && (code === label || code.startsWith(label + '-'));
}

export function evaluate(classifier: Classifier, items: LabelledTitle[]): Accuracy {
  let at1 = 0, at5 = 0, confident = 0, confidentRight = 0, unsureRight = 0;
  const errors: Accuracy['errors'] = [];
  for (const t of items) {
    const matches = classifier.classify({ title: t.title, description: t.description });
    const got = matches.map((m) => m.code);
    const label = t.code;
    // A null label is right when the classifier abstains (no answer, or an uncertain one), at 1 and at 5 alike.
    const abstained = !matches[0] || matches[0].uncertain;
    const right = label === null ? abstained : hits(label, got[0]);
    if (right) at1++;
    if (label === null ? abstained : got.some((g) => hits(label, g))) at5++;
    if (matches[0] && !matches[0].uncertain) { confident++; if (right) confidentRight++; } else if (right) unsureRight++;
    if (!right) errors.push({ t, got });
  }
  const n = Math.max(1, items.length);
  return {
    n: items.length, at1: at1 / n, at5: at5 / n,
    confidentShare: confident / n, confidentAt1: confidentRight / Math.max(1, confident), uncertainAt1: unsureRight / Math.max(1, items.length - confident),
    errors,
  };
}

function main(): void {
  const all = [['team', readTitles(TITLES_FILE)], ['noisy', readTitles(NOISY_TITLES_FILE)], ['real', readTitles(REAL_TITLES_FILE)]] as const;
  // `--set real` (or team, noisy) evaluates one set only.
  const only = process.argv.includes('--set') ? process.argv[process.argv.indexOf('--set') + 1] : undefined;
  const sets = all.filter(([name]) => !only || name === only);
  const file = process.env.OCCUPATIONS_FILE ?? (existsSync(SHARED_TAXONOMY) ? SHARED_TAXONOMY : undefined);
  const showErrors = process.argv.includes('--errors');
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);
  for (const source of file ? [undefined, file] : [undefined]) {
    const c = createClassifier(loadTaxonomy(source));
    console.log(`taxonomy: ${c.source} (${c.size} 细类)`);
    for (const [set, titles] of sets) {
      for (const split of ['dev', 'held-out'] as const) {
        const items = titles.filter((t) => isHeldOut(t.id) === (split === 'held-out'));
        const a = evaluate(c, items);
        console.log(`  ${set.padEnd(5)} ${split.padEnd(8)} n=${String(a.n).padStart(4)}  acc@1 ${pct(a.at1)}  acc@5 ${pct(a.at5)}  confident ${pct(a.confidentShare)} (acc@1 ${pct(a.confidentAt1)}; uncertain ones ${pct(a.uncertainAt1)})`);
        // Only dev errors are shown: the held-out split stays unseen.
        if (showErrors && split === 'dev' && source === undefined) for (const e of a.errors) console.log(`    ${e.t.id} ${e.t.title} → want ${e.t.code ?? 'abstain'}, got ${e.got.slice(0, 3).join(' ')}`);
      }
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
