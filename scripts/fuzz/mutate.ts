import type { Rng } from './rng.js';
import { deleteAt, setAt, sites, type JsonSchema, type Site } from './schema.js';

/** One way to make a valid value invalid, named for the report. */
export interface Mutation { kind: string; value: unknown }

const WRONG_VALUES: unknown[] = [
  null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, '', ' ', 'x', '0', 'true', 'null', '１２', [], [1, 'a'], {}, { a: 1 },
  '\u0000', '\ud800', '\udfff', '😀'.repeat(3), '<script>alert(1)</script>', "' OR 1=1 --", '../../etc/passwd', '%00', '${7*7}', '\u202e',
];
const ODD_KEYS = ['__proto__', 'constructor', 'prototype', '', ' ', 'toString', 'hasOwnProperty', '\u0000', '😀', 'a'.repeat(300), '$where'];

function typeOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** A value of another JSON type than `current`. */
function wrongType(rng: Rng, current: unknown): unknown {
  const options = WRONG_VALUES.filter((w) => typeOf(w) !== typeOf(current));
  return rng.pick(options);
}

const stringSites = (all: Site[]) => all.filter((s) => typeof s.value === 'string');

/** Mutations of a JSON value guided by its schema: each aims at one kind of invalid input. */
export function mutateValue(rng: Rng, value: unknown, schema: JsonSchema, resolve: (s: JsonSchema) => JsonSchema): Mutation {
  const all = sites(value, schema, resolve);
  const kind = rng.pick(['wrong-type', 'out-of-range', 'over-long', 'unknown-field', 'missing-required', 'nul', 'lone-surrogate', 'odd-key', 'huge-number', 'too-many-items', 'blank']);
  switch (kind) {
    case 'wrong-type': {
      const site = rng.pick(all);
      return { kind, value: setAt(value, site.path, wrongType(rng, site.value)) };
    }
    case 'out-of-range': {
      const nums = all.filter((s) => typeof s.value === 'number' && (s.schema.minimum !== undefined || s.schema.maximum !== undefined || s.schema.exclusiveMinimum !== undefined));
      if (!nums.length) break;
      const site = rng.pick(nums);
      const s = site.schema;
      const candidates = [
        s.maximum !== undefined ? s.maximum + rng.pick([1e-9, 0.5, 1, 1e6]) : undefined,
        s.minimum !== undefined ? s.minimum - rng.pick([1e-9, 0.5, 1, 1e6]) : undefined,
        s.exclusiveMinimum !== undefined ? s.exclusiveMinimum : undefined,
        s.type === 'integer' ? (site.value as number) + 0.5 : undefined,
      ].filter((x) => x !== undefined);
      return { kind, value: setAt(value, site.path, rng.pick(candidates)) };
    }
    case 'over-long': {
      const strs = stringSites(all);
      if (!strs.length) break;
      const site = rng.pick(strs);
      const max = site.schema.maxLength ?? 1000;
      const len = rng.pick([max + 1, max + 10, max * 2 + 1, Math.min(max * 10, 300_000)]);
      return { kind, value: setAt(value, site.path, rng.pick(['字', 'a', '😀', ' ']).repeat(len)) };
    }
    case 'unknown-field': {
      const objects = all.filter((s) => s.value && typeof s.value === 'object' && !Array.isArray(s.value));
      if (!objects.length) break;
      const site = rng.pick(objects);
      return { kind, value: setAt(value, site.path, { ...(site.value as object), [rng.pick(['extra', 'isAdmin', 'id2', 'compliance', 'score'])]: rng.pick(WRONG_VALUES) }) };
    }
    case 'missing-required': {
      const withRequired = all.filter((s) => s.schema.required?.length && s.value && typeof s.value === 'object');
      if (!withRequired.length) break;
      const site = rng.pick(withRequired);
      return { kind, value: deleteAt(value, [...site.path, rng.pick(site.schema.required!)]) };
    }
    case 'nul':
    case 'lone-surrogate': {
      const strs = stringSites(all);
      if (!strs.length) break;
      const site = rng.pick(strs);
      const s = site.value as string;
      const at = rng.int(0, s.length);
      const bad = kind === 'nul' ? '\u0000' : rng.pick(['\ud800', '\udfff', '\udbff\u0041']);
      return { kind, value: setAt(value, site.path, s.slice(0, at) + bad + s.slice(at)) };
    }
    case 'odd-key': {
      const objects = all.filter((s) => s.value && typeof s.value === 'object' && !Array.isArray(s.value));
      if (!objects.length) break;
      const site = rng.pick(objects);
      // Built with defineProperty so __proto__ is an own key, as JSON.parse makes it.
      const obj = { ...(site.value as object) };
      Object.defineProperty(obj, rng.pick(ODD_KEYS), { value: rng.pick(WRONG_VALUES), enumerable: true, configurable: true, writable: true });
      return { kind, value: setAt(value, site.path, obj) };
    }
    case 'huge-number': {
      const site = rng.pick(all);
      return { kind, value: setAt(value, site.path, rng.pick([1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0, 5e-324, 123456789012345680000])) };
    }
    case 'too-many-items': {
      const arrays = all.filter((s) => Array.isArray(s.value));
      if (!arrays.length) break;
      const site = rng.pick(arrays);
      const n = Math.min((site.schema.maxItems ?? 100) + rng.pick([1, 5, 100]), 20_000);
      const item = (site.value as unknown[])[0] ?? 'x';
      return { kind, value: setAt(value, site.path, Array.from({ length: n }, () => item)) };
    }
    case 'blank': {
      const strs = stringSites(all);
      if (!strs.length) break;
      const site = rng.pick(strs);
      return { kind, value: setAt(value, site.path, rng.pick(['', ' ', '\u3000', '\t\n'])) };
    }
  }
  const site = rng.pick(all);
  return { kind: 'wrong-type', value: setAt(value, site.path, wrongType(rng, site.value)) };
}

/** A raw body that is not the JSON it claims to be (or not JSON at all), with the content type to send it under. */
export interface RawBody { kind: string; payload: Buffer | string; contentType?: string }

/** Bytes that are not valid UTF-8 (lone continuation bytes, overlongs, surrogates encoded, truncated sequences). */
const BAD_UTF8 = [[0xff], [0xfe, 0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe4, 0xb8], [0x80], [0xf5, 0x80, 0x80, 0x80], [0xf0, 0x9f, 0x98]];

export function rawBody(rng: Rng, json: string, limitBytes: number): RawBody {
  const kind = rng.pick(['malformed-json', 'wrong-content-type', 'invalid-utf8', 'nul-byte', 'empty', 'huge', 'deep-nesting', 'not-an-object', 'duplicate-keys', 'charset', 'bom']);
  switch (kind) {
    case 'malformed-json': {
      const variants = [json.slice(0, Math.max(1, rng.int(0, json.length - 1))), json + ',', json.replace(/"/g, "'"), `{${json}`, json.replace(/:/, ''), 'NaN', '{"a":1}{"b":2}', '{"a":01}', '{"a":1e999999}', '{"a":"\\u00"}'];
      return { kind, payload: rng.pick(variants), contentType: 'application/json' };
    }
    case 'wrong-content-type':
      return { kind, payload: json, contentType: rng.pick(['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/octet-stream', 'application/x-ndjson', 'json', '*/*', 'application/json-patch+json', '']) };
    case 'invalid-utf8': {
      const buf = Buffer.from(json, 'utf8');
      const at = rng.int(0, buf.length);
      return { kind, payload: Buffer.concat([buf.subarray(0, at), Buffer.from(rng.pick(BAD_UTF8)), buf.subarray(at)]), contentType: 'application/json' };
    }
    case 'nul-byte': {
      const at = rng.int(0, json.length);
      return { kind, payload: Buffer.concat([Buffer.from(json.slice(0, at)), Buffer.from([0]), Buffer.from(json.slice(at))]), contentType: 'application/json' };
    }
    case 'empty':
      return { kind, payload: rng.pick(['', ' ', '\n']), contentType: 'application/json' };
    case 'huge': {
      const pad = 'x'.repeat(limitBytes + rng.int(1, 1024));
      return { kind, payload: `{"pad":"${pad}"}`, contentType: 'application/json' };
    }
    case 'deep-nesting': {
      const n = rng.pick([100, 1000, 10_000, 100_000]);
      return { kind, payload: rng.chance(0.5) ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + '1' + '}'.repeat(n), contentType: 'application/json' };
    }
    case 'not-an-object':
      return { kind, payload: rng.pick(['[]', '[{}]', '"text"', '42', 'true', 'null', '-0', '1e400']), contentType: 'application/json' };
    case 'duplicate-keys':
      return { kind, payload: json.replace(/^\{/, '{"title":"dup","title":7,'), contentType: 'application/json' };
    case 'charset':
      return { kind, payload: Buffer.from(json, 'utf16le'), contentType: rng.pick(['application/json; charset=utf-16', 'application/json; charset=latin1', 'application/json; charset=utf-8']) };
    default:
      return { kind: 'bom', payload: '\ufeff' + json, contentType: 'application/json' };
  }
}
