import type { FastifyReply, FastifyRequest } from 'fastify';
import { envKeyId, hashKey } from '../keys/hash.js';
import { HttpProblem } from './problem.js';

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

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** Roles allowed on this route; absent means no key is needed (health, docs). */
    roles?: readonly Role[];
  }
}

/** Reads `Authorization: Bearer <key>` or `x-api-key: <key>`. */
export function presentedKey(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    return m ? m[1] : undefined;
  }
  const x = req.headers['x-api-key'];
  return typeof x === 'string' && x ? x : undefined;
}

/** Finds the principal of a presented key (by its hash), or undefined for an unknown or revoked key. */
export interface KeyLookup {
  lookup(key: string): Principal | undefined;
}

/**
 * A preHandler-style check: 401 for a missing, unknown or revoked key, 403 for a wrong role. `keys` is the key
 * store (keys added and revoked at run time) or a fixed map from parseApiKeys.
 */
export function makeAuthHook(keys: KeyLookup | Map<string, Principal>) {
  const find = keys instanceof Map ? (key: string) => keys.get(hashKey(key)) : (key: string) => keys.lookup(key);
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    const roles = req.routeOptions.config?.roles;
    if (!roles) return;
    const key = presentedKey(req);
    if (!key) throw new HttpProblem(401, 'an API key is required: send Authorization: Bearer <key> or x-api-key: <key>', [{ field: 'authorization', location: 'header', reason: 'missing' }]);
    const principal = find(key);
    if (!principal) throw new HttpProblem(401, 'unknown or revoked API key', [{ field: 'authorization', location: 'header', reason: 'unknown key' }]);
    req.principal = principal;
    if (!roles.includes(principal.role)) {
      throw new HttpProblem(403, `this route needs one of the roles ${roles.join(', ')}; the key has role ${principal.role}`);
    }
  };
}

export const ANY_ROLE: readonly Role[] = ROLES;
export const STAFF: readonly Role[] = ['recruiter', 'admin'];
