import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { loggerOptions } from '../../src/http/logging.js';
import { hashKey } from '../../src/keys/hash.js';
import { KEYS_FILE } from '../../src/keys/store.js';
import { API_KEYS, auth, KEYS, sharedClassifier, sharedScreener } from '../support/app.js';
import { makeEmbedded } from '../support/engines.js';
import { VACANCIES } from '../support/fixtures.js';

/** The app as main.ts builds it, its log lines (info level, production redaction) kept in `logs`. */
let logs = '';
const sink = new Writable({ write(chunk, _enc, done) { logs += String(chunk); done(); } });
const logger = Fastify({ logger: { ...(loggerOptions('info') as object), stream: sink } }).log;

let dataDir: string;
let e: Awaited<ReturnType<typeof makeEmbedded>>;
async function start(): Promise<FastifyInstance> {
  const config = loadConfig({ API_KEYS, SEED_DEMO: 'false', DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '0' });
  const app = await buildApp({ config, engine: e.engine, screener: sharedScreener(), classifier: sharedClassifier(), logger });
  await app.ready();
  return app;
}

let app: FastifyInstance;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'zzh-keys-api-'));
  e = await makeEmbedded();
  app = await start();
});
afterAll(async () => {
  await app?.close();
  await e?.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

const admin = auth(KEYS.admin);
const created: Record<string, { id: string; key: string }> = {};

describe('API keys over HTTP', () => {
  it('creates a key (admin), shown once with its id, which then works with its role and owner', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/keys', headers: admin, payload: { role: 'employer', employerId: 'e-0002', label: 'HR system' } });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body).toMatchObject({ id: expect.stringMatching(/^key-/), key: expect.stringMatching(/^zzh_/), role: 'employer', employerId: 'e-0002', label: 'HR system', source: 'api', createdAt: expect.any(String) });
    created.employer = body;

    const own = { ...VACANCIES[0]!, id: 'v-key-1', employer: { id: 'e-0002', name: '青岛测试有限公司' } };
    const put = await app.inject({ method: 'PUT', url: '/v1/vacancies/v-key-1', headers: auth(body.key), payload: own });
    expect(put.statusCode).toBe(201);
    const other = await app.inject({ method: 'PUT', url: '/v1/vacancies/v-key-2', headers: { 'x-api-key': body.key }, payload: { ...own, id: 'v-key-2', employer: { id: 'e-0001', name: 'x' } } });
    expect(other.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/v1/keys', headers: auth(body.key) })).statusCode).toBe(403);

    const pub = await app.inject({ method: 'POST', url: '/v1/keys', headers: admin, payload: { role: 'public' } });
    expect(pub.statusCode).toBe(201);
    created.public = pub.json();
    expect((await app.inject({ method: 'GET', url: '/v1/vacancies/search?q=java', headers: auth(created.public.key) })).statusCode).toBe(200);
  });

  it('refuses keys whose owner does not fit the role, naming the field, and non-admin callers', async () => {
    const cases = [
      [{ role: 'employer' }, 'employerId'],
      [{ role: 'seeker', employerId: 'e-1' }, 'resumeId'],
      [{ role: 'public', resumeId: 'r-1' }, 'resumeId'],
      [{ role: 'owner' }, 'role'],
      [{ role: 'public', label: 'x'.repeat(101) }, 'label'],
      [{ role: 'public', key: 'my-own-key' }, 'key'],
    ] as const;
    for (const [payload, field] of cases) {
      const res = await app.inject({ method: 'POST', url: '/v1/keys', headers: admin, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json().errors.map((x: { field: string }) => x.field)).toContain(field);
    }
    expect((await app.inject({ method: 'POST', url: '/v1/keys', headers: auth(KEYS.recruiter), payload: { role: 'admin' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/v1/keys', payload: { role: 'admin' } })).statusCode).toBe(401);
  });

  it('lists keys with ids, roles, owners, labels and dates, never a key or a hash', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/keys', headers: admin });
    expect(res.statusCode).toBe(200);
    const { keys } = res.json() as { keys: Array<Record<string, unknown>> };
    const env = keys.filter((k) => k.source === 'environment');
    expect(env).toHaveLength(API_KEYS.split(',').length);
    expect(env.find((k) => k.id === `env-${hashKey(KEYS.seeker).slice(0, 12)}`)).toEqual({ id: `env-${hashKey(KEYS.seeker).slice(0, 12)}`, role: 'seeker', resumeId: 'r-000001', source: 'environment' });
    expect(keys.find((k) => k.id === created.employer!.id)).toEqual({ id: created.employer!.id, role: 'employer', employerId: 'e-0002', label: 'HR system', source: 'api', createdAt: expect.any(String) });
    for (const k of keys) expect(Object.keys(k).sort()).not.toContain('hash');
    for (const secret of [created.employer!.key, hashKey(created.employer!.key), KEYS.admin, hashKey(KEYS.admin)]) expect(res.body).not.toContain(secret);
  });

  it('revokes a key at once (401 from the next request), answers it again when repeated, refuses environment keys with 409', async () => {
    const res = await app.inject({ method: 'DELETE', url: `/v1/keys/${created.public!.id}`, headers: admin });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: created.public!.id, revokedAt: expect.any(String) });
    const refused = await app.inject({ method: 'GET', url: '/v1/vacancies/search?q=java', headers: auth(created.public!.key) });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ status: 401, errors: [{ field: 'authorization' }] });
    expect((await app.inject({ method: 'DELETE', url: `/v1/keys/${created.public!.id}`, headers: admin })).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: '/v1/keys/key-0000000000000000', headers: admin })).statusCode).toBe(404);

    const envId = `env-${hashKey(KEYS.public).slice(0, 12)}`;
    const env = await app.inject({ method: 'DELETE', url: `/v1/keys/${envId}`, headers: admin });
    expect(env.statusCode).toBe(409);
    expect(env.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(env.json()).toMatchObject({ status: 409, detail: expect.stringContaining('API_KEYS'), errors: [{ field: 'id' }] });
    expect((await app.inject({ method: 'GET', url: '/v1/vacancies/search?q=java', headers: auth(KEYS.public) })).statusCode).toBe(200);
  });

  it('keeps keys and revocations across a restart', async () => {
    await app.close();
    app = await start();
    expect((await app.inject({ method: 'GET', url: '/v1/vacancies/v-key-1', headers: auth(created.employer!.key) })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/v1/vacancies/search?q=java', headers: auth(created.public!.key) })).statusCode).toBe(401);
  });

  it('never writes a plain key to the key file or the logs', async () => {
    const file = readFileSync(join(dataDir, KEYS_FILE), 'utf8');
    expect(logs).toMatch(/API key created/);
    expect(logs).toMatch(/API key revoked/);
    for (const k of [created.employer!.key, created.public!.key]) {
      expect(file).not.toContain(k);
      expect(file).toContain(hashKey(k));
      expect(logs).not.toContain(k);
    }
    for (const k of Object.values(KEYS)) {
      expect(file).not.toContain(k);
      expect(logs).not.toContain(k);
    }
    expect(JSON.stringify(app.deps.config)).not.toContain(KEYS.admin);
  });
});
