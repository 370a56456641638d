import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { z } from 'zod';
import { ResponseSerializationError } from 'fastify-type-provider-zod';

/**
 * Responses serialised from their zod schemas compiled once (issue 15, item 2): each route's response schema is
 * turned into JSON Schema (`z.toJSONSchema`, output side) when the route is registered and handed to
 * fast-json-stringify, which writes exactly the declared properties (unknown keys are dropped, as zod's parse did;
 * `passthrough` objects such as problem documents keep theirs). zod stays the one source of truth.
 *
 * `validate` (RESPONSE_VALIDATION=on, which the tests set) also checks every answer against the zod schema before
 * writing it, as fastify-type-provider-zod's serializer did: an answer that does not match is a 500 and a log line.
 * A schema JSON Schema cannot express (a transform, a date) is serialised the old way: zod encode, then JSON.stringify.
 */
export interface SerializerOptions {
  validate: boolean;
}

type Zod = z.ZodType;

function resolve(maybe: unknown): Zod | undefined {
  if (maybe instanceof z.ZodType) return maybe;
  if (maybe && typeof maybe === 'object' && 'properties' in maybe && (maybe as { properties: unknown }).properties instanceof z.ZodType) return (maybe as { properties: Zod }).properties;
  return undefined;
}

/** The JSON Schema fast-json-stringify compiles for a response schema, or undefined when it cannot be expressed. */
export function responseJsonSchema(schema: Zod): Record<string, unknown> | undefined {
  try {
    const json = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'throw', reused: 'inline', cycles: 'ref' }) as Record<string, unknown>;
    delete json.$schema;
    return open(json) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * fast-json-stringify writes only the declared properties anyway; `additionalProperties: false` would only make it
 * throw where an alternative of a union (checked with ajv) meets an extra key, which zod's parse simply dropped.
 */
function open(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(open);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'additionalProperties' && v === false) continue;
    out[k] = k === 'const' || k === 'enum' || k === 'default' || k === 'examples' ? v : open(v);
  }
  return out;
}

/** One stringify function per schema, built once (several routes share the problem schema). */
const compiled = new WeakMap<Zod, ((data: unknown) => string) | null>();

export function compileStringify(schema: Zod): ((data: unknown) => string) | undefined {
  let fn = compiled.get(schema);
  if (fn === undefined) {
    const json = responseJsonSchema(schema);
    fn = json ? (fastJson(json as never) as (data: unknown) => string) : null;
    compiled.set(schema, fn);
  }
  return fn ?? undefined;
}

export function createSerializerCompiler(opts: SerializerOptions): FastifySerializerCompiler<unknown> {
  return ({ schema: maybe, method, url }) => {
    const schema = resolve(maybe);
    if (!schema) return (data) => JSON.stringify(data);
    const stringify = compileStringify(schema);
    const check = (data: unknown): unknown => {
      const r = z.safeEncode(schema, data as never);
      if (!r.success) throw new ResponseSerializationError(method, url, { cause: r.error });
      return r.data;
    };
    if (!stringify) return (data) => JSON.stringify(check(data));
    return opts.validate ? (data) => (check(data), stringify(data)) : (data) => stringify(data);
  };
}
