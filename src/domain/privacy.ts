import { replaceContacts, type ContactKind, type ContactSpan } from './contacts-in-text.js';
import { PROTECTED_FIELDS, type Resume } from './resume.js';

/** 张三丰 → 张**: only the first character is kept. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(Math.min(chars.length - 1, 3));
}

/** 13812345678 → 138****5678; other formats keep their first 3 and last 4 digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length || 4);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** zhang.san@example.com → z***@example.com */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

export function maskIdNumber(id: string): string {
  return id.length <= 4 ? '****' : `${id.slice(0, 2)}${'*'.repeat(id.length - 4)}${id.slice(-2)}`;
}

/**
 * Phone digits masked, separators kept: 11 digits or more keep their first 3 and last 4 (138-****-5678,
 * +86 1**-****-5678), a shorter local number only its last 2 (******88).
 */
function maskPhoneInText(text: string): string {
  const total = (text.match(/[0-9０-９]/g) ?? []).length;
  const [first, last] = total >= 11 ? [3, 4] : [0, 2];
  let seen = 0;
  return text.replace(/[0-9０-９]/g, (d) => (seen++ < first || seen > total - last ? d : '*'));
}

/** How a piece of contact data found in free text is shown masked. */
export function maskContactSpan(s: ContactSpan): string {
  switch (s.kind) {
    case 'phone': return maskPhoneInText(s.text);
    case 'email': return maskEmail(s.text);
    case 'idNumber': return maskIdNumber(s.text);
    case 'handle': return `${[...s.text][0]}***`;
  }
}

const ALL_CONTACTS: ReadonlySet<ContactKind> = new Set(['phone', 'email', 'handle', 'idNumber']);
const ID_NUMBERS_ONLY: ReadonlySet<ContactKind> = new Set(['idNumber']);

/** Contact data typed into free text, masked: all of it, or only ID numbers (when the seeker consented). */
export function maskContactsInText(text: string, opts: { consent: boolean }): string {
  return replaceContacts(text, maskContactSpan, opts.consent ? ID_NUMBERS_ONLY : ALL_CONTACTS);
}

/**
 * Every free-text field of a resume through `f`: summary, major, desired titles, skills, the experience entries'
 * titles, companies and descriptions, the address and the salary as written.
 */
export function mapResumeFreeText(r: Resume, f: (text: string) => string): Resume {
  const out: Resume = {
    ...r,
    skills: r.skills.map(f),
    desiredTitles: r.desiredTitles.map(f),
    experience: r.experience.map((e) => ({
      ...e, title: f(e.title),
      ...(e.company !== undefined ? { company: f(e.company) } : {}),
      ...(e.description !== undefined ? { description: f(e.description) } : {}),
    })),
  };
  if (r.summary !== undefined) out.summary = f(r.summary);
  if (r.major !== undefined) out.major = f(r.major);
  if (r.location.address !== undefined) out.location = { ...r.location, address: f(r.location.address) };
  if (r.expectedSalary.text !== undefined) out.expectedSalary = { ...r.expectedSalary, text: f(r.expectedSalary.text) };
  return out;
}

/**
 * A resume as recruiters and employers see it. Without the seeker's contactConsent, name, phone and e-mail are
 * masked, and so is any contact data typed into free text (phones, e-mails, QQ/WeChat ids). ID numbers — the field
 * and any typed into free text — are masked for everyone, consent or not (only an admin reading one resume sees
 * them). Protected attributes are removed when `dropProtected`.
 */
export function redactResume(r: Resume, opts: { dropProtected: boolean }): Resume {
  const out = mapResumeFreeText(r, (text) => maskContactsInText(text, { consent: r.contactConsent }));
  if (!r.contactConsent) {
    if (out.name) out.name = maskName(out.name);
    if (out.phone) out.phone = maskPhone(out.phone);
    if (out.email) out.email = maskEmail(out.email);
  }
  if (out.idNumber) out.idNumber = maskIdNumber(out.idNumber);
  if (opts.dropProtected) for (const f of PROTECTED_FIELDS) delete out[f];
  return out;
}
