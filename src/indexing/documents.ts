import { analyzeToString, normalizeKeyword } from '../analysis/analyzer.js';
import { educationRank, type Education } from '../domain/education.js';
import { totalExperienceYears, type Resume } from '../domain/resume.js';
import type { Vacancy } from '../domain/vacancy.js';
import type { IndexDoc } from '../engine/types.js';

/** "2-02-10-03" → ["2", "2-02", "2-02-10", "2-02-10-03"], so a prefix filter is a term filter. */
export function occupationPrefixes(code: string | undefined): string[] {
  if (!code) return [];
  const parts = code.split('-');
  return parts.map((_, i) => parts.slice(0, i + 1).join('-'));
}

const ms = (iso: string | undefined) => (iso ? Date.parse(iso) : null);
const present = (xs: Array<string | undefined>) => xs.filter((x): x is string => !!x);

/** Analysed form of a vacancy. Employer contact data never enters text. */
export function vacancyToIndexDoc(v: Vacancy): IndexDoc {
  return {
    id: v.id,
    source: v as unknown as Record<string, unknown>,
    text: {
      title: analyzeToString(v.title),
      body: analyzeToString([v.description, v.requirements ?? ''].join('\n')),
      skills: analyzeToString(v.skills.join(' , ')),
    },
    keywords: {
      district: [v.location.district],
      industry: present([v.industry]),
      occupation: occupationPrefixes(v.occupationCode),
      employmentType: [v.employmentType],
      tag: v.tags,
      status: [v.status],
      employerId: [v.employer.id],
      skill: v.skills.map(normalizeKeyword),
    },
    numbers: {
      education: educationRank(v.education as Education),
      experienceYears: v.experienceYearsMin ?? 0,
      salaryMin: v.salary.monthlyMin,
      salaryMax: v.salary.monthlyMax,
      publishedAt: ms(v.publishedAt),
      updatedAt: ms(v.updatedAt),
      headcount: v.headcount,
    },
    ...(v.location.lat !== undefined && v.location.lon !== undefined ? { geo: { lat: v.location.lat, lon: v.location.lon } } : {}),
  };
}

/**
 * Analysed form of a resume. Personal data (name, phone, email, ID number) and protected attributes
 * (gender, birth year, ethnicity, marital status, hukou) never enter searchable text or filter fields.
 */
export function resumeToIndexDoc(r: Resume): IndexDoc {
  const titles = [...r.desiredTitles, ...r.experience.map((e) => e.title)];
  return {
    id: r.id,
    source: r as unknown as Record<string, unknown>,
    text: {
      title: analyzeToString(titles.join(' , ')),
      body: analyzeToString([r.summary ?? '', r.major ?? '', ...r.experience.map((e) => e.description ?? '')].join('\n')),
      skills: analyzeToString(r.skills.join(' , ')),
    },
    keywords: {
      district: [...new Set([r.location.district, ...r.desiredDistricts])],
      industry: r.desiredIndustries,
      occupation: [],
      employmentType: r.employmentTypes,
      tag: [],
      status: ['published'],
      employerId: [],
      skill: r.skills.map(normalizeKeyword),
    },
    numbers: {
      education: educationRank(r.education as Education),
      experienceYears: totalExperienceYears(r),
      salaryMin: r.expectedSalary.monthlyMin,
      salaryMax: r.expectedSalary.monthlyMax,
      publishedAt: ms(r.updatedAt),
      updatedAt: ms(r.updatedAt),
      headcount: null,
    },
    ...(r.location.lat !== undefined && r.location.lon !== undefined ? { geo: { lat: r.location.lat, lon: r.location.lon } } : {}),
  };
}
