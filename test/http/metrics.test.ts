import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { auth, KEYS, useEmbeddedApp } from '../support/app.js';
import { VACANCIES } from '../support/fixtures.js';

const getApp = useEmbeddedApp();
let app: FastifyInstance;
beforeAll(() => { app = getApp(); });

describe('GET /metrics', () => {
  it('counts compliance verdicts by category and source, and times requests by route template', async () => {
    await app.inject({ method: 'POST', url: '/v1/compliance/check', headers: auth(KEYS.public), payload: { description: '限男性，35岁以下' } });
    await app.inject({ method: 'PUT', url: '/v1/vacancies/v-m-1', headers: auth(KEYS.admin), payload: { ...VACANCIES[1], id: 'v-m-1', description: '只招女生' } });
    await app.inject({ method: 'GET', url: '/v1/resumes/r-secret-123', headers: auth(KEYS.admin) });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.body;
    expect(text).toMatch(/zzh_compliance_checks_total\{verdict="reject",source="check"\} 1/);
    expect(text).toMatch(/zzh_compliance_checks_total\{verdict="reject",source="publish"\} 1/);
    expect(text).toMatch(/zzh_compliance_findings_total\{category="gender",severity="block"\} 2/);
    expect(text).toMatch(/zzh_compliance_findings_total\{category="age",severity="warn"\} 1/);
    expect(text).toContain('route="/v1/resumes/:id"');
    expect(text).not.toContain('r-secret-123');
  });
});
