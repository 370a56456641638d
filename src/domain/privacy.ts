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

/** Contact data masked unless the seeker consented; protected attributes removed when `dropProtected`. */
export function redactResume(r: Resume, opts: { dropProtected: boolean }): Resume {
  const out: Resume = { ...r };
  if (!r.contactConsent) {
    if (out.name) out.name = maskName(out.name);
    if (out.phone) out.phone = maskPhone(out.phone);
    if (out.email) out.email = maskEmail(out.email);
  }
  if (out.idNumber) out.idNumber = maskIdNumber(out.idNumber);
  if (opts.dropProtected) for (const f of PROTECTED_FIELDS) delete out[f];
  return out;
}
