import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileStringify, createSerializerCompiler } from '../../src/http/serializer.js';
import { problemSchema } from '../../src/http/problem.js';
import { searchResponseSchema } from '../../src/routes/search-schema.js';
import { vacancyMatchesSchema } from '../../src/routes/match-schema.js';

/** What the zod serializer wrote before: parse (strips unknown keys), then JSON.stringify. */
const viaZod = (schema: z.ZodType, data: unknown) => JSON.stringify(schema.parse(data));

describe('responses serialised from the zod schemas compiled once (fast-json-stringify)', () => {
  const schema = z.object({
    id: z.string(),
    n: z.number().int(),
    opt: z.string().optional(),
    nul: z.number().nullable(),
    either: z.union([z.string(), z.object({ min: z.number(), max: z.number() })]),
    rec: z.record(z.string(), z.array(z.object({ value: z.string(), count: z.number().int() }))),
    anything: z.record(z.string(), z.unknown()),
    list: z.array(z.enum(['a', 'b'])),
  });

  it('writes the same JSON as zod parse + JSON.stringify: optional, nullable, unions, records, unknown keys dropped', () => {
    const stringify = compileStringify(schema)!;
    expect(stringify).toBeTypeOf('function');
    const cases = [
      { id: 'x', n: 1, nul: null, either: '面议', rec: {}, anything: {}, list: [] },
      { id: '"引号"\n', n: 2, opt: '可选', nul: 1.5, either: { min: 1, max: 2, extra: true }, rec: { district: [{ value: '黄岛区', count: 3, more: 1 }] }, anything: { q: 'Java', nested: { a: [1, null] } }, list: ['a', 'b'], unknown: 'dropped' },
      { id: 'y', n: 3, opt: undefined, nul: 0, either: 'x', rec: { a: [] }, anything: { u: undefined }, list: ['b'] },
    ];
    for (const c of cases) expect(JSON.parse(stringify(c))).toEqual(JSON.parse(viaZod(schema, c)));
  });

  it('problem documents keep their extra members (passthrough)', () => {
    const p = { type: 'about:blank', title: 'Unprocessable Content', status: 422, code: 'ZZH_COMPLIANCE', detail: 'd', errors: [{ field: 'compliance', reason: 'r' }], findings: [{ ruleId: 'g1' }] };
    expect(JSON.parse(compileStringify(problemSchema)!(p))).toEqual(p);
  });

  it('compiles the search and match response schemas', () => {
    for (const s of [searchResponseSchema('vacancy'), searchResponseSchema('resume'), vacancyMatchesSchema]) expect(compileStringify(s)).toBeTypeOf('function');
  });

  it('with validation on, an answer that does not match is refused (ResponseSerializationError); off, it is written', () => {
    const bad = { id: 1, n: 1.5, nul: null, either: 'x', rec: {}, anything: {}, list: [] };
    const on = createSerializerCompiler({ validate: true })({ schema, method: 'GET', url: '/x', httpStatus: '200' });
    expect(() => on(bad)).toThrow(/match the schema/);
    const off = createSerializerCompiler({ validate: false })({ schema, method: 'GET', url: '/x', httpStatus: '200' });
    expect(() => off({ id: 'ok', n: 1, nul: null, either: 'x', rec: {}, anything: {}, list: [] })).not.toThrow();
  });

  it('a schema JSON Schema cannot express (a date) falls back to zod encode + JSON.stringify', () => {
    const t = z.object({ a: z.date() });
    expect(compileStringify(t)).toBeUndefined();
    const fn = createSerializerCompiler({ validate: false })({ schema: t, method: 'GET', url: '/x', httpStatus: '200' });
    expect(JSON.parse(fn({ a: new Date(0) }))).toEqual({ a: '1970-01-01T00:00:00.000Z' });
  });
});
