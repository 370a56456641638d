import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, analyzeForIndex, charGrams, normalizeKeyword } from '../../src/analysis/analyzer.js';
import { normalizeText } from '../../src/analysis/normalize.js';
import { normalizeMapped } from '../../src/analysis/offsets.js';
import { anyUnits, hostileText, hugeRepeat, runs } from './arbitraries.js';

const text = fc.oneof({ weight: 3, arbitrary: hostileText() }, { weight: 2, arbitrary: anyUnits() }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 100 }) });
const RUNS = runs();

/** Every token non-empty, without whitespace, and found in the normalised text (one assertion: texts are long). */
function checkTokens(tokens: string[], normalized: string) {
  const bad = tokens.filter((t) => !t.length || /\s/u.test(t) || !normalized.includes(t));
  expect(bad, `in ${JSON.stringify(normalized.slice(0, 200))}`).toEqual([]);
}

describe('property: the analyzer on arbitrary Unicode', () => {
  it('never throws; tokens are non-empty, hold no whitespace and occur in the normalised text', () => {
    fc.assert(fc.property(text, (s) => {
      const normalized = normalizeText(s);
      checkTokens(analyze(s), normalized);
      const idx = analyzeForIndex(s, true);
      checkTokens(idx.tokens, normalized);
      checkTokens(idx.grams, normalized);
      for (const p of idx.parts) {
        expect(p).not.toMatch(/\s/u);
        expect(idx.tokens.some((t) => t.includes(p)), p).toBe(true);
      }
    }), RUNS);
  });

  it('is deterministic, the same at index and query time, and the same on already-normalised text', () => {
    fc.assert(fc.property(text, (s) => {
      const first = analyze(s, 'query');
      expect(analyze(s, 'query')).toEqual(first);
      expect(analyze(s, 'index')).toEqual(first);
      expect(analyzeForIndex(s).tokens).toEqual(first);
      expect(analyze(normalizeText(s))).toEqual(first);
    }), RUNS);
  });

  it('normalisation is idempotent (text and keywords)', () => {
    fc.assert(fc.property(text, (s) => {
      const once = normalizeText(s);
      expect(normalizeText(once)).toBe(once);
      const kw = normalizeKeyword(s);
      expect(normalizeKeyword(kw)).toBe(kw);
      expect(kw).toBe(kw.trim());
    }), RUNS);
  });

  it('maps every normalised character back to a span inside the original', () => {
    fc.assert(fc.property(text, (s) => {
      const m = normalizeMapped(s);
      expect(m.start.length).toBe(m.text.length);
      expect(m.end.length).toBe(m.text.length);
      for (let i = 0; i < m.text.length; i++) {
        expect(m.start[i]).toBeGreaterThanOrEqual(i === 0 ? 0 : m.start[i - 1]!);
        expect(m.end[i]).toBeGreaterThan(m.start[i]!);
        expect(m.end[i]).toBeLessThanOrEqual(s.length);
      }
    }), RUNS);
  });

  it('character by character and all at once normalise alike (highlights find what the index holds)', () => {
    const codePoint = fc.integer({ min: 0, max: 0x10ffff }).filter((cp) => cp < 0xd800 || cp > 0xdfff);
    fc.assert(fc.property(codePoint, (cp) => {
      const s = String.fromCodePoint(cp);
      expect(normalizeMapped(s).text).toBe(normalizeText(s));
    }), runs(3000));
  });

  it('regression: two-step traditional characters and compatibility forms of traditional ones', () => {
    // 薴 → 苧 → 苎: normalising once used to stop half-way, so a query for the result missed the document.
    expect(normalizeText('薴')).toBe('苎');
    expect(normalizeText(normalizeText('薴'))).toBe(normalizeText('薴'));
    // ⼾ (Kangxi radical) is NFKC 戶, traditional: the highlight mapping used to leave it unsimplified.
    for (const s of ['⼾', '⾒', '㈶', '🉇', '薴']) expect(normalizeMapped(s).text).toBe(normalizeText(s));
  });

  it('survives huge repeats', () => {
    fc.assert(fc.property(hugeRepeat, (s) => {
      const tokens = analyze(s);
      checkTokens(tokens, normalizeText(s));
      expect(charGrams(s).every((g) => g.length > 0)).toBe(true);
    }), { numRuns: Math.min(runs(20).numRuns, 200) });
  });

  it('regression examples: NUL, lone surrogates, dotted capital I, ligatures', () => {
    for (const s of ['a\u0000b', '\ud800abc', '\udc00\ud800', 'Java开发\ud83d', 'İstanbul', 'ﬃ', 'ǅ', '\u0345']) {
      checkTokens(analyze(s), normalizeText(s));
      expect(normalizeText(normalizeText(s))).toBe(normalizeText(s));
    }
  });
});
