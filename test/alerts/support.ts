import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { auth, KEYS } from '../support/app.js';

/** Test settings: webhooks to 127.0.0.1 allowed, short backoff, a fast deliverer. */
export const ALERT_ENV = {
  WEBHOOK_ALLOWED_HOSTS: '127.0.0.1,localhost', WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_POLL_MS: '50',
  WEBHOOK_BACKOFF_BASE_MS: '100', WEBHOOK_BACKOFF_MAX_MS: '400', WEBHOOK_RETRY_FOR_MS: '60000', WEBHOOK_TIMEOUT_MS: '1000',
};

export const vacancy = (id: string, over: Record<string, unknown> = {}) => ({
  employer: { id: 'e-0001', name: '青岛示例科技有限公司' }, title: 'Java开发工程师', description: '负责政务平台后端开发，使用Spring Boot与MySQL。',
  skills: ['Java', 'MySQL'], salary: '12-18K', location: { district: '崂山区' }, ...over, id,
});

export async function publish(app: FastifyInstance, id: string, over: Record<string, unknown> = {}) {
  const res = await app.inject({ method: 'PUT', url: `/v1/vacancies/${id}`, headers: auth(KEYS.employer), payload: vacancy(id, over) });
  if (res.statusCode >= 300) throw new Error(`publish ${id}: ${res.statusCode} ${res.body}`);
  return res;
}

export async function subscribe(app: FastifyInstance, key: string, body: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/v1/subscriptions', headers: auth(key), payload: body });
}

export type FeedEvent = { id: string; type: string; vacancyId: string; score?: number };

export async function feed(app: FastifyInstance, key: string, id: string, after?: string): Promise<{ events: FeedEvent[]; next?: string }> {
  const res = await app.inject({ method: 'GET', url: `/v1/subscriptions/${id}/events${after ? `?after=${after}` : ''}`, headers: auth(key) });
  if (res.statusCode !== 200) throw new Error(`feed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Polls the feed until `until` holds or `ms` pass; answers every event seen and when the condition held. */
export async function waitFeed(app: FastifyInstance, key: string, id: string, until: (events: FeedEvent[]) => boolean, ms = 2000) {
  const t0 = Date.now();
  let events: FeedEvent[] = [];
  for (;;) {
    events = (await feed(app, key, id)).events;
    if (until(events) || Date.now() - t0 > ms) return { events, elapsed: Date.now() - t0 };
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface Receiver {
  url: string;
  received: Array<{ body: Record<string, unknown>; signature: string | undefined; eventId: string | undefined; valid: boolean }>;
  /** Answers 503 while down (the server stays up: a refused connection is tested by closing it). */
  down: boolean;
  close: () => Promise<void>;
}

export async function startReceiver(secret: string): Promise<Receiver> {
  const r: Receiver = { url: '', received: [], down: false, close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (r.down) { res.statusCode = 503; res.end(); return; }
      const raw = Buffer.concat(chunks).toString('utf8');
      const signature = req.headers['x-signature'] as string | undefined;
      const expected = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
      r.received.push({ body: JSON.parse(raw) as Record<string, unknown>, signature, eventId: req.headers['x-event-id'] as string | undefined, valid: signature === expected });
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  r.close = () => new Promise((ok) => { server.closeAllConnections(); server.close(() => ok()); });
  return r;
}

export async function until(cond: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (await cond()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return cond();
}
