import { analyze, charGrams } from '../analysis/analyzer.js';
import type { TermGroup, TextQuery } from '../engine/types.js';

/**
 * Parses a user query: `"quoted words"` are phrases, `-word` excludes, the rest is analysed
 * with the query-mode analyzer into required terms.
 */
export function parseTextQuery(q: string): TextQuery | undefined {
  const groups: TermGroup[] = [];
  const exclude: string[] = [];
  let rest = q.replace(/["“”]([^"“”]+)["“”]/g, (_, phrase: string) => {
    const grams = charGrams(phrase);
    if (grams.length) groups.push([{ phrase: grams }]);
    return ' ';
  });
  rest = rest.replace(/(^|\s)[-－]\s*(\S+)/g, (_, lead: string, word: string) => {
    exclude.push(...analyze(word, 'query'));
    return lead;
  });
  for (const term of analyze(rest, 'query')) groups.push([{ term }]);
  if (!groups.length && !exclude.length) return undefined;
  return { groups, mode: 'all', exclude };
}
