import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/analysis/normalize.js';
import { normalizeMapped } from '../../src/analysis/offsets.js';
import { decodeCursor, encodeCursor, fingerprint } from '../../src/search/cursor.js';
import { highlight, matchSpans } from '../../src/search/highlight.js';
import { anyUnits, hostileText, runs } from './arbitraries.js';

const RUNS = runs();
const TERMS = ['java', '工程师', '开发', 'c++', '.net', '<em>', '&amp;', 'a', '😀', '工', '"', '<', '&'];
const original = fc.oneof(
  hostileText(60),
  fc.tuple(fc.constantFrom('😀', '𠀋', 'x', '<', '&'), fc.integer({ min: 0, max: 300 }), fc.constantFrom('java', '工程师', '<b>', ''), fc.constantFrom('', 'y', '😀'))
    .map(([f, n, mid, tail]) => f.repeat(n) + mid + tail.repeat(n)),
);
const terms = fc.array(fc.oneof(fc.constantFrom(...TERMS), fc.string({ maxLength: 4 }), anyUnits(3)), { maxLength: 5 });

const isWellFormed = (s: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('property: highlights', () => {
  it('spans are ordered, disjoint, inside the text, on character boundaries, and each holds a term', () => {
    fc.assert(fc.property(original, terms, (text, ts) => {
      const spans = matchSpans(text, ts);
      const wanted = ts.map((t) => normalizeText(t)).filter(Boolean);
      let prevEnd = 0;
      for (const [s, e] of spans) {
        expect(s).toBeGreaterThanOrEqual(prevEnd);
        expect(e).toBeGreaterThan(s);
        expect(e).toBeLessThanOrEqual(text.length);
        expect(isWellFormed(text.slice(s, e)) || !isWellFormed(text)).toBe(true);
        const piece = normalizeMapped(text.slice(s, e)).text;
        expect(wanted.some((w) => piece.includes(w)), `${JSON.stringify(text.slice(s, e))} holds none of ${JSON.stringify(wanted)}`).toBe(true);
        prevEnd = e;
      }
    }), RUNS);
  });

  it('snippets escape the text, balance <em>, stay well-formed and come from the original', () => {
    fc.assert(fc.property(original, terms, fc.integer({ min: 5, max: 120 }), fc.integer({ min: 1, max: 3 }), (text, ts, width, count) => {
      const snippets = highlight(text, ts, width, count);
      expect(snippets.length).toBeLessThanOrEqual(count);
      for (const snip of snippets) {
        expect(snip.match(/<em>/g)?.length ?? 0).toBe(snip.match(/<\/em>/g)?.length ?? 0);
        expect(snip).not.toMatch(/<em>(?:(?!<\/em>).)*<em>/s);
        const plain = snip.replace(/<\/?em>/g, '');
        expect(plain).not.toMatch(/[<>]/);
        expect(plain).not.toMatch(/&(?!amp;|lt;|gt;)/);
        if (isWellFormed(text)) expect(isWellFormed(snip), JSON.stringify(snip)).toBe(true);
        expect(text.includes(unescape(plain).replace(/^…/, '').replace(/…$/, ''))).toBe(true);
      }
    }), RUNS);
  });

  it('regression: a snippet window never cuts a character made of two UTF-16 units', () => {
    const text = '😀'.repeat(100) + 'x' + 'java' + '😀'.repeat(100);
    const [snip] = highlight(text, ['java'], 80, 1);
    expect(snip).toContain('<em>java</em>');
    expect(isWellFormed(snip!)).toBe(true);
  });
});

describe('property: paging cursors', () => {
  const sortKey = fc.tuple(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e18, max: 1e18 }), { maxLength: 3 }), fc.string({ maxLength: 64 }))
    .map(([nums, id]) => [...nums, id]);

  it('decoding any string never throws', () => {
    const junk = fc.oneof(
      anyUnits(100),
      fc.base64String({ maxLength: 200 }),
      fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? '').toString('base64url')),
      fc.record({ v: fc.jsonValue(), f: fc.constantFrom('abc', fingerprint({})), n: fc.jsonValue() }).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
    );
    fc.assert(fc.property(junk, (c) => {
      const d = decodeCursor(c, fingerprint({}));
      expect('error' in d || Array.isArray(d.values)).toBe(true);
    }), RUNS);
  });

  it('a cursor decodes to what was encoded, for its own query only', () => {
    fc.assert(fc.property(sortKey, fc.jsonValue(), fc.integer({ min: 0, max: 4_102_444_800_000 }), (values, query, now) => {
      const fp = fingerprint(query);
      expect(decodeCursor(encodeCursor(values, fp, now), fp)).toEqual({ values: JSON.parse(JSON.stringify(values)), now });
      if (fingerprint({ other: query }) !== fp) expect(decodeCursor(encodeCursor(values, fp, now), fingerprint({ other: query }))).toHaveProperty('error');
    }), RUNS);
  });

  it('regression: a hand-made cursor with the right fingerprint but values no engine produced is refused', () => {
    const fp = fingerprint({ q: 'java' });
    const forge = (v: unknown, n: unknown) => Buffer.from(JSON.stringify({ v, f: fp, n })).toString('base64url');
    for (const [v, n] of [[[{}], 1], [[1, 2], 1], [['a', 'b', 'c'], 1], [[], 1], [[1, 'x'], 1e400], [[1, 'x'], -5], [[1, 'x'], 1.5], [new Array(50).fill(1).concat('x'), 1]] as const) {
      expect(decodeCursor(forge(v, n), fp)).toHaveProperty('error');
    }
    // JSON itself can carry numbers that overflow to Infinity.
    expect(decodeCursor(Buffer.from(`{"v":[1e400,"x"],"f":"${fp}","n":1}`).toString('base64url'), fp)).toHaveProperty('error');
    expect(decodeCursor(Buffer.from(`{"v":[1,"x"],"f":"${fp}","n":1e400}`).toString('base64url'), fp)).toHaveProperty('error');
    expect(decodeCursor(Buffer.from('null').toString('base64url'), fp)).toHaveProperty('error');
  });
});
