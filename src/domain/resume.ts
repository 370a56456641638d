import { z } from 'zod';
import { districtSchema } from './districts.js';
import { EDUCATION_LEVELS, educationSchema } from './education.js';
import { EMPLOYMENT_TYPES, storedLocationSchema, employmentTypeSchema, idSchema, isoDateTime, locationSchema, shortText, stringList } from './common.js';
import { normalizedSalarySchema, resolveSalary, salaryInputSchema } from './salary.js';
import { catalogLinkSchema } from './vacancy.js';

export const PROGRAMS = ['高校毕业生', '退役军人', '就业困难人员', '残疾人', '宝妈'] as const;

export const experienceSchema = z.strictObject({
  title: shortText(100),
  company: z.string().max(100).optional(),
  years: z.number().min(0).max(60),
  description: z.string().max(5_000).optional(),
});

/** Personal data: stored, never part of searchable text, masked for recruiters without consent. */
export const PERSONAL_FIELDS = ['name', 'phone', 'email', 'idNumber'] as const;
/** Attributes that must never influence retrieval or ranking; stored only if given, never returned in search. */
export const PROTECTED_FIELDS = ['gender', 'birthYear', 'ethnicity', 'maritalStatus', 'hukou'] as const;

export const resumeInputSchema = z.strictObject({
  id: idSchema.optional().meta({ description: 'Required in bulk lines; must match the path when given to PUT' }),
  name: z.string().trim().max(50).optional(),
  phone: z.string().trim().max(30).optional(),
  email: z.email().max(200).optional(),
  idNumber: z.string().trim().max(30).optional(),
  gender: z.enum(['男', '女', '其他']).optional(),
  birthYear: z.number().int().min(1900).max(2100).optional(),
  ethnicity: z.string().max(20).optional(),
  maritalStatus: z.string().max(20).optional(),
  hukou: z.string().max(50).optional(),
  summary: z.string().max(5_000).optional().meta({ description: 'Free-text self-description' }),
  education: educationSchema.default('不限'),
  major: z.string().trim().max(50).optional(),
  graduationYear: z.number().int().min(1950).max(2100).optional().meta({ description: 'Year of graduation from the highest education (policy eligibility, e.g. 毕业年度高校毕业生); never used for matching' }),
  skills: stringList(50, 50),
  experience: z.array(experienceSchema).max(30).default([]),
  desiredTitles: stringList(10, 50),
  desiredIndustries: stringList(10, 50),
  desiredDistricts: z.array(districtSchema).max(10).default([]),
  expectedSalary: z
    .union([z.string().max(100).transform((text) => ({ text })), salaryInputSchema])
    .default({ text: '面议' }),
  location: locationSchema,
  employmentTypes: z.array(employmentTypeSchema).max(4).default(['全职']),
  programs: z.array(z.enum(PROGRAMS)).max(5).default([]).meta({ description: 'Opt-in programmes; used only when the seeker chooses them' }),
  contactConsent: z.boolean().default(false).meta({ description: 'May recruiters see name, phone and email?' }),
  updatedAt: isoDateTime.optional(),
});
export type ResumeInput = z.input<typeof resumeInputSchema>;
type ParsedResumeInput = z.output<typeof resumeInputSchema>;

/** A resume as stored and returned (plain, so it serialises). Search results omit protected fields. */
export const resumeSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
  idNumber: z.string().optional(),
  gender: z.string().optional(),
  birthYear: z.number().optional(),
  ethnicity: z.string().optional(),
  maritalStatus: z.string().optional(),
  hukou: z.string().optional(),
  summary: z.string().optional(),
  education: z.enum(EDUCATION_LEVELS),
  major: z.string().optional(),
  graduationYear: z.number().optional(),
  skills: z.array(z.string()),
  experience: z.array(z.object({ title: z.string(), company: z.string().optional(), years: z.number(), description: z.string().optional() })),
  desiredTitles: z.array(z.string()),
  desiredIndustries: z.array(z.string()),
  desiredDistricts: z.array(z.string()),
  expectedSalary: normalizedSalarySchema,
  location: storedLocationSchema,
  employmentTypes: z.array(z.enum(EMPLOYMENT_TYPES)),
  programs: z.array(z.enum(PROGRAMS)),
  contactConsent: z.boolean(),
  updatedAt: z.string(),
  catalogLinks: z.array(catalogLinkSchema).optional().meta({ description: 'Server-computed: the catalog entries this seeker fits, best first' }),
  catalogNear: z.array(catalogLinkSchema).optional().meta({ description: 'Server-computed: entries just below the link threshold (near misses, for the gap report)' }),
  catalogMissing: z.array(z.object({ entryId: z.string(), skills: z.array(z.string()) })).optional()
    .meta({ description: "Server-computed: per linked or near-miss entry, the entry's skills this seeker does not list (the gap report's missing skills)" }),
  occupationCodes: z.array(z.string()).optional().meta({ description: "Server-computed: the likeliest occupation code of each of the seeker's titles" }),
  catalogRevision: z.number().int().optional().meta({ description: 'Server-computed: the catalog revision the links were computed with' }),
});
export type Resume = z.infer<typeof resumeSchema>;

export function toResume(id: string, input: ParsedResumeInput, now: Date): Resume {
  const { expectedSalary, ...rest } = input;
  return { ...rest, id, expectedSalary: resolveSalary(expectedSalary), updatedAt: input.updatedAt ?? now.toISOString() };
}

export function totalExperienceYears(r: Pick<Resume, 'experience'>): number {
  return r.experience.reduce((sum, e) => sum + e.years, 0);
}
