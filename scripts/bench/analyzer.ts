import nodejieba from 'nodejieba';
import { analyze } from '../../src/analysis/analyzer.js';
import { loadJdLines } from './jd-text.js';

/** Best of several passes over the same real text, in chars/s. */
function throughput(lines: string[], chars: number, fn: (s: string) => unknown, passes = 3): number {
  let best = 0;
  for (let p = 0; p < passes; p++) {
    const t0 = performance.now();
    for (const l of lines) fn(l);
    best = Math.max(best, chars / ((performance.now() - t0) / 1000));
  }
  return best;
}

export function benchAnalyzer() {
  const lines = loadJdLines();
  const chars = lines.reduce((n, l) => n + l.length, 0);
  analyze('warm up 集成电路', 'index');
  const raw = throughput(lines, chars, (s) => nodejieba.cut(s, true));
  const index = throughput(lines, chars, (s) => analyze(s, 'index'));
  const query = throughput(lines, chars, (s) => analyze(s, 'query'));
  return { postings: lines.length, chars, rawJiebaCharsPerSec: raw, analyzerIndexCharsPerSec: index, analyzerQueryCharsPerSec: query, indexRatio: index / raw, queryRatio: query / raw };
}
