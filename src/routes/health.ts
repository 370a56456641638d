import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../http/problem.js';

const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/healthz', {
    schema: { tags: ['health'], summary: 'The process is up', security: [], response: { 200: z.object({ status: z.literal('ok') }) } },
  }, async () => ({ status: 'ok' as const }));

  app.get('/readyz', {
    schema: {
      tags: ['health'], summary: 'Ready for traffic: booted, not shutting down, our own indices reachable and writable, the shared state fresh', security: [],
      description: '503 with Retry-After while the process boots (`starting`), from SIGTERM on (`shutting down`, before the listener closes), while the engine is unreachable, red or write-blocked, and while this replica cannot learn of changes made through the others (its last successful poll of the shared state or the catalog older than `STATE_STALE_MS`). Only this service\'s indices are checked, not the health of the whole cluster.',
      response: { 200: z.object({ status: z.literal('ready'), engine: z.string() }), 503: problemSchema },
    },
  }, async (req, reply) => {
    const { engine, lifecycle } = app.deps;
    const notReady = (detail: string) => reply.code(503).header('retry-after', '5').type('application/problem+json').send({
      type: 'about:blank', title: 'Service Unavailable', status: 503, detail,
    });
    const phase = lifecycle.notReadyReason();
    if (phase) return notReady(phase);
    try {
      await engine.checkReady();
    } catch (err) {
      req.log.warn({ err: (err as Error).message }, 'engine not ready');
      return notReady(`the ${engine.name} engine is not ready: ${(err as Error).message}`);
    }
    // Every other part of the app (shared-state poll, catalog poll) registers its check in app.readiness.
    const why = await app.readiness.notReadyReason();
    if (why) {
      req.log.warn({ reason: why }, 'replica not ready');
      return notReady(`this replica is not ready: ${why}`);
    }
    return { status: 'ready' as const, engine: engine.name };
  });
};

export default healthRoutes;
