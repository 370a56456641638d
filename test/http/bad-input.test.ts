import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { auth, KEYS, useEmbeddedApp } from '../support/app.js';
import { VACANCIES } from '../support/fixtures.js';

const getApp = useEmbeddedApp();
let app: FastifyInstance;
beforeAll(() => { app = getApp(); });

const admin = auth(KEYS.admin);
const json = { ...admin, 'content-type': 'application/json' };
const ndjson = { ...admin, 'content-type': 'application/x-ndjson' };
const v = VACANCIES[0]!;

type Case = [string, { method: 'GET' | 'PUT' | 'POST' | 'DELETE'; url: string; headers?: Record<string, string>; payload?: string | object }];

/** Malformed input of every kind: always a 4xx problem document, never a 500. */
const CASES: Case[] = [
  ['truncated JSON', { method: 'PUT', url: '/v1/vacancies/v-x', headers: json, payload: '{"title": "a' }],
  ['a JSON array body', { method: 'PUT', url: '/v1/vacancies/v-x', headers: json, payload: '[1,2,3]' }],
  ['a JSON string body', { method: 'PUT', url: '/v1/vacancies/v-x', headers: json, payload: '"hello"' }],
  ['null body', { method: 'PUT', url: '/v1/vacancies/v-x', headers: json, payload: 'null' }],
  ['an empty body', { method: 'PUT', url: '/v1/vacancies/v-x', headers: json, payload: '' }],
  ['text/plain', { method: 'PUT', url: '/v1/vacancies/v-x', headers: { ...admin, 'content-type': 'text/plain' }, payload: 'hi' }],
  ['NUL bytes in the id', { method: 'GET', url: '/v1/vacancies/v%00x', headers: admin }],
  ['NUL bytes in text', { method: 'PUT', url: '/v1/vacancies/v-nul', headers: json, payload: { ...v, id: 'v-nul', title: 'a\u0000b', employer: { id: 'e-1', name: 'x' } } }],
  ['a lone surrogate', { method: 'PUT', url: '/v1/vacancies/v-sur', headers: json, payload: `{"title":"\\ud800"}` }],
  ['invalid UTF-8 bytes', { method: 'PUT', url: '/v1/vacancies/v-utf', headers: json, payload: Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) as never }],
  ['a huge number', { method: 'PUT', url: '/v1/vacancies/v-x', headers: json, payload: { ...v, id: 'v-x', headcount: 1e308 } }],
  ['a negative salary', { method: 'PUT', url: '/v1/vacancies/v-x', headers: json, payload: { ...v, id: 'v-x', salary: { min: -5, max: 10 } } }],
  ['deep nesting', { method: 'PUT', url: '/v1/vacancies/v-x', headers: json, payload: '{"a":'.repeat(5000) + '1' + '}'.repeat(5000) }],
  ['a 2 MB body', { method: 'PUT', url: '/v1/vacancies/v-x', headers: json, payload: { ...v, id: 'v-x', description: '长'.repeat(700_000) } }],
  ['too many skills', { method: 'PUT', url: '/v1/vacancies/v-x', headers: json, payload: { ...v, id: 'v-x', skills: Array.from({ length: 500 }, (_, i) => `s${i}`) } }],
  ['bulk with JSON content type', { method: 'POST', url: '/v1/vacancies/_bulk', headers: json, payload: { x: 1 } }],
  ['search size=abc', { method: 'GET', url: '/v1/vacancies/search?size=abc', headers: admin }],
  ['search page=1e400', { method: 'GET', url: '/v1/vacancies/search?page=1e400', headers: admin }],
  ['search lat=NaN', { method: 'GET', url: '/v1/vacancies/search?lat=NaN&lon=120', headers: admin }],
  ['search q twice', { method: 'GET', url: '/v1/vacancies/search?q=a&q=b', headers: admin }],
  ['search sort=random', { method: 'GET', url: '/v1/vacancies/search?sort=random', headers: admin }],
  ['search with 21 districts', { method: 'GET', url: `/v1/vacancies/search?${Array.from({ length: 21 }, () => 'district=%E5%B8%82%E5%8D%97%E5%8C%BA').join('&')}`, headers: admin }],
  ['compliance without description', { method: 'POST', url: '/v1/compliance/check', headers: json, payload: { title: 'x' } }],
  ['compliance batch of 101', { method: 'POST', url: '/v1/compliance/check/_batch', headers: json, payload: { postings: Array.from({ length: 101 }, () => ({ description: 'x' })) } }],
  ['an unknown method', { method: 'DELETE', url: '/v1/vacancies/search', headers: admin }],
  ['a bad bearer', { method: 'GET', url: '/v1/vacancies/search', headers: { authorization: 'Basic abc' } }],
  ['a very long id', { method: 'GET', url: `/v1/vacancies/${'x'.repeat(300)}`, headers: admin }],
];

describe('bad input never reaches a 500', () => {
  it.each(CASES)('%s → 4xx problem document', async (_, req) => {
    const res = await app.inject(req as never);
    expect(res.statusCode, res.body.slice(0, 300)).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const body = res.json();
    expect(body).toMatchObject({ status: res.statusCode, title: expect.any(String), detail: expect.any(String) });
    expect(res.body).not.toMatch(/\bat [\w.<>]+ \(.*:\d+:\d+\)/); // no stack traces
  });

  it('bulk lines of every wrong shape are reported per line', async () => {
    const lines = ['[1,2]', '"text"', 'null', '42', '{}', '{"id": 5}', JSON.stringify({ ...v, id: 'v-nul-bulk', title: 'a\u0000' }), JSON.stringify({ ...v, id: 'v-ok-bulk' })].join('\n');
    const res = await app.inject({ method: 'POST', url: '/v1/vacancies/_bulk', headers: ndjson, payload: lines });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ line: number; result: string; error?: { field: string } }>;
    expect(items.map((i) => i.result)).toEqual(['error', 'error', 'error', 'error', 'error', 'error', 'error', 'created']);
    expect(items[6]!.error?.field).toBe('title');
    for (const i of items.slice(0, 7)) expect(i.error?.field).toBeTruthy();
  });
});
