import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../http/problem.js';

const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/healthz', {
    schema: { tags: ['health'], summary: 'The process is up', security: [], response: { 200: z.object({ status: z.literal('ok') }) } },
  }, async () => ({ status: 'ok' as const }));

  app.get('/readyz', {
    schema: {
      tags: ['health'], summary: 'The engine is reachable and writable, and this replica sees the shared state (keys, rulebook) fresh', security: [],
      response: { 200: z.object({ status: z.literal('ready'), engine: z.string() }), 503: problemSchema },
    },
  }, async (req, reply) => {
    const { engine } = app.deps;
    try {
      await engine.checkReady();
      const why = await app.readiness?.notReadyReason();
      if (why) {
        req.log.warn({ reason: why }, 'replica not ready');
        return reply.code(503).header('retry-after', '5').type('application/problem+json').send({
          type: 'about:blank', title: 'Service Unavailable', status: 503, detail: `this replica is not ready: ${why}`,
        });
      }
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
