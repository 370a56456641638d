import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/http/auth.js';
import { API_KEYS, useEmbeddedApp } from '../support/app.js';

/** One key per role, taken from the test API_KEYS (the first key of each role). */
const KEY_OF = Object.fromEntries(
  API_KEYS.split(',').map((e) => e.split(':')).reverse().map(([key, role]) => [role, key]),
) as Record<Role, string>;

const getApp = useEmbeddedApp();
let app: FastifyInstance;
let routes: Array<{ method: string; url: string; roles?: readonly Role[] }>;

beforeAll(() => {
  app = getApp();
  const seen = new Set<string>();
  routes = app.routeTable.filter((r) => !seen.has(`${r.method} ${r.url}`) && seen.add(`${r.method} ${r.url}`));
});

describe('every role on every route', () => {
  it('has a role requirement declared on every /v1 route', () => {
    const v1 = routes.filter((r) => r.url.startsWith('/v1/'));
    expect(v1.length).toBeGreaterThan(20);
    expect(Object.keys(KEY_OF).sort()).toEqual([...ROLES].sort());
    for (const r of v1) expect(r.roles, `${r.method} ${r.url}`).toBeDefined();
  });

  it('keeps key administration to admins', () => {
    const keyRoutes = routes.filter((r) => r.url.startsWith('/v1/keys')).map((r) => [r.method, r.url, r.roles]);
    expect(keyRoutes).toEqual([['POST', '/v1/keys', ['admin']], ['GET', '/v1/keys', ['admin']], ['DELETE', '/v1/keys/:id', ['admin']]]);
  });

  it('answers 401 without a key and 403 for each role the route does not allow', async () => {
    const failures: string[] = [];
    for (const r of routes.filter((x) => x.roles)) {
      const url = r.url.replace(':id', 'x-1');
      const method = r.method as 'GET';
      const anonymous = await app.inject({ method, url });
      if (anonymous.statusCode !== 401) failures.push(`${r.method} ${r.url} without key: ${anonymous.statusCode}`);
      for (const role of ROLES) {
        const key = KEY_OF[role];
        if (!key) continue;
        const res = await app.inject({ method, url, headers: { authorization: `Bearer ${key}` } });
        const roleRefused = res.statusCode === 403 && /needs one of the roles/.test(res.body);
        if (r.roles!.includes(role) === roleRefused || res.statusCode === 401) failures.push(`${r.method} ${r.url} as ${role}: ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
