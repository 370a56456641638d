import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor, auth, KEYS } from '../support/app.js';
import { enginesUnderTest } from '../support/engines.js';
import { ALERT_ENV, publish, startReceiver, subscribe, until, waitFeed, type Receiver } from './support.js';

const SECRET = 'test-secret-0123456789';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const port = (s.address() as AddressInfo).port;
  await new Promise((ok) => s.close(ok));
  return port;
}

for (const eut of enginesUnderTest()) {
  describe(`webhooks on ${eut.name}`, () => {
    let app: FastifyInstance;
    let cleanup: () => Promise<void>;
    const receivers: Receiver[] = [];
    beforeAll(async () => {
      const e = await eut.make();
      cleanup = e.cleanup;
      app = await appFor(e.engine, ALERT_ENV);
    }, 60_000);
    afterAll(async () => { await app?.close(); await cleanup?.(); for (const r of receivers) await r.close(); });

    it('delivers each event at least once, signed, with its id; again after the receiver was down', async () => {
      const receiver = await startReceiver(SECRET);
      receivers.push(receiver);
      const res = await subscribe(app, KEYS.recruiter, { search: { q: 'Java' }, webhook: { url: receiver.url, secret: SECRET } });
      expect(res.statusCode, res.body).toBe(201);
      const sub = res.json();
      expect(sub.webhook).toEqual({ url: receiver.url });
      expect(JSON.stringify(sub)).not.toContain(SECRET);

      await publish(app, 'v-hook-1');
      expect(await until(() => receiver.received.length >= 1, 5000)).toBe(true);
      const { events } = await waitFeed(app, KEYS.recruiter, sub.id, (ev) => ev.length >= 1);
      const first = receiver.received[0]!;
      expect(first.valid).toBe(true);
      expect(first.eventId).toBe(events[0]!.id);
      expect(first.body).toMatchObject({ id: events[0]!.id, type: 'vacancy.matched', vacancyId: 'v-hook-1', subscriptionId: sub.id });

      // Down (503) for a while: retried with backoff, delivered once it is back.
      receiver.down = true;
      await publish(app, 'v-hook-2');
      await new Promise((r) => setTimeout(r, 1200));
      expect(receiver.received.some((r) => r.body.vacancyId === 'v-hook-2')).toBe(false);
      receiver.down = false;
      expect(await until(() => receiver.received.some((r) => r.body.vacancyId === 'v-hook-2'), 5000)).toBe(true);
      expect(receiver.received.every((r) => r.valid)).toBe(true);
      const ids = new Set(receiver.received.map((r) => r.eventId));
      const all = await waitFeed(app, KEYS.recruiter, sub.id, (ev) => ev.length >= 2);
      for (const e of all.events) expect(ids.has(e.id)).toBe(true);
      expect((await app.inject({ method: 'GET', url: `/v1/subscriptions/${sub.id}`, headers: auth(KEYS.recruiter) })).json().status).toBe('active');
    });

    it('retries while nothing listens, and delivers once a receiver is there', async () => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}/hook`;
      const sub = (await subscribe(app, KEYS.admin, { search: { q: '数控' }, webhook: { url, secret: SECRET } })).json();
      await publish(app, 'v-hook-3', { title: '数控车床操作工', description: '数控车床加工', skills: ['数控'] });
      await new Promise((r) => setTimeout(r, 800));
      const receiver = { received: [] as Array<{ body: Record<string, unknown>; signature: string; eventId: string; valid: boolean }> };
      // A receiver comes up on that port only now.
      const late = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => { receiver.received.push({ body: JSON.parse(Buffer.concat(chunks).toString()), signature: req.headers['x-signature'] as string, eventId: req.headers['x-event-id'] as string, valid: true }); res.statusCode = 200; res.end(); });
      });
      await new Promise<void>((ok) => late.listen(port, '127.0.0.1', ok));
      try {
        expect(await until(() => receiver.received.some((r) => r.body.vacancyId === 'v-hook-3'), 5000)).toBe(true);
        expect(receiver.received.find((r) => r.body.vacancyId === 'v-hook-3')!.body.subscriptionId).toBe(sub.id);
      } finally {
        late.closeAllConnections();
        await new Promise((ok) => late.close(ok));
      }
    });

    it('never lets a slow receiver slow publishing', async () => {
      let hanging = 0;
      const slow = createServer(() => { hanging++; /* never answers: the deliverer's timeout ends it */ });
      await new Promise<void>((ok) => slow.listen(0, '127.0.0.1', ok));
      const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/hook`;
      try {
        await subscribe(app, KEYS.admin, { search: { q: '焊工' }, webhook: { url, secret: SECRET } });
        await publish(app, 'v-slow-1', { title: '电焊工', description: '焊接', skills: ['电焊'] });
        expect(await until(() => hanging >= 1, 3000)).toBe(true);
        const t0 = Date.now();
        for (let i = 2; i <= 4; i++) await publish(app, `v-slow-${i}`, { title: '电焊工', description: `焊接${i}`, skills: ['电焊'] });
        // Three writes while the receiver holds its request: none waited for it (the timeout is 1 s each).
        expect(Date.now() - t0).toBeLessThan(eut.name === 'embedded' ? 1000 : 4000);
      } finally {
        slow.closeAllConnections();
        await new Promise((ok) => slow.close(ok));
      }
    });
  });

  describe(`webhooks refused on ${eut.name}`, () => {
    let app: FastifyInstance;
    let cleanup: () => Promise<void>;
    let receiver: Receiver;
    beforeAll(async () => {
      const e = await eut.make();
      cleanup = e.cleanup;
      // localhost is on the list, but private addresses are not allowed: it resolves to loopback, so nothing goes out.
      app = await appFor(e.engine, { ...ALERT_ENV, WEBHOOK_ALLOWED_HOSTS: 'localhost', WEBHOOK_ALLOW_PRIVATE: 'false', WEBHOOK_RETRY_FOR_MS: '1500' });
      receiver = await startReceiver(SECRET);
    }, 60_000);
    afterAll(async () => { await app?.close(); await cleanup?.(); await receiver?.close(); });

    it('refuses a private address or a host not on the list when subscribing', async () => {
      for (const url of [receiver.url, 'http://192.168.1.10/hook', 'http://[::1]:8080/hook', 'https://hooks.example.com/x']) {
        const res = await subscribe(app, KEYS.admin, { search: { q: 'Java' }, webhook: { url, secret: SECRET } });
        expect(res.statusCode, url).toBe(400);
        expect(res.json().errors[0].field).toBe('webhook.url');
      }
    });

    it('sends nothing to a host that resolves to a private address, and marks the subscription failing', async () => {
      const url = receiver.url.replace('127.0.0.1', 'localhost');
      const res = await subscribe(app, KEYS.admin, { search: { q: 'Java' }, webhook: { url, secret: SECRET } });
      expect(res.statusCode, res.body).toBe(201);
      const sub = res.json();
      await publish(app, 'v-private-1');
      const failing = await until(async () => (await app.inject({ method: 'GET', url: `/v1/subscriptions/${sub.id}`, headers: auth(KEYS.admin) })).json().status === 'failing', 5000);
      expect(failing).toBe(true);
      const s = (await app.inject({ method: 'GET', url: `/v1/subscriptions/${sub.id}`, headers: auth(KEYS.admin) })).json();
      expect(s.failure.reason).toMatch(/private or loopback/);
      expect(receiver.received).toEqual([]);
      // The feed still has the event.
      expect((await waitFeed(app, KEYS.admin, sub.id, (ev) => ev.length > 0)).events.map((e) => e.vacancyId)).toEqual(['v-private-1']);
    });
  });

  describe(`webhooks given up on ${eut.name}`, () => {
    let app: FastifyInstance;
    let cleanup: () => Promise<void>;
    let receiver: Receiver;
    beforeAll(async () => {
      const e = await eut.make();
      cleanup = e.cleanup;
      app = await appFor(e.engine, { ...ALERT_ENV, WEBHOOK_RETRY_FOR_MS: '1000' });
      receiver = await startReceiver(SECRET);
      receiver.down = true;
    }, 60_000);
    afterAll(async () => { await app?.close(); await cleanup?.(); await receiver?.close(); });

    it('retries for the configured period, then gives the event up and marks the subscription failing', async () => {
      const sub = (await subscribe(app, KEYS.admin, { search: { q: 'Java' }, webhook: { url: receiver.url, secret: SECRET } })).json();
      await publish(app, 'v-down-1');
      const failing = await until(async () => (await app.inject({ method: 'GET', url: `/v1/subscriptions/${sub.id}`, headers: auth(KEYS.admin) })).json().status === 'failing', 6000);
      expect(failing).toBe(true);
      expect(await app.deps.alerts.store.outboxCount('dead')).toBe(1);
      expect(await app.deps.alerts.store.outboxCount('pending')).toBe(0);
    });
  });
}
