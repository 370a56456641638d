import { analyze } from '../analysis/analyzer.js';
import type { TextQuery } from '../engine/types.js';

/**
 * Parses a user query: `"quoted words"` are phrases, `-word` excludes, the rest is analysed
 * with the query-mode analyzer into required terms.
 */
export function parseTextQuery(q: string): TextQuery | undefined {
  const groups: string[][][] = [];
  const exclude: string[] = [];
  let rest = q.replace(/["“”]([^"“”]+)["“”]/g, (_, phrase: string) => {
    const tokens = analyze(phrase, 'query');
    if (tokens.length) groups.push([tokens]);
    return ' ';
  });
  rest = rest.replace(/(^|\s)[-－]\s*(\S+)/g, (_, lead: string, word: string) => {
    exclude.push(...analyze(word, 'query'));
    return lead;
  });
  for (const token of analyze(rest, 'query')) groups.push([[token]]);
  if (!groups.length && !exclude.length) return undefined;
  return { groups, mode: 'all', exclude };
}
