import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertService } from '../../src/alerts/service.js';
import type { Principal } from '../../src/keys/principal.js';
import { appFor, auth, KEYS } from '../support/app.js';
import { enginesUnderTest } from '../support/engines.js';
import { RESUMES } from '../support/fixtures.js';
import { ALERT_ENV, feed, publish, startReceiver, subscribe, until, waitFeed } from './support.js';

const SECRET = 'lifecycle-secret-0123456789';
const DAY = 86_400_000;
const admin: Principal = { keyId: 'admin', role: 'admin' };

// Replay of live vacancies for a new subscription, the retention period of events, and the alert metrics.
for (const eut of enginesUnderTest()) {
  describe(`subscription events over time on ${eut.name}`, () => {
    let app: FastifyInstance;
    let cleanup: () => Promise<void>;
    /** A second service on the same store and engine with its own clock and settings. */
    const service = (o: { now?: Date; retentionMs?: number; replayMax?: number }) => {
      const own = app.deps.alerts;
      return new AlertService({
        store: own.store, engine: app.deps.catalog.engine, now: () => o.now ?? new Date(),
        settings: { minScore: 60, retentionMs: o.retentionMs, replayMax: o.replayMax, webhook: { allowedHosts: [], allowPrivate: false, timeoutMs: 1, backoffBaseMs: 1, backoffMaxMs: 1, retryForMs: 1, pollMs: 1000, concurrency: 1 } },
        matchContext: () => ({ now: new Date(), catalog: app.deps.catalog.context.catalog, classifier: app.deps.classifier }),
      });
    };
    beforeAll(async () => {
      const e = await eut.make();
      cleanup = e.cleanup;
      app = await appFor(e.engine, ALERT_ENV);
      const r = await app.inject({ method: 'PUT', url: '/v1/resumes/r-000001', headers: auth(KEYS.admin), payload: { ...RESUMES[1], id: 'r-000001' } });
      expect(r.statusCode).toBeLessThan(300);
      // Live vacancies published before any subscription: three Java posts a day apart, and a welder's.
      for (const [i, id] of ['v-live-1', 'v-live-2', 'v-live-3'].entries()) await publish(app, id, { publishedAt: new Date(Date.now() - (3 - i) * DAY).toISOString() });
      await publish(app, 'v-live-no', { title: '电焊工', description: '船舶焊接', skills: ['电焊'] });
    }, 60_000);
    afterAll(async () => { await app?.close(); await cleanup?.(); });

    it('replays the live vacancies that match a new subscription when asked, oldest first, at most ALERT_REPLAY_MAX', async () => {
      const plain = (await subscribe(app, KEYS.recruiter, { search: { q: 'Java' } })).json();
      const res = await subscribe(app, KEYS.recruiter, { search: { q: 'Java' }, replay: true });
      expect(res.statusCode, res.body).toBe(201);
      const sub = res.json();
      const { events } = await waitFeed(app, KEYS.recruiter, sub.id, (ev) => ev.length >= 3);
      expect(events.map((e) => [e.type, e.vacancyId])).toEqual([['vacancy.matched', 'v-live-1'], ['vacancy.matched', 'v-live-2'], ['vacancy.matched', 'v-live-3']]);
      // A vacancy published afterwards comes after the replayed ones; a rewrite of a replayed one is no new event.
      await publish(app, 'v-live-4');
      await publish(app, 'v-live-2', { publishedAt: new Date(Date.now() - 2 * DAY).toISOString() });
      const after = await waitFeed(app, KEYS.recruiter, sub.id, (ev) => ev.length >= 4);
      expect(after.events.map((e) => e.vacancyId)).toEqual(['v-live-1', 'v-live-2', 'v-live-3', 'v-live-4']);
      // Without replay: only what was published or rewritten after it.
      const p = await waitFeed(app, KEYS.recruiter, plain.id, (ev) => ev.length >= 2);
      expect(p.events.map((e) => e.vacancyId)).toEqual(['v-live-4', 'v-live-2']);

      // Bounded: the newest that match, still oldest first.
      const few = await service({ replayMax: 2 }).create({ search: { q: 'Java' }, replay: true }, admin);
      const fewEvents = await waitFeed(app, KEYS.admin, few.id, (ev) => ev.length >= 2, 1500);
      expect(fewEvents.events.map((e) => e.vacancyId)).toEqual(['v-live-3', 'v-live-4']);

      // A resume subscription replays the live vacancies whose score reaches its minScore.
      const rs = await subscribe(app, KEYS.seeker, { resumeId: 'r-000001', minScore: 0, replay: true });
      expect(rs.statusCode, rs.body).toBe(201);
      const scored = await waitFeed(app, KEYS.seeker, rs.json().id, (ev) => ev.length >= 4);
      expect(scored.events.length).toBeGreaterThanOrEqual(4);
      for (const e of scored.events) expect(e.score).toBeGreaterThanOrEqual(0);
      const high = await subscribe(app, KEYS.seeker, { resumeId: 'r-000001', minScore: 100, replay: true });
      await new Promise((r) => setTimeout(r, 600));
      expect((await feed(app, KEYS.seeker, high.json().id)).events).toEqual([]);
    });

    it('refuses a replay that is not a boolean', async () => {
      const res = await subscribe(app, KEYS.recruiter, { search: { q: 'Java' }, replay: 'yes' });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    });

    it('drops events past the retention period: from the feed at once, from the store at the sweep', async () => {
      const sub = (await subscribe(app, KEYS.recruiter, { search: { q: 'Java', district: '市南区' } })).json();
      await publish(app, 'v-ret-1', { location: { district: '市南区' } });
      const { events } = await waitFeed(app, KEYS.recruiter, sub.id, (ev) => ev.length >= 1);
      expect(events).toHaveLength(1);
      const later = service({ now: new Date(Date.now() + 2 * DAY), retentionMs: DAY });
      expect((await later.feed(sub.id, admin, undefined, 20)).events).toEqual([]);
      // Still within the period for the app's own clock until the sweep removed it.
      expect((await feed(app, KEYS.recruiter, sub.id)).events).toHaveLength(1);
      expect(await later.sweep()).toBeGreaterThanOrEqual(1);
      expect((await feed(app, KEYS.recruiter, sub.id)).events).toEqual([]);
      // New events still arrive.
      await publish(app, 'v-ret-2', { location: { district: '市南区' } });
      const next = await waitFeed(app, KEYS.recruiter, sub.id, (ev) => ev.length >= 1);
      expect(next.events.map((e) => e.vacancyId)).toEqual(['v-ret-2']);
    });

    it('reports events, deliveries, the outbox depth and matching time in /metrics', async () => {
      const receiver = await startReceiver(SECRET);
      try {
        await subscribe(app, KEYS.recruiter, { search: { q: 'Java', district: '李沧区' }, webhook: { url: receiver.url, secret: SECRET } });
        await publish(app, 'v-met-1', { location: { district: '李沧区' } });
        expect(await until(() => receiver.received.length >= 1, 5000)).toBe(true);
        const m = await app.inject({ method: 'GET', url: '/metrics' });
        expect(m.statusCode).toBe(200);
        const line = (name: string) => Number(new RegExp(`^${name.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(m.body)?.[1]);
        expect(line('zzh_alert_events_total{type="vacancy.matched"}')).toBeGreaterThanOrEqual(1);
        expect(await until(async () => {
          const body = (await app.inject({ method: 'GET', url: '/metrics' })).body;
          return /^zzh_webhook_deliveries_total\{outcome="delivered"\} [1-9]/m.test(body);
        }, 3000)).toBe(true);
        expect(line('zzh_alert_matching_seconds_count')).toBeGreaterThanOrEqual(1);
        expect(m.body).toMatch(/^zzh_webhook_outbox_pending \d+$/m);
      } finally {
        await receiver.close();
      }
    });
  });
}
