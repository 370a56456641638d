/**
 * npm run fuzz [-- --cases 5000 --seed 1 --socket-share 0.05 --docs 300 --out bench/fuzz.json --elasticsearch URL]
 *
 * Builds the app in-process (embedded engine, demo data in a temporary DATA_DIR, a key for every role), reads
 * /openapi.json and sends generated valid and invalid requests to every operation — app.inject, plus a share
 * over a real socket. Checks: no 5xx; every 4xx an RFC 9457 problem document (a named field on 400s); 2xx
 * bodies valid against the documented response schema, accepted bodies valid against the request schema; every
 * status documented for its operation; NUL, invalid UTF-8, malformed JSON and over-limit bodies refused.
 * Exits 1 on any 5xx or violation.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { runFuzz, type FuzzReport } from './fuzz/run.js';
import { buildFuzzApp } from './fuzz/setup.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '5000' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    'socket-share': { type: 'string', default: '0.05' },
    docs: { type: 'string', default: '300' },
    out: { type: 'string', default: 'bench/fuzz.json' },
    elasticsearch: { type: 'string' },
  },
});

const cases = Number(values.cases);
const seed = Number(values.seed);
const docs = Number(values.docs);
if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(seed) || !Number.isInteger(docs) || docs < 1) {
  console.error('usage: npm run fuzz -- [--cases N] [--seed N] [--socket-share 0..1] [--docs N] [--out file] [--elasticsearch URL]');
  process.exit(2);
}

function print(r: FuzzReport): void {
  const rows = Object.entries(r.routes).sort(([a], [b]) => a.localeCompare(b));
  const w = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n${'route'.padEnd(w)}  cases  valid  statuses`);
  for (const [route, s] of rows) {
    const statuses = Object.entries(s.statuses).sort(([a], [b]) => Number(a) - Number(b)).map(([k, v]) => `${k}×${v}`).join(' ');
    console.log(`${route.padEnd(w)}  ${String(s.cases).padStart(5)}  ${String(s.valid).padStart(5)}  ${statuses}`);
  }
  console.log(`\nvariants: ${Object.entries(r.variants).sort(([, a], [, b]) => b - a).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const undocumented = Object.entries(r.undocumented).sort(([a], [b]) => a.localeCompare(b));
  if (undocumented.length) console.log(`\nstatuses not in the document: ${undocumented.map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  for (const e of r.examples) {
    console.log(`\n[${e.kind}] ${e.route} → ${e.status} (${e.variant})\n  ${e.request}\n  ${e.message}${e.error ? `\n  ${e.error.replace(/\n/g, '\n  ')}` : ''}`);
  }
  const v = r.violations;
  console.log(`\nseed ${r.seed}: ${r.cases} cases (${r.injected} injected, ${r.overSocket} over a socket, ${r.unsendable} unsendable skipped) in ${(r.durationMs / 1000).toFixed(1)} s`);
  console.log(`5xx: ${r.fiveXx}   problem-document violations: ${v.problem}   schema mismatches: ${v.schema}   invalid input accepted: ${v.accepted}   undocumented statuses: ${v.undocumented}   transport errors: ${v.transport}`);
}

console.error(`fuzz: seed ${seed}, ${cases} cases, ${docs} vacancies and ${docs} resumes on ${values.elasticsearch ? `Elasticsearch at ${values.elasticsearch}` : 'the embedded engine'}`);
const fa = await buildFuzzApp({ vacancies: docs, resumes: docs }, values.elasticsearch ? { elasticsearchUrl: values.elasticsearch } : {});
let report: FuzzReport;
try {
  report = await runFuzz(fa, { cases, seed, socketShare: Number(values['socket-share']), log: (l) => console.error(l) });
} finally {
  await fa.close();
}
print(report);
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, `${JSON.stringify({ at: new Date().toISOString(), ...report }, null, 2)}\n`);
console.log(`written to ${values.out}`);
const failed = report.fiveXx + report.violations.problem + report.violations.schema + report.violations.accepted + report.violations.undocumented + report.violations.transport;
process.exit(failed ? 1 : 0);
