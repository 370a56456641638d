/**
 * Domain errors: each has a stable `code` (clients may branch on it; it never changes meaning) and an HTTP
 * status, built with fastify's own `@fastify/error`. Modules throw them; ONE error handler
 * (src/http/problem.ts, installProblemHandlers) turns every error into an RFC 9457 problem document that
 * carries the `code`. docs/architecture.md lists the codes.
 */
import createError, { type FastifyErrorConstructor } from '@fastify/error';
import type { FieldError } from './issues.js';

/** Details a problem document carries besides status and detail. */
export interface ProblemDetails {
  errors?: FieldError[];
  extra?: Record<string, unknown>;
}

const DOMAIN = Symbol.for('zzh.domain-error');

/** Every code, with its status and a one-line meaning (docs/architecture.md shows the same table). */
export const ERROR_CODES = {
  ZZH_INVALID_PARAMETER: { status: 400, meaning: 'a query or path parameter is invalid (errors[] names it)' },
  ZZH_INVALID_BODY: { status: 400, meaning: 'the request body is invalid (errors[] names the fields)' },
  ZZH_UNAUTHORIZED: { status: 401, meaning: 'no API key, or an unknown or revoked one' },
  ZZH_FORBIDDEN: { status: 403, meaning: 'the key\'s role or owner may not do this' },
  ZZH_NOT_FOUND: { status: 404, meaning: 'no such document, route or resource' },
  ZZH_CONFLICT: { status: 409, meaning: 'the request conflicts with the stored state' },
  ZZH_CATALOG_VERSION_TAKEN: { status: 409, meaning: 'a catalog version label already names other content' },
  ZZH_POLICY_VERSION_TAKEN: { status: 409, meaning: 'a policy-set version label already names other content' },
  ZZH_CATALOG_INVALID: { status: 400, meaning: 'the catalog refers to unknown occupation codes or is malformed' },
  ZZH_RULEBOOK_INVALID: { status: 422, meaning: 'the compliance rulebook did not load; the previous version stays in service' },
  ZZH_NOT_READY: { status: 503, meaning: 'the service or a report is not ready yet; retry after Retry-After' },
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

type DomainCtor = new (message: string, details?: ProblemDetails) => DomainError;

/** A domain error: `code`, `statusCode`, and the optional field errors and extra members of its problem document. */
export interface DomainError extends Error {
  code: ErrorCode;
  statusCode: number;
  errors?: FieldError[];
  extra?: Record<string, unknown>;
}

function domainError(code: ErrorCode): DomainCtor {
  const Base = createError(code, '%s', ERROR_CODES[code].status) as FastifyErrorConstructor;
  return class extends (Base as unknown as new (message: string) => Error) {
    errors?: FieldError[];
    extra?: Record<string, unknown>;
    constructor(message: string, details: ProblemDetails = {}) {
      super(message);
      if (details.errors?.length) this.errors = details.errors;
      if (details.extra) this.extra = details.extra;
      Object.defineProperty(this, DOMAIN, { value: true });
    }
  } as unknown as DomainCtor;
}

export const InvalidParameter = domainError('ZZH_INVALID_PARAMETER');
export const InvalidBody = domainError('ZZH_INVALID_BODY');
export const Unauthorized = domainError('ZZH_UNAUTHORIZED');
export const Forbidden = domainError('ZZH_FORBIDDEN');
export const NotFound = domainError('ZZH_NOT_FOUND');
export const Conflict = domainError('ZZH_CONFLICT');
export const CatalogVersionTaken = domainError('ZZH_CATALOG_VERSION_TAKEN');
export const CatalogInvalid = domainError('ZZH_CATALOG_INVALID');
export const PolicyVersionTaken = domainError('ZZH_POLICY_VERSION_TAKEN');
export const RulebookInvalid = domainError('ZZH_RULEBOOK_INVALID');
export const NotReady = domainError('ZZH_NOT_READY');

/** An invalid query parameter, named in errors[] (search, recommendations). */
export function invalidQueryParameter(param: string, message: string): DomainError {
  return new InvalidParameter(message, { errors: [{ field: param, location: 'query', reason: message }] });
}

export function isDomainError(err: unknown): err is DomainError {
  return typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[DOMAIN] === true;
}

/** The code of a problem without a domain error behind it (fastify's own 4xx, the router, the auth hook). */
export function codeForStatus(status: number): string {
  switch (status) {
    case 400: return 'ZZH_BAD_REQUEST';
    case 401: return 'ZZH_UNAUTHORIZED';
    case 403: return 'ZZH_FORBIDDEN';
    case 404: return 'ZZH_NOT_FOUND';
    case 405: return 'ZZH_METHOD_NOT_ALLOWED';
    case 406: return 'ZZH_NOT_ACCEPTABLE';
    case 409: return 'ZZH_CONFLICT';
    case 413: return 'ZZH_BODY_TOO_LARGE';
    case 415: return 'ZZH_UNSUPPORTED_MEDIA_TYPE';
    case 422: return 'ZZH_UNPROCESSABLE';
    case 429: return 'ZZH_RATE_LIMITED';
    case 503: return 'ZZH_NOT_READY';
    case 507: return 'ZZH_STORAGE_FULL';
    default: return status >= 500 ? 'ZZH_INTERNAL' : 'ZZH_BAD_REQUEST';
  }
}
