import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Engine } from '../../src/engine/types.js';
import { ScreenerHolder } from '../../src/compliance/index.js';
import { CatalogService } from '../../src/catalog/service.js';
import type { CatalogRepository } from '../../src/catalog/repository.js';
import { createClassifier, type Classifier } from '../../src/occupations/classifier.js';
import { loadTaxonomy } from '../../src/occupations/taxonomy.js';

let screener: ScreenerHolder | undefined;
/** One rulebook load per test file. */
export const sharedScreener = () => (screener ??= new ScreenerHolder());

const classifiers = new Map<string, Classifier>();
/** One classifier per taxonomy file per test file (the full taxonomy takes about a second to index). */
export function sharedClassifier(file?: string): Classifier {
  const key = file ?? '';
  let c = classifiers.get(key);
  if (!c) classifiers.set(key, (c = createClassifier(loadTaxonomy(file))));
  return c;
}

export const KEYS = {
  public: 'k-public', employer: 'k-employer-1', employer2: 'k-employer-2', recruiter: 'k-recruiter', admin: 'k-admin',
  seeker: 'k-seeker-1', seeker2: 'k-seeker-2',
} as const;

export const API_KEYS = `${KEYS.public}:public,${KEYS.employer}:employer:e-0001,${KEYS.employer2}:employer:e-0002,${KEYS.recruiter}:recruiter,${KEYS.admin}:admin,${KEYS.seeker}:seeker:r-000001,${KEYS.seeker2}:seeker:r-000002`;

export interface AppOptions {
  /** A fixed clock for recommendations. */
  now?: Date;
  /**
   * Re-link documents not linked with the current catalog, as main.ts does at boot, and wait for it. Off by
   * default: documents a test indexed straight into the engine stay as they were written.
   */
  relinkAtStartup?: boolean;
  /** Where the catalog versions live (default: DATA_DIR files, or `<prefix>-catalog` on Elasticsearch). */
  repository?: CatalogRepository;
}

/**
 * The app over an engine, as main.ts builds it: classifier, catalog service (its versions in a fresh temporary
 * DATA_DIR unless env sets one, removed when the app closes), linking at index time.
 */
export async function appFor(engine: Engine, env: Record<string, string> = {}, opts: AppOptions = {}): Promise<FastifyInstance> {
  const own = env.DATA_DIR ? undefined : mkdtempSync(join(tmpdir(), 'zzh-app-'));
  const config = loadConfig({ API_KEYS, LOG_LEVEL: 'silent', SEED_DEMO: 'false', ...(own ? { DATA_DIR: own } : {}), ...env });
  const classifier = sharedClassifier(config.OCCUPATIONS_FILE);
  const catalog = await CatalogService.open({ dataDir: config.DATA_DIR, engine, classifier, ...(opts.repository ? { repository: opts.repository } : {}) });
  const app = await buildApp({ config, engine, screener: sharedScreener(), catalog, classifier, ...(opts.now ? { now: () => opts.now! } : {}) });
  if (own) app.addHook('onClose', async () => rmSync(own, { recursive: true, force: true }));
  if (opts.relinkAtStartup) {
    await catalog.startup();
    await catalog.relink.settled();
  }
  await app.ready();
  return app;
}

export const auth = (key: string) => ({ authorization: `Bearer ${key}` });

/**
 * An app on a fresh embedded store for one test file: set up before all tests, closed after.
 * Returns a getter because the app exists only once beforeAll has run.
 */
export function useEmbeddedApp(): () => FastifyInstance {
  let app: FastifyInstance | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const { makeEmbedded } = await import('./engines.js');
    const e = await makeEmbedded();
    cleanup = e.cleanup;
    app = await appFor(e.engine);
  });
  afterAll(async () => { await app?.close(); await cleanup?.(); });
  return () => app!;
}
