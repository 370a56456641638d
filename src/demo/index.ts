/**
 * Deterministic, realistic Qingdao demo data: job posts across the key industries of the local employment plans
 * and everyday jobs, and job seekers' résumés. Seeded (mulberry32), never Math.random; streamable for benchmarks.
 *
 *   generateVacancies(3000, { seed: 7 })        // array
 *   for (const v of vacancies(1_000_000, 7)) …   // stream, vacancy n depends only on (seed, n)
 */
export { generateVacancies, vacancies, type DemoOptions, type DemoVacancy } from './vacancies.js';
export { generateResumes, resumes, type DemoResume } from './resumes.js';
export { demoEmployers, EMPLOYER_COUNT, type DemoEmployer } from './employers.js';
export { ALL_SECTORS, DEFAULT_REFERENCE_DATE } from './catalog.js';
export { KEY_INDUSTRIES, type IndustryGroup, type Role, type Sector } from './roles.js';
export { OCCUPATIONS, type OccupationCode } from './occupations.js';
export { Rng, mixSeed } from './random.js';

import { ALL_SECTORS } from './catalog.js';
import type { IndustryGroup } from './roles.js';

const GROUP_OF = new Map(ALL_SECTORS.map((s) => [s.name, s.group]));

/** The key industry (or 传统行业) a generated vacancy's `industry` belongs to: 跨境电商 → 现代服务业. */
export function industryGroupOf(industry: string): IndustryGroup | undefined {
  return GROUP_OF.get(industry);
}
