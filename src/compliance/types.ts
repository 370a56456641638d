/** Domain types of the compliance screener (no HTTP types here). */

export const DISCRIMINATION_CATEGORIES = [
  'gender',
  'age',
  'marital_childbearing',
  'ethnicity',
  'religion',
  'hukou_region',
  'disability',
  'health',
  'appearance',
  'sexual_orientation',
  'education_origin',
  'other',
] as const;

export const RECRUITMENT_CATEGORIES = [
  'wage_below_minimum',
  'fee_or_deposit',
  'document_withholding',
  'probation',
  'social_insurance_waiver',
  'working_hours',
] as const;

export const CATEGORIES = [...DISCRIMINATION_CATEGORIES, ...RECRUITMENT_CATEGORIES] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['block', 'warn', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const TEXT_FIELDS = ['title', 'description', 'requirements', 'benefits', 'salaryText', 'contractTerms'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export interface Posting {
  title?: string;
  description: string;
  requirements?: string;
  benefits?: string;
  salaryText?: string;
  contractTerms?: string;
  district?: string;
  employmentType?: string;
}

export interface LegalBasis {
  law: string;
  article: string;
}

export interface Finding {
  category: Category;
  severity: Severity;
  field: TextField;
  start: number;
  end: number;
  text: string;
  ruleId: string;
  legalBasis: LegalBasis[];
  message: string;
  suggestion: string;
}

export type Verdict = 'pass' | 'review' | 'reject';

export interface CheckResult {
  verdict: Verdict;
  findings: Finding[];
  rewrite: Partial<Record<TextField, string>>;
  rulebookVersion: string;
}
