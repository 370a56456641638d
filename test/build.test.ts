/**
 * The compiled build: `npm run build` (tsc → dist/) and `node dist/main.js` serve, finding seed/ and mappings/
 * from dist/; a production start without keys refuses with a clear message; `--demo` brings the demo keys.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, waitForExit } from './support/server.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'zzh-build-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string>) {
  let out = '';
  const child = spawn(process.execPath, ['dist/main.js', ...args], {
    cwd: ROOT, env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ELASTICSEARCH_URL: '', DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '0', CI: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { out += d; });
  return { child, output: () => out };
}

describe('compiled build (dist/)', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
  }, 240_000);

  it('emits dist/main.js without tsx', () => {
    expect(existsSync(join(ROOT, 'dist/main.js'))).toBe(true);
    expect(existsSync(join(ROOT, 'dist/paths.js'))).toBe(true);
  });

  it('refuses a production start without API_KEYS, and says why', async () => {
    const { child, output } = run([], { NODE_ENV: 'production', API_KEYS: '', PORT: String(await freePort()) });
    await waitForExit(child);
    expect(child.exitCode).toBe(1);
    expect(output()).toMatch(/NODE_ENV=production needs API_KEYS/);
  }, 60_000);

  it('serves: node dist/main.js --demo answers /healthz, /readyz and the demo keys', async () => {
    const port = await freePort();
    const { child, output } = run(['--demo'], { PORT: String(port), NODE_ENV: 'development', SHUTDOWN_DRAIN_DELAY_MS: '0', DEMO_VACANCIES: '50', DEMO_RESUMES: '50' });
    const url = `http://127.0.0.1:${port}`;
    try {
      const deadline = Date.now() + 90_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(output());
        const ok = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
        if (ok) break;
        if (Date.now() > deadline) throw new Error(`not ready: ${output()}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const res = await fetch(`${url}/v1/vacancies/search?q=司机`, { headers: { authorization: 'Bearer demo-public' } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { total: number }).total).toBeGreaterThanOrEqual(0);
    } finally {
      child.kill('SIGTERM');
      await waitForExit(child);
    }
  }, 120_000);
});
