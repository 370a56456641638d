import { normalizeKeyword } from '../analysis/analyzer.js';
import { resumeTextFields, textFields } from './text-fields.js';
import { educationRank, type Education } from '../domain/education.js';
import { totalExperienceYears, type Resume } from '../domain/resume.js';
import { salaryBand } from '../domain/salary-bands.js';
import type { Vacancy } from '../domain/vacancy.js';
import { MISSING_SEPARATOR, type IndexDoc, type KeywordField, type Kind, type TextField } from '../engine/types.js';

/** "2-02-10-03" → ["2", "2-02", "2-02-10", "2-02-10-03"], so a prefix filter is a term filter. */
export function occupationPrefixes(code: string | undefined): string[] {
  if (!code) return [];
  const parts = code.split('-');
  return parts.map((_, i) => parts.slice(0, i + 1).join('-'));
}

const ms = (iso: string | undefined) => (iso ? Date.parse(iso) : null);
const present = (xs: Array<string | undefined>) => xs.filter((x): x is string => !!x);

/**
 * Keyword fields from the server-computed links (issue 4): `catalog` holds the linked entry ids; a vacancy's
 * `occupation` prefixes come from its occupationCode or, without one, from the inferred occupation.
 */
export function linkKeywords(kind: Kind, source: Vacancy | Resume): Partial<Record<KeywordField, string[]>> {
  const catalog = (source.catalogLinks ?? []).map((l) => l.entryId);
  const catalogRevision = source.catalogRevision !== undefined ? [String(source.catalogRevision)] : [];
  if (kind === 'resume') {
    // What the gap report aggregates (no walk): near-miss entries and, per linked or near entry, the skills missing.
    const r = source as Resume;
    const catalogNear = (r.catalogNear ?? []).map((l) => l.entryId);
    const catalogMissing = [...new Set((r.catalogMissing ?? []).flatMap((m) => m.skills.map((s) => `${m.entryId}${MISSING_SEPARATOR}${s}`)))];
    return { catalog, catalogNear, catalogMissing, catalogRevision };
  }
  const v = source as Vacancy;
  return { catalog, catalogRevision, occupation: occupationPrefixes(v.occupationCode ?? v.inferredOccupation?.code) };
}

/** Analysed form of a vacancy. */
export function vacancyToIndexDoc(v: Vacancy): IndexDoc {
  return {
    id: v.id,
    source: v as unknown as Record<string, unknown>,
    text: textFields({ title: v.title, body: [v.description, v.requirements ?? ''].join('\n'), skills: v.skills.join(' , ') }, v.location.district),
    keywords: {
      district: [v.location.district],
      industry: present([v.industry]),
      employmentType: [v.employmentType],
      tag: v.tags,
      status: [v.status],
      employerId: [v.employer.id],
      skill: v.skills.map(normalizeKeyword),
      education: [v.education],
      salaryBand: [salaryBand(v.salary.monthlyMin, v.salary.monthlyMax)],
      compliance: v.compliance ? [v.compliance.status] : [],
      ...linkKeywords('vacancy', v),
    },
    numbers: {
      educationRank: educationRank(v.education as Education),
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
 * Analysed form of a resume. Personal data (name, phone, email, ID number, and contact data typed into its free
 * text) and protected attributes (gender, birth year, ethnicity, marital status, hukou) never enter searchable
 * text or filter fields.
 */
export function resumeToIndexDoc(r: Resume): IndexDoc {
  const titles = [...r.desiredTitles, ...r.experience.map((e) => e.title)];
  return {
    id: r.id,
    source: r as unknown as Record<string, unknown>,
    text: resumeTextFields({
      title: titles.join(' , '),
      body: [r.summary ?? '', r.major ?? '', ...r.experience.map((e) => e.description ?? '')].join('\n'),
      skills: r.skills.join(' , '),
    }, r.location.district),
    keywords: {
      district: [...new Set([r.location.district, ...r.desiredDistricts])],
      industry: r.desiredIndustries,
      employmentType: r.employmentTypes,
      status: ['published'],
      skill: r.skills.map(normalizeKeyword),
      education: [r.education],
      salaryBand: [salaryBand(r.expectedSalary.monthlyMin, r.expectedSalary.monthlyMax)],
      ...linkKeywords('resume', r),
    },
    numbers: {
      educationRank: educationRank(r.education as Education),
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
