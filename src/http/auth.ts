import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from './problem.js';

export const ROLES = ['public', 'employer', 'recruiter', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  key: string;
  role: Role;
  employerId?: string;
}

/** Parses API_KEYS: `key:role[:employerId]`, comma-separated. Throws on a malformed entry (at boot). */
export function parseApiKeys(spec: string): Map<string, Principal> {
  const keys = new Map<string, Principal>();
  for (const entry of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [key, role, employerId] = entry.split(':');
    if (!key || !role || !(ROLES as readonly string[]).includes(role)) {
      throw new Error(`API_KEYS entry "${entry.replace(/^[^:]*/, '***')}" must be key:role[:employerId] with role one of ${ROLES.join(', ')}`);
    }
    if (role === 'employer' && !employerId) throw new Error(`API_KEYS: an employer key needs an employerId (key:employer:e-0001)`);
    keys.set(key, { key, role: role as Role, ...(employerId ? { employerId } : {}) });
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

/** A preHandler-style check: 401 for a missing or unknown key, 403 for a wrong role. */
export function makeAuthHook(keys: Map<string, Principal>) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    const roles = req.routeOptions.config?.roles;
    if (!roles) return;
    const key = presentedKey(req);
    if (!key) throw new HttpProblem(401, 'an API key is required: send Authorization: Bearer <key> or x-api-key: <key>', [{ field: 'authorization', location: 'header', reason: 'missing' }]);
    const principal = keys.get(key);
    if (!principal) throw new HttpProblem(401, 'unknown API key', [{ field: 'authorization', location: 'header', reason: 'unknown key' }]);
    req.principal = principal;
    if (!roles.includes(principal.role)) {
      throw new HttpProblem(403, `this route needs one of the roles ${roles.join(', ')}; the key has role ${principal.role}`);
    }
  };
}

export const ANY_ROLE: readonly Role[] = ROLES;
export const STAFF: readonly Role[] = ['recruiter', 'admin'];
