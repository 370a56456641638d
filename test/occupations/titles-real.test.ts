import { describe, expect, it } from 'vitest';
import { builtinTaxonomy } from '../../src/occupations/taxonomy.js';
import { isHeldOut, readTitles, REAL_TITLES_FILE } from '../../scripts/eval-occupations.js';

describe('real job-board title set (test/occupations/titles-real.jsonl)', () => {
  const titles = readTitles(REAL_TITLES_FILE);
  const codes = builtinTaxonomy().occupations.map((o) => o.code);

  it('parses: at least 1,000 titles, unique ids and titles, each with a source', () => {
    expect(titles.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(titles.map((t) => t.id)).size).toBe(titles.length);
    expect(new Set(titles.map((t) => t.title)).size).toBe(titles.length);
    for (const t of titles) {
      expect(t.title.trim().length, t.id).toBeGreaterThan(0);
      expect(t.source, t.id).toBeTruthy();
    }
  });

  it('labels every title with a 2022 code of the taxonomy (a 细类, or a 小类 with 细类 under it) or null', () => {
    const known = new Set(codes);
    for (const t of titles) {
      if (t.code === null) continue;
      if (/^\d-\d{2}-\d{2}-\d{2}$/.test(t.code)) expect(known.has(t.code), `${t.id} ${t.code}`).toBe(true);
      else {
        expect(t.code, t.id).toMatch(/^\d-\d{2}(-\d{2})?$/);
        expect(codes.some((c) => c.startsWith(t.code + '-')), `${t.id} ${t.code}`).toBe(true);
      }
    }
  });

  it('holds out about 30 % by id hash', () => {
    const share = titles.filter((t) => isHeldOut(t.id)).length / titles.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
  });
});
