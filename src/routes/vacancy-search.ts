import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { districtSchema } from '../domain/districts.js';
import { vacancySchema } from '../domain/vacancy.js';
import type { EngineQuery, Filter } from '../engine/types.js';
import { ANY_ROLE } from '../http/auth.js';
import { problemSchema } from '../http/problem.js';
import { parseTextQuery } from '../search/text-query.js';

const querySchema = z.object({
  q: z.string().max(200).optional().meta({ description: 'Chinese, Latin or mixed text; "quoted phrase"; -word excludes' }),
  district: z.union([districtSchema, z.array(districtSchema)]).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  size: z.coerce.number().int().min(1).max(100).default(20),
});

const responseSchema = z.object({
  total: z.number().int(),
  hits: z.array(z.object({ id: z.string(), score: z.number(), vacancy: vacancySchema })),
});

const vacancySearchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/v1/vacancies/search', {
    config: { roles: ANY_ROLE },
    schema: { tags: ['search'], summary: 'Search published vacancies', querystring: querySchema, response: { 200: responseSchema, 400: problemSchema } },
  }, async (req) => {
    const { q, district, page, size } = req.query;
    const filters: Filter[] = [{ kind: 'terms', field: 'status', values: ['published'] }];
    if (district) filters.push({ kind: 'terms', field: 'district', values: [district].flat() });
    const text = q ? parseTextQuery(q) : undefined;
    const query: EngineQuery = { ...(text ? { text } : {}), filters, sort: text ? 'relevance' : 'newest', from: (page - 1) * size, size };
    const result = await app.deps.engine.search('vacancy', query);
    return { total: result.total, hits: result.hits.map((h) => ({ id: h.id, score: h.score, vacancy: h.source as z.infer<typeof vacancySchema> })) };
  });
};

export default vacancySearchRoutes;
