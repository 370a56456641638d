import { analyze, analyzeForIndex } from '../analysis/analyzer.js';
import { stripContacts } from '../domain/contacts-in-text.js';
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
  const grams: string[] = [];
  for (const f of ['title', 'body', 'skills'] as const) {
    const a = analyzeForIndex(fields[f], f !== 'skills');
    out[f] = a.tokens.join(' ');
    if (f === 'title') out.titleParts = a.parts.join(' ');
    else parts.push(...a.parts);
    grams.push(...a.grams);
  }
  if (district) parts.push(...placeTokens(district));
  out.parts = parts.join(' ');
  out.grams = grams.join(' ');
  return out;
}

/**
 * A resume's text fields: as `textFields`, with any contact data typed into the text (phones, e-mails, QQ/WeChat
 * ids, ID numbers) left out first, so none of it is ever searchable — with or without the seeker's consent.
 */
export function resumeTextFields(fields: Record<'title' | 'body' | 'skills', string>, district?: string): Record<TextField, string> {
  return textFields({ title: stripContacts(fields.title), body: stripContacts(fields.body), skills: stripContacts(fields.skills) }, district);
}

const placeCache = new Map<string, string[]>();
/** A district's names and their words, analysed once. */
function placeTokens(district: string): string[] {
  let tokens = placeCache.get(district);
  if (!tokens) {
    tokens = [...new Set(placeNames(district).flatMap((name) => [name, ...analyze(name)]))];
    placeCache.set(district, tokens);
  }
  return tokens;
}
