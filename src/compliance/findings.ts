import type { Finding, TextField, Verdict } from './types.js';
import { TEXT_FIELDS } from './types.js';

const SEVERITY_RANK = { block: 3, warn: 2, info: 1 } as const;
const FIELD_RANK = Object.fromEntries(TEXT_FIELDS.map((f, i) => [f, i])) as Record<TextField, number>;

/** Keep one finding per overlapping span and category: the most severe, then the longest. */
export function dedupeFindings(findings: readonly Finding[]): Finding[] {
  const sorted = [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: Finding[] = [];
  for (const f of sorted) {
    const clash = kept.some(
      (k) => k.field === f.field && k.category === f.category && k.start < f.end && f.start < k.end,
    );
    if (!clash) kept.push(f);
  }
  return kept.sort((a, b) => FIELD_RANK[a.field] - FIELD_RANK[b.field] || a.start - b.start || a.end - b.end);
}

export function verdictOf(findings: readonly Finding[]): Verdict {
  if (findings.some((f) => f.severity === 'block')) return 'reject';
  if (findings.some((f) => f.severity === 'warn')) return 'review';
  return 'pass';
}

export function isActionable(f: Finding): boolean {
  return f.severity === 'block' || f.severity === 'warn';
}
