import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScreenerHolder } from '../../src/compliance/index.js';
import { makeAuthHook, parseApiKeys } from '../../src/http/auth.js';
import { installProblemHandlers } from '../../src/http/problem.js';
import complianceRoutes from '../../src/routes/compliance.js';

let app: FastifyInstance;
const pub = { authorization: 'Bearer pub-key' };
const admin = { authorization: 'Bearer admin-key' };

beforeAll(async () => {
  app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandlers(app);
  app.addHook('preHandler', makeAuthHook(parseApiKeys('pub-key:public,admin-key:admin')));
  await app.register(complianceRoutes, { holder: new ScreenerHolder() });
  await app.ready();
});
afterAll(() => app.close());

describe('compliance routes', () => {
  it('checks one posting with exact spans', async () => {
    const description = '任职要求：限男性，35岁以下，统招本科';
    const r = await app.inject({ method: 'POST', url: '/v1/compliance/check', headers: pub, payload: { description } });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.verdict).toBe('reject');
    for (const f of body.findings) expect(description.slice(f.start, f.end)).toBe(f.text);
    expect(body.findings[0].text).toBe('限男性');
    expect(typeof body.rewrite.description).toBe('string');
  });

  it('checks a batch of up to 100 postings and refuses more', async () => {
    const ok = await app.inject({ method: 'POST', url: '/v1/compliance/check/_batch', headers: pub, payload: { postings: [{ description: '男女不限' }, { description: '宝妈勿扰' }] } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().results.map((x: { verdict: string }) => x.verdict)).toEqual(['pass', 'reject']);
    const tooMany = await app.inject({ method: 'POST', url: '/v1/compliance/check/_batch', headers: pub, payload: { postings: Array.from({ length: 101 }, () => ({ description: 'x' })) } });
    expect(tooMany.statusCode).toBe(400);
  });

  it('validates the body and requires a key', async () => {
    expect((await app.inject({ method: 'POST', url: '/v1/compliance/check', headers: pub, payload: { title: 'x' } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/v1/compliance/check', payload: { description: 'x' } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/v1/compliance/check', headers: pub, payload: { description: 'x'.repeat(20_001) } })).statusCode).toBe(400);
  });

  it('lists the rules and reloads only for admin', async () => {
    const rules = await app.inject({ method: 'GET', url: '/v1/compliance/rules', headers: pub });
    expect(rules.statusCode).toBe(200);
    expect(rules.json().rules.every((r: { legalBasis: unknown[] }) => r.legalBasis.length > 0)).toBe(true);
    expect((await app.inject({ method: 'POST', url: '/v1/compliance/rules/_reload', headers: pub })).statusCode).toBe(403);
    const reload = await app.inject({ method: 'POST', url: '/v1/compliance/rules/_reload', headers: admin });
    expect(reload.statusCode).toBe(200);
    expect(reload.json().version).toBe(rules.json().version);
  });
});
