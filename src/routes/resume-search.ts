import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { STAFF } from '../http/auth.js';
import { HttpProblem, problemSchema } from '../http/problem.js';
import { searchQuerySchema } from '../search/params.js';
import { search, SearchInputError } from '../search/service.js';
import { searchResponseSchema } from './search-schema.js';

const resumeSearchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/v1/resumes/search', {
    config: { roles: STAFF },
    schema: {
      tags: ['search'], summary: 'Search resumes (recruiters and employment-bureau staff)',
      description: 'Contact data is masked unless the seeker consented; gender, birth year, ethnicity, marital status and hukou are never returned or filterable.',
      querystring: searchQuerySchema, response: { 200: searchResponseSchema('resume'), 400: problemSchema },
    },
  }, async (req) => {
    try {
      return (await search(app.deps.engine, 'resume', req.query)) as never;
    } catch (err) {
      if (err instanceof SearchInputError) throw new HttpProblem(400, err.message, [{ field: err.param, location: 'query', reason: err.message }]);
      throw err;
    }
  });
};

export default resumeSearchRoutes;
