import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor, auth, KEYS } from '../support/app.js';
import { enginesUnderTest } from '../support/engines.js';
import { RESUMES } from '../support/fixtures.js';
import { ALERT_ENV, feed, publish, subscribe, waitFeed } from './support.js';

for (const eut of enginesUnderTest()) {
  describe(`subscriptions on ${eut.name}`, () => {
    let app: FastifyInstance;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      const e = await eut.make();
      cleanup = e.cleanup;
      app = await appFor(e.engine, ALERT_ENV);
      const r = await app.inject({ method: 'PUT', url: '/v1/resumes/r-000001', headers: auth(KEYS.admin), payload: { ...RESUMES[1], id: 'r-000001' } });
      expect(r.statusCode).toBeLessThan(300);
    }, 60_000);
    afterAll(async () => { await app?.close(); await cleanup?.(); });

    it('tells a saved search of a matching vacancy within 2 s, and of no other', async () => {
      const res = await subscribe(app, KEYS.recruiter, { search: { q: 'Java', district: '崂山区', salaryMin: '10k' } });
      expect(res.statusCode, res.body).toBe(201);
      const sub = res.json();
      expect(sub).toMatchObject({ kind: 'search', status: 'active', search: { q: 'Java', district: ['崂山区'], salaryMin: 10000 } });
      await publish(app, 'v-alert-no-1', { location: { district: '黄岛区' } });
      await publish(app, 'v-alert-no-2', { title: '电焊工', description: '船舶焊接', skills: ['电焊'] });
      const t0 = Date.now();
      await publish(app, 'v-alert-1');
      const { events } = await waitFeed(app, KEYS.recruiter, sub.id, (ev) => ev.length > 0);
      expect(Date.now() - t0).toBeLessThan(2000);
      expect(events.map((e) => [e.type, e.vacancyId])).toEqual([['vacancy.matched', 'v-alert-1']]);

      // The same vacancy written again, still matching: nothing new. Closed: told once.
      await publish(app, 'v-alert-1', { description: '负责政务平台后端开发。Java微服务。' });
      await publish(app, 'v-alert-1', { status: 'closed' });
      const after = await waitFeed(app, KEYS.recruiter, sub.id, (ev) => ev.length >= 2);
      expect(after.events.map((e) => [e.type, e.vacancyId])).toEqual([['vacancy.matched', 'v-alert-1'], ['vacancy.closed', 'v-alert-1']]);
      // Published again: matches again. Deleted: closed.
      await publish(app, 'v-alert-1');
      const del = await app.inject({ method: 'DELETE', url: '/v1/vacancies/v-alert-1', headers: auth(KEYS.employer) });
      expect(del.statusCode).toBe(204);
      const all = await waitFeed(app, KEYS.recruiter, sub.id, (ev) => ev.length >= 4);
      expect(all.events.map((e) => e.type)).toEqual(['vacancy.matched', 'vacancy.closed', 'vacancy.matched', 'vacancy.closed']);
      expect(new Set(all.events.map((e) => e.id)).size).toBe(4);

      // Paging with the cursor: oldest first, nothing twice, nothing skipped.
      const first = await app.inject({ method: 'GET', url: `/v1/subscriptions/${sub.id}/events?size=3`, headers: auth(KEYS.recruiter) });
      const page1 = first.json();
      expect(page1.events).toHaveLength(3);
      const page2 = await feed(app, KEYS.recruiter, sub.id, page1.next);
      expect([...page1.events, ...page2.events].map((e: { id: string }) => e.id)).toEqual(all.events.map((e) => e.id));
      const page3 = await feed(app, KEYS.recruiter, sub.id, page2.next);
      expect(page3.events).toEqual([]);
      expect(page3.next).toBe(page2.next);
    });

    it('matches bulk writes too', async () => {
      const sub = (await subscribe(app, KEYS.admin, { search: { q: '叉车', industry: '物流' } })).json();
      const lines = [
        { id: 'v-bulk-1', employer: { id: 'e-0001', name: '青岛物流有限公司' }, title: '叉车司机', description: '仓库叉车作业', industry: '物流', salary: '6-8K', location: { district: '城阳区' } },
        { id: 'v-bulk-2', employer: { id: 'e-0001', name: '青岛物流有限公司' }, title: '叉车司机', description: '仓库叉车作业', industry: '制造', salary: '6-8K', location: { district: '城阳区' } },
      ].map((l) => JSON.stringify(l)).join('\n');
      const res = await app.inject({ method: 'POST', url: '/v1/vacancies/_bulk', headers: { ...auth(KEYS.employer), 'content-type': 'application/x-ndjson' }, payload: lines });
      expect(res.json().errors).toBe(0);
      const { events } = await waitFeed(app, KEYS.admin, sub.id, (ev) => ev.length > 0);
      expect(events.map((e) => e.vacancyId)).toEqual(['v-bulk-1']);
    });

    it('tells a seeker of new vacancies matching their resume, with the score', async () => {
      const res = await subscribe(app, KEYS.seeker, { resumeId: 'r-000001', minScore: 30 });
      expect(res.statusCode, res.body).toBe(201);
      const sub = res.json();
      expect(sub).toMatchObject({ kind: 'resume', resumeId: 'r-000001', minScore: 30 });
      await publish(app, 'v-seek-no', { title: '船舶电焊工', description: '船舶分段焊接，氩弧焊。', skills: ['电焊', '氩弧焊'], location: { district: '黄岛区' } });
      await publish(app, 'v-seek-1');
      const { events } = await waitFeed(app, KEYS.seeker, sub.id, (ev) => ev.length > 0);
      expect(events.map((e) => e.vacancyId)).toEqual(['v-seek-1']);
      expect(events[0]!.score).toBeGreaterThanOrEqual(30);
    });

    it('follows the resume: a changed resume matches as it is now; deleting it ends its subscriptions', async () => {
      const put = (body: Record<string, unknown>) => app.inject({ method: 'PUT', url: '/v1/resumes/r-000002', headers: auth(KEYS.admin), payload: { ...RESUMES[1], id: 'r-000002', ...body } });
      expect((await put({})).statusCode).toBeLessThan(300);
      const sub = (await subscribe(app, KEYS.seeker2, { resumeId: 'r-000002', minScore: 30 })).json();
      expect((await put({ desiredTitles: ['电焊工'], skills: ['电焊', '氩弧焊'], experience: [{ title: '船舶电焊工', years: 5 }], desiredDistricts: ['黄岛区'] })).statusCode).toBe(200);
      await publish(app, 'v-weld-1', { title: '船舶电焊工', description: '船舶分段焊接，氩弧焊。', skills: ['电焊', '氩弧焊'], location: { district: '黄岛区' } });
      const { events } = await waitFeed(app, KEYS.seeker2, sub.id, (ev) => ev.length > 0);
      expect(events.map((e) => e.vacancyId)).toContain('v-weld-1');
      expect((await app.inject({ method: 'DELETE', url: '/v1/resumes/r-000002', headers: auth(KEYS.admin) })).statusCode).toBe(204);
      expect((await app.inject({ method: 'GET', url: `/v1/subscriptions/${sub.id}`, headers: auth(KEYS.seeker2) })).statusCode).toBe(404);
    });

    it('keeps subscriptions to their owners', async () => {
      expect((await subscribe(app, KEYS.seeker, { resumeId: 'r-000002' })).statusCode).toBe(403);
      expect((await subscribe(app, KEYS.seeker, { search: { q: 'Java' } })).statusCode).toBe(403);
      expect((await subscribe(app, KEYS.public, { search: { q: 'Java' } })).statusCode).toBe(403);
      expect((await subscribe(app, KEYS.employer, { search: { q: 'Java' } })).statusCode).toBe(403);
      const sub = (await subscribe(app, KEYS.recruiter, { search: { q: 'Java' } })).json();
      const path = `/v1/subscriptions/${sub.id}`;
      expect((await app.inject({ method: 'GET', url: path, headers: auth(KEYS.seeker) })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: `${path}/events`, headers: auth(KEYS.seeker) })).statusCode).toBe(404);
      expect((await app.inject({ method: 'DELETE', url: path, headers: auth(KEYS.seeker) })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: path, headers: auth(KEYS.admin) })).statusCode).toBe(200);
      const own = await app.inject({ method: 'GET', url: path, headers: auth(KEYS.recruiter) });
      expect(own.json()).toMatchObject({ id: sub.id, kind: 'search' });
      expect((await app.inject({ method: 'DELETE', url: path, headers: auth(KEYS.recruiter) })).statusCode).toBe(204);
      expect((await app.inject({ method: 'GET', url: path, headers: auth(KEYS.recruiter) })).statusCode).toBe(404);
    });

    it('documents the routes in the OpenAPI document', async () => {
      const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/subscriptions', '/v1/subscriptions/{id}', '/v1/subscriptions/{id}/events']));
      expect(doc.paths['/v1/subscriptions'].post.responses['201']).toBeDefined();
      expect(doc.paths['/v1/subscriptions'].post.requestBody).toBeDefined();
      expect(doc.paths['/v1/subscriptions/{id}/events'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['id', 'after', 'size']));
    });

    it('answers bad input with problem documents naming the field', async () => {
      const cases: Array<[Record<string, unknown>, string, number?]> = [
        [{ search: { q: 'Java', district: '火星区' } }, 'search.district'],
        [{ search: { q: 'Java', salaryMin: 'lots' } }, 'search.salaryMin'],
        [{ search: { q: 'Java', page: 2 } }, 'search.page'],
        [{ search: { q: 'Java', postedWithinDays: 3 } }, 'search.postedWithinDays'],
        [{ search: { q: 'Java', gender: '男' } }, 'search.gender'],
        [{ search: { q: 'Java', bogus: 1 } }, 'search.bogus'],
        [{ search: {} }, 'search'],
        [{ search: { q: 'Java' }, resumeId: 'r-000001' }, 'resumeId'],
        [{}, 'search'],
        [{ search: { q: 'Java' }, minScore: 50 }, 'minScore'],
        [{ search: { q: 'Java' }, extra: true }, 'extra'],
        [{ search: { q: 'Java' }, webhook: { url: 'http://10.1.2.3/hook', secret: 'x'.repeat(20) } }, 'webhook.url'],
        [{ search: { q: 'Java' }, webhook: { url: 'http://example.com/hook', secret: 'x'.repeat(20) } }, 'webhook.url'],
        [{ search: { q: 'Java' }, webhook: { url: 'ftp://127.0.0.1/hook', secret: 'x'.repeat(20) } }, 'webhook.url'],
        [{ search: { q: 'Java' }, webhook: { url: 'http://127.0.0.1/hook', secret: 'short' } }, 'webhook.secret'],
        [{ resumeId: 'r-nobody' }, 'resumeId', 404],
      ];
      for (const [body, field, status] of cases) {
        const res = await subscribe(app, KEYS.admin, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(status ?? 400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        const p = res.json();
        expect(p.code, JSON.stringify(body)).toMatch(/^ZZH_/);
        expect(p.errors?.map((e: { field: string }) => e.field), JSON.stringify(body)).toContain(field);
      }
      const sub = (await subscribe(app, KEYS.admin, { search: { q: 'Java' } })).json();
      const bad = await app.inject({ method: 'GET', url: `/v1/subscriptions/${sub.id}/events?after=nonsense`, headers: auth(KEYS.admin) });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].field).toBe('after');
      expect((await app.inject({ method: 'GET', url: '/v1/subscriptions/sub-none', headers: auth(KEYS.admin) })).statusCode).toBe(404);
    });
  });
}
