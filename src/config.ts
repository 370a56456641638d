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
    .default('')
    .describe('key:role[:employerId|resumeId], comma-separated; roles public, employer (key:employer:e-0001), recruiter, admin, seeker (key:seeker:r-000001). Empty by default: demo keys exist only in demo mode'),
  // --- production and lifecycle (issue 13, items 8-9) ---
  NODE_ENV: z.string().default('development'),
  DEMO_MODE: bool.default(false).describe('demo mode (also `--demo`, which `npm start` passes): documented demo keys and demo data; refused under NODE_ENV=production'),
  /** Unset: on in demo mode, off otherwise. */
  SEED_DEMO: bool.optional().or(z.literal('').transform(() => undefined)),
  ELASTICSEARCH_SHARDS: z.coerce.number().int().min(1).max(1024).default(1).describe('primary shards of each index created'),
  ELASTICSEARCH_REPLICAS: z
    .string()
    .regex(/^(\d+|\d+-(\d+|all))$/, 'a count (1) or an auto-expand range (0-1, 0-all)')
    .default('0-1')
    .describe('replica shards of each index created: a count, or a range auto-expanded to the nodes present (0-1: none on one node, one on a cluster)'),
  SHUTDOWN_DRAIN_DELAY_MS: z.coerce.number().int().min(0).default(5_000).describe('after SIGTERM: /readyz answers 503 this long before the listener closes, so load balancers stop sending'),
  SHUTDOWN_GRACE_MS: z.literal('').transform(() => undefined).or(z.coerce.number().int().positive()).optional().describe('after closing: in-flight requests get this long before the process exits (default REQUEST_TIMEOUT_MS + 5 s; must exceed it)'),
  WRITE_WORKERS: z
    .literal('')
    .transform(() => undefined)
    .or(z.coerce.number().int('a whole number of worker threads').min(0).max(64))
    .optional()
    .describe('worker threads analysing bulk and re-link batches (one pool per process); 0 or 1 = inline on the main thread; unset = min(2, cores - 1)'),
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
  // Shared state across replicas (keys, rulebook, rate limits): src/state, README "Several replicas".
  STATE_POLL_MS: z.coerce.number().int().min(100).max(10_000).default(1000).describe('how often a replica reads key and rulebook changes from Elasticsearch'),
  STATE_STALE_MS: z.coerce.number().int().min(1000).default(10_000).describe('/readyz answers 503 when the last successful state poll is older than this'),
  REDIS_URL: z.url().optional().or(z.literal('').transform(() => undefined)).describe('redis://host:port: rate limits counted across replicas; unset = per process'),
  RULEBOOK_DIR: z.string().optional().describe('the compliance rulebook directory; default seed/rulebook'),
  // --- subscriptions and webhooks (issue 14, item 1) ---
  ALERTS_MIN_SCORE: z.coerce.number().min(0).max(100).default(60).describe('resume subscriptions: the least match score a new vacancy needs (a subscription may set its own minScore)'),
  WEBHOOK_ALLOWED_HOSTS: z.string().default('').describe('hosts webhooks may call, comma-separated: host, host:port, *.example.com, or * (any public host); empty = webhooks refused'),
  WEBHOOK_ALLOW_PRIVATE: bool.default(false).describe('allow webhook hosts that resolve to private, loopback or link-local addresses (tests, an internal receiver)'),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000).describe('a webhook request, answer included, gets this long'),
  WEBHOOK_BACKOFF_BASE_MS: z.coerce.number().int().positive().default(30_000).describe('first retry after this long, doubling each time (±20% jitter)'),
  WEBHOOK_BACKOFF_MAX_MS: z.coerce.number().int().positive().default(3_600_000).describe('longest wait between two attempts'),
  WEBHOOK_RETRY_FOR_MS: z.coerce.number().int().positive().default(90_000_000).describe('retries go on this long (25 h) before the event is given up and the subscription marked failing'),
  WEBHOOK_POLL_MS: z.coerce.number().int().positive().default(1_000).describe('how often the deliverer looks for due webhook events'),
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8).describe('webhook requests in flight at once per process'),
  ALERT_EVENTS_RETENTION_DAYS: z.coerce.number().min(1).max(3650).default(30).describe('subscription events older than this many days leave the feeds (swept hourly on both engines; a pending webhook delivery keeps its own copy)'),
  ALERT_REPLAY_MAX: z.coerce.number().int().min(0).max(10_000).default(200).describe('a new subscription with replay: true gets events for at most this many live vacancies that already match, oldest first'),
  STATS_MIN_COUNT: z.coerce.number().int().min(1).max(100_000).default(30).describe('salary statistics: fewer matching vacancies with a monthly pay answer "too little data" instead of percentiles'),
  SUGGEST_REFRESH_MS: z.coerce.number().int().min(0).default(5000).describe('how often suggestions check for vacancies written by others (demo seeding, other replicas) and rebuild; 0 = never'),
  // Several replicas (issue 13): the catalog poll and the leases of background jobs.
  CATALOG_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000).describe('how often each replica reads the shared catalog state and the re-link progress'),
  // Cost per request (issue 15): responses are written by fast-json-stringify from the zod schemas compiled once.
  RESPONSE_VALIDATION: z.enum(['on', 'off']).optional().or(z.literal('').transform(() => undefined))
    .describe('on: every answer is also checked against its zod schema before it is written (a mismatch is a 500 and a log line); unset = on, off under NODE_ENV=production'),
  LEASE_TTL_MS: z.coerce.number().int().min(1000).max(600_000).default(15_000).describe('how long a background job lease (re-link, demo seeding, migration) outlives its holder'),
});

type Parsed = z.infer<typeof configSchema>;
export type Config = Omit<Parsed, 'SEED_DEMO' | 'SHUTDOWN_GRACE_MS' | 'RESPONSE_VALIDATION'> & { SEED_DEMO: boolean; SHUTDOWN_GRACE_MS: number; RESPONSE_VALIDATION: 'on' | 'off' };

/** The documented demo keys (README): present only in demo mode, never in the image or a production start. */
export const DEMO_API_KEYS = 'demo-public:public,demo-employer:employer:e-0001,demo-recruiter:recruiter,demo-admin:admin,demo-seeker:seeker:r-000001';

/** Parses the environment; throws one readable error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const problems: string[] = [];
  const production = c.NODE_ENV === 'production';
  if (production && c.DEMO_MODE) problems.push('DEMO_MODE: demo mode (and its public demo keys) is refused under NODE_ENV=production');
  const apiKeys = c.API_KEYS.trim() || (c.DEMO_MODE && !production ? DEMO_API_KEYS : '');
  if (production && !apiKeys) {
    problems.push('API_KEYS: NODE_ENV=production needs API_KEYS (key:role[:owner], comma-separated; at least one admin key); there are no default keys outside demo mode');
  }
  const grace = c.SHUTDOWN_GRACE_MS ?? c.REQUEST_TIMEOUT_MS + 5_000;
  if (grace <= c.REQUEST_TIMEOUT_MS) problems.push(`SHUTDOWN_GRACE_MS: ${grace} must be longer than REQUEST_TIMEOUT_MS (${c.REQUEST_TIMEOUT_MS}), or in-flight requests are cut`);
  if (problems.length) throw new Error(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return { ...c, API_KEYS: apiKeys, SEED_DEMO: c.SEED_DEMO ?? c.DEMO_MODE, SHUTDOWN_GRACE_MS: grace, RESPONSE_VALIDATION: c.RESPONSE_VALIDATION ?? (production ? 'off' : 'on') };
}
