import nodejieba from 'nodejieba';
import { analyze } from '../../src/analysis/analyzer.js';
import { loadJdLines } from './jd-text.js';

/**
 * Raw nodejieba and the analyzer on the same real text, in chars/s (the best pass of each). The three are
 * interleaved round by round and the ratio is the median over the rounds of raw time / analyzer time in that
 * round, so that a slow moment of the machine falls on both sides of a ratio alike (issue 15: the analyzer
 * ≥ 0.9× raw nodejieba). Index and query mode run the same code: their two ratios show the noise.
 */
export function benchAnalyzer(rounds = 10) {
  const lines = loadJdLines();
  const chars = lines.reduce((n, l) => n + l.length, 0);
  analyze('warm up 集成电路', 'index');
  const fns = {
    raw: (s: string) => nodejieba.cut(s, true),
    index: (s: string) => analyze(s, 'index'),
    query: (s: string) => analyze(s, 'query'),
  };
  const best = { raw: 0, index: 0, query: 0 };
  const ratios = { index: [] as number[], query: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    const ms = { raw: 0, index: 0, query: 0 };
    for (const k of ['raw', 'index', 'query'] as const) {
      const t0 = performance.now();
      for (const l of lines) fns[k](l);
      ms[k] = performance.now() - t0;
      best[k] = Math.max(best[k], chars / (ms[k] / 1000));
    }
    ratios.index.push(ms.raw / ms.index);
    ratios.query.push(ms.raw / ms.query);
  }
  const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2; };
  return { postings: lines.length, chars, rounds, rawJiebaCharsPerSec: best.raw, analyzerIndexCharsPerSec: best.index, analyzerQueryCharsPerSec: best.query, indexRatio: median(ratios.index), queryRatio: median(ratios.query) };
}
