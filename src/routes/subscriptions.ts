import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../domain/common.js';
import { problemSchema } from '../http/problem.js';
import { feedSchema, presentSubscription, subscriptionInputSchema, subscriptionSchema } from '../alerts/service.js';

/**
 * Subscriptions (issue 14, item 1): saved searches (recruiters, admins) and resume subscriptions (the seeker's own
 * key, recruiters, admins); each is visible to its owner's key (and admins) only; others get 404.
 */
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const params = z.object({ id: idSchema });
const OWNERS = ['seeker', 'recruiter', 'admin'] as const;

const subscriptionRoutes: FastifyPluginAsyncZod = async (app) => {
  const alerts = () => app.deps.alerts;

  app.post('/v1/subscriptions', {
    config: { roles: OWNERS },
    schema: {
      tags: ['subscriptions'], summary: 'Subscribe to new vacancies: a saved search or a resume, optionally pushed to a webhook',
      description: 'Either `{"search": {…}}` with the parameters of /v1/vacancies/search (recruiters, admins), or `{"resumeId": "…"}` (the seeker\'s own key, recruiters, admins): new and changed vacancies that now match, with their score. With `webhook` each event is also POSTed, signed (`X-Signature: sha256=<HMAC-SHA256 of the body>`), at least once, retried with backoff for 25 h. A parameter the search would ignore (an unknown district, a malformed amount) is refused here.',
      body: subscriptionInputSchema,
      response: { 201: subscriptionSchema, ...errors },
    },
  }, async (req, reply) => {
    const s = await alerts().create(req.body, req.principal!);
    return reply.code(201).header('location', `/v1/subscriptions/${s.id}`).send(presentSubscription(s));
  });

  app.get('/v1/subscriptions/:id', {
    config: { roles: OWNERS },
    schema: { tags: ['subscriptions'], summary: 'Read a subscription (its owner, admins)', params, response: { 200: subscriptionSchema, ...errors } },
  }, async (req) => presentSubscription(await alerts().owned(req.params.id, req.principal!)));

  app.delete('/v1/subscriptions/:id', {
    config: { roles: OWNERS },
    schema: { tags: ['subscriptions'], summary: 'Delete a subscription, its feed and its pending webhook events', params, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await alerts().remove(req.params.id, req.principal!);
    return reply.code(204).send(null);
  });

  app.get('/v1/subscriptions/:id/events', {
    config: { roles: OWNERS },
    schema: {
      tags: ['subscriptions'], summary: 'The events of a subscription, oldest first',
      description: '`vacancy.matched`: a vacancy was published, or changed so that it now matches; `vacancy.closed`: a vacancy it matched was closed, unpublished or deleted. Events appear within 2 s of the write. Each has a stable id. Read on with `after=<next>`.',
      params,
      querystring: z.strictObject({
        after: z.string().max(500).optional().meta({ description: 'The `next` of the previous page' }),
        size: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: { 200: feedSchema, ...errors },
    },
  }, async (req) => {
    const page = await alerts().feed(req.params.id, req.principal!, req.query.after, req.query.size);
    return { events: page.events.map(({ seq: _seq, ...e }) => e), ...(page.next ? { next: page.next } : {}) };
  });
};

export default subscriptionRoutes;
