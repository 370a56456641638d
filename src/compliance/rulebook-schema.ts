import { z } from 'zod';
import { CATEGORIES, SEVERITIES } from './types.js';

/** Shape of the rulebook files under seed/rulebook/ (validated on load and on reload). */

const regexSource = z.string().min(1).max(4000);
const regexList = z.union([regexSource, z.array(regexSource).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));

export const legalBasisFileSchema = z.object({
  law: z.string().min(1),
  article: z.string().min(1),
  summary: z.string().optional(),
});

export const rulebookIndexSchema = z.object({
  version: z.string().min(1).max(64),
  title: z.string().optional(),
  ruleFiles: z.array(z.string().regex(/^[\w./-]+\.ya?ml$/, 'rule files must be relative .yaml paths')).min(1),
  minimumWageFile: z.string().regex(/^[\w./-]+\.json$/),
  legalBases: z.record(z.string(), legalBasisFileSchema),
  lexicon: z.record(z.string().regex(/^\w+$/), z.string().min(1)),
  masks: z.array(
    z.object({
      pattern: regexSource,
      note: z.string().optional(),
      /**
       * Inclusive frames (…均可, …一视同仁): the pattern finds the closing words; the blank extends back to the
       * start of the clause (at most `max` characters), unless that part matches `unless` (以下, 限 …).
       */
      extendBack: z.object({ max: z.number().int().min(1).max(80), unless: regexSource.optional() }).strict().optional(),
    }),
  ),
  sections: z.object({
    requirements: regexSource,
    benefits: regexSource,
    duties: regexSource,
    company: regexSource,
  }),
  applicantCue: regexSource,
});
export type RulebookIndexFile = z.infer<typeof rulebookIndexSchema>;

export const DETECTORS = ['wage', 'probation', 'probation-pay', 'hours'] as const;

export const ruleFileEntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][\w.-]*$/, 'rule ids are lower-case dotted names'),
    kind: z.enum(['rule', 'exception']).default('rule'),
    category: z.enum(CATEGORIES),
    severity: z.enum(SEVERITIES),
    title: z.string().min(1),
    legalBasis: z.array(z.string()).min(1),
    patterns: regexList.optional(),
    detector: z.enum(DETECTORS).optional(),
    scope: z.enum(['text', 'clause', 'sentence', 'posting']).default('text'),
    context: z.enum(['any', 'applicant']).default('any'),
    ageSanity: z.boolean().default(false),
    unlessMatch: regexSource.optional(),
    unlessBefore: regexSource.optional(),
    unlessAfter: regexSource.optional(),
    unlessClause: regexSource.optional(),
    unlessPosting: regexSource.optional(),
    /** the whole sentence around the match (clauses joined by ，、) */
    unlessSentence: regexSource.optional(),
    /** the part of the sentence before the match */
    unlessSentenceBefore: regexSource.optional(),
    /** exceptions: when these match the title or the opening clause of the description, the exception covers the posting (up to 另招…) */
    leadPatterns: regexList.optional(),
    appliesTo: z
      .object({ categories: z.array(z.enum(CATEGORIES)).min(1), findingText: regexSource.optional() })
      .optional(),
    emitInfo: z.boolean().default(false),
    emitInfoWhen: regexSource.optional(),
    message: z.string().min(1),
    suggestion: z.string().min(1),
    rewrite: z.object({ replace: z.string().max(200) }).optional(),
    examples: z
      .object({ flagged: z.array(z.string()).default([]), clean: z.array(z.string()).default([]) })
      .default({ flagged: [], clean: [] }),
  })
  .strict()
  .refine((r) => r.patterns !== undefined || r.detector !== undefined, { message: 'a rule needs patterns or a detector' })
  .refine((r) => r.kind !== 'exception' || (r.appliesTo !== undefined && r.patterns !== undefined), {
    message: 'an exception needs patterns and appliesTo',
  });
export type RuleFileEntry = z.infer<typeof ruleFileEntrySchema>;

export const ruleFileSchema = z.array(ruleFileEntrySchema);

export const minimumWageFileSchema = z.object({
  version: z.string(),
  source: z.string().min(1),
  effectiveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  verified: z.boolean(),
  note: z.string().optional(),
  defaultDistrict: z.string().min(1),
  tiers: z.record(z.string(), z.object({ monthly: z.number().positive(), hourly: z.number().positive() })),
  districts: z.record(z.string(), z.string()),
});
export type MinimumWageFile = z.infer<typeof minimumWageFileSchema>;
