import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { candidateEntries } from '../../src/catalog/candidates.js';
import { LINK_LIMIT, LINK_THRESHOLD, linkProfileWithNear, NEAR_MISS_THRESHOLD, resumeProfile, scoreEntry, vacancyProfile, type LinkProfile } from '../../src/catalog/link.js';
import { seedCatalog } from '../../src/catalog/load.js';
import type { Catalog } from '../../src/catalog/schema.js';
import { resumes, vacancies } from '../../src/demo/index.js';
import type { Resume } from '../../src/domain/resume.js';
import type { Vacancy } from '../../src/domain/vacancy.js';
import { prepareLine } from '../../src/indexing/service.js';
import { defaultSkillIndex } from '../../src/analysis/skills.js';
import { createClassifier } from '../../src/occupations/classifier.js';
import { builtinTaxonomy } from '../../src/occupations/taxonomy.js';

const classifier = createClassifier(builtinTaxonomy());
const catalog = seedCatalog();

/** Linking the slow way: every entry scored. */
function scanAll(p: LinkProfile, c: Catalog) {
  const scored = c.entries.map((e) => ({ entryId: e.id, confidence: scoreEntry(p, e) }));
  const order = (a: { entryId: string; confidence: number }, b: { entryId: string; confidence: number }) => b.confidence - a.confidence || a.entryId.localeCompare(b.entryId);
  return {
    links: scored.filter((s) => s.confidence >= LINK_THRESHOLD).sort(order).slice(0, LINK_LIMIT),
    near: scored.filter((s) => s.confidence >= NEAR_MISS_THRESHOLD && s.confidence < LINK_THRESHOLD).sort(order).slice(0, LINK_LIMIT),
  };
}

function sources<T>(kind: 'vacancy' | 'resume', docs: Iterable<unknown>): T[] {
  return [...docs].map((d, i) => {
    const p = prepareLine(kind, i + 1, d, new Date('2026-01-01'));
    if (!p.ok) throw new Error(JSON.stringify(p.item));
    return p.doc.source as T;
  });
}

describe('catalog candidates: linking through the inverted indexes gives exactly what scoring every entry gives', () => {
  it('on 2,000 demo vacancies and 2,000 demo resumes', () => {
    for (const v of sources<Vacancy>('vacancy', vacancies(2000))) {
      const p = vacancyProfile(v, classifier);
      expect(linkProfileWithNear(p, catalog), v.id).toEqual(scanAll(p, catalog));
    }
    for (const r of sources<Resume>('resume', resumes(2000))) {
      const p = resumeProfile(r, classifier);
      expect(linkProfileWithNear(p, catalog), r.id).toEqual(scanAll(p, catalog));
    }
  });

  it('on real job titles without code or skills, and on skills that contain or are contained in catalog skills', () => {
    const titles = readFileSync(new URL('../occupations/titles.jsonl', import.meta.url), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).title as string);
    expect(titles.length).toBeGreaterThan(100);
    for (const title of titles) {
      const p = vacancyProfile({ title, skills: [] } as unknown as Vacancy, classifier);
      expect(linkProfileWithNear(p, catalog), title).toEqual(scanAll(p, catalog));
    }
    const skillTexts = catalog.entries.flatMap((e) => [...e.skills.required, ...e.skills.preferred]);
    for (const s of skillTexts.slice(0, 400)) {
      for (const skills of [[s], [`${s}证`], [s.slice(0, 2)], [s.slice(1)]]) {
        const p: LinkProfile = { codes: [], titles: [], skills, industries: [] };
        expect(linkProfileWithNear(p, catalog), skills[0]).toEqual(scanAll(p, catalog));
      }
    }
  });

  it('narrows the work: a welder is compared with a few entries, not all of them', () => {
    const p: LinkProfile = { codes: [], titles: ['电焊工'], skills: ['氩弧焊'], industries: [] };
    const n = candidateEntries(p, catalog, defaultSkillIndex()).length;
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(catalog.entries.length / 3);
  });
});
