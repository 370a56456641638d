import { isActionable } from './findings.js';
import type { Rulebook } from './rulebook-loader.js';
import { TEXT_FIELDS, type Finding, type Posting, type TextField } from './types.js';

/**
 * Neutral rewrite of the fields that carry block/warn findings. Each finding's span is replaced by the
 * rule's replacement (usually nothing); the result is re-checked, and clauses that still carry findings are
 * dropped, until the re-check passes. Termination: every round removes text; the last resort empties the field.
 */
const CLAUSE_END = /[，,。；;、！!？?\n]/;
const MAX_ROUNDS = 4;

function tidy(s: string): string {
  return s
    .replace(/([，,；;、])\s*(?=[，,。；;、！!？?]|$)/g, '')
    .replace(/([：:])\s*[，,；;、]+/g, '$1')
    .replace(/^[\s，,；;、]+/, '')
    .replace(/（\s*）|\(\s*\)/g, '')
    .replace(/[ \t]{2,}/g, ' ');
}

function spliceFindings(text: string, fs: readonly Finding[], replacementOf: (f: Finding) => string): string {
  const sorted = [...fs].sort((a, b) => b.start - a.start);
  let out = text;
  let floor = Infinity;
  for (const f of sorted) {
    if (f.end > floor) continue; // overlapping: already edited
    out = out.slice(0, f.start) + replacementOf(f) + out.slice(f.end);
    floor = f.start;
  }
  return out;
}

function dropClauses(text: string, fs: readonly Finding[]): string {
  const spans = fs
    .map((f) => {
      let a = f.start;
      while (a > 0 && !CLAUSE_END.test(text[a - 1]!)) a--;
      let b = f.end;
      while (b < text.length && !CLAUSE_END.test(text[b]!)) b++;
      if (b < text.length) b++;
      return [a, b] as const;
    })
    .sort((x, y) => y[0] - x[0]);
  let out = text;
  let floor = Infinity;
  for (const [a, b] of spans) {
    const end = Math.min(b, floor);
    if (end <= a) continue;
    out = out.slice(0, a) + out.slice(end);
    floor = a;
  }
  return out;
}

export function buildRewrite(
  posting: Posting,
  initial: readonly Finding[],
  rulebook: Rulebook,
  recheck: (p: Posting) => Finding[],
): Partial<Record<TextField, string>> {
  const replacement = new Map(rulebook.rules.map((r) => [r.id, r.replace] as const));
  const current: Posting = { ...posting };
  const changed = new Set<TextField>();
  let pending = initial.filter(isActionable);
  for (let round = 0; round <= MAX_ROUNDS && pending.length > 0; round++) {
    for (const field of TEXT_FIELDS) {
      const fs = pending.filter((f) => f.field === field);
      const text = current[field];
      if (fs.length === 0 || typeof text !== 'string') continue;
      let next: string;
      if (round === 0) next = spliceFindings(text, fs, (f) => replacement.get(f.ruleId) ?? '');
      else if (round < MAX_ROUNDS) next = dropClauses(text, fs);
      else next = '';
      current[field] = tidy(next) as never;
      changed.add(field);
    }
    pending = recheck(current).filter(isActionable);
  }
  const out: Partial<Record<TextField, string>> = {};
  for (const field of changed) out[field] = current[field] as string;
  return out;
}
