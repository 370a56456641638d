import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ElasticsearchEngine } from '../../src/engine/elasticsearch/engine.js';
import { appFor, auth, KEYS } from '../support/app.js';
import { makeElasticsearch, makeEmbedded } from '../support/engines.js';
import { ALERT_ENV, feed, publish, startReceiver, subscribe, until, waitFeed } from './support.js';

const SECRET = 'test-secret-0123456789';

describe('the embedded alert store across a restart', () => {
  it('keeps subscriptions, feeds and pending webhook events; a torn last line is dropped', async () => {
    const e = await makeEmbedded();
    const dataDir = mkdtempSync(join(tmpdir(), 'zzh-alerts-'));
    const receiver = await startReceiver(SECRET);
    receiver.down = true;
    try {
      const env = { ...ALERT_ENV, DATA_DIR: dataDir, WEBHOOK_BACKOFF_BASE_MS: '50', WEBHOOK_BACKOFF_MAX_MS: '100' };
      const app1 = await appFor(e.engine, env);
      const sub = (await subscribe(app1, KEYS.recruiter, { search: { q: 'Java' }, webhook: { url: receiver.url, secret: SECRET } })).json();
      await publish(app1, 'v-dur-1');
      const before = await feed(app1, KEYS.recruiter, sub.id);
      expect(before.events).toHaveLength(1);
      await app1.close();
      // A crash in the middle of a write leaves half a line.
      appendFileSync(join(dataDir, 'alerts', 'journal.jsonl'), '{"t":"ev","e":{"id":"ev-torn","subscr');

      receiver.down = false;
      const app2 = await appFor(e.engine, env);
      try {
        expect((await app2.inject({ method: 'GET', url: `/v1/subscriptions/${sub.id}`, headers: auth(KEYS.recruiter) })).statusCode).toBe(200);
        expect((await feed(app2, KEYS.recruiter, sub.id)).events).toEqual(before.events);
        // The event that was pending when the first process stopped is delivered by the second.
        expect(await until(() => receiver.received.some((r) => r.eventId === before.events[0]!.id), 5000)).toBe(true);
        await publish(app2, 'v-dur-2');
        const after = await feed(app2, KEYS.recruiter, sub.id, before.next);
        expect(after.events.map((x) => x.vacancyId)).toEqual(['v-dur-2']);
        // Already matched before the restart: a rewrite is no new event.
        await publish(app2, 'v-dur-1');
        expect((await feed(app2, KEYS.recruiter, sub.id)).events).toHaveLength(2);
      } finally {
        await app2.close();
      }
    } finally {
      await receiver.close();
      await e.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

const url = process.env.ELASTICSEARCH_URL;
if (url) describe('replicas on elasticsearch', () => {
  it('a subscription made on one replica is told of a vacancy published on another, within 2 s; webhooks at least once', async () => {
    const a = await makeElasticsearch(url!);
    const engineB = new ElasticsearchEngine({ url: url!, prefix: a.engine.prefix, timeoutMs: 30_000 });
    await engineB.init();
    const receiver = await startReceiver(SECRET);
    const appA = await appFor(a.engine, ALERT_ENV);
    const appB = await appFor(engineB, ALERT_ENV);
    try {
      const sub = (await subscribe(appA, KEYS.recruiter, { search: { q: 'Java' }, webhook: { url: receiver.url, secret: SECRET } })).json();
      const t0 = Date.now();
      await publish(appB, 'v-rep-0');
      const { events } = await waitFeed(appA, KEYS.recruiter, sub.id, (ev) => ev.length >= 1);
      expect(Date.now() - t0).toBeLessThan(2000);
      expect(events.map((x) => x.vacancyId)).toEqual(['v-rep-0']);
      for (let i = 1; i <= 6; i++) await publish(i % 2 ? appA : appB, `v-rep-${i}`);
      const all = await waitFeed(appB, KEYS.recruiter, sub.id, (ev) => ev.length >= 7, 5000);
      expect(all.events.map((x) => x.vacancyId).sort()).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `v-rep-${i}`));
      // Both replicas deliver; each event arrives at least once (a claim makes it once, short of a lost claim).
      const ids = all.events.map((x) => x.id);
      expect(await until(() => ids.every((id) => receiver.received.some((r) => r.eventId === id)), 8000)).toBe(true);
      expect(receiver.received.every((r) => r.valid)).toBe(true);
      expect(new Set(receiver.received.map((r) => r.eventId)).size).toBe(ids.length);
    } finally {
      await appA.close();
      await appB.close();
      await engineB.close();
      await a.cleanup();
      await receiver.close();
    }
  }, 60_000);
});
