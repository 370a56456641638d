import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { nextCase, type CaseContext, type FuzzCase } from './cases.js';
import { ResponseChecker, type Reply, type Violation, type ViolationKind } from './check.js';
import { examplePool, HINTS } from './hints.js';
import { operations, resolver, toOpenApiPath, type OpenApiDoc, type Operation } from './openapi.js';
import { Rng } from './rng.js';
import type { FuzzApp } from './setup.js';

export interface FuzzOptions {
  /** Requests to send in all (at least 5,000 for the bar). */
  cases: number;
  seed: number;
  /** Share of the cases sent over a real socket instead of app.inject (default 0.05). */
  socketShare?: number;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface RouteStats { cases: number; valid: number; statuses: Record<string, number> }

export interface FuzzReport {
  seed: number;
  cases: number;
  injected: number;
  overSocket: number;
  /** Requests the client library refused to send (invalid header characters …): generated but not counted. */
  unsendable: number;
  durationMs: number;
  fiveXx: number;
  violations: Record<ViolationKind, number>;
  routes: Record<string, RouteStats>;
  variants: Record<string, number>;
  /** Statuses the document does not list for an operation ("GET /v1/catalog 401": count). */
  undocumented: Record<string, number>;
  /** Up to a few examples per kind, route and status (undocumented statuses are counted in `undocumented`). */
  examples: Array<Violation & { error?: string }>;
}

const EXAMPLES_PER_KEY = 3;

/** Runs the fuzzer against a built app: generated cases through app.inject, then a share over a real socket. */
export async function runFuzz(fa: FuzzApp, opts: FuzzOptions): Promise<FuzzReport> {
  const t0 = performance.now();
  const log = opts.log ?? (() => {});
  const docRes = await fa.app.inject({ method: 'GET', url: '/openapi.json' });
  if (docRes.statusCode !== 200) throw new Error(`GET /openapi.json answered ${docRes.statusCode}`);
  const doc = docRes.json() as OpenApiDoc;
  const ops = operations(doc);
  const checker = new ResponseChecker(doc);
  const roles = new Map(fa.app.routeTable.map((r) => [`${r.method} ${toOpenApiPath(r.url)}`, r.roles]));
  const ctx: CaseContext = {
    rng: new Rng(opts.seed), ops, resolve: resolver(doc), hints: HINTS, keys: fa.keys,
    rolesOf: (op: Operation) => roles.get(op.route), ids: fa.ids, pool: examplePool(), cursors: [], limits: fa.limits,
  };

  const report: FuzzReport = {
    seed: opts.seed, cases: 0, injected: 0, overSocket: 0, unsendable: 0, durationMs: 0, fiveXx: 0,
    violations: { '5xx': 0, problem: 0, schema: 0, accepted: 0, undocumented: 0, transport: 0 }, routes: {}, variants: {}, undocumented: {}, examples: [],
  };
  const shown = new Map<string, number>();
  const record = (c: FuzzCase, res: Reply) => {
    report.cases++;
    const r = (report.routes[c.route] ??= { cases: 0, valid: 0, statuses: {} });
    r.cases++;
    if (c.variant.startsWith('valid')) r.valid++;
    r.statuses[res.status] = (r.statuses[res.status] ?? 0) + 1;
    const family = c.variant.split(' ')[0]!;
    report.variants[family] = (report.variants[family] ?? 0) + 1;
    if (res.status >= 500) report.fiveXx++;
    for (const v of checker.check(c, res)) {
      report.violations[v.kind]++;
      if (v.kind === 'undocumented') {
        const key = `${v.route} ${v.status}`;
        report.undocumented[key] = (report.undocumented[key] ?? 0) + 1;
        continue;
      }
      const key = `${v.kind} ${v.route} ${v.status}`;
      const n = shown.get(key) ?? 0;
      if (n < EXAMPLES_PER_KEY) {
        shown.set(key, n + 1);
        const id = String(res.headers['x-request-id'] ?? '');
        const error = res.status >= 500 ? fa.errors.get(id) : undefined;
        report.examples.push({ ...v, ...(error ? { error } : {}) });
      }
    }
    captureCursor(ctx, c, res);
  };

  const socketCases = Math.round(opts.cases * (opts.socketShare ?? 0.05));
  const injectCases = opts.cases - socketCases;
  while (report.injected < injectCases) {
    const c = nextCase(ctx);
    let res: Reply;
    try {
      const r = await fa.app.inject({ method: c.request.method as 'GET', url: c.request.url, headers: c.request.headers, ...(c.request.payload !== undefined ? { payload: c.request.payload } : {}) });
      res = { status: r.statusCode, headers: r.headers, body: r.rawPayload };
    } catch {
      report.unsendable++;
      continue;
    }
    report.injected++;
    record(c, res);
    if (report.injected % 1000 === 0) log(`  ${report.injected}/${injectCases} injected, ${report.fiveXx} 5xx`);
  }

  if (socketCases > 0) {
    if (!fa.app.server.listening) await fa.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = fa.app.server.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const raw = rawCases(fa);
      for (let i = 0; report.overSocket < socketCases; i++) {
        if (i < raw.length) {
          const res = await sendRaw(port, raw[i]!.bytes);
          report.overSocket++;
          if (!res) { report.violations.transport++; report.examples.push({ kind: 'transport', route: '(raw)', variant: raw[i]!.name, auth: '-', status: 0, request: raw[i]!.name, message: 'no HTTP response' }); continue; }
          record({ route: '(raw)', variant: `raw:${raw[i]!.name}`, auth: '-', request: { method: 'RAW', url: raw[i]!.name, headers: {} } }, res);
          continue;
        }
        const c = nextCase(ctx);
        const res = await sendHttp(port, agent, c).catch((err: Error) => (err.message.startsWith('unsendable') ? undefined : err));
        if (res === undefined) { report.unsendable++; continue; }
        report.overSocket++;
        if (res instanceof Error) {
          report.violations.transport++;
          report.examples.push({ kind: 'transport', route: c.route, variant: c.variant, auth: c.auth, status: 0, request: `${c.request.method} ${c.request.url.slice(0, 200)}`, message: res.message });
          continue;
        }
        record(c, res);
      }
    } finally {
      agent.destroy();
    }
    log(`  ${report.overSocket} over a socket`);
  }
  report.durationMs = Math.round(performance.now() - t0);
  return report;
}

/** Keeps nextCursor of valid search pages, so later cases can follow them (and forge them). */
function captureCursor(ctx: CaseContext, c: FuzzCase, res: Reply): void {
  if (res.status !== 200 || !c.op?.path.endsWith('/search') || !c.query) return;
  try {
    const cursor = (JSON.parse(res.body.toString('utf8')) as { nextCursor?: string }).nextCursor;
    if (!cursor) return;
    const query = c.query.filter(([k]) => k !== 'page' && k !== 'cursor');
    if (ctx.cursors.length >= 50) ctx.cursors.shift();
    ctx.cursors.push({ path: c.op.path, query, cursor });
  } catch { /* not JSON: the checker reports it */ }
}

function sendHttp(port: number, agent: http.Agent, c: FuzzCase): Promise<Reply> {
  return new Promise((resolve, reject) => {
    let req: http.ClientRequest;
    try {
      // An explicit length: Node sends a GET's body unframed otherwise, and the server reads it as the next request.
      const headers = c.request.payload !== undefined ? { 'content-length': String(Buffer.byteLength(c.request.payload)), ...c.request.headers } : c.request.headers;
      req = http.request({ host: '127.0.0.1', port, method: c.request.method, path: c.request.url, headers, agent, timeout: 60_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
    } catch (err) {
      reject(new Error(`unsendable: ${(err as Error).message}`));
      return;
    }
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (err) => reject(err));
    if (c.request.payload !== undefined) req.end(c.request.payload);
    else req.end();
  });
}

/** Requests no well-behaved client sends: broken request lines, headers and framing, straight onto the socket. */
function rawCases(fa: FuzzApp): Array<{ name: string; bytes: Buffer }> {
  const key = fa.keys.admin!;
  const b = (s: string | Buffer) => (typeof s === 'string' ? Buffer.from(s, 'latin1') : s);
  const cases: Array<[string, string | Buffer]> = [
    ['sanity', 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['garbage-request-line', 'GARBAGE\r\n\r\n'],
    ['unknown-method', `FOO /v1/vacancies/search HTTP/1.1\r\nHost: x\r\nx-api-key: ${key}\r\n\r\n`],
    ['raw-0xff-in-path', Buffer.concat([b('GET /v1/vacancies/search?q='), Buffer.from([0xff, 0xfe]), b(` HTTP/1.1\r\nHost: x\r\nx-api-key: ${key}\r\n\r\n`)])],
    ['raw-utf8-in-path', Buffer.concat([b('GET /v1/vacancies/search?q='), Buffer.from('焊工', 'utf8'), b(` HTTP/1.1\r\nHost: x\r\nx-api-key: ${key}\r\n\r\n`)])],
    ['header-too-large', `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`],
    ['url-too-long', `GET /v1/vacancies/search?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\nx-api-key: ${key}\r\n\r\n`],
    ['bad-content-length', `POST /v1/compliance/check HTTP/1.1\r\nHost: x\r\nx-api-key: ${key}\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}`],
    ['cl-and-te', `POST /v1/compliance/check HTTP/1.1\r\nHost: x\r\nx-api-key: ${key}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}`],
    ['bad-chunk', `POST /v1/compliance/check HTTP/1.1\r\nHost: x\r\nx-api-key: ${key}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`],
    ['nul-in-header', `GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n`],
    ['http2-preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
    ['absolute-uri', 'GET http://evil.example/healthz HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['http-0.9', 'GET /healthz\r\n\r\n'],
    ['space-in-path', `GET /v1/vacancies/search?q=a b HTTP/1.1\r\nHost: x\r\nx-api-key: ${key}\r\n\r\n`],
    ['no-host', 'GET /healthz HTTP/1.1\r\n\r\n'],
    ['chunked-json', `POST /v1/compliance/check HTTP/1.1\r\nHost: x\r\nx-api-key: ${key}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"des\r\n13\r\ncription":"普工"}\r\n0\r\n\r\n`],
    ['expect-100', `POST /v1/compliance/check HTTP/1.1\r\nHost: x\r\nx-api-key: ${key}\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n{}`],
  ];
  return cases.map(([name, bytes]) => ({ name, bytes: b(bytes) }));
}

/** Sends raw bytes on a fresh connection and parses the first response (undefined when none comes). */
function sendRaw(port: number, bytes: Buffer): Promise<Reply | undefined> {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      sock.destroy();
      resolve(parseResponse(Buffer.concat(chunks)));
    };
    sock.setTimeout(3000, finish);
    sock.on('data', (d: Buffer) => {
      chunks.push(d);
      const parsed = parseResponse(Buffer.concat(chunks));
      if (parsed && parsed.complete) finish();
    });
    sock.on('end', finish);
    sock.on('error', finish);
    sock.on('connect', () => sock.write(bytes));
  });
}

function parseResponse(buf: Buffer): (Reply & { complete: boolean }) | undefined {
  let text = buf.toString('latin1');
  // Skip interim responses (100 Continue).
  while (/^HTTP\/1\.[01] 1\d\d/.test(text) && text.includes('\r\n\r\n')) text = text.slice(text.indexOf('\r\n\r\n') + 4);
  const head = text.indexOf('\r\n\r\n');
  if (head < 0) return undefined;
  const lines = text.slice(0, head).split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '');
  if (!m) return undefined;
  const headers: Record<string, string> = {};
  for (const l of lines.slice(1)) {
    const i = l.indexOf(':');
    if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  const bodyStart = buf.length - Buffer.byteLength(text.slice(head + 4), 'latin1');
  let body = buf.subarray(bodyStart);
  const length = headers['content-length'] !== undefined ? Number(headers['content-length']) : undefined;
  let complete = length !== undefined ? body.length >= length : false;
  if (length !== undefined) body = body.subarray(0, length);
  else if (headers['transfer-encoding'] === 'chunked') {
    const decoded = dechunk(body);
    complete = decoded !== undefined;
    body = decoded ?? body;
  }
  return { status: Number(m[1]), headers, body, complete };
}

function dechunk(buf: Buffer): Buffer | undefined {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = buf.indexOf('\r\n', at);
    if (eol < 0) return undefined;
    const size = parseInt(buf.subarray(at, eol).toString('latin1'), 16);
    if (Number.isNaN(size)) return undefined;
    if (size === 0) return Buffer.concat(out);
    out.push(buf.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
    if (at > buf.length) return undefined;
  }
}
