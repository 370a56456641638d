import { resumeSpec, vacancySpec } from '../../src/indexing/service.js';
import { resumeInputSchema } from '../../src/domain/resume.js';
import { vacancyInputSchema } from '../../src/domain/vacancy.js';
import { RESUMES, VACANCIES } from './fixtures.js';

const NOW = new Date('2026-11-01T00:00:00+08:00');

export function fixtureVacancyDocs() {
  return VACANCIES.map((v) => vacancySpec.analyse(vacancySpec.build(v.id, vacancyInputSchema.parse(v), NOW)));
}

export function fixtureResumeDocs() {
  return RESUMES.map((r) => resumeSpec.analyse(resumeSpec.build(r.id, resumeInputSchema.parse(r), NOW)));
}
