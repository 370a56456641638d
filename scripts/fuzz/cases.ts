import { encodeCursor } from '../../src/search/cursor.js';
import type { ExamplePool } from './hints.js';
import { mutateValue, rawBody } from './mutate.js';
import type { Operation, Param } from './openapi.js';
import type { Rng } from './rng.js';
import { generate, type GenContext, type Hints, type JsonSchema } from './schema.js';

export interface FuzzRequest { method: string; url: string; headers: Record<string, string>; payload?: string | Buffer }

/** One generated request and what it is meant to exercise. */
export interface FuzzCase {
  /** The operation as the report names it ("GET /v1/vacancies/search"), or "(stray)" for paths outside the document. */
  route: string;
  op?: Operation;
  /** "valid" or the kind of invalid input ("query:over-long", "body:invalid-utf8", "path:nul" …). */
  variant: string;
  /** Which credentials were sent: a role, "none", "unknown-key" or a malformed header. */
  auth: string;
  request: FuzzRequest;
  /** The query parameters of a valid case (to ask for its next page). */
  query?: Array<[string, string]>;
}

/** A search response's nextCursor with the query that produced it, for valid (and forged) follow-up pages. */
export interface CapturedCursor { path: string; query: Array<[string, string]>; cursor: string }

export interface CaseContext {
  rng: Rng;
  ops: Operation[];
  resolve: (s: JsonSchema) => JsonSchema;
  hints: Hints;
  /** The key of each role; the role names are the ones API_KEYS uses. */
  keys: Record<string, string>;
  /** Roles a route admits (undefined: no key needed). */
  rolesOf: (op: Operation) => readonly string[] | undefined;
  ids: { vacancy: string[]; resume: string[] };
  pool: ExamplePool;
  cursors: CapturedCursor[];
  limits: { body: number; bulk: number };
}

const gen = (ctx: CaseContext): GenContext => ({ rng: ctx.rng, resolve: ctx.resolve, hints: ctx.hints });

// ---------------------------------------------------------------- credentials

function pickAuth(ctx: CaseContext, op: Operation | undefined): { auth: string; headers: Record<string, string> } {
  const { rng, keys } = ctx;
  const roles = Object.keys(keys);
  const allowed = op ? ctx.rolesOf(op) ?? roles : roles;
  const withKey = (role: string, key: string): { auth: string; headers: Record<string, string> } =>
    (rng.chance(0.5) ? { auth: role, headers: { authorization: `Bearer ${key}` } } : { auth: role, headers: { 'x-api-key': key } });
  const choice = rng.weighted<string>([[60, 'allowed'], [12, 'other'], [10, 'none'], [8, 'unknown'], [10, 'malformed']]);
  if (choice === 'allowed' || (choice === 'other' && allowed.length === roles.length)) {
    const role = rng.pick(allowed.length ? allowed : roles);
    return withKey(role, keys[role]!);
  }
  if (choice === 'other') {
    const role = rng.pick(roles.filter((r) => !allowed.includes(r)));
    return withKey(role, keys[role]!);
  }
  if (choice === 'none') return { auth: 'none', headers: {} };
  if (choice === 'unknown') return withKey('unknown-key', rng.pick(['nope', 'k-' + 'x'.repeat(40), keys[rng.pick(roles)]!.toUpperCase(), `${keys[rng.pick(roles)]!} `]));
  const key = keys[rng.pick(roles)]!;
  const malformed: Array<[string, Record<string, string>]> = [
    ['bearer-only', { authorization: 'Bearer' }],
    ['basic', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['lower-case-bearer', { authorization: `bearer ${key}` }],
    ['bearer-extra', { authorization: `Bearer ${key} extra` }],
    ['empty-x-api-key', { 'x-api-key': '' }],
    ['both-headers', { authorization: `Bearer ${key}`, 'x-api-key': 'other' }],
    ['huge-key', { authorization: `Bearer ${'k'.repeat(rng.pick([1_000, 8_000]))}` }],
    ['latin1-key', { 'x-api-key': 'clé-é' }],
    ['tab-in-key', { authorization: `Bearer\t${key}` }],
  ];
  const [auth, headers] = rng.pick(malformed);
  return { auth, headers };
}

// ---------------------------------------------------------------- path

function validId(ctx: CaseContext, op: Operation, auth: string): string {
  const { rng } = ctx;
  const kind = op.path.startsWith('/v1/resumes') ? 'resume' : 'vacancy';
  if (auth === 'seeker' && kind === 'resume' && rng.chance(0.6)) return 'r-000001';
  if (op.method !== 'PUT' && rng.chance(0.75)) return rng.pick(ctx.ids[kind]);
  const param = op.params.find((p) => p.in === 'path');
  return String(generate(param?.schema ?? { type: 'string' }, gen(ctx)));
}

const BAD_IDS = [
  () => 'a'.repeat(65), () => 'a'.repeat(201), () => 'a'.repeat(1000), () => '%00', () => 'v%00x', () => 'v%2F1', () => '..', () => '.',
  () => '%E4%B8', () => '%ZZ', () => '%', () => encodeURIComponent('😀'), () => '%20', () => '-leading', () => encodeURIComponent('職位'),
  () => '%FF%FE', () => 'v-1%3Fx%3D1', () => encodeURIComponent('<script>'), () => '%C0%AF',
];

function buildPath(ctx: CaseContext, op: Operation, auth: string, bad: boolean): string {
  return op.path.replace(/\{([^}]+)\}/g, () => (bad ? ctx.rng.pick(BAD_IDS)() : encodeURIComponent(validId(ctx, op, auth))));
}

// ---------------------------------------------------------------- query

function serialize(name: string, v: unknown): Array<[string, string]> {
  if (v === undefined) return [];
  if (Array.isArray(v)) return v.flatMap((x) => serialize(name, x));
  return [[name, typeof v === 'object' ? JSON.stringify(v) : String(v)]];
}

function validQuery(ctx: CaseContext, op: Operation): Array<[string, string]> {
  const qs = op.params.filter((p) => p.in === 'query');
  const p = Math.min(0.5, 3 / Math.max(qs.length, 1));
  const out: Array<[string, string]> = [];
  for (const param of qs) {
    if (param.name === 'cursor') continue;
    if (param.required || ctx.rng.chance(p)) out.push(...serialize(param.name, generate(param.schema, gen(ctx), param.name)));
  }
  return out;
}

const encodeQuery = (q: Array<[string, string]>) => q.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

/** The query made invalid one way; `raw` parts are appended without encoding (bad percent-encoding). */
function invalidQuery(ctx: CaseContext, op: Operation): { kind: string; query: Array<[string, string]>; raw?: string } {
  const { rng } = ctx;
  const query = validQuery(ctx, op);
  const params = op.params.filter((p) => p.in === 'query');
  const param: Param | undefined = params.length ? rng.pick(params) : undefined;
  const schema = param ? ctx.resolve(param.schema) : undefined;
  const without = (name: string) => query.filter(([k]) => k !== name);
  const kind = rng.pick(['wrong-type', 'out-of-range', 'over-long', 'unknown-param', 'repeated', 'too-many-values', 'nul', 'bad-percent', 'huge-query', 'missing-required', 'empty-value', 'odd-key', 'brackets', 'cursor']);
  const name = param?.name ?? 'x';
  switch (kind) {
    case 'wrong-type': return { kind, query: [...without(name), [name, rng.pick(['abc', 'NaN', '1e400', '-1', 'Infinity', '0x1F', '[]', '{}', 'true', '1,2', ' 5 '])]] };
    case 'out-of-range': {
      const max = schema?.maximum ?? schema?.maxLength ?? 100;
      return { kind, query: [...without(name), [name, String(rng.pick([max + 1, -max - 1, (schema?.minimum ?? 0) - 1, 2 ** 53, 1.5, -0.000001]))]] };
    }
    case 'over-long': return { kind, query: [...without(name), [name, rng.pick(['字', 'a', '😀']).repeat(rng.pick([257, 1000, 2001, 20_000]))]] };
    case 'unknown-param': return { kind, query: [...query, [rng.pick(['foo', 'Size', 'q ', 'sort_by', 'limit', 'offset', '']), 'x']] };
    case 'repeated': return { kind, query: [...query, [name, 'a'], [name, 'b']] };
    case 'too-many-values': return { kind, query: [...without(name), ...Array.from({ length: rng.pick([11, 21, 500]) }, (_, i): [string, string] => [name, `v${i}`])] };
    case 'nul': return { kind, query: [...without(name), [name, rng.pick(['\u0000', 'a\u0000b', '\u0000'.repeat(10)])]] };
    case 'bad-percent': return { kind, query, raw: `${name}=${rng.pick(['%E4%B8', '%ZZ', '%', '%FF%FE', '%C0%80', '%ED%A0%80', 'a%2', '%u4E2D'])}` };
    case 'huge-query': return { kind, query: [...query, ['q', 'x'.repeat(rng.pick([10_000, 100_000]))]] };
    case 'missing-required': {
      const req = params.filter((p) => p.required).map((p) => p.name);
      return { kind, query: query.filter(([k]) => !req.includes(k)) };
    }
    case 'empty-value': return { kind, query: [...without(name), [name, '']] };
    case 'odd-key': return { kind, query: [...query, [rng.pick(['__proto__', 'constructor', 'hasOwnProperty', '__proto__[x]']), '1']] };
    case 'brackets': return { kind, query, raw: rng.pick([`${name}[]=a`, `${name}[0]=a&${name}[1]=b`, `${name}[x]=1`, 'a[b][c]=d']) };
    default: return { kind: 'cursor', query: [...query, ['cursor', junkCursor(ctx)]] };
  }
}

/** A cursor no page handed out: random text, base64 of junk, or a real one with its values changed. */
function junkCursor(ctx: CaseContext): string {
  const { rng } = ctx;
  const real = ctx.cursors.length ? rng.pick(ctx.cursors).cursor : undefined;
  const forged = () => {
    const c = JSON.parse(Buffer.from(real!, 'base64url').toString('utf8')) as { v: unknown[]; f: string; n: number };
    const v = rng.pick<unknown[]>([[], [{}], ['x'], [1, 2], [null, 'x'], [1e308, 'x'], new Array(20).fill(1), [...c.v.slice(0, -1), 5], ['a', ...c.v]]);
    const n = rng.pick<unknown>([c.n, -1, 1e300, 'now', null, 1.5]);
    if (rng.chance(0.3)) return Buffer.from(`{"v":[1e400,"x"],"f":${JSON.stringify(c.f)},"n":${c.n}}`).toString('base64url');
    return encodeCursor(v, c.f, n as number);
  };
  return rng.weighted<() => string>([
    [2, () => rng.pick(['x', '', 'null', 'e30', '!!!', 'a'.repeat(2001), Buffer.from('{"v":1}').toString('base64url'), Buffer.from('[]').toString('base64url')])],
    [real ? 3 : 0, forged],
  ])();
}

// ---------------------------------------------------------------- bodies

function safeDecode(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

function exampleBody(ctx: CaseContext, op: Operation, id: string | undefined, auth: string): unknown | undefined {
  const { rng, pool } = ctx;
  if (op.path.startsWith('/v1/vacancies/{id}') && op.method === 'PUT') {
    const v = structuredClone(rng.pick(pool.vacancies));
    delete v.id;
    if (rng.chance(0.3) && id) v.id = safeDecode(id);
    if (auth === 'employer' && rng.chance(0.8)) v.employer = { ...(v.employer as object), id: 'e-0001' };
    return v;
  }
  if (op.path.startsWith('/v1/resumes/{id}') && op.method === 'PUT') {
    const r = structuredClone(rng.pick(pool.resumes));
    delete r.id;
    return r;
  }
  if (op.path === '/v1/catalog' && op.method === 'PUT') {
    const c = structuredClone(pool.catalog);
    // Mostly the seed catalog again (a no-op), now and then a new label (a new revision and a background re-link).
    if (rng.chance(0.15)) c.version = `fuzz-${rng.int(1, 5)}`;
    if (rng.chance(0.3)) c.entries = (c.entries as unknown[]).slice(0, rng.int(1, 20));
    return c;
  }
  if (op.path === '/v1/compliance/check') return rng.pick(pool.postings);
  if (op.path === '/v1/compliance/check/_batch') return { postings: Array.from({ length: rng.int(1, 5) }, () => rng.pick(pool.postings)) };
  return undefined;
}

function bulkLines(ctx: CaseContext, op: Operation, auth: string, valid: boolean): string {
  const { rng, pool } = ctx;
  const source = op.path.startsWith('/v1/resumes') ? pool.resumes : pool.vacancies;
  const n = rng.int(1, 15);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    let doc: Record<string, unknown> = structuredClone(rng.pick(source));
    if (auth === 'employer' && 'employer' in doc && rng.chance(0.8)) doc.employer = { ...(doc.employer as object), id: 'e-0001' };
    if (!valid || rng.chance(0.2)) {
      const r = rng.next();
      if (r < 0.5) doc = mutateValue(rng, doc, op.bulkLine!, ctx.resolve).value as Record<string, unknown>;
      else if (r < 0.6) { lines.push(rng.pick(['{', '[1,2]', 'null', '"x"', '{"id":5}', '\u0000', '{"id":"a"}{"id":"b"}'])); continue; }
      else if (r < 0.7) { delete doc.id; }
      else if (r < 0.75) { lines.push(''); continue; }
    }
    lines.push(JSON.stringify(doc));
  }
  return lines.join(rng.chance(0.1) ? '\r\n' : '\n') + (rng.chance(0.5) ? '\n' : '');
}

/** NDJSON bodies wrong as a whole: content type, bytes, size, one endless line. */
function bulkRaw(ctx: CaseContext, lines: string): { kind: string; payload: string | Buffer; contentType?: string } {
  const { rng } = ctx;
  const kind = rng.pick(['wrong-content-type', 'no-content-type', 'invalid-utf8', 'nul-byte', 'over-limit', 'endless-line', 'empty', 'json-array']);
  const nd = 'application/x-ndjson';
  switch (kind) {
    case 'wrong-content-type': return { kind, payload: lines, contentType: rng.pick(['application/json', 'text/plain', 'application/ndjson', 'application/x-ndjson; charset=latin1']) };
    case 'no-content-type': return { kind, payload: lines };
    case 'invalid-utf8': {
      const buf = Buffer.from(lines);
      const at = rng.int(0, buf.length);
      return { kind, payload: Buffer.concat([buf.subarray(0, at), Buffer.from([0xff, 0xc0, 0x80, 0xed, 0xa0, 0x80]), buf.subarray(at)]), contentType: nd };
    }
    case 'nul-byte': return { kind, payload: Buffer.concat([Buffer.from(lines), Buffer.from([0, 0x0a, 0x7b, 0x00, 0x7d])]), contentType: nd };
    case 'over-limit': return { kind, payload: `${lines}\n${'x'.repeat(ctx.limits.bulk)}`, contentType: nd };
    case 'endless-line': return { kind, payload: `${lines}\n{"id":"v-long","title":"${'长'.repeat(rng.pick([400_000, 1_100_000]))}"}\n`, contentType: nd };
    case 'json-array': return { kind, payload: `[${lines.split('\n').filter(Boolean).join(',')}]`, contentType: nd };
    default: return { kind: 'empty', payload: '', contentType: nd };
  }
}

// ---------------------------------------------------------------- cases

const STRAY: Array<(rng: Rng) => FuzzRequest> = [
  () => ({ method: 'GET', url: '/', headers: {} }),
  () => ({ method: 'GET', url: '/openapi.json', headers: {} }),
  () => ({ method: 'GET', url: '/docs', headers: {} }),
  () => ({ method: 'GET', url: '/docs/json', headers: {} }),
  () => ({ method: 'GET', url: '/metrics', headers: {} }),
  (rng) => ({ method: 'GET', url: rng.pick(['/v2/vacancies', '/v1/', '/v1/vacancies', '/v1//vacancies/search', '/v1/vacancies/search/', '/V1/VACANCIES/SEARCH', '/%2e%2e/etc/passwd', '/v1/vacancies/search%00', '/v1/%E4%B8']), headers: {} }),
  (rng) => ({ method: rng.pick(['PATCH', 'POST', 'DELETE', 'PUT']), url: '/v1/vacancies/search', headers: { 'content-type': 'application/json' }, payload: '{}' }),
  (rng) => ({ method: rng.pick(['HEAD', 'OPTIONS']), url: rng.pick(['/v1/vacancies/search', '/healthz', '/v1/catalog']), headers: {} }),
  (rng) => ({ method: 'PATCH', url: `/v1/vacancies/${rng.pick(['v-000001', 'x'])}`, headers: { 'content-type': 'application/json' }, payload: '{}' }),
  (rng) => ({ method: 'GET', url: `/${'a/'.repeat(rng.pick([100, 2000]))}`, headers: {} }),
];

/** The next fuzz case: a random operation of the document (or a stray path), valid or invalid in one way. */
export function nextCase(ctx: CaseContext): FuzzCase {
  const { rng } = ctx;
  if (rng.chance(0.04)) {
    const request = rng.pick(STRAY)(rng);
    const { auth, headers } = pickAuth(ctx, undefined);
    return { route: '(stray)', variant: `stray ${request.method}`, auth, request: { ...request, headers: { ...request.headers, ...headers } } };
  }
  const op = rng.pick(ctx.ops);
  const { auth, headers } = pickAuth(ctx, op);
  const hasPath = op.path.includes('{');
  const target = rng.weighted<string>([
    [45, 'valid'], [hasPath ? 8 : 0, 'path'], [op.params.some((p) => p.in === 'query') ? 20 : 2, 'query'],
    [op.body || op.bulkLine ? 25 : 0, 'body'], [op.body || op.bulkLine ? 12 : 0, 'raw'], [op.body || op.bulkLine ? 0 : 3, 'unexpected-body'],
    [3, 'headers'],
  ]);
  const path = buildPath(ctx, op, auth, target === 'path');
  const id = path.split('/')[3];
  let query = validQuery(ctx, op);
  let raw: string | undefined;
  let variant = target === 'path' ? 'path:bad-id' : target;
  if (target === 'query') {
    const q = invalidQuery(ctx, op);
    query = q.query;
    raw = q.raw;
    variant = `query:${q.kind}`;
  } else if (target === 'valid' && op.params.some((p) => p.name === 'cursor') && ctx.cursors.length && rng.chance(0.3)) {
    const c = rng.pick(ctx.cursors.filter((x) => x.path === op.path).length ? ctx.cursors.filter((x) => x.path === op.path) : ctx.cursors);
    if (c.path === op.path) { query = [...c.query, ['cursor', c.cursor]]; variant = 'valid:next-page'; }
  }
  const qs = [encodeQuery(query), raw].filter(Boolean).join('&');
  const url = qs ? `${path}?${qs}` : path;
  const request: FuzzRequest = { method: op.method, url, headers: { ...headers } };

  if (op.bulkLine) {
    if (target === 'raw') {
      const r = bulkRaw(ctx, bulkLines(ctx, op, auth, true));
      variant = `raw:${r.kind}`;
      request.payload = r.payload;
      if (r.contentType !== undefined) request.headers['content-type'] = r.contentType;
    } else {
      request.payload = bulkLines(ctx, op, auth, target !== 'body');
      request.headers['content-type'] = 'application/x-ndjson';
      if (target === 'body') variant = 'body:bad-lines';
    }
  } else if (op.body) {
    const example = rng.chance(0.6) ? exampleBody(ctx, op, id, auth) : undefined;
    let value = example ?? generate(op.body, gen(ctx));
    if (target === 'body') {
      const m = mutateValue(rng, value, op.body, ctx.resolve);
      value = m.value;
      variant = `body:${m.kind}`;
    }
    const json = JSON.stringify(value);
    if (target === 'raw') {
      const r = rawBody(rng, json, ctx.limits.body);
      variant = `raw:${r.kind}`;
      request.payload = r.payload;
      if (r.contentType) request.headers['content-type'] = r.contentType;
    } else {
      request.payload = json;
      request.headers['content-type'] = rng.chance(0.9) ? 'application/json' : 'application/json; charset=utf-8';
    }
  } else if (target === 'unexpected-body') {
    request.payload = rng.pick(['{"a":1}', 'garbage', '']);
    request.headers['content-type'] = rng.pick(['application/json', 'text/plain']);
  }
  if (target === 'headers') {
    const [name, value] = rng.pick<[string, string]>([
      ['accept', 'application/xml'], ['accept', 'text/html;q=0.9, */*;q=0.1'], ['content-length', '5'], ['x-request-id', 'x'.repeat(500)],
      ['origin', 'https://evil.example'], ['accept-encoding', 'gzip, br'], ['x-forwarded-for', '1.2.3.4, ::1'], ['transfer-encoding', 'chunked'],
      ['content-type', 'application/json; charset=binary'], ['if-none-match', '*'], ['range', 'bytes=0-10'],
    ]);
    request.headers[name] = value;
    variant = `headers:${name}`;
  }
  return { route: op.route, op, variant, auth, request, ...(variant === 'valid' ? { query } : {}) };
}
