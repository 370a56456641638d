import { analyze, charGrams, wordParts } from '../analysis/analyzer.js';
import type { Alternative, TermGroup, TextQuery } from '../engine/types.js';
import { defaultLexicon, understand } from './lexicon.js';
import { RANKING } from './ranking.js';
import { defaultSynonyms, type SynonymTable } from './synonyms.js';

/** A parsed query plus what to mark in highlights. */
export interface ParsedText extends TextQuery {
  /** Normalised strings to highlight: the words, their synonyms and the phrases. */
  highlight: string[];
  /** The query as words postings use (lexicon phrases replaced by their first word): what the classifier reads. */
  intent: string;
}


/** A negation cue and the span it governs (to the next space or punctuation); 做/干 after the cue are not words. */
const NEGATION = /(^|[\s，,、。；;！!？?])(?:不要(?!求)|不想|不做|不干|不接受|不考虑|拒绝)(?:做|干|当)?([^\s，,、。；;！!？?]+)/g;

/** One member of a synonym group: a single word is a term; several words must stand together (a phrase). */
function memberAlternative(words: string[], boost?: number): Alternative {
  const a: Alternative = words.length === 1 ? { term: words[0]! } : { phrase: charGrams(words.join('')) };
  if (boost !== undefined && boost !== 1) a.boost = boost;
  return a;
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

/** True when the index's words of a synonym member contain every word asked for, in order (java开发 ⊇ java). */
function holdsAsked(member: string[], asked: string[]): boolean {
  const tokens = analyze(member.join(' '), 'index');
  for (let at = 0; at + asked.length <= tokens.length; at++) if (asked.every((w, k) => tokens[at + k] === w)) return true;
  return false;
}

/** Groups the query's words, expanding the longest synonym match at each position. */
export function expandWords(words: string[], synonyms: SynonymTable, opts: { decompose?: boolean } = {}): { groups: TermGroup[]; highlight: string[] } {
  const groups: TermGroup[] = [];
  const highlight: string[] = [];
  for (let i = 0; i < words.length; ) {
    let matched = 0;
    for (let n = Math.min(synonyms.longest, words.length - i); n >= 1 && !matched; n--) {
      const asked = words.slice(i, i + n).join(' ');
      const members = synonyms.groups.get(asked);
      if (members) {
        // The word asked for first and at full weight; the rest of its group below it.
        // A member the index reads as the word asked for plus more (java开发 → java, 开发) finds nothing the word
        // does not, and counting it beside the word scores the same mention twice: left out. A member the index
        // keeps as one word (前端开发) still finds postings the word alone does not, and stays.
        const kept = members.filter((m) => m.join(' ') === asked || !holdsAsked(m, words.slice(i, i + n)));
        const ordered = [...kept].sort((a, b) => Number(b.join(' ') === asked) - Number(a.join(' ') === asked));
        const alternatives = ordered.map((m) => memberAlternative(m, m.join(' ') === asked ? 1 : RANKING.synonym));
        // Words asked for together (算法工程师 = 算法 + 工程师) also count apart, below the phrase.
        if (n > 1) alternatives.push({ all: words.slice(i, i + n), boost: RANKING.pieces });
        groups.push(alternatives);
        highlight.push(...members.map((m) => m.join('')));
        matched = n;
      }
    }
    if (!matched) {
      const pieces = opts.decompose === false ? undefined : decompose(words[i]!);
      groups.push(pieces ? [{ term: words[i]! }, { all: pieces, boost: RANKING.pieces }] : [{ term: words[i]! }]);
      highlight.push(words[i]!);
      matched = 1;
    }
    i += matched;
  }
  return { groups, highlight };
}

/**
 * Parses a user query: `"quoted words"` are exact phrases, `-word` and a seeker's negation (不要销售) exclude, seekers' phrases of the lexicon
 * (开车的, 带孩子的 …) become one group of the words postings use, the rest is analysed with the same analyzer as
 * the index into words, each widened by its synonyms.
 */
export function parseTextQuery(q: string, synonyms: SynonymTable = defaultSynonyms(), opts: { lexicon?: boolean } = {}): ParsedText | undefined {
  const groups: TermGroup[] = [];
  const exclude: string[] = [];
  const highlight: string[] = [];
  const intent: string[] = [];
  let rest = q.replace(/["“”「」]([^"“”「」]+)["“”「」]/g, (_, phrase: string) => {
    const grams = charGrams(phrase);
    if (grams.length) {
      groups.push([{ phrase: grams }]);
      highlight.push(phrase.normalize('NFKC').toLowerCase().replace(/\s+/g, ''));
      intent.push(phrase);
    }
    return ' ';
  });
  rest = rest.replace(/(^|\s)[-－]\s*(\S+)/g, (_, lead: string, word: string) => {
    exclude.push(...analyze(word, 'query'));
    return lead;
  });
  // A seeker's negation (不要销售, 不想做外包, 拒绝夜班) excludes the words it governs, up to the next space or
  // punctuation, as -word does; the single-word members of their synonym groups too (不要销售 → 销售员, 业务员).
  // 不要求 (does not require) is no negation.
  rest = rest.replace(NEGATION, (_, lead: string, span: string) => {
    for (const w of analyze(span, 'query')) {
      exclude.push(w);
      for (const m of synonyms.groups.get(w) ?? []) if (m.length === 1 && m[0] !== w) exclude.push(m[0]!);
    }
    return lead;
  });
  // Without the lexicon (the plain baseline), no query understanding at all: the words as typed.
  const understood = opts.lexicon === false ? { matches: [], rest } : understand(rest, defaultLexicon());
  for (const m of understood.matches) {
    const alternatives: Alternative[] = [];
    for (const t of m.terms) {
      const words = analyze(t, 'query');
      if (words.length) alternatives.push(memberAlternative(words, m.terms.length > 1 || t !== m.phrase ? RANKING.lexicon : 1));
    }
    if (alternatives.length) {
      groups.push(alternatives);
      highlight.push(...m.terms);
      intent.push(m.terms[0]!);
    }
  }
  const words = expandWords(analyze(understood.rest, 'query'), synonyms);
  groups.push(...words.groups);
  highlight.push(...words.highlight);
  if (understood.rest) intent.push(understood.rest);
  if (!groups.length && !exclude.length) return undefined;
  return { groups, mode: 'all', exclude, highlight, intent: intent.join(' ') };
}
