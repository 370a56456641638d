import { buildApp } from './app.js';
import { loadConfig, type Config } from './config.js';
import { createEngine } from './engine/create.js';
import { seedDemoData, seedDemoOnce } from './indexing/seed-demo.js';
import { ScreenerHolder } from './compliance/index.js';
import { CatalogService } from './catalog/service.js';
import { createClassifier } from './occupations/classifier.js';
import { loadTaxonomy } from './occupations/taxonomy.js';
import { Lifecycle, ProcessServer } from './http/lifecycle.js';

/**
 * Boot: config → listen (healthz 200, readyz 503 "starting") → engine (migration) → occupation classifier and
 * catalog (documents linked with an older catalog are re-linked in the background) → demo data (demo mode, on an
 * empty store) → ready. SIGTERM/SIGINT: not ready → drain delay → close the listener → grace → exit.
 */
function readConfig(): Config {
  // `--demo` (what `npm start` passes) turns demo mode on: the documented demo keys and demo data.
  if (process.argv.includes('--demo') && process.env.DEMO_MODE === undefined) process.env.DEMO_MODE = 'true';
  return loadConfig();
}

async function main(): Promise<void> {
  const config = readConfig();
  // The keys are hashed by now; nothing later (or a child process) needs them in the clear.
  delete process.env.API_KEYS;
  const lifecycle = new Lifecycle('starting');
  const server = new ProcessServer(lifecycle);
  const say = (msg: string, extra: Record<string, unknown> = {}) => (log ? log(msg, extra) : console.error(JSON.stringify({ level: 30, msg, ...extra })));
  let log: ((msg: string, extra?: Record<string, unknown>) => void) | undefined = undefined;
  let shutdown: (signal: string) => Promise<void> = async () => {
    // A signal during the boot: nothing is serving yet, stop now.
    say('signal during boot: exiting');
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await server.listen(config.HOST, config.PORT);
  say('listening: booting', { port: config.PORT, demo: config.DEMO_MODE });
  if (!config.API_KEYS) say('API_KEYS is empty: only keys created at run time exist; set API_KEYS (an admin key at least) or start with --demo');

  const raw = createEngine(config);
  const screener = new ScreenerHolder(config.RULEBOOK_DIR);
  const classifier = createClassifier(loadTaxonomy(config.OCCUPATIONS_FILE));
  const catalog = await CatalogService.open({ dataDir: config.DATA_DIR, engine: raw, classifier, pollMs: config.CATALOG_POLL_MS, staleMs: config.STATE_STALE_MS, log: (msg, extra) => log?.(msg, extra) });
  // A storage migration re-analyses every document; it is linked again on the way (the link-time fields of the gap
  // report are part of the layout), through the write pipeline's link and analyse steps.
  await raw.init((kind, source) => catalog.pipeline.linkAndAnalyse(kind, source as never));
  const app = await buildApp({ config, engine: raw, screener, catalog, classifier, lifecycle, serverFactory: server.factory });
  log = (msg, extra) => app.log.info(extra ?? {}, msg);
  await app.ready();
  server.serve(); // from here Fastify answers on the server opened above (API routes 503 until ready)
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
  shutdown = async (signal: string) => {
    if (closing) {
      app.log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    closing = true;
    // 1. Not ready: load balancers take this replica out. 2. Drain delay: requests they still send are served.
    lifecycle.stopping();
    app.log.info({ signal, drainMs: config.SHUTDOWN_DRAIN_DELAY_MS, graceMs: config.SHUTDOWN_GRACE_MS }, 'shutting down: not ready, draining');
    // The hard stop: longer than the request timeout, so a request that was accepted can finish.
    const timer = setTimeout(() => {
      app.log.error('grace period over: exiting with requests still open');
      process.exit(1);
    }, config.SHUTDOWN_DRAIN_DELAY_MS + config.SHUTDOWN_GRACE_MS).unref();
    seeding.abort();
    try {
      await new Promise((r) => setTimeout(r, config.SHUTDOWN_DRAIN_DELAY_MS));
      // 3. Stop accepting; in-flight requests finish (responses carry Connection: close).
      await server.close();
      // 4. Background work stops and releases what it holds (catalog re-link, key store, engine).
      await app.close();
      await raw.close();
      clearTimeout(timer);
      app.log.info('shut down cleanly');
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  lifecycle.ready();
  app.log.info({ engine: engine.name, catalog: catalog.current().catalog.version, occupations: `${classifier.source} (${classifier.size})`, docs: `http://${config.HOST}:${config.PORT}/docs` }, '智找活 Match is ready');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
