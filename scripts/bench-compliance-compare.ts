/**
 * A/B comparison of two rulebooks on the bench corpus, in one process, interleaved: for each rulebook the
 * minimum over rounds of one pass over the corpus (the minimum is robust to other processes on shared cores).
 *   npx tsx scripts/bench-compliance-compare.ts <rulebook dir A> [<rulebook dir B>] [--rounds 15]
 */
import { createScreener, DEFAULT_RULEBOOK_DIR, loadRulebook } from '../src/compliance/index.js';
import { corpus } from './bench-compliance.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const roundsArg = process.argv.indexOf('--rounds');
const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 15;
const dirs = [args[0] ?? DEFAULT_RULEBOOK_DIR, args[1] ?? DEFAULT_RULEBOOK_DIR];
const screeners = dirs.map((d) => createScreener(loadRulebook(d)));
const postings = corpus();
for (const s of screeners) for (let i = 0; i < 3; i++) for (const p of postings) s.check(p);
const best = screeners.map(() => Infinity);
const perCheck: number[][] = screeners.map(() => []);
for (let r = 0; r < rounds; r++) {
  // CPU time of this thread per pass (not wall time: other processes share the cores)
  const order = r % 2 ? [1, 0] : [0, 1];
  for (const k of order.slice(0, screeners.length)) {
    const s = screeners[k]!;
    const c0 = process.cpuUsage();
    for (const p of postings) {
      const t = performance.now();
      s.check(p);
      perCheck[k]!.push(performance.now() - t);
    }
    const c = process.cpuUsage(c0);
    best[k] = Math.min(best[k]!, (c.user + c.system) / 1000);
  }
}
screeners.forEach((_, k) => {
  const xs = perCheck[k]!.sort((a, b) => a - b);
  const med = xs[Math.floor(xs.length / 2)]!;
  console.log(`${dirs[k]}: best pass ${best[k]!.toFixed(1)} CPU-ms for ${postings.length} checks = ${Math.round((postings.length / best[k]!) * 1000)} checks/s; median check ${med.toFixed(3)} ms`);
});
if (screeners.length === 2) console.log(`B/A throughput ${(best[0]! / best[1]!).toFixed(3)}`);
