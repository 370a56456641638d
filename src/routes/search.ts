import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kind } from '../engine/types.js';
import type { Role } from '../http/auth.js';
import { problemSchema } from '../http/problem.js';
import { searchQuerySchema } from '../search/params.js';
import { search } from '../search/service.js';
import { searchResponseSchema } from './search-schema.js';
import { recordResumeViews } from './audit.js';

/** GET <path>: the search of one kind, with its roles and documentation. */
export function searchRoute(o: { kind: Kind; path: string; roles: readonly Role[]; summary: string; description: string; audited?: boolean }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(o.path, {
      config: { roles: o.roles },
      schema: { tags: ['search'], summary: o.summary, description: o.description, querystring: searchQuerySchema, response: { 200: searchResponseSchema(o.kind), 400: problemSchema } },
    }, async (req) => {
      const result = await search(app.deps.engine, o.kind, req.query, Date.now(), { classifier: app.deps.classifier });
      // Each resume on the page is one audit record: the names of the parameters, never their values.
      if (o.audited) {
        const given = new URLSearchParams(req.url.split('?')[1] ?? '');
        const params = Object.keys(req.query).filter((k) => given.has(k));
        await recordResumeViews(req, 'search', { route: o.path, params, ...(req.query.cursor ? {} : { page: req.query.page }) }, result.hits.map((h) => h.id));
      }
      return result as never;
    });
  };
}
