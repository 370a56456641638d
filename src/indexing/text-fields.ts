import { analyze, analyzeForIndex, charGrams } from '../analysis/analyzer.js';
import { placeNames } from '../domain/districts.js';
import type { TextField } from '../engine/types.js';

/**
 * Pre-segmented text fields of a document: the words of title, body and skills; the parts of the title's long
 * words (`titleParts`); the parts of the other long words plus the names of the place (`parts`, so 黄岛 finds a
 * job located in 黄岛区 whose text never says so); character grams of title and body for exact phrases.
 */
export function textFields(fields: Record<'title' | 'body' | 'skills', string>, district?: string): Record<TextField, string> {
  const out = { title: '', body: '', skills: '', titleParts: '', parts: '', grams: '' };
  const parts: string[] = [];
  for (const f of ['title', 'body', 'skills'] as const) {
    const a = analyzeForIndex(fields[f]);
    out[f] = a.tokens.join(' ');
    if (f === 'title') out.titleParts = a.parts.join(' ');
    else parts.push(...a.parts);
  }
  if (district) for (const name of placeNames(district)) parts.push(...new Set([name, ...analyze(name)]));
  out.parts = parts.join(' ');
  out.grams = charGrams(`${fields.title}\n${fields.body}`).join(' ');
  return out;
}
