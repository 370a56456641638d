import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backoffMs, createClient } from '../../src/engine/elasticsearch/client.js';
import { bulkIndex } from '../../src/engine/elasticsearch/bulk.js';
import { engineUnavailable } from '../../src/http/problem.js';
import { freePort } from '../support/server.js';

/**
 * The client's fault policy, against a scripted HTTP peer (the real node's outage is test/engine/es-outage.test.ts):
 * which answers are retried, how often, and that a bulk answers for every document.
 */
type Answer = { status: number; body: unknown } | ((req: { url: string; body: string }) => { status: number; body: unknown });

let server: Server;
let url: string;
let script: Answer[] = [];
let fallback: Answer = { status: 200, body: {} };
const seen: Array<{ url: string; body: string }> = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const r = { url: req.url ?? '', body };
      seen.push(r);
      const next = script.shift() ?? fallback;
      const a = typeof next === 'function' ? next(r) : next;
      res.writeHead(a.status, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' }).end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => { script = []; fallback = { status: 200, body: {} }; seen.length = 0; });

const overloaded = { status: 429, body: { error: { type: 'es_rejected_execution_exception' }, status: 429 } };
const unavailable = { status: 503, body: { error: { type: 'cluster_block_exception' }, status: 503 } };

describe('Elasticsearch client retries', () => {
  it('backs off exponentially with jitter, capped at 2 s', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffMs(a, () => 0))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect([1, 2, 3].map((a) => backoffMs(a, () => 1))).toEqual([200, 400, 800]);
  });

  it('retries 429, 502, 503 and 504 answers, then succeeds', async () => {
    const client = createClient({ url, timeoutMs: 2000, maxRetries: 4 });
    script = [overloaded, { status: 502, body: {} }, unavailable, { status: 504, body: {} }, { status: 200, body: { count: 7 } }];
    expect(await client.count({ index: 'x' })).toMatchObject({ count: 7 });
    expect(seen).toHaveLength(5);
    await client.close();
  });

  it('gives up after maxRetries and the HTTP layer answers 503', async () => {
    const client = createClient({ url, timeoutMs: 2000, maxRetries: 2 });
    fallback = overloaded;
    const err = await client.count({ index: 'x' }).catch((e: unknown) => e);
    expect(seen).toHaveLength(3);
    expect(engineUnavailable(err as never)).toMatchObject({ status: 503 });
    await client.close();
  });

  it('does not retry a request error the caller made (400) nor one with its own budget of 0', async () => {
    const client = createClient({ url, timeoutMs: 2000, maxRetries: 3 });
    fallback = { status: 400, body: { error: { type: 'parsing_exception' }, status: 400 } };
    await expect(client.count({ index: 'x' })).rejects.toMatchObject({ name: 'ResponseError' });
    expect(seen).toHaveLength(1);
    fallback = unavailable;
    await expect(client.count({ index: 'x' }, { maxRetries: 0 })).rejects.toMatchObject({ name: 'ResponseError' });
    expect(seen).toHaveLength(2);
    await client.close();
  });

  it('retries connection errors, then reports them as ConnectionError (503 for clients)', async () => {
    const client = createClient({ url: `http://127.0.0.1:${await freePort()}`, timeoutMs: 2000, maxRetries: 2 });
    const err = await client.count({ index: 'x' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ConnectionError' });
    expect(engineUnavailable(err as never)).toMatchObject({ status: 503 });
    await client.close();
  });

  it('times a request out after timeoutMs and does not send it again', async () => {
    const slow = createServer((_req, res) => setTimeout(() => res.end('{}'), 1500));
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    let hits = 0;
    slow.on('request', () => { hits++; });
    const client = createClient({ url: `http://127.0.0.1:${(slow.address() as AddressInfo).port}`, timeoutMs: 200, maxRetries: 3 });
    const err = await client.count({ index: 'x' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'TimeoutError' });
    expect(engineUnavailable(err as never)).toMatchObject({ status: 503 });
    expect(hits).toBe(1);
    await client.close();
    slow.closeAllConnections();
    await new Promise<void>((resolve) => slow.close(() => resolve()));
  });
});

const docs = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `d${i}`, body: { id: `d${i}`, title: 'x'.repeat(50) } }));
const ids = (body: string) => body.trim().split('\n').filter((_, i) => i % 2 === 0).map((l) => (JSON.parse(l) as { index: { _id: string } }).index._id);
const item = (status: number, extra: Record<string, unknown> = {}) => ({ index: { status, ...extra } });

describe('bulk writes answer for every document', () => {
  it('sends 429 items again with backoff and reports other item errors by their type', async () => {
    const client = createClient({ url, timeoutMs: 2000, maxRetries: 3 });
    script = [
      { status: 200, body: { errors: true, items: [item(201, { result: 'created' }), item(429, { error: { type: 'es_rejected_execution_exception' } }), item(400, { error: { type: 'document_parsing_exception', reason: 'bad field' } }), item(200, { result: 'updated' })] } },
      { status: 200, body: { errors: false, items: [item(201, { result: 'created' })] } },
    ];
    const results = await bulkIndex(client, 'idx', docs(4), { refresh: 'wait_for', maxRetries: 3 });
    expect(results).toEqual([
      { id: 'd0', result: 'created' },
      { id: 'd1', result: 'created' },
      { id: 'd2', result: 'error', error: { field: 'document_parsing_exception', reason: 'bad field' } },
      { id: 'd3', result: 'updated' },
    ]);
    expect(seen.map((s) => ids(s.body))).toEqual([['d0', 'd1', 'd2', 'd3'], ['d1']]);
    await client.close();
  });

  it('reports an item still refused after every retry, never drops it', async () => {
    const client = createClient({ url, timeoutMs: 2000, maxRetries: 2 });
    fallback = (r) => ({ status: 200, body: { errors: true, items: ids(r.body).map((id) => (id === 'd1' ? item(429) : item(201, { result: 'created' }))) } });
    const results = await bulkIndex(client, 'idx', docs(3), { refresh: 'wait_for', maxRetries: 2 });
    expect(results.map((r) => r.result)).toEqual(['created', 'error', 'created']);
    expect(results[1]).toMatchObject({ id: 'd1', error: { field: '(engine)', reason: expect.stringMatching(/status 429.*retry this document/) } });
    expect(seen).toHaveLength(3);
    await client.close();
  });

  it('throws when every document was refused as transient, so a single PUT answers 503', async () => {
    const client = createClient({ url, timeoutMs: 2000, maxRetries: 1 });
    fallback = (r) => ({ status: 200, body: { errors: true, items: ids(r.body).map(() => item(429, { error: { type: 'cluster_block_exception' } })) } });
    const err = await bulkIndex(client, 'idx', docs(1), { refresh: 'wait_for', maxRetries: 1 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'EngineUnavailableError', message: expect.stringMatching(/status 429 \(cluster_block_exception\)/) });
    expect(engineUnavailable(err as never)).toMatchObject({ status: 503 });
    expect(seen).toHaveLength(2);
    await client.close();
  });

  it('throws when a request fails and nothing was written; reports per document when some chunks were', async () => {
    const client = createClient({ url, timeoutMs: 2000, maxRetries: 1 });
    fallback = unavailable;
    await expect(bulkIndex(client, 'idx', docs(3), { refresh: 'end', maxRetries: 1 })).rejects.toMatchObject({ name: 'ResponseError' });
    expect(seen.every((s) => s.url.startsWith('/_bulk'))).toBe(true); // no refresh after nothing was written

    seen.length = 0;
    // Chunks of one document, one at a time: the first is written, the second's request fails, the third is not sent.
    script = [{ status: 200, body: { errors: false, items: [item(201, { result: 'created' })] } }];
    const results = await bulkIndex(client, 'idx', docs(3), { refresh: 'wait_for', maxRetries: 1, chunkBytes: 10, concurrency: 1 });
    expect(results[0]).toEqual({ id: 'd0', result: 'created' });
    expect(results.slice(1).map((r) => [r.id, r.result])).toEqual([['d1', 'error'], ['d2', 'error']]);
    expect(results[1]).toMatchObject({ error: { field: '(engine)', reason: expect.stringMatching(/^not written: the search engine is unavailable/) } });
    expect(seen.flatMap((s) => ids(s.body))).toEqual(['d0', 'd1', 'd1']);
    await client.close();
  });

  it('refreshes once after a large batch; a failed refresh does not undo written documents', async () => {
    const client = createClient({ url, timeoutMs: 2000, maxRetries: 0 });
    script = [{ status: 200, body: { errors: false, items: [item(201, { result: 'created' }), item(201, { result: 'created' })] } }, unavailable];
    const results = await bulkIndex(client, 'idx', docs(2), { refresh: 'end', maxRetries: 0 });
    expect(results.map((r) => r.result)).toEqual(['created', 'created']);
    expect(seen.map((s) => s.url.split('?')[0])).toEqual(['/_bulk', '/idx/_refresh']);
    await client.close();
  });
});
