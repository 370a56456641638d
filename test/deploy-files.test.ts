/**
 * The production image and the compose file, checked by parsing them (no Docker engine runs in CI here):
 * multi-stage build, production dependencies only, non-root user, an init process, exec-form CMD on node,
 * health checks, an API scaled behind a load balancer with no fixed host port.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configSchema, loadConfig } from '../src/config.js';

const read = (f: string) => readFileSync(new URL(`../${f}`, import.meta.url), 'utf8');

interface Instruction { op: string; args: string; line: number }
/** Dockerfile instructions (continuations joined, comments dropped), grouped by stage. */
function dockerfile(text: string): Array<{ from: string; name?: string; steps: Instruction[] }> {
  const joined = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  const stages: Array<{ from: string; name?: string; steps: Instruction[] }> = [];
  joined.forEach((raw, line) => {
    const l = raw.trim();
    if (!l || l.startsWith('#')) return;
    const m = /^([A-Za-z]+)\s+(.*)$/.exec(l);
    if (!m) return;
    const op = m[1]!.toUpperCase();
    const args = m[2]!.trim();
    if (op === 'FROM') {
      const f = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(args)!;
      stages.push({ from: f[1]!, ...(f[2] ? { name: f[2] } : {}), steps: [] });
    } else if (stages.length) stages[stages.length - 1]!.steps.push({ op, args, line });
  });
  return stages;
}
const execForm = (args: string): string[] | undefined => {
  try {
    const v = JSON.parse(args) as unknown;
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
  } catch {
    return undefined;
  }
};

describe('Dockerfile', () => {
  const stages = dockerfile(read('Dockerfile'));
  const runtime = stages[stages.length - 1]!;
  const last = (op: string) => runtime.steps.filter((s) => s.op === op).at(-1);

  it('is multi-stage: a build stage compiles, the runtime stage copies the output and production dependencies only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const build = stages[0]!;
    const buildRuns = build.steps.filter((s) => s.op === 'RUN').map((s) => s.args).join('\n');
    expect(buildRuns).toMatch(/npm ci/);
    expect(buildRuns).toMatch(/npm run build/);
    expect(buildRuns).toMatch(/npm prune --omit=dev|npm ci --omit=dev/);
    const copies = runtime.steps.filter((s) => s.op === 'COPY').map((s) => s.args);
    expect(copies.some((c) => c.includes(`--from=${build.name}`) && c.includes('dist'))).toBe(true);
    expect(copies.some((c) => c.includes(`--from=${build.name}`) && c.includes('node_modules'))).toBe(true);
    // Nothing in the runtime stage installs dev tooling or compiles.
    expect(runtime.steps.filter((s) => s.op === 'RUN').map((s) => s.args).join('\n')).not.toMatch(/npm (ci|install)(?!.*--omit=dev)|tsc|tsx/);
    expect(runtime.from).toMatch(/slim|alpine|distroless/);
  });

  it('ships the built console: its sources reach the build stage (npm run build bundles them into dist/, which the runtime copies)', () => {
    const build = stages[0]!;
    const copies = build.steps.filter((s) => s.op === 'COPY').map((s) => s.args);
    expect(copies.some((c) => /^console\s/.test(c))).toBe(true);
    expect(read('.dockerignore').split('\n').map((l) => l.trim())).not.toContain('console');
  });

  it('runs as a non-root user', () => {
    const user = last('USER');
    expect(user, 'USER in the runtime stage').toBeDefined();
    expect(user!.args.split(':')[0]).not.toMatch(/^(root|0)$/);
    // USER comes after the last RUN/COPY that needs root, and before CMD.
    const cmdLine = last('CMD')!.line;
    expect(user!.line).toBeLessThan(cmdLine);
  });

  it('has an init process as entrypoint and an exec-form CMD on node (signals reach Node)', () => {
    const entry = execForm(last('ENTRYPOINT')!.args);
    expect(entry, 'ENTRYPOINT in exec form').toBeDefined();
    expect(entry![0]).toMatch(/tini|dumb-init/);
    const cmd = execForm(last('CMD')!.args);
    expect(cmd, 'CMD in exec form (no shell in between)').toBeDefined();
    expect(cmd![0]).toBe('node');
    expect(cmd![1]).toBe('dist/main.js');
    expect(cmd).not.toContain('--demo');
  });

  it('has a health check on /healthz, and production settings without demo keys', () => {
    const hc = last('HEALTHCHECK');
    expect(hc).toBeDefined();
    expect(hc!.args).toMatch(/CMD/);
    expect(hc!.args).toContain('/healthz');
    const env = runtime.steps.filter((s) => s.op === 'ENV').map((s) => s.args).join(' ');
    expect(env).toMatch(/NODE_ENV=production/);
    expect(read('Dockerfile')).not.toMatch(/demo-admin|API_KEYS=/);
  });

  it('.dockerignore keeps node_modules, dist, data and git out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim());
    for (const p of ['node_modules', 'dist', 'data', '.git', '.env']) expect(ignored).toContain(p);
    // …but not what the build needs.
    for (const p of ['src', 'seed', 'mappings', 'package.json', 'package-lock.json']) expect(ignored).not.toContain(p);
  });
});

type Service = {
  image?: string; build?: unknown; ports?: string[]; expose?: string[]; environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }> | string[]; healthcheck?: { test: string[] | string };
  deploy?: { replicas?: number }; volumes?: string[]; stop_grace_period?: string;
};

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml')) as { services: Record<string, Service> };
  const { api, elasticsearch, redis, lb } = compose.services;

  it('runs Elasticsearch 9, Redis, a load balancer and the API built from the Dockerfile', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'elasticsearch', 'lb', 'redis']);
    expect(elasticsearch!.image).toMatch(/^docker\.elastic\.co\/elasticsearch\/elasticsearch:9\.\d+\.\d+$/);
    expect(elasticsearch!.environment).toMatchObject({ 'discovery.type': 'single-node', 'xpack.security.enabled': 'false' });
    expect(redis!.image).toMatch(/^redis:/);
    expect(api!.build).toBe('.');
    expect(api!.depends_on).toMatchObject({ elasticsearch: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
  });

  it('scales the API: several replicas, no fixed host port (docker compose up --scale api=3 works)', () => {
    expect(api!.ports, 'a host port on the API collides as soon as there are two replicas').toBeUndefined();
    expect(api!.expose).toContain('3000');
    expect(api!.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(lb!.ports).toContain('3000:3000');
  });

  it('gives every service a health check, and the API one on /healthz', () => {
    for (const [name, s] of Object.entries(compose.services)) expect(s.healthcheck, name).toBeDefined();
    expect(JSON.stringify(api!.healthcheck!.test)).toContain('/healthz');
  });

  it('balances round-robin over the replicas that pass /readyz, found through Docker DNS', () => {
    const mount = lb!.volumes!.find((v) => v.includes('haproxy.cfg'))!;
    const file = mount.split(':')[0]!.replace(/^\.\//, '');
    expect(existsSync(new URL(`../${file}`, import.meta.url))).toBe(true);
    const cfg = read(file);
    expect(cfg).toMatch(/balance\s+roundrobin/);
    expect(cfg).toMatch(/option\s+httpchk\s+GET\s+\/readyz/);
    expect(cfg).toMatch(/server-template\s+\S+\s+\d+\s+api:3000/);
    expect(cfg).toMatch(/resolvers\s+docker/);
  });

  it('configures the API only with variables the service knows, in production mode, keys required', () => {
    const env = api!.environment!;
    expect(env.ELASTICSEARCH_URL).toBe('http://elasticsearch:9200');
    expect(env.NODE_ENV).toBe('production');
    // REDIS_URL is read by the shared rate-limit store (issue 13 item 7).
    const known = [...Object.keys(configSchema.shape), 'REDIS_URL'];
    for (const k of Object.keys(env)) expect(known, k).toContain(k);
    expect(env.API_KEYS).toMatch(/^\$\{API_KEYS:\?/);
    expect(JSON.stringify(env)).not.toContain('demo-');
    const resolved = { ...env, API_KEYS: 'k-admin:admin', SEED_DEMO: 'false' };
    const config = loadConfig(resolved);
    expect(config.ELASTICSEARCH_SHARDS).toBe(Number(env.ELASTICSEARCH_SHARDS));
    // Docker's SIGKILL comes after stop_grace_period: longer than drain + grace.
    const stop = Number(/^(\d+)s$/.exec(api!.stop_grace_period ?? '10s')![1]) * 1000;
    expect(stop).toBeGreaterThan(config.SHUTDOWN_DRAIN_DELAY_MS + config.SHUTDOWN_GRACE_MS);
  });
});
