import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFuzz } from '../../scripts/fuzz/run.js';
import { buildFuzzApp, type FuzzApp } from '../../scripts/fuzz/setup.js';
import { generateVacancies } from '../../src/demo/index.js';

let fa: FuzzApp;
beforeAll(async () => { fa = await buildFuzzApp({ vacancies: 100, resumes: 100 }); });
afterAll(async () => { await fa?.close(); });

const admin = { 'x-api-key': 'fz-admin' };

describe('the HTTP fuzzer (npm run fuzz) on a fixed seed', () => {
  it('500 generated requests across every route: no 5xx, every 4xx a problem document, 2xx as documented', async () => {
    const report = await runFuzz(fa, { cases: 500, seed: 20_251_122, socketShare: 0.1 });
    expect(report.examples, JSON.stringify(report.examples.slice(0, 5), null, 2)).toEqual([]);
    expect(report.undocumented).toEqual({});
    expect(report.fiveXx).toBe(0);
    expect(report.cases).toBe(500);
    // Every operation of the document was tried.
    const doc = (await fa.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const ops = Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));
    for (const op of ops) expect(report.routes[op]?.cases, op).toBeGreaterThan(0);
  });
});

describe('regressions the fuzzer found', () => {
  it('the OpenAPI document defines every schema it refers to', async () => {
    const text = (await fa.app.inject({ method: 'GET', url: '/openapi.json' })).body;
    const doc = JSON.parse(text) as { components: { schemas: Record<string, unknown> } };
    const refs = [...text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const r of new Set(refs)) expect(doc.components.schemas, r).toHaveProperty(r);
  });

  it('the document lets a vacancy salary be text, as the API does ("8-12K·13薪")', async () => {
    const doc = (await fa.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: { properties: Record<string, { anyOf: Array<{ type?: string }> }> } }> } }>> };
    for (const [path, field] of [['/v1/vacancies/{id}', 'salary'], ['/v1/resumes/{id}', 'expectedSalary']] as const) {
      const salary = doc.paths[path]!.put!.requestBody.content['application/json']!.schema.properties[field]!;
      expect(salary.anyOf.map((s) => s.type)).toContain('string');
    }
  });

  it('a NUL character in a query parameter is refused (the query object has a null prototype)', async () => {
    const res = await fa.app.inject({ method: 'GET', url: '/v1/occupations/classify?title=a%00b', headers: admin });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: 'title', location: 'query' });
  });

  it('a JSON body that is not valid UTF-8 is refused, not stored with replacement characters', async () => {
    const payload = Buffer.concat([Buffer.from('{"description":"普工'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const res = await fa.app.inject({ method: 'POST', url: '/v1/compliance/check', headers: { ...admin, 'content-type': 'application/json' }, payload });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json().errors[0]).toMatchObject({ field: '(body)', reason: 'invalid UTF-8' });
  });

  it('an NDJSON body over the bulk limit is 413, also when streamed without a length', async () => {
    const line = `${JSON.stringify(generateVacancies(1, { seed: 3, start: 700_000 })[0])}\n`;
    const over = line.repeat(Math.ceil(fa.limits.bulk / line.length) + 1);
    const headers = { ...admin, 'content-type': 'application/x-ndjson' };
    const declared = await fa.app.inject({ method: 'POST', url: '/v1/vacancies/_bulk', headers, payload: over });
    expect(declared.statusCode).toBe(413);
    expect(declared.json()).toMatchObject({ status: 413, errors: [{ field: '(body)' }] });
    const streamed = await fa.app.inject({ method: 'POST', url: '/v1/vacancies/_bulk', headers, payload: Readable.from([Buffer.from(over)]) });
    expect(streamed.statusCode).toBe(413);
  });

  it('an NDJSON line over 1 MB or not UTF-8 is one line error; the other lines are written', async () => {
    const [a, b] = generateVacancies(2, { seed: 4, start: 710_000 }).map((v) => JSON.stringify(v));
    const long = `{"id":"v-long","title":"${'长'.repeat(400_000)}"}`;
    // In small chunks, as a socket delivers it: the long line is never held whole.
    const body = Buffer.concat([Buffer.from(`${a}\n${long}\n`), Buffer.from([0x7b, 0xff, 0x7d, 0x0a]), Buffer.from(`${b}\n`)]);
    const chunks = Array.from({ length: Math.ceil(body.length / 65_536) }, (_, i) => body.subarray(i * 65_536, (i + 1) * 65_536));
    const res = await fa.app.inject({ method: 'POST', url: '/v1/vacancies/_bulk', headers: { ...admin, 'content-type': 'application/x-ndjson' }, payload: Readable.from(chunks) });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ line: number; result: string; error?: { reason: string } }>;
    expect(items.map((i) => i.result)).toEqual(['created', 'error', 'error', 'created']);
    expect(items[1]!.error!.reason).toMatch(/longer than/);
    expect(items[2]!.error!.reason).toMatch(/UTF-8/);
  });

  it('requests the HTTP parser refuses, and one without Host, are answered with problem documents', async () => {
    if (!fa.app.server.listening) await fa.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = fa.app.server.address() as AddressInfo;
    const send = (raw: string) => new Promise<string>((resolve) => {
      const sock = net.connect(port, '127.0.0.1', () => sock.write(raw));
      let data = '';
      sock.on('data', (d) => { data += d.toString('latin1'); });
      sock.on('close', () => resolve(data));
      sock.on('error', () => resolve(data));
      sock.setTimeout(3000, () => sock.destroy());
    });
    for (const [raw, status] of [
      ['GARBAGE\r\n\r\n', 400],
      [`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
      ['GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n', 400],
    ] as const) {
      const res = await send(raw);
      expect(res.split('\r\n')[0]).toContain(`${status}`);
      expect(res.toLowerCase()).toContain('content-type: application/problem+json');
      const body = JSON.parse(res.slice(res.indexOf('\r\n\r\n') + 4)) as { status: number; errors: Array<{ field: string }> };
      expect(body.status).toBe(status);
      expect(body.errors[0]!.field.length).toBeGreaterThan(0);
    }
  });
});
