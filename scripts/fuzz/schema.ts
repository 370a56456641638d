import fc from 'fast-check';
import type { Rng } from './rng.js';

/** The part of JSON Schema 2020-12 that fastify-type-provider-zod emits for this API. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
  example?: unknown;
  description?: string;
}

/** Realistic values by property or parameter name, so generated documents pass the semantic checks too. */
export type Hints = Record<string, readonly unknown[]>;

export interface GenContext {
  rng: Rng;
  resolve: (s: JsonSchema) => JsonSchema;
  hints: Hints;
  /** Depth guard for recursive schemas. */
  depth?: number;
}

const TEXT_BITS = [
  '负责', '青岛', '软件开发', 'Java', '工程师', '普工', '包吃住', '五险一金', '双休', '熟悉', 'MySQL', '焊接', '电工证',
  '，', '。', ' ', '集成电路', '跨境电商', '数字IC验证', '月薪', '8000', '元', '经验', '本科', '沟通能力', '团队合作',
  'ＡＢＣ', '軟體', 'é', '😀', '<b>', '&amp;', '"', '\\', '\n',
];

const patternArbs = new Map<string, fc.Arbitrary<string>>();

function fromPattern(ctx: GenContext, pattern: string, min: number, max: number): string | undefined {
  let arb = patternArbs.get(pattern);
  if (!arb) patternArbs.set(pattern, (arb = fc.stringMatching(new RegExp(pattern))));
  const candidates = fc.sample(arb, { seed: ctx.rng.seed(), numRuns: 5 });
  return candidates.find((s) => s.length >= min && s.length <= max);
}

function isoDate(rng: Rng): string {
  const t = Date.UTC(2020, 0, 1) + rng.int(0, 6 * 365) * 86_400_000 + rng.int(0, 86_399) * 1000;
  return new Date(t).toISOString();
}

/** Text of `len` UTF-16 units from realistic fragments, never blank when it must not be. */
function text(rng: Rng, min: number, max: number): string {
  const target = rng.chance(0.1) ? max : rng.int(min, Math.min(max, Math.max(min, 60)));
  let s = '';
  while (s.length < target) s += rng.pick(TEXT_BITS);
  s = s.slice(0, target);
  // A cut surrogate pair or a trailing blank would make the value invalid for reasons other than the test's.
  s = s.replace(/[\ud800-\udbff]$/, 'x').replace(/^\s|\s$/g, 'x');
  while (s.length < min) s += 'x';
  return s;
}

function types(s: JsonSchema): string[] {
  if (s.type) return [s.type].flat();
  if (s.properties) return ['object'];
  if (s.items) return ['array'];
  return [];
}

/** A value the schema accepts (as far as JSON Schema can say: zod's semantic refinements may still refuse it). */
export function generate(schemaIn: JsonSchema, ctx: GenContext, name?: string): unknown {
  const s = ctx.resolve(schemaIn);
  const { rng } = ctx;
  const depth = ctx.depth ?? 0;
  if (s.const !== undefined) return s.const;
  if (s.enum) return rng.pick(s.enum);
  const variants = s.anyOf ?? s.oneOf;
  if (variants?.length) {
    const nonNull = variants.filter((v) => ctx.resolve(v).type !== 'null');
    return generate(rng.chance(0.9) && nonNull.length ? rng.pick(nonNull) : rng.pick(variants), ctx, name);
  }
  if (s.allOf?.length) return generate(s.allOf[0]!, ctx, name);
  const hint = name !== undefined ? ctx.hints[name] : undefined;
  const type = rng.pick(types(s).length ? types(s) : ['string']);
  switch (type) {
    case 'null': return null;
    case 'boolean': return rng.chance(0.5);
    case 'integer':
    case 'number': {
      const hinted = hint?.filter((h): h is number => typeof h === 'number');
      if (hinted?.length && rng.chance(0.7)) return rng.pick(hinted);
      const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (type === 'integer' ? 1 : 1e-6) : -1000);
      const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (type === 'integer' ? 1 : 1e-6) : 100_000);
      const a = Math.max(lo, -1e9);
      const b = Math.min(hi, 1e9);
      if (rng.chance(0.15)) return rng.pick([lo, hi].filter((x) => Number.isFinite(x)));
      if (type === 'integer') return rng.int(Math.ceil(a), Math.floor(b));
      return Math.round((a + rng.next() * (b - a)) * 100) / 100;
    }
    case 'string': {
      const min = s.minLength ?? 0;
      const max = s.maxLength ?? 200;
      if (s.format === 'date-time') return isoDate(rng);
      if (s.format === 'email') return `${text(rng, 1, 8).replace(/[^a-z0-9]/gi, 'a')}@example.com`.toLowerCase();
      const hinted = hint?.filter((h): h is string => typeof h === 'string' && h.length >= min && h.length <= max);
      if (hinted?.length && rng.chance(0.85)) return rng.pick(hinted);
      if (s.pattern) return fromPattern(ctx, s.pattern, min, max) ?? 'x'.repeat(Math.max(min, 1));
      if (typeof s.example === 'string' && rng.chance(0.3)) return s.example;
      return text(rng, min, max);
    }
    case 'array': {
      const min = s.minItems ?? 0;
      const max = Math.min(s.maxItems ?? 5, depth > 3 ? min : 100);
      const n = rng.chance(0.05) ? max : rng.int(min, Math.min(max, Math.max(min, 4)));
      return Array.from({ length: n }, () => generate(s.items ?? {}, { ...ctx, depth: depth + 1 }, name));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set(s.required ?? []);
      for (const [key, sub] of Object.entries(s.properties ?? {})) {
        if (required.has(key) || (depth < 5 && rng.chance(0.6))) out[key] = generate(sub, { ...ctx, depth: depth + 1 }, key);
      }
      if (typeof s.additionalProperties === 'object' && depth < 5) {
        for (let i = rng.int(0, 3); i > 0; i--) out[text(rng, 1, 10)] = generate(s.additionalProperties, { ...ctx, depth: depth + 1 });
      }
      return out;
    }
    default:
      return text(rng, 0, 20);
  }
}

/** A place in a generated value with the schema that governs it (for targeted mutations). */
export interface Site {
  path: Array<string | number>;
  schema: JsonSchema;
  value: unknown;
}

/** Every node of `value` paired with its schema (the first anyOf branch the node's type fits). */
export function sites(value: unknown, schemaIn: JsonSchema, resolve: (s: JsonSchema) => JsonSchema, path: Array<string | number> = []): Site[] {
  let s = resolve(schemaIn);
  const branches = s.anyOf ?? s.oneOf;
  if (branches) {
    const fit = branches.map(resolve).find((b) => fits(value, b));
    if (fit) s = fit;
  }
  const out: Site[] = [{ path, schema: s, value }];
  if (Array.isArray(value) && s.items) value.forEach((v, i) => out.push(...sites(v, s.items!, resolve, [...path, i])));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const sub = s.properties?.[k] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
      if (sub) out.push(...sites(v, sub, resolve, [...path, k]));
    }
  }
  return out;
}

function fits(value: unknown, s: JsonSchema): boolean {
  const t = types(s);
  if (s.enum) return s.enum.includes(value);
  if (!t.length) return true;
  return t.some((x) =>
    x === 'null' ? value === null
      : x === 'array' ? Array.isArray(value)
        : x === 'object' ? !!value && typeof value === 'object' && !Array.isArray(value)
          : x === 'integer' ? Number.isInteger(value)
            : typeof value === x);
}

/** Sets the node at `path` (the root when empty); returns the new root. */
export function setAt(root: unknown, path: Array<string | number>, v: unknown): unknown {
  if (!path.length) return v;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = v;
  return copy;
}

export function deleteAt(root: unknown, path: Array<string | number>): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (Array.isArray(node)) node.splice(Number(last), 1);
  else delete node[last];
  return copy;
}
