import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateVacancies } from '../../src/demo/index.js';
import { hasShared, sharedPath } from '../support/shared-data.js';

/** The judged query set of `npm run eval:search` (see scripts/eval-search.ts and scripts/eval/pool.ts). */
interface JudgedQuery {
  id: string;
  q: string;
  intent: string;
  judgments: Record<string, number>;
}

const FILE = fileURLToPath(new URL('./judgments.jsonl', import.meta.url));
const lines = readFileSync(FILE, 'utf8').split('\n').filter((l) => l.trim());
const queries = lines.map((l) => JSON.parse(l) as JudgedQuery);

const DEMO_ID = /^v-(\d{6})$/;
const REAL_ID = /^jd-(algorithm|hardware|program|software)-(\d{4})$/;
const JD_DIR = process.env.JD_DIR ?? sharedPath('data/jd');

describe('search judgments (test/search/judgments.jsonl)', () => {
  it('has at least 40 queries, one JSON object a line, with the expected fields', () => {
    expect(queries.length).toBeGreaterThanOrEqual(40);
    for (const q of queries) {
      expect(Object.keys(q).sort()).toEqual(['id', 'intent', 'judgments', 'q']);
      expect(q.id).toMatch(/^q\d{2,3}$/);
      expect(q.q.trim().length).toBeGreaterThan(0);
      expect(q.intent.trim().length).toBeGreaterThan(0);
      expect(typeof q.judgments).toBe('object');
    }
  });

  it('uses unique query ids and unique query texts', () => {
    expect(new Set(queries.map((q) => q.id)).size).toBe(queries.length);
    expect(new Set(queries.map((q) => q.q)).size).toBe(queries.length);
  });

  it('grades are integers 0–3', () => {
    for (const q of queries) {
      for (const [doc, grade] of Object.entries(q.judgments)) {
        expect(Number.isInteger(grade), `${q.id} ${doc}`).toBe(true);
        expect(grade, `${q.id} ${doc}`).toBeGreaterThanOrEqual(0);
        expect(grade, `${q.id} ${doc}`).toBeLessThanOrEqual(3);
      }
    }
  });

  it('every query has at least one document graded ≥ 2', () => {
    for (const q of queries) {
      expect(Object.values(q.judgments).some((g) => g >= 2), q.id).toBe(true);
    }
  });

  it('document ids look like demo (v-000123) or real (jd-software-0123) postings', () => {
    for (const q of queries) {
      for (const doc of Object.keys(q.judgments)) {
        expect(DEMO_ID.test(doc) || REAL_ID.test(doc), `${q.id} ${doc}`).toBe(true);
      }
    }
  });

  it('covers both demo and real postings', () => {
    const all = queries.flatMap((q) => Object.keys(q.judgments));
    expect(all.some((d) => DEMO_ID.test(d))).toBe(true);
    expect(all.some((d) => REAL_ID.test(d))).toBe(true);
  });

  it('judged demo documents are among the first 3,000 and published', () => {
    const demo = new Map(generateVacancies(3000).map((v) => [v.id, v]));
    for (const q of queries) {
      for (const doc of Object.keys(q.judgments).filter((d) => DEMO_ID.test(d))) {
        expect(demo.get(doc)?.status, `${q.id} ${doc}`).toBe('published');
      }
    }
  });

  it.skipIf(!(process.env.JD_DIR ? existsSync(join(JD_DIR, 'jd_software.txt')) : hasShared('data/jd/jd_software.txt')))('judged real postings exist in ../shared/data/jd (line numbers)', () => {
    const lengths = new Map<string, number>();
    for (const file of ['algorithm', 'hardware', 'program', 'software']) {
      lengths.set(file, readFileSync(join(JD_DIR, `jd_${file}.txt`), 'utf8').split(/\r?\n/).length);
    }
    for (const q of queries) {
      for (const doc of Object.keys(q.judgments)) {
        const m = REAL_ID.exec(doc);
        if (!m) continue;
        const line = Number(m[2]);
        expect(line, `${q.id} ${doc}`).toBeGreaterThanOrEqual(1);
        expect(line, `${q.id} ${doc}`).toBeLessThanOrEqual(lengths.get(m[1]!)!);
      }
    }
  });
});
