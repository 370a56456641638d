/**
 * Scores the compliance screener: per-category precision / recall / F1, micro-F1 and the false-positive rate
 * on clean postings, for the dev split (tuned on) and the untouched test split (never tuned on), overall and
 * per set:
 *   - test/compliance/labelled.jsonl — team-written postings (`written`) and real postings from
 *     ../shared/data/jd labelled by policy (`jd`); test split = 30% of ids by hash (isHeldOut)
 *   - test/compliance/reported.jsonl — postings built from wording reported in court cases, news, NGO and
 *     regulator reports, plus clean hard negatives (scripts/build-compliance-set.ts); test split = 30% of the
 *     phrases / negative sentences by hash, stored in each row and fixed before any tuning
 *
 *   npx tsx scripts/eval-compliance.ts            # all splits and sets
 *   npx tsx scripts/eval-compliance.ts --errors   # also list dev-split mistakes (never test-split ones)
 *   npx tsx scripts/eval-compliance.ts --json     # machine-readable summary
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CATEGORIES, createScreener, DEFAULT_RULEBOOK_DIR, loadRulebook, type Category, type Posting } from '../src/compliance/index.js';

export interface LabelledPosting {
  id: string;
  source: string;
  fields: Posting;
  labels: Category[];
  /** reported.jsonl: the fixed split of the row */
  split?: 'dev' | 'test';
  how?: 'quoted' | 'described' | 'team';
}

export const LABELLED_PATH = fileURLToPath(new URL('../test/compliance/labelled.jsonl', import.meta.url));
export const REPORTED_PATH = fileURLToPath(new URL('../test/compliance/reported.jsonl', import.meta.url));

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

/** Both labelled files (labelled.jsonl, reported.jsonl). */
export function readAll(): LabelledPosting[] {
  return [...readLabelled(LABELLED_PATH), ...readLabelled(REPORTED_PATH)];
}

/** The untouched split: reported rows carry their split; labelled rows by id hash. */
export function isTest(x: LabelledPosting): boolean {
  return x.split ? x.split === 'test' : isHeldOut(x.id);
}

/** Which set a posting belongs to: written, jd (real postings labelled by policy) or reported. */
export function setOf(x: LabelledPosting): 'written' | 'jd' | 'reported' {
  if (x.source.startsWith('jd:')) return 'jd';
  if (x.source.startsWith('reported:') || x.source.startsWith('team:hard-negative')) return 'reported';
  return 'written';
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

function printSplit(name: string, s: SplitScore, brief = false): void {
  const pct = (x: number) => (x * 100).toFixed(1).padStart(6);
  console.log(`\n== ${name}: ${s.postings} postings, ${s.clean} clean ==`);
  if (!brief) {
    console.log('category                  support    P%     R%     F1%');
    for (const [c, k] of Object.entries(s.perCategory)) {
      const support = k.tp + k.fn;
      if (support === 0 && k.fp === 0) continue;
      console.log(`${c.padEnd(24)} ${String(support).padStart(8)} ${pct(k.precision)} ${pct(k.recall)} ${pct(k.f1)}  (fp ${k.fp})`);
    }
  }
  console.log(`micro                              ${pct(s.micro.precision)} ${pct(s.micro.recall)} ${pct(s.micro.f1)}`);
  console.log(`false-positive rate on clean postings: ${pct(s.cleanFalsePositiveRate)}%`);
}

export function evaluate(dir = DEFAULT_RULEBOOK_DIR) {
  const screener = createScreener(loadRulebook(dir));
  const predict = (p: Posting) =>
    new Set<string>(screener.findings(p).filter((f) => f.severity !== 'info').map((f) => f.category));
  const all = readAll();
  const dev = all.filter((x) => !isTest(x));
  const test = all.filter((x) => isTest(x));
  const sets: Record<string, { dev: SplitScore; test: SplitScore }> = {};
  for (const name of ['written', 'jd', 'reported'] as const) {
    sets[name] = {
      dev: score(dev.filter((x) => setOf(x) === name), predict),
      test: score(test.filter((x) => setOf(x) === name), predict),
    };
  }
  const quoted = all.filter((x) => x.how === 'quoted' || (x.how === 'team' && setOf(x) === 'reported'));
  return {
    dev: score(dev, predict),
    heldOut: score(test, predict),
    all: score(all, predict),
    sets,
    reportedQuotedTest: score(quoted.filter(isTest), predict),
    screener,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = evaluate();
  const { dev, heldOut, all, sets, screener } = r;
  if (process.argv.includes('--json')) {
    const brief = (s: SplitScore) => ({ postings: s.postings, clean: s.clean, ...s.micro, cleanFP: s.cleanFalsePositiveRate });
    console.log(JSON.stringify({
      rulebook: screener.rulebook.version,
      dev: brief(dev),
      test: brief(heldOut),
      sets: Object.fromEntries(Object.entries(sets).map(([k, v]) => [k, { dev: brief(v.dev), test: brief(v.test) }])),
    }, null, 2));
    process.exit(0);
  }
  console.log(`rulebook ${screener.rulebook.version}; targets: untouched micro-F1 >= 95% with clean FP <= 2%; reported wording F1 >= 90%, FP <= 3%; real jd F1 >= 97%, FP <= 1%`);
  printSplit('dev (all sets; tuned on)', dev);
  printSplit('test (all sets; untouched, never tuned on)', heldOut);
  for (const [name, v] of Object.entries(sets)) {
    const label = name === 'jd' ? 'jd (real postings from ../shared/data/jd, labelled by policy)' : name === 'reported' ? 'reported (wording from court/news/NGO/regulator reports + clean hard negatives)' : 'written (team-written)';
    printSplit(`${label}, dev`, v.dev, true);
    printSplit(`${label}, test (untouched)`, v.test, true);
  }
  printSplit('reported, test, quoted phrases only (+ hard negatives)', r.reportedQuotedTest, true);
  printSplit('all', all, true);
  if (process.argv.includes('--errors')) {
    const byId = new Map(readAll().map((x) => [x.id, x]));
    console.log('\n-- dev-split mistakes --');
    for (const e of dev.errors) {
      const text = JSON.stringify(byId.get(e.id)!.fields).slice(0, 200);
      console.log(`${e.id} expected [${e.expected}] predicted [${e.predicted}] ${text}`);
    }
  }
}
