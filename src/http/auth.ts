import type { FastifyReply, FastifyRequest } from 'fastify';
import { hashKey } from '../keys/hash.js';
import { HttpProblem } from './problem.js';

export { parseApiKeys, ROLES, type KeyLookup, type Principal, type Role } from '../keys/principal.js';
import { ROLES, type KeyLookup, type Principal, type Role } from '../keys/principal.js';

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
