/**
 * Proof that a change to the screener's machinery leaves its answers byte-identical: writes one line per
 * posting (the full `check()` result as JSON) over the labelled and reported eval sets, the bench corpus and
 * every real posting in ../shared/data/jd (one per line), then a SHA-256 per set.
 *
 *   npx tsx scripts/bench-compliance-golden.ts /tmp/before.jsonl   # on the old commit
 *   npx tsx scripts/bench-compliance-golden.ts /tmp/after.jsonl    # on the new one
 *   cmp /tmp/before.jsonl /tmp/after.jsonl
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createScreener, DEFAULT_RULEBOOK_DIR, loadRulebook, type Posting } from '../src/compliance/index.js';
import { corpus } from './bench-compliance.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const jsonl = (path: string): Posting[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { fields: Posting }).fields);

export function goldenSets(): Record<string, Posting[]> {
  const sets: Record<string, Posting[]> = {
    labelled: jsonl(here('../test/compliance/labelled.jsonl')),
    reported: jsonl(here('../test/compliance/reported.jsonl')),
    bench: corpus(),
  };
  const jdDir = process.env.SHARED_DIR ? `${process.env.SHARED_DIR}/data/jd` : here('../../shared/data/jd');
  for (const f of ['jd_algorithm.txt', 'jd_hardware.txt', 'jd_program.txt', 'jd_software.txt']) {
    const p = `${jdDir}/${f}`;
    if (!existsSync(p)) continue;
    sets[f] = readFileSync(p, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((description, i) => ({ description, salaryText: i % 2 ? '月薪5000-7000元' : '面议', district: '黄岛区' }));
  }
  return sets;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2] ?? '/tmp/compliance-golden.jsonl';
  const screener = createScreener(loadRulebook(DEFAULT_RULEBOOK_DIR));
  const lines: string[] = [];
  for (const [name, postings] of Object.entries(goldenSets())) {
    const h = createHash('sha256');
    for (const p of postings) {
      const line = JSON.stringify(screener.check(p));
      h.update(line + '\n');
      lines.push(`${name}\t${line}`);
    }
    console.log(`${name}: ${postings.length} postings, sha256 ${h.digest('hex').slice(0, 16)}`);
  }
  writeFileSync(out, lines.join('\n') + '\n');
  console.log(`wrote ${out}`);
}
