/**
 * The process for real (src/main.ts in a child process): /healthz answers during a long boot while /readyz says
 * 503 starting; SIGTERM under load turns /readyz to 503 first, serves the drain delay, closes, and clients see
 * no error they cannot retry (only 503 with Retry-After, or a refused connection once the listener is closed): the
 * clients stop sending a short while after /readyz said 503, as the load balancer does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, waitForExit } from './support/server.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

async function spawnServer(env: Record<string, string>) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'zzh-lifecycle-'));
  dirs.push(dataDir);
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ELASTICSEARCH_URL: '', DATA_DIR: dataDir,
      API_KEYS: 'lc-public:public', RATE_LIMIT_PER_MINUTE: '0', CI: 'true', NODE_ENV: 'development', ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { out += d; });
  return { child, url: `http://127.0.0.1:${port}`, output: () => out };
}

type Outcome = { status: number; detail?: string; retryAfter?: string | null } | { error: string };
async function get(url: string, headers: Record<string, string> = {}): Promise<Outcome> {
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(20_000) });
    const text = await res.text();
    let detail: string | undefined;
    try { detail = (JSON.parse(text) as { detail?: string }).detail; } catch { /* not JSON */ }
    return { status: res.status, ...(detail ? { detail } : {}), retryAfter: res.headers.get('retry-after') };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    return { error: cause?.code ?? (err as Error).message };
  }
}

async function waitFor(fn: () => Promise<boolean>, ms: number, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + ms;
  while (!(await fn())) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output()}`);
    if (Date.now() > deadline) throw new Error(`timed out: ${output()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('process lifecycle (src/main.ts)', () => {
  it('answers /healthz during a long boot while /readyz says 503 starting, then becomes ready', async () => {
    // Demo data on an empty store makes the boot take seconds.
    const s = await spawnServer({ SEED_DEMO: 'true', DEMO_VACANCIES: '3000', DEMO_RESUMES: '1000' });
    try {
      await waitFor(async () => 'status' in (await get(`${s.url}/healthz`)), 60_000, s.child, s.output);
      const ready = await get(`${s.url}/readyz`);
      const api = await get(`${s.url}/v1/vacancies/search?q=司机`, { authorization: 'Bearer lc-public' });
      expect(await get(`${s.url}/healthz`)).toMatchObject({ status: 200 });
      expect(ready).toMatchObject({ status: 503, retryAfter: '5' });
      expect((ready as { detail: string }).detail).toMatch(/^starting/);
      expect(api).toMatchObject({ status: 503, retryAfter: '5' });
      await waitFor(async () => (await get(`${s.url}/readyz`) as { status?: number }).status === 200, 120_000, s.child, s.output);
      expect(await get(`${s.url}/v1/vacancies/search?q=司机`, { authorization: 'Bearer lc-public' })).toMatchObject({ status: 200 });
    } finally {
      s.child.kill('SIGKILL');
      await waitForExit(s.child);
    }
  }, 180_000);

  it('on SIGTERM under load: /readyz 503 first, the drain delay served, then closed; no non-retryable client error', async () => {
    const drainMs = 1500;
    const s = await spawnServer({ SEED_DEMO: 'true', DEMO_VACANCIES: '300', DEMO_RESUMES: '0', SHUTDOWN_DRAIN_DELAY_MS: String(drainMs), REQUEST_TIMEOUT_MS: '5000', SHUTDOWN_GRACE_MS: '8000' });
    await waitFor(async () => (await get(`${s.url}/readyz`) as { status?: number }).status === 200, 120_000, s.child, s.output);
    const t0 = Date.now();
    const events: Array<{ at: number; kind: 'api' | 'ready'; outcome: Outcome }> = [];
    let sigtermAt = Infinity;
    let stop = false;
    // The clients behave like the load balancer in front of them (deploy/haproxy.cfg): once /readyz answered 503
    // they send this replica nothing new after a check interval (LB_LAG, well inside the drain delay).
    const LB_LAG = 300;
    let outOfRotationAt: number | undefined;
    const loop = async (kind: 'api' | 'ready') => {
      while (!stop) {
        if (kind === 'api' && outOfRotationAt !== undefined && Date.now() - t0 - outOfRotationAt > LB_LAG) break;
        const outcome = kind === 'api'
          ? await get(`${s.url}/v1/vacancies/search?q=${encodeURIComponent('销售')}&size=5`, { authorization: 'Bearer lc-public' })
          : await get(`${s.url}/readyz`);
        events.push({ at: Date.now() - t0, kind, outcome });
        if (kind === 'ready' && 'status' in outcome && outcome.status === 503 && outOfRotationAt === undefined) outOfRotationAt = Date.now() - t0;
        if ('error' in outcome && outcome.error === 'ECONNREFUSED') break;
        if (kind === 'ready') await new Promise((r) => setTimeout(r, 20));
      }
    };
    const loops = [...Array.from({ length: 6 }, () => loop('api')), loop('ready')];
    await new Promise((r) => setTimeout(r, 700));
    sigtermAt = Date.now() - t0;
    s.child.kill('SIGTERM');
    const exited = waitForExit(s.child);
    await exited;
    stop = true;
    await Promise.all(loops);
    expect(s.child.exitCode, s.output()).toBe(0);

    const after = events.filter((e) => e.at >= sigtermAt);
    const firstNotReady = after.find((e) => e.kind === 'ready' && 'status' in e.outcome && e.outcome.status === 503);
    const firstRefused = events.find((e) => 'error' in e.outcome);
    expect(firstNotReady, 'readyz turned 503').toBeDefined();
    expect((firstNotReady!.outcome as { detail: string }).detail).toMatch(/shutting down/);
    expect(firstRefused, 'the listener closed in the end').toBeDefined();
    expect(firstNotReady!.at).toBeLessThan(firstRefused!.at);
    // The drain delay: API requests were still answered 200 after readyz said 503.
    expect(after.some((e) => e.kind === 'api' && e.at > firstNotReady!.at && 'status' in e.outcome && e.outcome.status === 200)).toBe(true);
    expect(firstRefused!.at - sigtermAt).toBeGreaterThanOrEqual(drainMs - 100);
    // Every outcome is a success, a 503 with Retry-After, or a refused connection (retried elsewhere).
    const bad = events.filter(({ outcome: o }) => ('error' in o ? o.error !== 'ECONNREFUSED' : o.status !== 200 && !(o.status === 503 && o.retryAfter)));
    expect(bad.map((e) => ({ ...e, sinceSigterm: e.at - sigtermAt })), JSON.stringify(bad)).toEqual([]);
    expect(events.filter((e) => e.kind === 'api' && 'status' in e.outcome && e.outcome.status === 200).length).toBeGreaterThan(20);
  }, 180_000);

  it('the process server keeps the app\'s timeouts: a slow client is cut at REQUEST_TIMEOUT_MS, keep-alive outlasts a load balancer\'s idle time, no Host is a problem document', async () => {
    const s = await spawnServer({ SEED_DEMO: 'false', REQUEST_TIMEOUT_MS: '1500', SHUTDOWN_GRACE_MS: '6500' });
    try {
      await waitFor(async () => (await get(`${s.url}/readyz`) as { status?: number }).status === 200, 60_000, s.child, s.output);
      const port = Number(new URL(s.url).port);
      const raw = (write: (sock: Socket) => void) => new Promise<{ data: string; ms: number }>((resolve) => {
        const t0 = Date.now();
        let data = '';
        const sock = connect(port, '127.0.0.1', () => write(sock));
        sock.on('data', (d) => { data += d; });
        sock.on('error', () => {});
        sock.on('close', () => resolve({ data, ms: Date.now() - t0 }));
        setTimeout(() => sock.destroy(), 15_000);
      });
      // Headers that never end: the connection is closed after REQUEST_TIMEOUT_MS (Node's defaults would keep
      // it for 300 s), with a 408 or without an answer.
      const slow = await raw((sock) => sock.write('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: '));
      expect(slow.ms).toBeLessThan(10_000);
      expect(slow.data === '' || /^HTTP\/1\.1 408/.test(slow.data), slow.data).toBe(true);
      // A keep-alive answer promises the idle time Fastify would (72 s), not Node's 5 s.
      const ka = await raw((sock) => sock.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n', () => setTimeout(() => sock.end(), 300)));
      expect(ka.data).toMatch(/Keep-Alive: timeout=72/i);
      const noHost = await raw((sock) => sock.write('GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n'));
      expect(noHost.data).toMatch(/^HTTP\/1\.1 400/);
      expect(noHost.data).toMatch(/application\/problem\+json/);
      expect(noHost.data).toMatch(/"status":400/);
    } finally {
      s.child.kill('SIGKILL');
      await waitForExit(s.child);
    }
  }, 120_000);
});
