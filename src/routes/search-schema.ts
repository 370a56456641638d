import { z } from 'zod';
import { resumeSchema } from '../domain/resume.js';
import { vacancySchema } from '../domain/vacancy.js';

const facetSchema = z.array(z.object({ value: z.string(), count: z.number().int() }));

/** The search response, the same shape for vacancies and resumes. */
export function searchResponseSchema(kind: 'vacancy' | 'resume') {
  const doc = kind === 'vacancy' ? { vacancy: vacancySchema } : { resume: resumeSchema.omit({ gender: true, birthYear: true, ethnicity: true, maritalStatus: true, hukou: true }) };
  return z.object({
    total: z.number().int(),
    hits: z.array(z.object({
      id: z.string(),
      score: z.number(),
      distanceKm: z.number().optional(),
      ...doc,
      highlight: z.object({ title: z.array(z.string()), description: z.array(z.string()) }).meta({ description: 'Snippets with <em> around matched terms; other text is HTML-escaped' }),
    })),
    facets: z.record(z.string(), facetSchema).meta({ description: 'Counts over the filtered set; each facet ignores its own filter (multi-select)' }),
    applied: z.record(z.string(), z.unknown()).meta({ description: 'The parameters as understood (normalised district, monthly salary …)' }),
    ignored: z.array(z.object({ param: z.string(), value: z.string().optional(), reason: z.string() })),
    relaxed: z.array(z.object({ step: z.string(), hits: z.number().int() })).meta({ description: 'When the first page could not be filled with documents holding every word (partial matches follow, ranked by how much of the query they cover), or nothing matched (filters dropped, radius widened): each relaxation applied and the hits it gave' }),
    nextCursor: z.string().optional(),
  });
}
