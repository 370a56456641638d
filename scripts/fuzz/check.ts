import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import type { Ajv2020 as Ajv2020Type } from 'ajv/dist/2020.js';
import type { FormatsPlugin } from 'ajv-formats';
import type { FuzzCase } from './cases.js';
import type { OpenApiDoc, Operation } from './openapi.js';

// CommonJS packages: required, so the constructor and the plugin are what they are in their own docs.
const require = createRequire(import.meta.url);
const Ajv2020 = (require('ajv/dist/2020') as { default: typeof Ajv2020Type }).default;
const addFormats = (require('ajv-formats') as { default: FormatsPlugin }).default;

export interface Reply { status: number; headers: Record<string, string | string[] | number | undefined>; body: Buffer }

/**
 * What can be wrong with a response: a 5xx, a 4xx that is no problem document, a 2xx that does not match its
 * documented schema, invalid input accepted (`accepted`), a status the document does not list for the operation
 * (`undocumented`), no response at all (`transport`).
 */
export type ViolationKind = '5xx' | 'problem' | 'schema' | 'accepted' | 'undocumented' | 'transport';

export interface Violation { kind: ViolationKind; route: string; variant: string; auth: string; status: number; request: string; message: string }

const COMPONENTS_ID = 'urn:openapi:components';

/** Invalid input the issue says must be answered 4xx, whatever the route. */
const MUST_REFUSE = ['raw:invalid-utf8', 'raw:nul-byte', 'raw:malformed-json', 'raw:huge', 'body:nul', 'query:nul', 'raw:over-limit', 'raw:endless-line', 'path:bad-id'];
/** …which bulk routes answer line by line (200 with the bad line reported). */
const LINE_LEVEL = ['raw:invalid-utf8', 'raw:nul-byte', 'raw:endless-line'];

/** Validates responses against the schemas the OpenAPI document declares (ajv, JSON Schema 2020-12). */
export class ResponseChecker {
  private readonly ajv: Ajv2020Type;
  private readonly cache = new Map<string, ValidateFunction>();
  private readonly problem: ValidateFunction;

  constructor(doc: OpenApiDoc) {
    this.ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
    addFormats(this.ajv);
    // Component refs (#/components/schemas/X) point into a schema of their own.
    this.ajv.addSchema({ $id: COMPONENTS_ID, $defs: rewriteRefs(doc.components?.schemas ?? {}) });
    const problem = doc.components?.schemas?.Problem;
    if (!problem) throw new Error('the OpenAPI document defines no Problem schema (components.schemas.Problem)');
    this.problem = this.ajv.compile({ $ref: `${COMPONENTS_ID}#/$defs/Problem` });
  }

  private validator(op: Operation, status: string): ValidateFunction | undefined {
    const schema = op.responses[status];
    if (!schema) return undefined;
    const key = `${op.route} ${status}`;
    let v = this.cache.get(key);
    if (!v) this.cache.set(key, (v = this.ajv.compile(rewriteRefs(schema) as object)));
    return v;
  }

  /** The documented JSON request body (accepted bodies must match it: the document may not be stricter than the API). */
  private requestValidator(op: Operation): ValidateFunction | undefined {
    if (!op.body) return undefined;
    const key = `${op.route} request`;
    let v = this.cache.get(key);
    if (!v) this.cache.set(key, (v = this.ajv.compile(rewriteRefs(op.body) as object)));
    return v;
  }

  /** Everything wrong with one response to one case (empty when it is as documented). */
  check(c: FuzzCase, res: Reply): Violation[] {
    const out: Violation[] = [];
    const request = describe(c);
    // One violation per kind and response, its reasons joined.
    const add = (kind: ViolationKind, message: string) => {
      const same = out.find((v) => v.kind === kind);
      if (same) same.message += `; ${message}`;
      else out.push({ kind, route: c.route, variant: c.variant, auth: c.auth, status: res.status, request, message });
    };
    const type = String(res.headers['content-type'] ?? '');
    const text = res.body.toString('utf8');
    if (res.status >= 500) add('5xx', text.slice(0, 300));
    // A HEAD response has no body to check.
    if (res.status >= 400 && c.request.method !== 'HEAD') {
      if (!type.startsWith('application/problem+json')) add('problem', `content-type "${type}": ${text.slice(0, 200)}`);
      let body: Record<string, unknown> | undefined;
      try { body = JSON.parse(text) as Record<string, unknown>; } catch { add('problem', `not JSON: ${text.slice(0, 200)}`); }
      if (body) {
        if (!this.problem(body)) add('problem', `not a problem document (${this.ajv.errorsText(this.problem.errors)})`);
        if (body.status !== res.status) add('problem', `status ${String(body.status)} in the body, ${res.status} on the wire`);
        const errors = body.errors as Array<{ field?: unknown }> | undefined;
        if (res.status === 400 && (!errors?.length || errors.some((e) => typeof e.field !== 'string' || !e.field))) add('problem', `400 without a named field: ${text.slice(0, 200)}`);
        if (/\bat [\w.<>]+ \(.*:\d+:\d+\)/.test(text)) add('problem', 'stack trace in the body');
      }
    }
    if (!c.op || c.request.method === 'HEAD') return out;
    if (res.status < 300 && MUST_REFUSE.includes(c.variant)) {
      // A bulk route answers bad lines one by one: the response must report them.
      const perLine = c.op.bulkLine && LINE_LEVEL.includes(c.variant);
      if (!perLine || !((JSON.parse(text) as { errors?: number }).errors! > 0)) add('accepted', `${c.variant} answered ${res.status}${perLine ? ' without a line error' : ''}`);
    }
    const status = String(res.status);
    // 431 (headers over 16 KB) is answered by the connection before any route is chosen.
    if (!(status in c.op.responses) && res.status !== 431) add('undocumented', `status ${status} is not documented for ${c.op.route}`);
    if (res.status >= 200 && res.status < 300) {
      const requestSchema = this.requestValidator(c.op);
      if (requestSchema && typeof c.request.payload === 'string' && !requestSchema(parseOrUndefined(c.request.payload.replace(/^\ufeff/, '')))) {
        add('schema', `the request body was accepted but the documented request schema refuses it: ${this.ajv.errorsText(requestSchema.errors, { separator: '; ' })}`.slice(0, 500));
      }
      if (res.status === 204) {
        if (res.body.length) add('schema', `204 with a body: ${text.slice(0, 100)}`);
        return out;
      }
      if (!type.startsWith('application/json')) { add('schema', `2xx content-type "${type}"`); return out; }
      const validate = this.validator(c.op, status);
      if (!validate) return out;
      let body: unknown;
      try { body = JSON.parse(text); } catch { add('schema', `2xx body is not JSON: ${text.slice(0, 200)}`); return out; }
      if (!validate(body)) add('schema', `${this.ajv.errorsText(validate.errors, { separator: '; ' })}`.slice(0, 500));
    }
    return out;
  }
}

function parseOrUndefined(text: string): unknown {
  try { return JSON.parse(text); } catch { return undefined; }
}

function rewriteRefs<T>(schema: T): T {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${COMPONENTS_ID}#/$defs/`)) as T;
}

/** A short, printable form of the request for the report. */
export function describe(c: FuzzCase): string {
  const body = c.request.payload === undefined ? '' : ` body(${c.request.payload.length}${typeof c.request.payload === 'string' ? `): ${JSON.stringify(c.request.payload.slice(0, 120))}` : ' bytes)'}`;
  const url = c.request.url.length > 200 ? `${c.request.url.slice(0, 200)}…(${c.request.url.length})` : c.request.url;
  return `${c.request.method} ${url} [${c.auth}]${body}`;
}
