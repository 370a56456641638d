import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Engine } from '../../src/engine/types.js';
import { ScreenerHolder } from '../../src/compliance/index.js';

let screener: ScreenerHolder | undefined;
/** One rulebook load per test file. */
export const sharedScreener = () => (screener ??= new ScreenerHolder());

export const KEYS = {
  public: 'k-public', employer: 'k-employer-1', employer2: 'k-employer-2', recruiter: 'k-recruiter', admin: 'k-admin',
} as const;

export const API_KEYS = `${KEYS.public}:public,${KEYS.employer}:employer:e-0001,${KEYS.employer2}:employer:e-0002,${KEYS.recruiter}:recruiter,${KEYS.admin}:admin`;

export async function appFor(engine: Engine, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = loadConfig({ API_KEYS, LOG_LEVEL: 'silent', SEED_DEMO: 'false', ...env });
  const app = await buildApp({ config, engine, screener: sharedScreener() });
  await app.ready();
  return app;
}

export const auth = (key: string) => ({ authorization: `Bearer ${key}` });
