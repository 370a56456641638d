import nodejieba from 'nodejieba';
import { ensureSegmenterLoaded, loadStopWords } from './dictionary.js';
import { normalizeText } from './normalize.js';

/**
 * The one analyzer used at index time and query time by both engines:
 * normalise → segment with nodejieba's precise mode (HMM on, so Latin words and numbers stay whole) →
 * re-join technical Latin tokens jieba splits (.net, node.js, 5g) → drop punctuation and stop words.
 *
 * At index time a long word also yields its parts (软件开发工程师 → 软件, 开发, 软件开发, 工程, 工程师), kept
 * apart from the words themselves: a query for 工程师 then finds 软件开发工程师, but ranks a whole-word match
 * higher, and phrases stay exact because the word positions are not disturbed.
 */
const ASCII_PIECE = /^[a-z0-9+#.]+$/;
const HAS_ALNUM = /[\p{L}\p{N}]/u;
const LATIN_LETTER = /[a-z]/;
const CJK = /[\u3400-\u9fff]/;

let stopWords: Set<string> | undefined;
const partsCache = new Map<string, string[]>();
const PARTS_CACHE_MAX = 200_000;

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

/** Word tokens of already-normalised text, in order. */
export function segmentNormalized(normalized: string): string[] {
  const stop = init();
  const out: string[] = [];
  let ascii = '';
  for (const tok of nodejieba.cut(normalized, true)) {
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

/** Every shorter dictionary word inside a long Chinese word, of any length (cached: the vocabulary is small). */
export function wordParts(word: string): string[] {
  if (word.length < 3 || !CJK.test(word)) return [];
  let parts = partsCache.get(word);
  if (!parts) {
    const stop = init();
    parts = [...new Set(nodejieba.cutAll(word))].filter((p) => p !== word && p.length > 1 && !stop.has(p));
    if (partsCache.size >= PARTS_CACHE_MAX) partsCache.clear();
    partsCache.set(word, parts);
  }
  return parts;
}

export type AnalyzeMode = 'index' | 'query';

/** Normalises and segments text into word tokens (the same in both modes; kept for call-site clarity). */
export function analyze(text: string, _mode: AnalyzeMode = 'query'): string[] {
  if (!text) return [];
  return segmentNormalized(normalizeText(text));
}

/**
 * A posting's negated requirement (无需销售经验, 不要求学历, 不用出差): the cue and the words it governs, to the
 * next space or punctuation (at most 12 characters). The words are not indexed as words, so a search for 销售经验
 * or 出差 does not count them; the cue stays, and the character grams (exact phrases) keep the text as written.
 */
const NEGATED_SPAN = /(无需|无须|不需要|不需|不要求|不必|不用)[^\s，,、。；;：:！!？?()（）【】]{1,12}/g;

/** Normalised text with the words of its negated requirements left out (the cue kept). */
export function withoutNegated(normalized: string): string {
  return normalized.includes('无') || normalized.includes('不') ? normalized.replace(NEGATED_SPAN, (_, cue: string) => ` ${cue} `) : normalized;
}

/** Index form of a text: its word tokens, the parts of its long words, and (on request) its character grams. */
export function analyzeForIndex(text: string, withGrams = false): { tokens: string[]; parts: string[]; grams: string[] } {
  if (!text) return { tokens: [], parts: [], grams: [] };
  const normalized = normalizeText(text);
  const tokens = segmentNormalized(withoutNegated(normalized));
  const parts: string[] = [];
  for (const t of tokens) for (const p of wordParts(t)) parts.push(p);
  return { tokens, parts, grams: withGrams ? charGramsNormalized(normalized) : [] };
}

/** A keyword (skill, tag) as one normalised string, so "Node.JS" and "node.js" filter alike. */
export function normalizeKeyword(s: string): string {
  return normalizeText(s).replace(/\s+/g, ' ').trim();
}

const GRAM_RUNS = /[\u3400-\u9fff]+|[a-z0-9+#]+(?:\.[a-z0-9+#]+)*/g;

/**
 * Character grams of normalised text for exact phrase matching: overlapping bigrams inside runs of Chinese
 * characters (a lone character stays a unigram), Latin/digit runs whole. A phrase matches exactly when its
 * grams occur in a row, whatever the word segmenter made of the surrounding text.
 */
export function charGramsNormalized(normalized: string): string[] {
  const out: string[] = [];
  for (const m of normalized.matchAll(GRAM_RUNS)) {
    const run = m[0];
    if (!CJK.test(run[0]!)) { out.push(run); continue; }
    if (run.length === 1) { out.push(run); continue; }
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

export function charGrams(text: string): string[] {
  return text ? charGramsNormalized(normalizeText(text)) : [];
}
