/** Who holds an API key and what it may do: roles, principals, and the API_KEYS format. No HTTP here. */
import { envKeyId, hashKey } from './hash.js';

/**
 * Roles: `public` (front-ends), `employer` (bound to an employer id), `recruiter` and `admin` (staff), and
 * `seeker` (a job seeker's own key, bound to one resume id: it may read that resume's recommendations).
 */
export const ROLES = ['public', 'employer', 'recruiter', 'admin', 'seeker'] as const;
export type Role = (typeof ROLES)[number];

/** Who a request acts for. The key itself is never kept: `keyId` names it (in logs, audits and /v1/keys). */
export interface Principal {
  keyId: string;
  role: Role;
  employerId?: string;
  /** The seeker's own resume (role seeker). */
  resumeId?: string;
}

/**
 * Parses API_KEYS: `key:role[:employerId|resumeId]`, comma-separated. Throws on a malformed entry (at boot).
 * Answers the principals by the SHA-256 of their key: the plain keys are not kept.
 */
export function parseApiKeys(spec: string): Map<string, Principal> {
  const keys = new Map<string, Principal>();
  for (const entry of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [key, role, owner] = entry.split(':');
    if (!key || !role || !(ROLES as readonly string[]).includes(role)) {
      throw new Error(`API_KEYS entry "${entry.replace(/^[^:]*/, '***')}" must be key:role[:employerId|resumeId] with role one of ${ROLES.join(', ')}`);
    }
    if (role === 'employer' && !owner) throw new Error(`API_KEYS: an employer key needs an employerId (key:employer:e-0001)`);
    if (role === 'seeker' && !owner) throw new Error(`API_KEYS: a seeker key needs the seeker's resume id (key:seeker:r-000001)`);
    const bound = owner ? (role === 'seeker' ? { resumeId: owner } : { employerId: owner }) : {};
    const hash = hashKey(key);
    keys.set(hash, { keyId: envKeyId(hash), role: role as Role, ...bound });
  }
  return keys;
}

/** Finds the principal of a presented key (by its hash), or undefined for an unknown or revoked key. */
export interface KeyLookup {
  lookup(key: string): Principal | undefined;
}
