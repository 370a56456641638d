import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ANY_ROLE } from '../http/auth.js';
import { problemSchema } from '../http/problem.js';
import { SUGGEST_KINDS } from '../suggest/suggest-index.js';

export const suggestQuerySchema = z.strictObject({
  q: z.string().max(50).default('').meta({ description: 'What was typed: Chinese (计算), full pinyin (jisuan), initials (jsj), Latin with up to one typo (javscript), a district alias (西海岸). Empty: the most common completions' }),
  kind: z.enum(SUGGEST_KINDS).optional().meta({ description: 'title, skill, employer or place; absent: all four, merged by count' }),
  size: z.coerce.number().int().min(1).max(20).default(8),
});

const suggestionSchema = z.object({
  text: z.string(),
  kind: z.enum(SUGGEST_KINDS),
  count: z.number().int().meta({ description: 'Live (published) vacancies behind it: with this exact title, listing this skill, of this employer, in this district' }),
  match: z.enum(['prefix', 'word', 'pinyin', 'initials', 'alias', 'typo']).meta({ description: 'How it matched: the start of the text, the start of a later word, full pinyin, pinyin initials, a place alias, or with one typo' }),
  matched: z.string().optional().meta({ description: 'The key that matched when it is not the text (the pinyin, the alias)' }),
  id: z.string().meta({ description: 'The completion itself: the normalised title or skill, the employer id, the district' }),
  aliases: z.array(z.string()).optional().meta({ description: 'place: the other names of the district (黄岛区: 黄岛, 西海岸新区 …)' }),
  search: z.record(z.string(), z.string()).meta({ description: 'Parameters of /v1/vacancies/search that find these vacancies' }),
});

export const suggestResponseSchema = z.object({
  q: z.string(),
  suggestions: z.array(suggestionSchema),
  vacancies: z.number().int().meta({ description: 'Live vacancies the suggestions are counted over' }),
});

export default (async (app) => {
  app.get('/v1/suggest', {
    config: { roles: ANY_ROLE },
    schema: {
      tags: ['search'],
      summary: 'Search-box suggestions',
      description: 'Completions of what was typed, ranked by how many live vacancies they would find (counts kept up to date as vacancies are written, closed and deleted; other replicas\' writes within SUGGEST_REFRESH_MS). Chinese prefixes and later words, full pinyin and initials (jsj → 计算机…), Latin with one typo (javscript → JavaScript, after the exact completions), district aliases (黄岛, 西海岸 → 黄岛区).',
      querystring: suggestQuerySchema,
      response: { 200: suggestResponseSchema, 400: problemSchema },
    },
  }, async (req) => {
    const { q, kind, size } = req.query;
    const answer = await app.deps.suggest.suggest(q, kind ? [kind] : SUGGEST_KINDS, size);
    return { q, ...answer };
  });
}) satisfies FastifyPluginAsyncZod;
