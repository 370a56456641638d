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
const HAS_ALNUM = /[\p{L}\p{N}]/u;
const LATIN_LETTER = /[a-z]/;
const CJK = /[\u3400-\u9fff]/;

/**
 * The stop words with a cheap gate in front: a token is looked up only when its length and first character can be
 * a stop word's. The segmenter's tokens are fresh strings, so a Set lookup first hashes each of them; most tokens
 * are ruled out by the gate without that.
 */
interface StopWords { words: Set<string>; first: Uint8Array; maxLength: number }
let stopWords: StopWords | undefined;

function stopList(words: Set<string>): StopWords {
  const first = new Uint8Array(0x10000);
  let maxLength = 0;
  for (const w of words) { first[w.charCodeAt(0)] = 1; maxLength = Math.max(maxLength, w.length); }
  return { words, first, maxLength };
}

const isStop = (stop: StopWords, tok: string): boolean =>
  tok.length > 0 && tok.length <= stop.maxLength && stop.first[tok.charCodeAt(0)] === 1 && stop.words.has(tok);

/** Printable ASCII other than space, or a CJK ideograph: a token that starts and ends with one needs no trim. */
const plain = (c: number) => (c > 32 && c < 127) || (c >= 0x4e00 && c <= 0x9fff);
const trimmed = (tok: string) => (plain(tok.charCodeAt(0)) && plain(tok.charCodeAt(tok.length - 1)) ? tok : tok.trim());
const partsCache = new Map<string, string[]>();
const PARTS_CACHE_MAX = 200_000;

function init(): StopWords {
  ensureSegmenterLoaded();
  stopWords ??= stopList(loadStopWords());
  return stopWords;
}

/**
 * /^[a-z0-9+#.]+$/.test and HAS_ALNUM.test by character codes: the segmenter's tokens are mostly Chinese words and
 * short Latin pieces, and a regex call (a Unicode property one above all) per token was most of the analyzer's
 * cost beyond the segmenter itself. Same answers as the regexes (a test compares them on real text).
 */
export function isAsciiPiece(tok: string): boolean {
  if (tok.length === 0) return false;
  for (let i = 0; i < tok.length; i++) {
    const c = tok.charCodeAt(i);
    // a-z, 0-9, '+', '#', '.'
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 35 || c === 46)) return false;
  }
  return true;
}

export function hasAlnum(tok: string): boolean {
  for (let i = 0; i < tok.length; i++) {
    const c = tok.charCodeAt(i);
    if (c < 0x80) {
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return true;
      continue;
    }
    if (c >= 0x4e00 && c <= 0x9fff) return true; // CJK unified ideographs are all letters (Lo)
    return HAS_ALNUM.test(tok.slice(i)); // anything else: the Unicode property regex decides, from here on
  }
  return false;
}

/** Joins adjacent ASCII pieces ("node" "." "js" → "node.js", "5" "g" → "5g") and trims stray dots. */
function finishAscii(piece: string, out: string[], stop: StopWords): void {
  let end = piece.length;
  while (end > 0 && piece.charCodeAt(end - 1) === 46) end--;
  let t = end === piece.length ? piece : piece.slice(0, end);
  if (t.charCodeAt(0) === 46 && !LATIN_LETTER.test(t[1] ?? '')) {
    let start = 0;
    while (start < t.length && t.charCodeAt(start) === 46) start++;
    t = t.slice(start);
  }
  // t holds only a-z 0-9 + # . here: it has a letter or digit when one of its characters is one
  if (t && hasAlnum(t) && !isStop(stop, t)) out.push(t);
}

/** Word tokens of already-normalised text, in order. */
export function segmentNormalized(normalized: string): string[] {
  const stop = init();
  const out: string[] = [];
  let ascii = '';
  for (const tok of nodejieba.cut(normalized, true)) {
    if (isAsciiPiece(tok)) {
      ascii += tok;
      continue;
    }
    if (ascii) { finishAscii(ascii, out, stop); ascii = ''; }
    if (hasAlnum(tok) && !isStop(stop, tok)) out.push(trimmed(tok));
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
    parts = [...new Set(nodejieba.cutAll(word))].filter((p) => p !== word && p.length > 1 && !isStop(stop, p));
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
