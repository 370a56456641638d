import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../http/problem.js';

const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/healthz', {
    schema: { tags: ['health'], summary: 'The process is up', security: [], response: { 200: z.object({ status: z.literal('ok') }) } },
  }, async () => ({ status: 'ok' as const }));

  app.get('/readyz', {
    schema: {
      tags: ['health'], summary: 'Ready for traffic: booted, not shutting down, and our own indices reachable and writable', security: [],
      description: '503 with Retry-After while the process boots (`starting`), from SIGTERM on (`shutting down`, before the listener closes), and while the engine is unreachable, red or write-blocked. Only this service\'s indices are checked, not the health of the whole cluster.',
      response: { 200: z.object({ status: z.literal('ready'), engine: z.string() }), 503: problemSchema },
    },
  }, async (req, reply) => {
    const { engine, lifecycle } = app.deps;
    const notReady = lifecycle.notReadyReason();
    if (notReady) {
      return reply.code(503).header('retry-after', '5').type('application/problem+json').send({
        type: 'about:blank', title: 'Service Unavailable', status: 503, detail: notReady,
      });
    }
    try {
      await engine.checkReady();
      return { status: 'ready' as const, engine: engine.name };
    } catch (err) {
      req.log.warn({ err: (err as Error).message }, 'engine not ready');
      return reply.code(503).header('retry-after', '5').type('application/problem+json').send({
        type: 'about:blank', title: 'Service Unavailable', status: 503, detail: `the ${engine.name} engine is not ready: ${(err as Error).message}`,
      });
    }
  });
};

export default healthRoutes;
