/**
 * In-process throughput and latency of the compliance screener on ~500-character postings.
 * Standalone: npx tsx scripts/bench-compliance.ts   (target: >= 5,000 checks/s, p99 <= 1 ms)
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createScreener, DEFAULT_RULEBOOK_DIR, loadRulebook, type Posting } from '../src/compliance/index.js';

export interface ComplianceBench {
  checksPerSec: number;
  p50Ms: number;
  p99Ms: number;
  postings: number;
  meanChars: number;
}

/**
 * 500-character postings: the real postings of the labelled set (about half of them with findings, which
 * also pay for the rewrite and its re-check), cut or padded to 500 characters.
 */
function corpus(): Posting[] {
  const path = fileURLToPath(new URL('../test/compliance/labelled.jsonl', import.meta.url));
  const rows = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { source: string; fields: Posting });
  const texts = rows.map((r) => r.fields.description);
  const out: Posting[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (!rows[i]!.source.startsWith('jd:')) continue;
    let d = texts[i]!;
    for (let k = 1; d.length < 500; k++) d += texts[(i + k * 7) % texts.length];
    out.push({ description: d.slice(0, 500), salaryText: i % 2 ? '月薪5000-7000元' : '面议', district: '黄岛区' });
  }
  return out;
}

export function benchCompliance(durationMs = 2000): ComplianceBench {
  const screener = createScreener(loadRulebook(DEFAULT_RULEBOOK_DIR));
  const postings = corpus();
  for (let i = 0; i < 2000; i++) screener.check(postings[i % postings.length]!); // warm-up
  const samples: number[] = [];
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < durationMs) {
    const t0 = performance.now();
    screener.check(postings[n % postings.length]!);
    samples.push(performance.now() - t0);
    n++;
  }
  const elapsed = performance.now() - start;
  samples.sort((a, b) => a - b);
  const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!;
  return {
    checksPerSec: Math.round((n / elapsed) * 1000),
    p50Ms: Number(q(0.5).toFixed(3)),
    p99Ms: Number(q(0.99).toFixed(3)),
    postings: postings.length,
    meanChars: Math.round(postings.reduce((s, p) => s + p.description.length, 0) / postings.length),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = benchCompliance();
  console.log(JSON.stringify(r));
  console.log(`compliance check: ${r.checksPerSec} checks/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms (target >= 5000/s, p99 <= 1 ms)`);
}
