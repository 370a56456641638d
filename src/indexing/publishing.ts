import type { Finding, Screener } from '../compliance/index.js';
import type { Vacancy, VacancyCompliance } from '../domain/vacancy.js';

/** Why a vacancy cannot be published: the blocking findings. */
export interface PublishRefusal {
  message: string;
  verdict: 'reject';
  findings: Finding[];
  rulebookVersion: string;
}

/**
 * Screens a vacancy before it is stored (issue 5, item 6): the result is kept on the vacancy; a `block` finding
 * stops publication (a draft may still be saved with its findings); `warn` publishes with status "review".
 */
export function screenVacancy(v: Vacancy, screener: Screener, now: Date): { vacancy: Vacancy } | { refusal: PublishRefusal } {
  const result = screener.check({
    title: v.title,
    description: v.description,
    ...(v.requirements ? { requirements: v.requirements } : {}),
    ...(v.salary.text ? { salaryText: v.salary.text } : {}),
    district: v.location.district,
    employmentType: v.employmentType,
  });
  const status: VacancyCompliance['status'] = result.verdict === 'reject' ? 'reject' : result.verdict === 'review' ? 'review' : 'pass';
  if (status === 'reject' && v.status === 'published') {
    const blocking = result.findings.filter((f) => f.severity === 'block');
    return {
      refusal: {
        message: `not published: ${blocking.length} finding(s) break recruitment law (${[...new Set(blocking.map((f) => f.category))].join(', ')}); fix them or save as draft`,
        verdict: 'reject',
        findings: result.findings,
        rulebookVersion: result.rulebookVersion,
      },
    };
  }
  const compliance: VacancyCompliance = {
    status,
    rulebookVersion: result.rulebookVersion,
    checkedAt: now.toISOString(),
    findings: result.findings.map((f) => ({ category: f.category, severity: f.severity, field: f.field, start: f.start, end: f.end, text: f.text, ruleId: f.ruleId, message: f.message })),
  };
  return { vacancy: { ...v, compliance } };
}
