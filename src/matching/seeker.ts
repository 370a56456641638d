import type { Resume } from '../domain/resume.js';
import type { CatalogLink } from '../catalog/link.js';

/**
 * The only resume fields matching may read. Built by copying named fields, so gender, birthYear, ethnicity,
 * maritalStatus, hukou, name, phone, email, idNumber (and anything else) never reach retrieval or scoring.
 */
export interface SeekerView {
  id: string;
  education: Resume['education'];
  skills: readonly string[];
  experience: ReadonlyArray<{ title: string; years: number }>;
  desiredTitles: readonly string[];
  desiredIndustries: readonly string[];
  desiredDistricts: readonly string[];
  expectedSalary: { monthlyMin: number | null; monthlyMax: number | null; negotiable: boolean };
  location: { district: string; lat?: number; lon?: number };
  employmentTypes: readonly string[];
  programs: readonly string[];
  catalogLinks?: readonly CatalogLink[];
  occupationCodes?: readonly string[];
}

export type MatchResume = Resume & { catalogLinks?: CatalogLink[]; occupationCodes?: string[] };

export function seekerView(r: MatchResume): SeekerView {
  const s = r.expectedSalary;
  const loc = r.location;
  return {
    id: r.id,
    education: r.education,
    skills: r.skills ?? [],
    experience: (r.experience ?? []).map((e) => ({ title: e.title, years: e.years })),
    desiredTitles: r.desiredTitles ?? [],
    desiredIndustries: r.desiredIndustries ?? [],
    desiredDistricts: r.desiredDistricts ?? [],
    expectedSalary: { monthlyMin: s?.monthlyMin ?? null, monthlyMax: s?.monthlyMax ?? null, negotiable: s?.negotiable ?? true },
    location: { district: loc?.district ?? '', lat: loc?.lat, lon: loc?.lon },
    employmentTypes: r.employmentTypes ?? [],
    programs: r.programs ?? [],
    catalogLinks: r.catalogLinks,
    occupationCodes: r.occupationCodes,
  };
}
