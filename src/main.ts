import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { createEngine } from './engine/create.js';
import { seedDemoData, seedDemoOnce } from './indexing/seed-demo.js';
import { ScreenerHolder } from './compliance/index.js';
import { CatalogService } from './catalog/service.js';
import { createClassifier } from './occupations/classifier.js';
import { loadTaxonomy } from './occupations/taxonomy.js';

/**
 * Boot: config → engine → occupation classifier and catalog (documents linked with an older catalog are
 * re-linked in the background) → demo data (on an empty store, linked as it is written) → HTTP.
 * SIGINT/SIGTERM close cleanly.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  // The keys are hashed by now; nothing later (or a child process) needs them in the clear.
  delete process.env.API_KEYS;
  const raw = createEngine(config);
  const screener = new ScreenerHolder();
  const classifier = createClassifier(loadTaxonomy(config.OCCUPATIONS_FILE));
  let log: ((msg: string, extra?: Record<string, unknown>) => void) | undefined;
  const catalog = await CatalogService.open({ dataDir: config.DATA_DIR, engine: raw, classifier, pollMs: config.CATALOG_POLL_MS, log: (msg, extra) => log?.(msg, extra) });
  // A storage migration re-analyses every document; it is linked again on the way (the link-time fields of the gap
  // report are part of the layout), through the write pipeline's link and analyse steps.
  await raw.init((kind, source) => catalog.pipeline.linkAndAnalyse(kind, source as never));
  const app = await buildApp({ config, engine: raw, screener, catalog, classifier });
  log = (msg, extra) => app.log.info(extra ?? {}, msg);
  const engine = catalog.engine;
  await catalog.startup();
  const seeding = new AbortController();
  if (config.SEED_DEMO) {
    // Once across replicas (a lease): the holder seeds before listening; the others listen and stand by to take over.
    const t0 = performance.now();
    const counts = { vacancies: config.DEMO_VACANCIES, resumes: config.DEMO_RESUMES };
    const progress = process.stderr.isTTY || process.env.CI !== 'true';
    const loaded = (n: { vacancies: number; resumes: number }) => { if (n.vacancies || n.resumes) app.log.info({ ...n, ms: Math.round(performance.now() - t0) }, 'demo data loaded'); };
    const n = await seedDemoData(engine, catalog.pipeline, screener.screener, counts, { progress });
    if (n) loaded(n);
    else void seedDemoOnce(engine, catalog.pipeline, screener.screener, counts, { progress: false, signal: seeding.signal }).then(loaded, (err: unknown) => app.log.error({ err: (err as Error).message }, 'demo seeding failed'));
  }
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000).unref();
    seeding.abort();
    try {
      await app.close();
      await raw.close();
    } finally {
      clearTimeout(timer);
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ host: config.HOST, port: config.PORT });
  app.log.info({ engine: engine.name, catalog: catalog.current().catalog.version, occupations: `${classifier.source} (${classifier.size})`, docs: `http://${config.HOST}:${config.PORT}/docs` }, '智找活 Match is listening');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
