import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ANY_ROLE } from '../http/auth.js';
import { problemSchema } from '../http/problem.js';

/** Occupation normalisation: a messy job title (and optionally its description) → 职业分类大典 2022 细类. */
const occupationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { classifier } = app.deps;
  app.get('/v1/occupations/classify', {
    config: { roles: ANY_ROLE },
    schema: {
      tags: ['occupations'], summary: 'The 5 likeliest 职业分类大典 2022 细类 for a job title',
      querystring: z.strictObject({
        title: z.string().trim().min(1).max(100).meta({ description: 'The title as written: "Java后端开发", "普工（包吃住）", "CNC操机师傅"', example: 'CNC操机师傅' }),
        description: z.string().max(5000).optional().meta({ description: 'The job description (helps with vague titles)' }),
      }),
      response: {
        200: z.object({
          title: z.string(),
          taxonomy: z.object({ source: z.enum(['file', 'builtin']), occupations: z.number().int() }),
          uncertain: z.boolean().meta({ description: 'True when there is no answer or the best one is below the confidence threshold (0.5): treat it as a guess' }),
          matches: z.array(z.object({
            code: z.string(), name: z.string(),
            confidence: z.number().meta({ description: 'Calibrated probability that this is the right 细类 (0–1)' }),
            uncertain: z.boolean().meta({ description: 'confidence below 0.5; catalog linking ignores such codes' }),
          })),
        }),
        400: problemSchema,
      },
    },
  }, async (req) => {
    const matches = classifier.classify({ title: req.query.title, ...(req.query.description ? { description: req.query.description } : {}) }, 5);
    return {
      title: req.query.title,
      taxonomy: { source: classifier.source, occupations: classifier.size },
      uncertain: matches[0]?.uncertain ?? true,
      matches,
    };
  });
};

export default occupationRoutes;
