import nodejieba from 'nodejieba';
import { ensureSegmenterLoaded, loadStopWords } from './dictionary.js';
import { normalizeText } from './normalize.js';

/**
 * The one analyzer used at index time and query time by both engines:
 * normalise → segment with nodejieba (HMM on, so Latin words and numbers stay whole) →
 * re-join technical Latin tokens jieba splits (.net, node.js, 5g) → drop punctuation and stop words.
 */
const ASCII_PIECE = /^[a-z0-9+#.]+$/;
const HAS_ALNUM = /[\p{L}\p{N}]/u;
const LATIN_LETTER = /[a-z]/;

let stopWords: Set<string> | undefined;

function init(): Set<string> {
  ensureSegmenterLoaded();
  stopWords ??= loadStopWords();
  return stopWords;
}

/** Joins adjacent ASCII pieces ("node" "." "js" → "node.js", "5" "g" → "5g") and trims stray dots. */
function finishAscii(piece: string, out: string[], stop: Set<string>): void {
  let t = piece.replace(/\.+$/, '');
  if (t.startsWith('.') && !LATIN_LETTER.test(t[1] ?? '')) t = t.replace(/^\.+/, '');
  if (t && HAS_ALNUM.test(t) && !stop.has(t)) out.push(t);
}

/**
 * How text is cut. `index` is jieba's search mode: every word plus the shorter words inside a long one
 * (软件开发工程师 → 软件, 开发, 软件开发, 工程, 工程师, …), so a query for 工程师 finds it. `query` is the precise
 * mode: the fewest, longest words, which the index always contains.
 */
export type AnalyzeMode = 'index' | 'query';

/** Tokens of already-normalised text. */
export function segmentNormalized(normalized: string, mode: AnalyzeMode = 'index'): string[] {
  const stop = init();
  const out: string[] = [];
  let ascii = '';
  const pieces = mode === 'index' ? nodejieba.cutForSearch(normalized, true) : nodejieba.cut(normalized, true);
  for (const tok of pieces) {
    if (ASCII_PIECE.test(tok)) {
      ascii += tok;
      continue;
    }
    if (ascii) { finishAscii(ascii, out, stop); ascii = ''; }
    if (HAS_ALNUM.test(tok) && !stop.has(tok)) out.push(tok.trim());
  }
  if (ascii) finishAscii(ascii, out, stop);
  return out;
}

/** Normalises and segments text into index or query tokens. */
export function analyze(text: string, mode: AnalyzeMode = 'index'): string[] {
  if (!text) return [];
  return segmentNormalized(normalizeText(text), mode);
}

/** Index tokens joined by single spaces: the pre-segmented form both engines index with a whitespace tokenizer. */
export function analyzeToString(text: string): string {
  return analyze(text, 'index').join(' ');
}

/** A keyword (skill, tag) as one normalised token, so "Node.JS" and "node.js" filter alike. */
export function normalizeKeyword(s: string): string {
  return normalizeText(s).replace(/\s+/g, ' ').trim();
}
