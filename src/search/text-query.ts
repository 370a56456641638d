import { analyze, charGrams, wordParts } from '../analysis/analyzer.js';
import type { Alternative, TermGroup, TextQuery } from '../engine/types.js';
import { defaultSynonyms, type SynonymTable } from './synonyms.js';

/** A parsed query plus what to mark in highlights. */
export interface ParsedText extends TextQuery {
  /** Normalised strings to highlight: the words, their synonyms and the phrases. */
  highlight: string[];
}

/** One member of a synonym group: a single word is a term; several words must stand together (a phrase). */
function memberAlternative(words: string[]): Alternative {
  return words.length === 1 ? { term: words[0]! } : { phrase: charGrams(words.join('')) };
}

/**
 * A long query word split into shorter dictionary words that cover it exactly (电气工程师 → 电气 + 工程师), so
 * documents that hold the pieces apart (电气自动化工程师) still match; undefined when no such split exists.
 */
export function decompose(word: string): string[] | undefined {
  if (word.length < 4) return undefined;
  const parts = new Set(wordParts(word));
  if (!parts.size) return undefined;
  // Fewest pieces that cover the word exactly (dynamic programming from the end).
  const best: Array<string[] | undefined> = new Array(word.length + 1);
  best[word.length] = [];
  for (let at = word.length - 1; at >= 0; at--) {
    for (let end = word.length; end >= at + 2; end--) {
      const piece = word.slice(at, end);
      const rest = best[end];
      if (piece !== word && parts.has(piece) && rest && (!best[at] || rest.length + 1 < best[at]!.length)) best[at] = [piece, ...rest];
    }
  }
  return best[0] && best[0].length > 1 ? best[0] : undefined;
}

/** Groups the query's words, expanding the longest synonym match at each position. */
export function expandWords(words: string[], synonyms: SynonymTable, opts: { decompose?: boolean } = {}): { groups: TermGroup[]; highlight: string[] } {
  const groups: TermGroup[] = [];
  const highlight: string[] = [];
  for (let i = 0; i < words.length; ) {
    let matched = 0;
    for (let n = Math.min(synonyms.longest, words.length - i); n >= 1 && !matched; n--) {
      const members = synonyms.groups.get(words.slice(i, i + n).join(' '));
      if (members) {
        groups.push(members.map(memberAlternative));
        highlight.push(...members.map((m) => m.join('')));
        matched = n;
      }
    }
    if (!matched) {
      const pieces = opts.decompose === false ? undefined : decompose(words[i]!);
      groups.push(pieces ? [{ term: words[i]! }, { all: pieces }] : [{ term: words[i]! }]);
      highlight.push(words[i]!);
      matched = 1;
    }
    i += matched;
  }
  return { groups, highlight };
}

/**
 * Parses a user query: `"quoted words"` are exact phrases, `-word` excludes, the rest is analysed with the
 * same analyzer as the index into required words, each widened by its synonyms.
 */
export function parseTextQuery(q: string, synonyms: SynonymTable = defaultSynonyms(), _opts: { lexicon?: boolean } = {}): ParsedText | undefined {
  const groups: TermGroup[] = [];
  const exclude: string[] = [];
  const highlight: string[] = [];
  let rest = q.replace(/["“”「」]([^"“”「」]+)["“”「」]/g, (_, phrase: string) => {
    const grams = charGrams(phrase);
    if (grams.length) {
      groups.push([{ phrase: grams }]);
      highlight.push(phrase.normalize('NFKC').toLowerCase().replace(/\s+/g, ''));
    }
    return ' ';
  });
  rest = rest.replace(/(^|\s)[-－]\s*(\S+)/g, (_, lead: string, word: string) => {
    exclude.push(...analyze(word, 'query'));
    return lead;
  });
  const words = expandWords(analyze(rest, 'query'), synonyms);
  groups.push(...words.groups);
  highlight.push(...words.highlight);
  if (!groups.length && !exclude.length) return undefined;
  return { groups, mode: 'all', exclude, highlight };
}
