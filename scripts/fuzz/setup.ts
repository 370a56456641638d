import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { CatalogService } from '../../src/catalog/service.js';
import { ScreenerHolder } from '../../src/compliance/index.js';
import { loadConfig } from '../../src/config.js';
import { createEngine } from '../../src/engine/create.js';
import { ElasticsearchEngine } from '../../src/engine/elasticsearch/engine.js';
import { seedDemoData } from '../../src/indexing/seed-demo.js';
import { analyseStored } from '../../src/indexing/service.js';
import { createClassifier } from '../../src/occupations/classifier.js';
import { loadTaxonomy } from '../../src/occupations/taxonomy.js';

/** One key per role (and a second employer and seeker), as API_KEYS declares them. */
export const FUZZ_KEYS: Record<string, string> = {
  public: 'fz-public', employer: 'fz-employer', recruiter: 'fz-recruiter', admin: 'fz-admin', seeker: 'fz-seeker',
};
const API_KEYS = `fz-public:public,fz-employer:employer:e-0001,fz-recruiter:recruiter,fz-admin:admin,fz-seeker:seeker:r-000001`;

/** Small body limits would make "too large" cheap to test; the JSON one stays at its default (1 MB). */
const BULK_LIMIT = 4 * 1_048_576;

export interface FuzzApp {
  app: FastifyInstance;
  keys: Record<string, string>;
  ids: { vacancy: string[]; resume: string[] };
  limits: { body: number; bulk: number };
  /** The error behind each 5xx, by request id (the service logs nothing while fuzzing). */
  errors: Map<string, string>;
  close(): Promise<void>;
}

/**
 * The app as main.ts builds it — embedded engine in a temporary DATA_DIR (or Elasticsearch), catalog, classifier, screener — with
 * the demo data loaded and a key for every role; rate limiting off so every request reaches the routes.
 */
export async function buildFuzzApp(counts: { vacancies: number; resumes: number }, opts: { elasticsearchUrl?: string } = {}): Promise<FuzzApp> {
  const dir = mkdtempSync(join(tmpdir(), 'zzh-fuzz-'));
  const config = loadConfig({
    API_KEYS, LOG_LEVEL: 'silent', SEED_DEMO: 'false', DATA_DIR: dir, RATE_LIMIT_PER_MINUTE: '0',
    BULK_BODY_LIMIT_BYTES: String(BULK_LIMIT),
    ...(process.env.OCCUPATIONS_FILE ? { OCCUPATIONS_FILE: process.env.OCCUPATIONS_FILE } : {}),
    // On Elasticsearch (npm run fuzz -- --elasticsearch URL): indices of its own, dropped afterwards.
    ...(opts.elasticsearchUrl ? { ELASTICSEARCH_URL: opts.elasticsearchUrl, ELASTICSEARCH_INDEX_PREFIX: `zzh-fuzz-${process.pid}-${Date.now().toString(36)}` } : {}),
  });
  const raw = createEngine(config);
  await raw.init(analyseStored);
  const screener = new ScreenerHolder();
  const classifier = createClassifier(loadTaxonomy(config.OCCUPATIONS_FILE));
  const catalog = await CatalogService.open({ dataDir: config.DATA_DIR, engine: raw, classifier });
  const app = await buildApp({ config, engine: raw, screener, catalog, classifier });
  const errors = new Map<string, string>();
  app.addHook('onError', async (req, _reply, err) => {
    errors.set(req.id, `${err.name}: ${err.message}${err.stack ? `\n${err.stack.split('\n').slice(1, 6).join('\n')}` : ''}`);
  });
  await catalog.startup();
  await seedDemoData(catalog.engine, catalog.pipeline, screener.screener, counts, { progress: false });
  await app.ready();
  const pad = (p: string, n: number) => `${p}-${String(n).padStart(6, '0')}`;
  return {
    app,
    keys: FUZZ_KEYS,
    ids: {
      vacancy: Array.from({ length: counts.vacancies }, (_, i) => pad('v', i + 1)),
      resume: Array.from({ length: counts.resumes }, (_, i) => pad('r', i + 1)),
    },
    limits: { body: config.BODY_LIMIT_BYTES, bulk: config.BULK_BODY_LIMIT_BYTES },
    errors,
    async close() {
      await catalog.relink.settled();
      await app.close();
      if (raw instanceof ElasticsearchEngine) await raw.drop();
      await raw.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
