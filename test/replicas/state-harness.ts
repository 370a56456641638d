import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Several API processes as production runs them (`node --import tsx src/main.ts`, each with its own empty
 * DATA_DIR and its own copy of the rulebook), on one Elasticsearch prefix, behind a tiny round-robin proxy.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SEED_RULEBOOK = join(ROOT, 'seed/rulebook');

export const KEYS = { admin: 'st-admin', recruiter: 'st-recruiter', public: 'st-public' } as const;
export const API_KEYS = `${KEYS.admin}:admin,${KEYS.recruiter}:recruiter,${KEYS.public}:public`;

export interface Replica {
  url: string;
  dataDir: string;
  rulebookDir: string;
  proc: ChildProcess;
  output: () => string;
}

export interface Cluster {
  replicas: Replica[];
  /** The round-robin proxy in front of them. */
  url: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts one API process and waits until /readyz answers 200. */
export async function startReplica(env: Record<string, string>, bootTimeoutMs = 240_000): Promise<Replica> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'zzh-replica-'));
  const rulebookDir = join(dataDir, '..', `${dataDir.split('/').pop()}-rulebook`);
  cpSync(SEED_RULEBOOK, rulebookDir, { recursive: true });
  let out = '';
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir,
      RULEBOOK_DIR: rulebookDir, API_KEYS, SEED_DEMO: 'false', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', CI: 'true', ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d) => { out += String(d); });
  proc.stderr!.on('data', (d) => { out += String(d); });
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`replica exited with ${proc.exitCode}:\n${out.slice(-3000)}`);
    try {
      const r = await fetch(`${url}/readyz`);
      if (r.status === 200) break;
    } catch { /* not listening yet */ }
    if (Date.now() - t0 > bootTimeoutMs) {
      proc.kill('SIGKILL');
      throw new Error(`replica not ready after ${bootTimeoutMs} ms:\n${out.slice(-3000)}`);
    }
    await sleep(250);
  }
  return { url, dataDir, rulebookDir, proc, output: () => out };
}

export async function stopReplica(r: Replica): Promise<void> {
  if (r.proc.exitCode === null && r.proc.signalCode === null) {
    const exited = new Promise((resolve) => r.proc.once('exit', resolve));
    r.proc.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
    if (r.proc.exitCode === null && r.proc.signalCode === null) r.proc.kill('SIGKILL');
  }
  rmSync(r.dataDir, { recursive: true, force: true });
  rmSync(r.rulebookDir, { recursive: true, force: true });
}

/** A round-robin HTTP proxy: request n goes to replica n mod N. */
export async function roundRobin(targets: string[]): Promise<{ url: string; server: Server }> {
  let next = 0;
  const server = createHttpServer((req, res) => {
    const target = new URL(targets[next++ % targets.length]!);
    const up = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', (err) => { res.writeHead(502, { 'content-type': 'text/plain' }); res.end(err.message); });
    req.pipe(up);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, server };
}

/** N replicas on one prefix (started together, as a deployment does), behind a round-robin proxy. */
export async function startCluster(n: number, env: Record<string, string>): Promise<Cluster> {
  const started = await Promise.allSettled(Array.from({ length: n }, () => startReplica(env)));
  const replicas = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected') as PromiseRejectedResult | undefined;
  if (failed) {
    await Promise.all(replicas.map(stopReplica));
    throw failed.reason;
  }
  const proxy = await roundRobin(replicas.map((r) => r.url));
  return {
    replicas,
    url: proxy.url,
    stop: async () => {
      await new Promise((resolve) => proxy.server.close(resolve));
      proxy.server.closeAllConnections();
      await Promise.all(replicas.map(stopReplica));
    },
  };
}

/** Deletes every index and the audit template of a prefix. */
export async function dropPrefix(esUrl: string, prefix: string): Promise<void> {
  await fetch(`${esUrl}/${prefix}-*?expand_wildcards=all`, { method: 'DELETE' }).catch(() => undefined);
  await fetch(`${esUrl}/_index_template/${prefix}-audit`, { method: 'DELETE' }).catch(() => undefined);
}

export interface Answer { status: number; body: any } // eslint-disable-line @typescript-eslint/no-explicit-any

export async function call(base: string, method: string, path: string, key?: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, body: parsed };
}

/** Polls `check` until it is true; answers the milliseconds it took, or throws after `timeoutMs`. */
export async function within(timeoutMs: number, check: () => Promise<boolean>, what: string): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    if (await check()) return Date.now() - t0;
    if (Date.now() - t0 > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** Every page of GET /v1/audit (size per page), newest first. */
export async function allAudit(base: string, size = 7): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  let cursor: string | undefined;
  for (;;) {
    const r = await call(base, 'GET', `/v1/audit?size=${size}${cursor ? `&cursor=${cursor}` : ''}`, KEYS.admin);
    if (r.status !== 200) throw new Error(`GET /v1/audit: ${r.status} ${JSON.stringify(r.body)}`);
    out.push(...r.body.records);
    if (!r.body.nextCursor) return out;
    cursor = r.body.nextCursor;
  }
}

export const resumeDoc = (i: number) => ({
  name: `副本${i}`, phone: `1380000${String(i).padStart(4, '0')}`, contactConsent: false,
  summary: `船舶焊接经验${i}年`, desiredTitles: ['电焊工'], skills: ['电焊'],
  experience: [{ title: '电焊工', years: i }], location: { district: '黄岛区', lat: 35.9, lon: 120.1 },
});

/**
 * The scripted workload run against one process and against several replicas: keys created and some revoked,
 * resumes written and viewed, the rulebook reloaded with an edit. Answers a summary of the state it left,
 * without ids or instants (those differ between runs), to compare.
 */
export async function workload(base: string, replicas: Array<Pick<Replica, 'url' | 'rulebookDir'>>, tag: string): Promise<unknown> {
  const created: Array<{ id: string; key: string; label: string }> = [];
  await Promise.all(Array.from({ length: 6 }, async (_, i) => {
    const r = await call(base, 'POST', '/v1/keys', KEYS.admin, { role: 'recruiter', label: `${tag}-${i}` });
    if (r.status !== 201) throw new Error(`create key: ${r.status} ${JSON.stringify(r.body)}`);
    created.push({ id: r.body.id, key: r.body.key, label: `${tag}-${i}` });
  }));
  created.sort((a, b) => a.label.localeCompare(b.label));
  for (const k of created.slice(4)) {
    const r = await call(base, 'DELETE', `/v1/keys/${k.id}`, KEYS.admin);
    if (r.status !== 200) throw new Error(`revoke: ${r.status}`);
  }
  for (let i = 1; i <= 3; i++) {
    const r = await call(base, 'PUT', `/v1/resumes/r-${tag}-${i}`, KEYS.recruiter, resumeDoc(i));
    if (r.status !== 201 && r.status !== 200) throw new Error(`put resume: ${r.status} ${JSON.stringify(r.body)}`);
  }
  // Views by the live keys (a new key may need a poll to reach the replica that gets the request).
  for (const k of created.slice(0, 4)) {
    for (let i = 1; i <= 3; i++) {
      await within(2000, async () => (await call(base, 'GET', `/v1/resumes/r-${tag}-${i}`, k.key)).status === 200, `view by ${k.label}`);
    }
  }
  // The revoked keys see nothing.
  for (const k of created.slice(4)) {
    const r = await call(base, 'GET', `/v1/resumes/r-${tag}-1`, k.key);
    if (r.status !== 401) throw new Error(`revoked key answered ${r.status}`);
  }
  // A rulebook edit on the first replica (its own files), reloaded through it.
  editRulebook(replicas[0]!.rulebookDir, 'workload-rulebook');
  const reload = await call(replicas[0]!.url, 'POST', '/v1/compliance/rules/_reload', KEYS.admin);
  if (reload.status !== 200) throw new Error(`reload: ${reload.status} ${JSON.stringify(reload.body)}`);
  for (const r of replicas) {
    await within(2000, async () => (await call(r.url, 'GET', '/v1/compliance/rules', KEYS.admin)).body.version === 'workload-rulebook', `rulebook on ${r.url}`);
  }

  // Summarised without the run's tag, ids or instants.
  const labels = new Map(created.map((k) => [k.id, k.label.slice(tag.length + 1)]));
  const keys = (await call(base, 'GET', '/v1/keys', KEYS.admin)).body.keys as Array<Record<string, unknown>>;
  const audit = await allAudit(base, 5);
  return {
    keys: keys.filter((k) => labels.has(k.id as string)).map((k) => ({ label: labels.get(k.id as string), role: k.role, revoked: Boolean(k.revokedAt) })).sort((a, b) => String(a.label).localeCompare(String(b.label))),
    audit: audit.filter((a) => labels.has(a.keyId as string)).map((a) => `${labels.get(a.keyId as string)} ${String(a.resumeId).replace(`r-${tag}-`, 'r-')} ${a.reason}`).sort(),
    rulebook: (await call(base, 'GET', '/v1/compliance/rules', KEYS.admin)).body.version,
    marital: (await call(base, 'POST', '/v1/compliance/check', KEYS.public, { description: '招聘文员，已婚已育优先' })).body.verdict,
  };
}

/** Edits a rulebook copy: a new version label and the marital-status rules dropped (observable in a check). */
export function editRulebook(dir: string, version: string): void {
  const file = join(dir, 'rulebook.yaml');
  const text = readFileSync(file, 'utf8').replace(/^version: .*$/m, `version: '${version}'`).replace(/^ {2}- rules\/marital\.yaml\n/m, '');
  writeFileSync(file, text);
}
