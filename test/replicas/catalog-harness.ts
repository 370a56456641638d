import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { createServer as netServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Client } from '@elastic/elasticsearch';

/**
 * Several real API processes (`node --import tsx src/main.ts`) on one Elasticsearch, each with its own empty
 * DATA_DIR, behind a tiny round-robin HTTP proxy: what test/replicas/catalog.test.ts drives.
 */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ADMIN = 'k-rep-admin';
export const EMPLOYER = 'k-rep-employer';
export const API_KEYS = `${ADMIN}:admin,${EMPLOYER}:employer:e-0001,k-rep-public:public`;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = netServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Replica {
  name: string;
  port: number;
  base: string;
  proc: ChildProcess;
  dataDir: string;
  log: string[];
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

export async function startReplica(name: string, env: Record<string, string>): Promise<Replica> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `zzh-replica-${name}-`));
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CI: 'true',
      ...(process.env.OCCUPATIONS_FILE ? { OCCUPATIONS_FILE: process.env.OCCUPATIONS_FILE } : {}),
      HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, API_KEYS, LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '0', SEED_DEMO: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const keep = (chunk: Buffer) => { log.push(chunk.toString()); if (log.length > 400) log.splice(0, 100); };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { name, port, base: `http://127.0.0.1:${port}`, proc, dataDir, log, exited };
}

/**
 * Waits until the replica is ready (/readyz 200). It listens from the start of its boot (/healthz 200, /readyz 503
 * `starting`, src/http/lifecycle.ts); the replica that holds the seeding lease is ready once it has seeded.
 */
export async function waitListening(r: Replica, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (r.proc.exitCode !== null) throw new Error(`${r.name} exited with ${r.proc.exitCode}: ${r.log.join('').slice(-2000)}`);
    try {
      if ((await fetch(`${r.base}/readyz`)).ok) return;
    } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error(`${r.name} did not start: ${r.log.join('').slice(-2000)}`);
    await sleep(200);
  }
}

export async function stopReplica(r: Replica, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (r.proc.exitCode === null && r.proc.signalCode === null) r.proc.kill(signal);
  await Promise.race([r.exited, sleep(15_000)]);
  if (r.proc.exitCode === null && r.proc.signalCode === null) { r.proc.kill('SIGKILL'); await r.exited; }
  rmSync(r.dataDir, { recursive: true, force: true });
}

/** A round-robin HTTP proxy over the replicas still alive (a dead one is skipped). */
export async function roundRobin(replicas: () => Replica[]): Promise<{ base: string; server: Server; close: () => Promise<void> }> {
  let next = 0;
  const server = createServer((req, res) => {
    const alive = replicas().filter((r) => r.proc.exitCode === null && r.proc.signalCode === null);
    if (!alive.length) { res.writeHead(502).end(); return; }
    const target = alive[next++ % alive.length]!;
    const up = request({ host: '127.0.0.1', port: target.port, method: req.method, path: req.url, headers: req.headers }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, { ...upRes.headers, 'x-replica': target.name });
      upRes.pipe(res);
    });
    up.on('error', () => { if (!res.headersSent) res.writeHead(502); res.end(); });
    req.pipe(up);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${port}`, server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export const auth = (key = ADMIN) => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json' });

export async function call(base: string, method: string, path: string, body?: unknown, key = ADMIN): Promise<{ status: number; json: any; replica: string | null }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  let json: unknown = text;
  try { json = text ? JSON.parse(text) : null; } catch { /* text */ }
  return { status: res.status, json, replica: res.headers.get('x-replica') };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

export function esClient(url: string): Client {
  return new Client({ node: url, requestTimeout: 60_000 });
}

/** indexing.index_total of a kind's index (primaries): how many index operations it has taken. */
export async function indexTotal(es: Client, prefix: string, kind: 'vacancy' | 'resume'): Promise<number> {
  const stats = await es.indices.stats({ index: `${prefix}-${kind}`, metric: 'indexing' });
  return stats._all.primaries?.indexing?.index_total ?? 0;
}

export async function dropPrefix(es: Client, prefix: string): Promise<void> {
  const names = Object.keys(await es.indices.get({ index: `${prefix}-*`, expand_wildcards: 'all' }).catch(() => ({})));
  if (names.length) await es.indices.delete({ index: names });
}

let n = 0;
export const uniquePrefix = (tag: string) => `zzh-rep-${tag}-${process.pid}-${Date.now().toString(36)}-${n++}`;
