import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ANY_ROLE } from '../http/auth.js';
import { HttpProblem, problemSchema } from '../http/problem.js';
import { searchQuerySchema } from '../search/params.js';
import { search, SearchInputError } from '../search/service.js';
import { searchResponseSchema } from './search-schema.js';

const vacancySearchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/v1/vacancies/search', {
    config: { roles: ANY_ROLE },
    schema: {
      tags: ['search'], summary: 'Search published vacancies',
      description: 'Text, filters, geo (lat/lon with radiusKm or circle=15min), facets, highlights, paging by page or cursor, and honest relaxation when nothing matches.',
      querystring: searchQuerySchema, response: { 200: searchResponseSchema('vacancy'), 400: problemSchema },
    },
  }, async (req) => {
    try {
      return (await search(app.deps.engine, 'vacancy', req.query)) as never;
    } catch (err) {
      if (err instanceof SearchInputError) throw new HttpProblem(400, err.message, [{ field: err.param, location: 'query', reason: err.message }]);
      throw err;
    }
  });
};

export default vacancySearchRoutes;
