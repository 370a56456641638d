/**
 * Scores the compliance screener on the labelled set (test/compliance/labelled.jsonl):
 * per-category precision / recall / F1, micro-F1 and the false-positive rate on clean postings,
 * for the dev split and the held-out split (30% of ids by hash, never used for tuning).
 *
 *   npx tsx scripts/eval-compliance.ts            # both splits
 *   npx tsx scripts/eval-compliance.ts --errors   # also list dev-split mistakes (never held-out ones)
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CATEGORIES, createScreener, DEFAULT_RULEBOOK_DIR, loadRulebook, type Category, type Posting } from '../src/compliance/index.js';

export interface LabelledPosting {
  id: string;
  source: string;
  fields: Posting;
  labels: Category[];
}

export const LABELLED_PATH = fileURLToPath(new URL('../test/compliance/labelled.jsonl', import.meta.url));

/** FNV-1a 32-bit; ids with hash % 100 < 30 form the held-out split. */
export function isHeldOut(id: string): boolean {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 100 < 30;
}

export function readLabelled(path = LABELLED_PATH): LabelledPosting[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LabelledPosting);
}

export interface SplitScore {
  postings: number;
  clean: number;
  perCategory: Record<string, { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }>;
  micro: { precision: number; recall: number; f1: number };
  cleanFalsePositiveRate: number;
  errors: { id: string; expected: string[]; predicted: string[] }[];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

export function score(items: LabelledPosting[], predict: (p: Posting) => Set<string>): SplitScore {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>(CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]));
  let clean = 0;
  let cleanFp = 0;
  const errors: SplitScore['errors'] = [];
  for (const item of items) {
    const predicted = predict(item.fields);
    const expected = new Set<string>(item.labels);
    for (const c of CATEGORIES) {
      const k = counts.get(c)!;
      if (predicted.has(c) && expected.has(c)) k.tp++;
      else if (predicted.has(c)) k.fp++;
      else if (expected.has(c)) k.fn++;
    }
    if (expected.size === 0) {
      clean++;
      if (predicted.size > 0) cleanFp++;
    }
    const same = predicted.size === expected.size && [...predicted].every((c) => expected.has(c));
    if (!same) errors.push({ id: item.id, expected: [...expected], predicted: [...predicted] });
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const perCategory: SplitScore['perCategory'] = {};
  for (const [c, k] of counts) {
    tp += k.tp;
    fp += k.fp;
    fn += k.fn;
    const p = ratio(k.tp, k.tp + k.fp);
    const r = ratio(k.tp, k.tp + k.fn);
    perCategory[c] = { ...k, precision: p, recall: r, f1: f1(p, r) };
  }
  const p = ratio(tp, tp + fp);
  const r = ratio(tp, tp + fn);
  return {
    postings: items.length,
    clean,
    perCategory,
    micro: { precision: p, recall: r, f1: f1(p, r) },
    cleanFalsePositiveRate: ratio(cleanFp, clean === 0 ? 1 : clean) * (clean === 0 ? 0 : 1),
    errors,
  };
}

function printSplit(name: string, s: SplitScore): void {
  const pct = (x: number) => (x * 100).toFixed(1).padStart(6);
  console.log(`\n== ${name}: ${s.postings} postings, ${s.clean} clean ==`);
  console.log('category                  support    P%     R%     F1%');
  for (const [c, k] of Object.entries(s.perCategory)) {
    const support = k.tp + k.fn;
    if (support === 0 && k.fp === 0) continue;
    console.log(`${c.padEnd(24)} ${String(support).padStart(8)} ${pct(k.precision)} ${pct(k.recall)} ${pct(k.f1)}  (fp ${k.fp})`);
  }
  console.log(`micro                              ${pct(s.micro.precision)} ${pct(s.micro.recall)} ${pct(s.micro.f1)}`);
  console.log(`false-positive rate on clean postings: ${pct(s.cleanFalsePositiveRate)}%`);
}

export function evaluate(dir = DEFAULT_RULEBOOK_DIR) {
  const screener = createScreener(loadRulebook(dir));
  const predict = (p: Posting) =>
    new Set<string>(screener.findings(p).filter((f) => f.severity !== 'info').map((f) => f.category));
  const all = readLabelled();
  const dev = all.filter((x) => !isHeldOut(x.id));
  const heldOut = all.filter((x) => isHeldOut(x.id));
  return { dev: score(dev, predict), heldOut: score(heldOut, predict), all: score(all, predict), screener };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { dev, heldOut, all, screener } = evaluate();
  console.log(`rulebook ${screener.rulebook.version}; targets: micro-F1 >= 95%, clean FP <= 2%`);
  printSplit('dev (70%)', dev);
  printSplit('held-out (30%, not used for tuning)', heldOut);
  printSplit('all', all);
  if (process.argv.includes('--errors')) {
    const byId = new Map(readLabelled().map((x) => [x.id, x]));
    console.log('\n-- dev-split mistakes --');
    for (const e of dev.errors) {
      const text = JSON.stringify(byId.get(e.id)!.fields).slice(0, 160);
      console.log(`${e.id} expected [${e.expected}] predicted [${e.predicted}] ${text}`);
    }
  }
}
