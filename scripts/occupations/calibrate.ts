/**
 * Fits the classifier's confidence calibration (CALIBRATION in src/occupations/classifier.ts): logistic regression
 * of "the top answer is right" on [1, logit(share), coverage], with a small L2 pull towards the uncalibrated map
 * (A 0, B 1, C 0). The team's dev splits alone are too easy to calibrate on (they were written with the lexicon), so
 * the data are: the DEV splits of the team's title sets (the held-out splits are never read here) plus titles the
 * classifier has not seen, made by 5-fold cross-validation over the everyday-title lexicon: each fold's titles are
 * classified by a classifier built without them (their label is their first code). Prints the fit and a reliability
 * table.
 *   npx tsx scripts/occupations/calibrate.ts
 */
import { createClassifier } from '../../src/occupations/classifier.js';
import { loadAliases, loadTaxonomy } from '../../src/occupations/taxonomy.js';
import { isHeldOut, NOISY_TITLES_FILE, readTitles, TITLES_FILE } from '../eval-occupations.js';

const taxonomy = loadTaxonomy();
const c = createClassifier(taxonomy);
const dev = [...readTitles(TITLES_FILE), ...readTitles(NOISY_TITLES_FILE)].filter((t) => !isHeldOut(t.id));
const logit = (p: number) => { const q = Math.max(1e-4, Math.min(1 - 1e-4, p)); return Math.log(q / (1 - q)); };
const rows: Array<{ x: [number, number, number]; y: number }> = [];
const add = (cl: typeof c, title: string, code: string, description?: string) => {
  const s = cl.signals({ title, description });
  const top = cl.classify({ title, description }, 1)[0];
  rows.push({ x: [1, s ? logit(s.share) : -5, s?.coverage ?? 0], y: top?.code === code ? 1 : 0 });
};
for (const t of dev) if (t.code !== null) add(c, t.title, t.code, t.description);
const aliases = loadAliases();
const words = [...aliases.keys()];
const fold = (w: string) => { let h = 7; for (const ch of w) h = (h * 31 + ch.charCodeAt(0)) >>> 0; return h % 5; };
for (let f = 0; f < 5; f++) {
  const cl = createClassifier(taxonomy, new Map([...aliases].filter(([w]) => fold(w) !== f)));
  // Every 4th word of the fold keeps the run short.
  words.filter((w) => fold(w) === f).filter((_, i) => i % 4 === 0).forEach((w) => add(cl, w, aliases.get(w)![0]!));
}
const prior = [0, 1, 0];
const lambda = 2;
const w = [...prior];
for (let it = 0; it < 5000; it++) {
  const g = [0, 0, 0];
  for (const r of rows) {
    const p = 1 / (1 + Math.exp(-(w[0]! * r.x[0] + w[1]! * r.x[1] + w[2]! * r.x[2])));
    for (let k = 0; k < 3; k++) g[k]! += (p - r.y) * r.x[k]!;
  }
  for (let k = 0; k < 3; k++) w[k] = w[k]! - 0.01 * (g[k]! + lambda * (w[k]! - prior[k]!)) / rows.length * 10;
}
console.log(`titles ${rows.length}, right ${rows.filter((r) => r.y).length}`);
console.log(`fit: A ${w[0]!.toFixed(2)}, B ${w[1]!.toFixed(2)}, C ${w[2]!.toFixed(2)}`);
const bins = [0, 0.3, 0.5, 0.7, 0.9, 1.01];
for (let b = 0; b + 1 < bins.length; b++) {
  const inBin = rows.map((r) => ({ r, p: 1 / (1 + Math.exp(-(w[0]! + w[1]! * r.x[1] + w[2]! * r.x[2]))) })).filter(({ p }) => p >= bins[b]! && p < bins[b + 1]!);
  const acc = inBin.filter(({ r }) => r.y).length / Math.max(1, inBin.length);
  console.log(`  p in [${bins[b]}, ${Math.min(1, bins[b + 1]!)}): n=${inBin.length} right ${(acc * 100).toFixed(0)}%`);
}
