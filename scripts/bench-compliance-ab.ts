/**
 * A/B of two screener implementations on the bench corpus, in one process, interleaved, best pass of CPU
 * time (robust when other processes share the cores). B is this tree; A is another tree's src/compliance,
 * e.g. main's:  mkdir -p .old && git archive main src | tar -x -C .old
 *   npx tsx scripts/bench-compliance-ab.ts .old [--rounds 20]
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as B from '../src/compliance/index.js';
import { corpus } from './bench-compliance.js';

const dir = process.argv.slice(2).find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? '.old';
const roundsArg = process.argv.indexOf('--rounds');
const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 20;
const A = (await import(pathToFileURL(resolve(dir, 'src/compliance/index.ts')).href)) as typeof B;
const postings = corpus();
const screeners = [A.createScreener(A.loadRulebook(A.DEFAULT_RULEBOOK_DIR)), B.createScreener(B.loadRulebook(B.DEFAULT_RULEBOOK_DIR))];
for (const s of screeners) for (let i = 0; i < 3; i++) for (const p of postings) s.check(p);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const best = [Infinity, Infinity];
for (let r = 0; r < rounds; r++)
  for (const k of r % 2 ? [1, 0] : [0, 1]) {
    const t = cpuMs();
    for (const p of postings) screeners[k]!.check(p);
    best[k] = Math.min(best[k]!, cpuMs() - t);
  }
const us = best.map((b) => (b * 1000) / postings.length);
console.log(
  `best-pass CPU per check: A (${dir}) ${us[0]!.toFixed(1)} µs = ${Math.round(1e6 / us[0]!)} checks/CPU-s; ` +
    `B (this tree) ${us[1]!.toFixed(1)} µs = ${Math.round(1e6 / us[1]!)} checks/CPU-s; B/A ${(us[0]! / us[1]!).toFixed(2)}×`,
);
