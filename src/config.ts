import { z } from 'zod';

/** Every setting the service reads, parsed once at boot. `.env.example` lists the same variables and defaults. */
const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));

export const configSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default('./data'),
  ELASTICSEARCH_URL: z.url().optional().or(z.literal('').transform(() => undefined)),
  ELASTICSEARCH_INDEX_PREFIX: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/).default('zzh'),
  ELASTICSEARCH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  ELASTICSEARCH_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  API_KEYS: z
    .string()
    .default('demo-public:public,demo-employer:employer:e-0001,demo-recruiter:recruiter,demo-admin:admin,demo-seeker:seeker:r-000001')
    .describe('key:role[:employerId|resumeId], comma-separated; roles public, employer (key:employer:e-0001), recruiter, admin, seeker (key:seeker:r-000001)'),
  SEED_DEMO: bool.default(true),
  DEMO_VACANCIES: z.coerce.number().int().min(0).max(1_000_000).default(3000),
  DEMO_RESUMES: z.coerce.number().int().min(0).max(1_000_000).default(3000),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean))
    .describe('front-end origins allowed by CORS, comma-separated; empty = no CORS headers'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1200).describe('requests per minute per API key (per IP without a key); 0 = off'),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  BULK_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(20 * 1_048_576),
  OCCUPATIONS_FILE: z.string().optional(),
  // Several replicas (issue 13): the catalog poll and the leases of background jobs.
  CATALOG_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000).describe('how often each replica reads the shared catalog state and the re-link progress'),
  LEASE_TTL_MS: z.coerce.number().int().min(1000).max(600_000).default(15_000).describe('how long a background job lease (re-link, demo seeding, migration) outlives its holder'),
});

export type Config = z.infer<typeof configSchema>;

/** Parses the environment; throws one readable error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
