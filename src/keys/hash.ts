import { createHash, randomBytes } from 'node:crypto';

/**
 * How API keys are held: only the SHA-256 of a key is ever kept (in memory and on disk); a presented key is
 * hashed and looked up by its hash, so the plain key exists only in the request that carries it. New keys are
 * 256 random bits, so a plain hash is enough (no salt or slow hash needed: there is nothing to guess).
 */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new random API key: `zzh_` and 43 base64url characters (256 bits). */
export function generateKey(): string {
  return `zzh_${randomBytes(32).toString('base64url')}`;
}

/** The id of a key from API_KEYS: `env-` and the first 12 hex digits of its hash (stable across restarts). */
export function envKeyId(hash: string): string {
  return `env-${hash.slice(0, 12)}`;
}

/** The id of a key created through the API: `key-` and 16 random hex digits. */
export function newKeyId(): string {
  return `key-${randomBytes(8).toString('hex')}`;
}
