import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { createEngine } from './engine/create.js';
import { seedDemoData } from './indexing/seed-demo.js';
import { ScreenerHolder } from './compliance/index.js';

/** Boot: config → engine → demo data (on an empty store) → HTTP. SIGINT/SIGTERM close cleanly. */
async function main(): Promise<void> {
  const config = loadConfig();
  const engine = createEngine(config);
  await engine.init();
  const screener = new ScreenerHolder();
  const app = await buildApp({ config, engine, screener });
  if (config.SEED_DEMO) {
    const t0 = performance.now();
    const n = await seedDemoData(engine, screener.screener, { vacancies: config.DEMO_VACANCIES, resumes: config.DEMO_RESUMES }, { progress: process.stderr.isTTY || process.env.CI !== 'true' });
    if (n.vacancies || n.resumes) app.log.info({ ...n, ms: Math.round(performance.now() - t0) }, 'demo data loaded');
  }
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await app.close();
      await engine.close();
    } finally {
      clearTimeout(timer);
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ host: config.HOST, port: config.PORT });
  app.log.info({ engine: engine.name, docs: `http://${config.HOST}:${config.PORT}/docs` }, '智找活 Match is listening');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
