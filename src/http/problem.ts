import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { Transform, type Readable } from 'node:stream';
import { z } from 'zod';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { nulPath, zodIssuesToFieldErrors, type FieldError } from '../domain/issues.js';
import { engineFault } from '../engine/faults.js';
import { codeForStatus, isDomainError } from '../domain/errors.js';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

/** RFC 9457 problem documents: every 4xx and 5xx the service sends has this shape. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().optional().meta({ description: 'Stable machine-readable error code, e.g. ZZH_NOT_FOUND, ZZH_CATALOG_VERSION_TAKEN (docs/architecture.md lists them)' }),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), location: z.string().optional(), reason: z.string() })).optional(),
  })
  .passthrough()
  .meta({ id: 'Problem', description: 'RFC 9457 problem document (application/problem+json)' });
export type Problem = z.infer<typeof problemSchema>;


const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 409: 'Conflict', 413: 'Content Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content',
  429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable', 507: 'Insufficient Storage',
};

/** An error a route throws to answer with a problem document. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function problem(status: number, detail: string, errors?: FieldError[], extra?: Record<string, unknown>): Problem {
  return {
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    code: codeForStatus(status),
    detail,
    ...(errors?.length ? { errors } : {}),
    ...extra,
  };
}

export function sendProblem(reply: FastifyReply, p: Problem, headers: Record<string, string> = {}) {
  return reply.code(p.status).headers(headers).type('application/problem+json').send(p);
}

/** Engine faults answered 503 (with Retry-After) or 507 instead of 500: see src/engine/faults.ts. */
export const engineUnavailable = engineFault;

const LOCATION: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };

export function installProblemHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) => sendProblem(reply, problem(404, `no route for ${req.method} ${req.url.split('?')[0]}`)));

  // The one place errors become problem documents. Domain errors (src/domain/errors.ts) carry their own code.
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (isDomainError(err)) {
      return sendProblem(reply, problem(err.statusCode, err.message, err.errors, { ...err.extra, code: err.code }), err.statusCode === 503 ? { 'retry-after': '5' } : {});
    }
    if (err instanceof HttpProblem) {
      return sendProblem(reply, problem(err.status, err.message, err.errors, err.extra), err.status === 503 ? { 'retry-after': '5' } : {});
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const location = LOCATION[err.validationContext ?? 'body'] ?? 'body';
      const errors = err.validation.flatMap((v) => {
        const extra = v.params as { keys?: string[] };
        const path = v.instancePath.split('/').filter(Boolean);
        return zodIssuesToFieldErrors([{ path, message: v.message ?? 'invalid', code: v.keyword, ...(extra.keys ? { keys: extra.keys } : {}) }], location);
      });
      const first = errors[0];
      return sendProblem(reply, problem(400, first ? `invalid ${location} field "${first.field}": ${first.reason}` : 'invalid request', errors));
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err: { message: err.message, issues: err.cause.issues } }, 'response did not match its schema');
      return sendProblem(reply, problem(500, 'internal error'));
    }
    const unavailable = engineUnavailable(err);
    if (unavailable) {
      req.log.warn({ err: err.message, code: err.code }, 'engine unavailable');
      return sendProblem(reply, problem(unavailable.status, unavailable.detail), unavailable.status === 503 ? { 'retry-after': '5' } : {});
    }
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) {
      req.log.error({ err }, 'request failed');
      return sendProblem(reply, problem(status, 'internal error; the request id is in the x-request-id header'));
    }
    // Fastify's own 4xx: malformed JSON, wrong content type, body too large …
    const field = err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'content-type' : err.code?.startsWith('FST_ERR_CTP') ? '(body)' : undefined;
    return sendProblem(reply, problem(status, err.message, field ? [{ field, location: field === 'content-type' ? 'header' : 'body', reason: err.message }] : undefined));
  });
}

/** NUL characters are refused in bodies, query strings and path parameters (they break downstream systems). */
export async function rejectNulCharacters(req: FastifyRequest): Promise<void> {
  for (const [location, value] of [['body', req.body], ['query', req.query], ['path', req.params]] as const) {
    const field = nulPath(value);
    if (field) throw new HttpProblem(400, `field "${field}" contains a NUL character`, [{ field, location, reason: 'NUL characters are not allowed' }]);
  }
}

const BODY: FieldError = { field: '(body)', location: 'body', reason: '' };

/**
 * Body parsers that refuse what Fastify's own would let through: JSON that is not valid UTF-8 (400, instead of
 * replacement characters stored silently), and NDJSON over the route's body limit (413; the stream is counted as
 * it is read, since a streamed body bypasses Fastify's limit). Prototype-poisoning keys stay refused as before.
 */
export function installBodyParsers(app: FastifyInstance): void {
  const json = app.getDefaultJsonParser('error', 'error');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new HttpProblem(400, 'the body is not valid UTF-8', [{ ...BODY, reason: 'invalid UTF-8' }]), undefined);
      return;
    }
    json(req, text, done);
  });
  app.addContentTypeParser('application/x-ndjson', (req, payload, done) => {
    const limit = req.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 1_048_576;
    const declared = Number(req.headers['content-length']);
    if (declared > limit) {
      done(new HttpProblem(413, `the body is larger than ${limit} bytes`, [{ ...BODY, reason: `over ${limit} bytes` }]), undefined);
      return;
    }
    done(null, countBytes(payload, limit));
  });
}

/** The stream, failing with a 413 problem once more than `limit` bytes have passed. */
function countBytes(payload: Readable, limit: number): Readable {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, next) {
      seen += chunk.length;
      if (seen > limit) next(new HttpProblem(413, `the body is larger than ${limit} bytes`, [{ ...BODY, reason: `over ${limit} bytes` }]));
      else next(null, chunk);
    },
  });
  payload.on('error', (err) => counter.destroy(err));
  return payload.pipe(counter);
}

/**
 * HTTP/1.1 requests must name their Host (RFC 9112 §3.2). Node's own check answers with a bare 400, so the
 * server lets them through (`requireHostHeader: false`) and this hook refuses them with a problem document.
 */
export async function requireHostHeader(req: FastifyRequest): Promise<void> {
  const { httpVersionMajor, httpVersionMinor } = req.raw;
  if (httpVersionMajor === 1 && httpVersionMinor >= 1 && !req.headers.host) {
    throw new HttpProblem(400, 'an HTTP/1.1 request needs a Host header', [{ field: 'host', location: 'header', reason: 'missing' }]);
  }
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (a broken request line, headers over 16 KB, bad
 * framing) are answered with a problem document too, then the connection is closed.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const detail = status === 408 ? 'the request did not arrive in time' : status === 431 ? 'the request line and headers are larger than 16 KB' : 'the request is not well-formed HTTP';
  const field = status === 408 ? '(request)' : status === 431 ? '(headers)' : '(request)';
  const body = JSON.stringify({ ...problem(status, detail, [{ field, location: 'header', reason: detail }]), title: STATUS_CODES[status] });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}

/**
 * Adds the problem responses every route can give to its documented responses (where the route does not
 * document them itself), so the OpenAPI document lists every status a client can meet: 400 (malformed input,
 * NUL characters), 401/403/429/503 on keyed routes, 404/414 where a path names a document, 413/415/507 on
 * writes.
 */
export function documentProblemResponses(route: RouteOptions): void {
  const schema = route.schema as { hide?: boolean; params?: unknown; response?: Record<string, unknown> } | undefined;
  if (!schema || schema.hide) return;
  const methods = [route.method].flat();
  const writes = methods.some((m) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(m));
  // DELETE may carry a body too (answered 415 when its type is unknown).
  const withBody = writes;
  const statuses = [
    400,
    ...(route.config?.roles ? [401, 403, 429, 503] : []),
    ...(schema.params || route.url.includes(':') ? [404, 414] : []),
    ...(withBody ? [413, 415] : []),
    ...(writes && route.config?.roles ? [507] : []),
  ];
  const response = (schema.response ??= {});
  for (const status of statuses) response[status] ??= problemSchema;
}
