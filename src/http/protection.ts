import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { hashKey } from '../keys/hash.js';
import { presentedKey } from './auth.js';
import { HttpProblem } from './problem.js';

const UNLIMITED_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Abuse resistance at the edge: security headers, a CORS allow-list for the front-ends, and a rate limit per API
 * key (per client IP without a key). Over the limit: 429 problem document with Retry-After.
 */
export async function installProtection(
  app: FastifyInstance, config: Config,
  hooks: { onRateLimited?: (route: string) => void; knownKey?: (key: string) => boolean } = {},
): Promise<void> {
  // A JSON API: no CSP (Swagger UI at /docs needs inline scripts); the other helmet headers apply.
  await app.register(helmet, { contentSecurityPolicy: false });
  if (config.CORS_ORIGINS.length) {
    await app.register(cors, {
      origin: config.CORS_ORIGINS,
      methods: ['GET', 'PUT', 'POST', 'DELETE'],
      allowedHeaders: ['authorization', 'x-api-key', 'content-type'],
      exposedHeaders: ['x-request-id', 'retry-after'],
      maxAge: 600,
    });
  }
  if (config.RATE_LIMIT_PER_MINUTE > 0) {
    const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL) : undefined;
    if (redis) app.addHook('onClose', async () => { await redis.quit().catch(() => redis.disconnect()); });
    await app.register(rateLimit, {
      // With REDIS_URL the counters are shared by every replica (one limit in total, not one per replica). When
      // Redis fails at run time requests are let through (logged) rather than refused: the limit is a guard,
      // not a reason for an outage.
      ...(redis ? { redis, nameSpace: `${config.ELASTICSEARCH_INDEX_PREFIX}-ratelimit:`, skipOnError: true } : {}),
      max: config.RATE_LIMIT_PER_MINUTE,
      timeWindow: 60_000,
      allowList: (req) => UNLIMITED_ROUTES.has(req.routeOptions.url ?? ''),
      // Keys are hashed so the limiter's memory never holds them in the clear. Only a known key has its own
      // bucket: made-up keys count against the caller's address, so rotating them does not escape the limit.
      keyGenerator: (req) => {
        const key = presentedKey(req);
        return key && (hooks.knownKey?.(key) ?? true) ? `key:${hashKey(key).slice(0, 32)}` : `ip:${req.ip}`;
      },
      onExceeded: (req) => hooks.onRateLimited?.(req.routeOptions.url ?? 'unmatched'),
      errorResponseBuilder: (_req, ctx) =>
        Object.assign(new HttpProblem(429, `rate limit of ${ctx.max} requests per minute exceeded; retry in ${ctx.after}`, [{ field: 'authorization', location: 'header', reason: 'too many requests for this key or address' }]), { statusCode: 429 }),
    });
  }
}

/** Connects at boot, so a wrong REDIS_URL stops the start with a clear message instead of failing open later. */
async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on('error', () => {}); // reported through the limiter (skipOnError) and at boot below
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    throw new Error(`REDIS_URL is set but Redis at ${url.replace(/\/\/[^@]*@/, '//***@')} does not answer (${(err as Error).message}); start Redis or unset REDIS_URL for per-process rate limits`);
  }
  return redis;
}
