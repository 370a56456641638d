import { normalizeMapped } from '../analysis/offsets.js';
import { normalizeText } from '../analysis/normalize.js';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `i` moved back off the second half of a surrogate pair, so a window never cuts a character (😀, 𠀋) in two. */
function charBoundary(text: string, i: number): number {
  const code = text.charCodeAt(i);
  const prev = text.charCodeAt(i - 1);
  return code >= 0xdc00 && code <= 0xdfff && prev >= 0xd800 && prev <= 0xdbff ? i - 1 : i;
}

/** The distinct non-empty normalised forms of `terms`. */
function normalizeTerms(terms: string[]): string[] {
  return [...new Set(terms.map((t) => normalizeText(t)).filter(Boolean))];
}

/** Original-text spans where any of the (normalised) terms occur; overlapping spans are merged. */
export function matchSpans(original: string, terms: string[]): Array<[number, number]> {
  return spansOf(original, normalizeTerms(terms));
}

function spansOf(original: string, normalized: string[]): Array<[number, number]> {
  const mapped = normalizeMapped(original);
  const spans: Array<[number, number]> = [];
  for (const term of normalized) {
    for (let at = mapped.text.indexOf(term); at !== -1; at = mapped.text.indexOf(term, at + term.length)) {
      spans.push([mapped.start[at]!, mapped.end[at + term.length - 1]!]);
    }
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] < last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged;
}

/**
 * Snippets with <em> around matched terms (HTML-escaped otherwise): the whole text when short, else up to
 * `count` windows of about `width` characters around the first matches. Empty when nothing matches.
 */
export function highlight(original: string, terms: string[], width = 80, count = 2): string[] {
  return highlighter(terms)(original, width, count);
}

/** highlight() for many texts with the same terms (a page of hits): the terms are normalised once. */
export function highlighter(terms: string[]): (original: string, width?: number, count?: number) => string[] {
  const normalized = normalizeTerms(terms);
  return (original, width = 80, count = 2) => (original && normalized.length ? snippets(original, spansOf(original, normalized), width, count) : []);
}

function snippets(original: string, spans: Array<[number, number]>, width: number, count: number): string[] {
  if (!spans.length) return [];
  const render = (from: number, to: number) => {
    let out = from > 0 ? '…' : '';
    let pos = from;
    for (const [s, e] of spans) {
      if (e <= from || s >= to) continue;
      const a = Math.max(s, from);
      const b = Math.min(e, to);
      out += escapeHtml(original.slice(pos, a)) + '<em>' + escapeHtml(original.slice(a, b)) + '</em>';
      pos = b;
    }
    return out + escapeHtml(original.slice(pos, to)) + (to < original.length ? '…' : '');
  };
  if (original.length <= width) return [render(0, original.length)];
  const out: string[] = [];
  let coveredTo = -1;
  for (const [s] of spans) {
    if (s < coveredTo) continue;
    const from = charBoundary(original, Math.max(0, s - Math.floor(width / 3)));
    const to = charBoundary(original, Math.min(original.length, from + width));
    out.push(render(from, to));
    coveredTo = to;
    if (out.length >= count) break;
  }
  return out;
}
