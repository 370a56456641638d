import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../domain/common.js';
import { ROLES } from '../http/auth.js';
import { HttpProblem, problemSchema } from '../http/problem.js';
import { ownerProblem } from '../keys/store.js';

/** API key administration (admin): create a key (shown once), list keys (never a key or a hash), revoke one. */
const keyInfo = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  employerId: z.string().optional(),
  resumeId: z.string().optional(),
  label: z.string().optional(),
  source: z.enum(['environment', 'api']).meta({ description: 'environment: from API_KEYS (change it there); api: created with POST /v1/keys' }),
  createdAt: z.string().optional(),
  revokedAt: z.string().optional(),
}).meta({ id: 'ApiKeyInfo' });

const createBody = z.strictObject({
  role: z.enum(ROLES),
  employerId: idSchema.optional().meta({ description: 'Required for employer keys: the employer whose vacancies the key may write' }),
  resumeId: idSchema.optional().meta({ description: "Required for seeker keys: the seeker's own resume" }),
  label: z.string().trim().min(1).max(100).optional().meta({ description: 'What the key is for (a system, not a person: no personal data)', example: 'front-end web' }),
}).superRefine((k, ctx) => {
  const p = ownerProblem(k);
  if (p) ctx.addIssue({ code: 'custom', path: [p.field], message: p.reason });
});

const keyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { keys } = app.deps;

  app.post('/v1/keys', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['keys'], summary: 'Create an API key (admin); the key is in this answer only',
      description: 'Only the SHA-256 of the key is stored. Keep the key from this answer: it cannot be shown again.',
      body: createBody,
      response: { 201: keyInfo.extend({ key: z.string().meta({ description: 'The new API key, shown once' }) }), 400: problemSchema },
    },
  }, async (req, reply) => {
    const { key, info } = await keys.create(req.body);
    req.log.info({ keyId: info.id, role: info.role, by: req.principal!.keyId }, 'API key created');
    return reply.code(201).header('cache-control', 'no-store').send({ ...info, key });
  });

  app.get('/v1/keys', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['keys'], summary: 'List API keys (admin): ids, roles, owners, labels and dates, never a key or its hash',
      response: { 200: z.object({ keys: z.array(keyInfo) }) },
    },
  }, async () => ({ keys: await keys.list() }));

  app.delete('/v1/keys/:id', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['keys'], summary: 'Revoke an API key (admin): refused from the next request on, no restart',
      description: 'Revoking an already revoked key answers it again. Keys from API_KEYS are refused with 409: they are changed in the environment.',
      params: z.object({ id: idSchema }),
      response: { 200: keyInfo, 404: problemSchema, 409: problemSchema },
    },
  }, async (req) => {
    const r = await keys.revoke(req.params.id);
    if (r.outcome === 'unknown') throw new HttpProblem(404, `no API key with id "${req.params.id}"`);
    if (r.outcome === 'environment') {
      throw new HttpProblem(409, `key "${req.params.id}" comes from the API_KEYS environment variable; remove it there and restart`, [{ field: 'id', location: 'path', reason: 'key from the environment' }]);
    }
    if (r.outcome === 'revoked') req.log.info({ keyId: r.key.id, by: req.principal!.keyId }, 'API key revoked');
    return r.key;
  });
};

export default keyRoutes;
