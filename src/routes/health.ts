import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../http/problem.js';

const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/healthz', {
    schema: { tags: ['health'], summary: 'The process is up', security: [], response: { 200: z.object({ status: z.literal('ok') }) } },
  }, async () => ({ status: 'ok' as const }));

  app.get('/readyz', {
    schema: {
      tags: ['health'], summary: 'The engine is reachable and writable, and this replica reads the shared state (the catalog poll is under 10 s old)', security: [],
      response: { 200: z.object({ status: z.literal('ready'), engine: z.string() }), 503: problemSchema },
    },
  }, async (req, reply) => {
    const { engine } = app.deps;
    const notReady = (detail: string) => reply.code(503).header('retry-after', '5').type('application/problem+json').send({
      type: 'about:blank', title: 'Service Unavailable', status: 503, detail,
    });
    try {
      await engine.checkReady();
    } catch (err) {
      req.log.warn({ err: (err as Error).message }, 'engine not ready');
      return notReady(`the ${engine.name} engine is not ready: ${(err as Error).message}`);
    }
    for (const part of app.readinessChecks) {
      try {
        await part.check();
      } catch (err) {
        req.log.warn({ err: (err as Error).message, part: part.name }, 'not ready');
        return notReady(`${part.name}: ${(err as Error).message}`);
      }
    }
    return { status: 'ready' as const, engine: engine.name };
  });
};

export default healthRoutes;
