/**
 * Soak test: the real server (src/main.ts, embedded engine, demo data, a temporary DATA_DIR, rate limit off) in a
 * child process, driven by autocannon with the production mix for a long time:
 *   70% vacancy search (varied text, filters, geo, sorts, pages)
 *   10% recommendations (GET /v1/resumes/:id/matches and /v1/vacancies/:id/matches on demo ids, half each)
 *   10% compliance checks (POST /v1/compliance/check with the labelled real postings)
 *   10% writes (PUT /v1/vacancies/:id with new ids, demo-generated vacancies that pass the screen)
 * Reports total requests, non-2xx and errors (must be 0), p50/p90/p99/max per route measured per request in the
 * client, the server's own /metrics histograms per route as a check, and the server's resident memory sampled
 * every 5 s: growth from the end of the warm-up to the end of the run must stay under 10%.
 * Writes bench/soak.json and exits 1 when a condition fails.
 *
 *   npm run soak                               # 300 s, 8 connections
 *   npm run soak -- --duration 60 --connections 4 --warmup 20
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { generateVacancies } from '../src/demo/index.js';
import { SEARCH_MIX } from './bench/search-queries.js';
import { freePort } from '../test/support/server.js';
import { Rng } from '../src/demo/random.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '300' },
    connections: { type: 'string', default: '8' },
    warmup: { type: 'string' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: 'bench/soak.json' },
  },
});
const DURATION_S = Number(args.duration);
const CONNECTIONS = Number(args.connections);
/** Memory growth is measured from the end of the warm-up (60 s, or a third of a shorter run). */
const WARMUP_S = args.warmup !== undefined ? Number(args.warmup) : Math.min(60, Math.floor(DURATION_S / 3));
const SAMPLE_MS = 5000;
const MAX_GROWTH_PCT = 10;
if (!(DURATION_S > 0) || !(CONNECTIONS > 0) || !(WARMUP_S >= 0) || WARMUP_S >= DURATION_S) {
  console.error('usage: npm run soak -- [--duration 300] [--connections 8] [--warmup 60] (warm-up shorter than the duration)');
  process.exit(2);
}

const DEMO_KEYS = { public: 'demo-public', employer: 'demo-employer', recruiter: 'demo-recruiter', admin: 'demo-admin', seeker: 'demo-seeker' };
const API_KEYS = `${DEMO_KEYS.public}:public,${DEMO_KEYS.employer}:employer:e-0001,${DEMO_KEYS.recruiter}:recruiter,${DEMO_KEYS.admin}:admin,${DEMO_KEYS.seeker}:seeker:r-000001`;
const DEMO_DOCS = 3000;

// ---------------------------------------------------------------------------------------------- request mix

/** The demo generator's seeded source (mulberry32), so the same seed gives the same sequence. */
function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}
const random = rng(Number(args.seed));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const demoId = (prefix: 'v' | 'r') => `${prefix}-${String(1 + Math.floor(random() * DEMO_DOCS)).padStart(6, '0')}`;

const DISTRICTS = ['市南区', '市北区', '李沧区', '崂山区', '城阳区', '黄岛区', '西海岸新区', '即墨区', '胶州市', '平度市', '莱西市'];
const EXTRA_WORDS = ['工程师', '操作工', '会计', '客服', '司机', '护士', '教师', '焊工', '电工', '销售', '前端', '数控', '仓库', '物流', '设计'];

function searchPath(): string {
  const params = new URLSearchParams(pick(SEARCH_MIX));
  const r = random();
  if (r < 0.15) params.set('q', pick(EXTRA_WORDS));
  else if (r < 0.25) params.set('district', pick(DISTRICTS));
  if (random() < 0.2) params.set('page', String(1 + Math.floor(random() * 3)));
  if (random() < 0.3) params.set('facets', 'false');
  if (random() < 0.1) params.set('size', '50');
  return `/v1/vacancies/search?${params}`;
}

const postings = readFileSync(join(ROOT, 'test/compliance/labelled.jsonl'), 'utf8')
  .split('\n').filter((l) => l.trim()).map((l) => JSON.stringify((JSON.parse(l) as { fields: unknown }).fields));

/** Demo-generated vacancies from another seed (they pass the compliance screen, as the demo seed requires). */
const writeBodies = generateVacancies(500, { seed: 4242 }).map(({ id: _id, ...v }) => JSON.stringify(v));
const RUN = Date.now().toString(36);
let writeSeq = 0;

type RouteName = 'GET /v1/vacancies/search' | 'GET /v1/resumes/:id/matches' | 'GET /v1/vacancies/:id/matches' | 'POST /v1/compliance/check' | 'PUT /v1/vacancies/:id';
interface Req { route: RouteName; method: 'GET' | 'POST' | 'PUT'; path: string; key: string; body?: string }

function nextRequest(): Req {
  const r = random();
  if (r < 0.7) return { route: 'GET /v1/vacancies/search', method: 'GET', path: searchPath(), key: DEMO_KEYS.public };
  if (r < 0.75) return { route: 'GET /v1/resumes/:id/matches', method: 'GET', path: `/v1/resumes/${demoId('r')}/matches?size=${pick(['10', '20'])}`, key: DEMO_KEYS.recruiter };
  if (r < 0.8) return { route: 'GET /v1/vacancies/:id/matches', method: 'GET', path: `/v1/vacancies/${demoId('v')}/matches?size=${pick(['10', '20'])}`, key: DEMO_KEYS.recruiter };
  if (r < 0.9) return { route: 'POST /v1/compliance/check', method: 'POST', path: '/v1/compliance/check', key: DEMO_KEYS.public, body: pick(postings) };
  const n = writeSeq++;
  return { route: 'PUT /v1/vacancies/:id', method: 'PUT', path: `/v1/vacancies/v-soak-${RUN}-${n}`, key: DEMO_KEYS.admin, body: writeBodies[n % writeBodies.length]! };
}

// ---------------------------------------------------------------------------------------------- the server

interface Server { child: ChildProcess; url: string; dataDir: string; errorLogLines: () => number; output: () => string }

/** `node --import tsx src/main.ts` with the demo data in a fresh DATA_DIR, embedded engine, rate limit off. */
async function startServer(): Promise<Server> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'zzh-soak-'));
  let out = '';
  let errorLines = 0;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, ELASTICSEARCH_URL: '', SEED_DEMO: 'true',
      DEMO_VACANCIES: String(DEMO_DOCS), DEMO_RESUMES: String(DEMO_DOCS), RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', API_KEYS, CI: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (d: Buffer) => {
    const s = String(d);
    for (const line of s.split('\n')) if (/"level":(50|60)/.test(line)) errorLines++;
    out = (out + s).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new Error(`server did not become ready:\n${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, url, dataDir, errorLogLines: () => errorLines, output: () => out };
}

async function stopServer(s: Server): Promise<void> {
  if (s.child.exitCode === null && s.child.signalCode === null) {
    const exited = new Promise((r) => s.child.once('exit', r));
    s.child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  }
  rmSync(s.dataDir, { recursive: true, force: true });
}

/** Resident set size of a process in MiB (Linux /proc), or undefined elsewhere. */
function rssMb(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------- statistics

const round = (x: number, d = 1) => Number(x.toFixed(d));
function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN;
}
const median = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.5);

/** Per route (template) and method from the server's request histogram: count and the p50/p99 bucket bounds. */
function serverHistograms(metricsText: string): Record<string, { count: number; p50LeMs: number; p99LeMs: number }> {
  const buckets = new Map<string, Map<number, number>>();
  for (const line of metricsText.split('\n')) {
    const m = /^zzh_http_request_duration_seconds_bucket\{(.*)\} (\d+(?:\.\d+)?)$/.exec(line);
    if (!m) continue;
    const labels = Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    const key = `${labels.method} ${labels.route}`;
    const le = labels.le === '+Inf' ? Infinity : Number(labels.le);
    const b = buckets.get(key) ?? new Map<number, number>();
    b.set(le, (b.get(le) ?? 0) + Number(m[2])); // summed over statuses
    buckets.set(key, b);
  }
  const out: Record<string, { count: number; p50LeMs: number; p99LeMs: number }> = {};
  for (const [key, b] of buckets) {
    const sorted = [...b.entries()].sort((x, y) => x[0] - y[0]);
    const count = b.get(Infinity) ?? 0;
    const bound = (q: number) => (sorted.find(([, c]) => c >= q * count)?.[0] ?? Infinity) * 1000;
    out[key] = { count, p50LeMs: bound(0.5), p99LeMs: bound(0.99) };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------- the run

async function main(): Promise<void> {
  console.log(`soak: starting the server (embedded engine, ${DEMO_DOCS} demo vacancies and resumes) …`);
  const t0 = Date.now();
  const server = await startServer();
  const pid = server.child.pid!;
  console.log(`soak: server ready at ${server.url} (pid ${pid}) in ${Math.round((Date.now() - t0) / 1000)} s; ${DURATION_S} s of load on ${CONNECTIONS} connections, warm-up ${WARMUP_S} s`);

  const latencies = new Map<RouteName, number[]>();
  const statuses = new Map<RouteName, Map<number, number>>();
  const failures: Array<{ route: string; status: number; body: string }> = [];
  let answered: { route: RouteName; status: number } | undefined;
  const memory: Array<{ t: number; rssMb: number }> = [];
  const loadStart = Date.now();
  const sample = () => {
    const mb = rssMb(pid);
    if (mb !== undefined) memory.push({ t: round((Date.now() - loadStart) / 1000, 1), rssMb: round(mb, 1) });
  };
  sample();
  const sampler = setInterval(sample, SAMPLE_MS);
  let reqErrors = 0;

  const instance = autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    timeout: 30,
    requests: [{
      setupRequest: (_req: unknown, context: Record<string, unknown>) => {
        const r = nextRequest();
        context.route = r.route;
        const headers: Record<string, string> = { 'x-api-key': r.key };
        if (r.body !== undefined) headers['content-type'] = 'application/json';
        return { method: r.method, path: r.path, headers, ...(r.body !== undefined ? { body: r.body } : {}) };
      },
      // Called for each answer just before autocannon's `response` event of the same request (one at a time
      // per connection: no pipelining), which carries the latency.
      onResponse: (status: number, body: string, context: Record<string, unknown>) => {
        const route = context.route as RouteName;
        answered = { route, status };
        if ((status < 200 || status >= 300) && failures.length < 20) failures.push({ route, status, body: String(body).slice(0, 300) });
      },
    }],
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTimeMs: number) => {
    if (!answered) return;
    const { route, status } = answered;
    answered = undefined;
    let l = latencies.get(route);
    if (!l) latencies.set(route, (l = []));
    l.push(responseTimeMs);
    let s = statuses.get(route);
    if (!s) statuses.set(route, (s = new Map()));
    s.set(status, (s.get(status) ?? 0) + 1);
  });
  instance.on('reqError', () => { reqErrors++; });
  let lastTick = Date.now();
  instance.on('tick', () => {
    if (Date.now() - lastTick < 30_000) return;
    lastTick = Date.now();
    const n = [...latencies.values()].reduce((a, l) => a + l.length, 0);
    console.log(`soak: ${Math.round((Date.now() - loadStart) / 1000)} s, ${n} requests, RSS ${memory.at(-1)?.rssMb ?? '?'} MiB`);
  });
  const result = await instance;
  clearInterval(sampler);
  sample();

  const metricsText = await (await fetch(`${server.url}/metrics`)).text();
  const serverRoutes = serverHistograms(metricsText);
  const serverErrorLogLines = server.errorLogLines();
  await stopServer(server);

  // Per route, from the client's own measurements.
  const routes: Record<string, unknown> = {};
  let measured = 0;
  let non2xxMeasured = 0;
  for (const [route, l] of [...latencies.entries()].sort((a, b) => b[1].length - a[1].length)) {
    const sorted = [...l].sort((a, b) => a - b);
    const st = statuses.get(route)!;
    const non2xx = [...st.entries()].filter(([s]) => s < 200 || s >= 300).reduce((a, [, n]) => a + n, 0);
    measured += l.length;
    non2xxMeasured += non2xx;
    const srv = serverRoutes[route];
    routes[route] = {
      requests: l.length, share: 0, non2xx, statuses: Object.fromEntries(st),
      p50Ms: round(quantile(sorted, 0.5)), p90Ms: round(quantile(sorted, 0.9)), p99Ms: round(quantile(sorted, 0.99)), maxMs: round(sorted.at(-1)!),
      ...(srv ? { server: { requests: srv.count, p50AtMostMs: srv.p50LeMs, p99AtMostMs: srv.p99LeMs } } : {}),
    };
  }
  for (const r of Object.values(routes) as Array<{ requests: number; share: number }>) r.share = round((100 * r.requests) / Math.max(1, measured), 1);

  // Memory: median of the first three samples after the warm-up against the median of the last three.
  const after = memory.filter((m) => m.t >= WARMUP_S);
  const baseline = median(after.slice(0, 3).map((m) => m.rssMb));
  const end = median(after.slice(-3).map((m) => m.rssMb));
  const growthPct = after.length >= 2 ? round((100 * (end - baseline)) / baseline, 1) : NaN;

  const errors = result.errors + result.timeouts + reqErrors;
  const checks = {
    noErrors: errors === 0 && result.non2xx === 0 && non2xxMeasured === 0 && serverErrorLogLines === 0,
    memorySteady: Number.isFinite(growthPct) ? growthPct < MAX_GROWTH_PCT : null,
  };
  const report = {
    finishedAt: new Date().toISOString(),
    engine: 'embedded',
    demoDocs: { vacancies: DEMO_DOCS, resumes: DEMO_DOCS },
    durationS: DURATION_S, connections: CONNECTIONS, warmupS: WARMUP_S,
    mix: { search: 70, matches: 10, compliance: 10, writes: 10 },
    totals: {
      requests: result.requests.total, measured, requestsPerSec: round(result.requests.average, 1),
      non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, serverErrorLogLines,
      p50Ms: result.latency.p50, p99Ms: result.latency.p99,
    },
    routes,
    memory: { baselineMb: baseline, endMb: end, maxMb: Math.max(...memory.map((m) => m.rssMb)), growthPct, limitPct: MAX_GROWTH_PCT, sampleEveryS: SAMPLE_MS / 1000, samples: memory },
    failures,
    checks,
    pass: checks.noErrors && checks.memorySteady !== false,
  };
  mkdirSync(join(ROOT, 'bench'), { recursive: true });
  writeFileSync(resolve(ROOT, args.out), `${JSON.stringify(report, null, 2)}\n`);

  console.log(`\nsoak: ${report.totals.requests} requests in ${DURATION_S} s (${report.totals.requestsPerSec}/s) on ${CONNECTIONS} connections; non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}, server error log lines ${serverErrorLogLines}`);
  const rows = Object.entries(routes as Record<string, { requests: number; share: number; non2xx: number; p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number; server?: { p99AtMostMs: number } }>);
  const table = [['route', 'requests', 'share %', 'non-2xx', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'server p99 ≤ ms'],
    ...rows.map(([route, r]) => [route, r.requests, r.share, r.non2xx, r.p50Ms, r.p90Ms, r.p99Ms, r.maxMs, r.server?.p99AtMostMs ?? '—'].map(String))];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
  for (const row of table) console.log(row.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!))).join('  '));
  console.log(`memory (server RSS): ${baseline} MiB after the ${WARMUP_S} s warm-up → ${end} MiB at the end (${growthPct}%, limit ${MAX_GROWTH_PCT}%), max ${report.memory.maxMb} MiB`);
  for (const f of failures.slice(0, 5)) console.log(`  failed: ${f.route} ${f.status} ${f.body}`);
  console.log(`${report.pass ? 'PASS' : 'FAIL'} → ${args.out}`);
  if (!report.pass) {
    if (serverErrorLogLines) console.log(server.output().slice(-3000));
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
