import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerFactory } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject, validatorCompiler } from 'fastify-type-provider-zod';
import { cpus } from 'node:os';
import { createSerializerCompiler } from './http/serializer.js';
import type { Config } from './config.js';
import type { Engine } from './engine/types.js';
import { makeAuthHook, type Role } from './http/auth.js';
import { clientErrorHandler, documentProblemResponses, installBodyParsers, installProblemHandlers, problem, rejectNulCharacters, requireHostHeader, sendProblem } from './http/problem.js';
import { loggerOptions } from './http/logging.js';
import { installMetrics, Metrics } from './http/metrics.js';
import { installProtection } from './http/protection.js';
import { installLifecycle, Lifecycle } from './http/lifecycle.js';
import { installConsole } from './http/console.js';
import { instrumentEngine } from './engine/instrumented.js';
import { KeyStore } from './keys/store.js';
import type { AuditStore } from './audit/types.js';
import { installReadiness } from './http/readiness.js';
import { openSharedState } from './http/shared-state.js';
import type { EsRulebooks } from './compliance/es-rulebooks.js';
import healthRoutes from './routes/health.js';
import vacancyRoutes from './routes/vacancies.js';
import resumeRoutes from './routes/resumes.js';
import auditRoutes from './routes/audit.js';
import complianceRoutes from './routes/compliance.js';
import catalogRoutes from './routes/catalog.js';
import occupationRoutes from './routes/occupations.js';
import matchRoutes from './routes/matches.js';
import keyRoutes from './routes/keys.js';
import subscriptionRoutes from './routes/subscriptions.js';
import { AlertService } from './alerts/service.js';
import { alertSettings, openAlertStore } from './alerts/create.js';
import suggestRoutes from './routes/suggest.js';
import statsRoutes from './routes/stats.js';
import policyRoutes from './routes/policies.js';
import { PolicyService } from './policies/service.js';
import { SuggestService, esWriteCounter } from './suggest/service.js';
import { StatsService, statsBackendFor } from './stats/service.js';
import type { ScreenerHolder } from './compliance/index.js';
import { CatalogService } from './catalog/service.js';
import { WritePool } from './catalog/write-pool.js';
import { createClassifier, type Classifier } from './occupations/classifier.js';
import { loadTaxonomy } from './occupations/taxonomy.js';

export interface AppDeps {
  config: Config;
  /** The engine; the app uses it through `catalog.engine`, which links every written document to the catalog. */
  engine: Engine;
  /** The live compliance screener, shared by the compliance routes and vacancy publishing. */
  screener: ScreenerHolder;
  /** The talent demand catalog: versions, linking at index time, background re-link, gap report (opened in DATA_DIR when absent). */
  catalog?: CatalogService;
  /** The policy set (免申即享): revisions in DATA_DIR/policies or the Elasticsearch index <prefix>-policies (opened when absent). */
  policies?: PolicyService;
  /** The occupation classifier, built once at boot from OCCUPATIONS_FILE or the built-in list (built here when absent). */
  classifier?: Classifier;
  /** Prometheus metrics (one registry per app); created when absent. */
  metrics?: Metrics;
  /** The API keys (API_KEYS hashed, plus keys.json in DATA_DIR); opened when absent and closed with the app. */
  keys?: KeyStore;
  /** Subscriptions, their feeds and webhook delivery (issue 14, item 1); opened beside the engine when absent, closed with the app. */
  alerts?: AlertService;
  /** The audit log of resume views; Elasticsearch (with ELASTICSEARCH_URL) or DATA_DIR/audit.sqlite when absent. */
  audit?: AuditStore;
  /** The rulebook shared by every replica (with ELASTICSEARCH_URL); absent: reloads stay on this process. */
  rulebooks?: EsRulebooks;
  /** The clock of recommendations (tests fix it); the system clock by default. */
  now?: () => Date;
  /** Pass a logger to share one; otherwise one is built from config. */
  logger?: FastifyBaseLogger;
  // --- process lifecycle (main.ts): boot → ready → stopping, and the server that listened before the boot ---
  /** The process phase behind /readyz; always ready when absent (tests, scripts). */
  lifecycle?: Lifecycle;
  /** The HTTP server main.ts opened before the boot (src/http/lifecycle.ts); Fastify's own when absent. */
  serverFactory?: FastifyServerFactory;
}

/** The dependencies as routes see them: everything present, the engine linking documents on the way in. */
export type AppContext = AppDeps & { catalog: CatalogService; classifier: Classifier; metrics: Metrics; keys: KeyStore; lifecycle: Lifecycle; suggest: SuggestService; stats: StatsService; policies: PolicyService; alerts: AlertService };

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppContext;
    /** Every route with the roles declared next to it (none: no key needed), for audits and the role tests. */
    routeTable: Array<{ method: string; url: string; roles?: readonly Role[] }>;
  }
}

/** Builds the HTTP app: plugins, hooks, OpenAPI, routes. Listening is the caller's job. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: loggerOptions(config.LOG_LEVEL) }),
    ...(deps.serverFactory ? { serverFactory: deps.serverFactory } : {}),
    bodyLimit: config.BODY_LIMIT_BYTES,
    // A client that opens slow requests cannot hold a connection forever.
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    connectionTimeout: config.REQUEST_TIMEOUT_MS,
    requestIdHeader: 'x-request-id',
    // Requests the HTTP parser refuses (broken request line, headers over 16 KB) get a problem document too,
    // and so does one without Host (requireHostHeader below, not Node's bare 400).
    clientErrorHandler,
    http: { requireHostHeader: false },
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Router-level errors (malformed URL, over-long path parameter) are problem documents too.
    frameworkErrors: (err, _req, reply) => {
      const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
      void sendProblem(reply, problem(status, err.message, [{ field: '(path)', location: 'path', reason: err.message }]));
    },
  });
  const classifier = deps.classifier ?? createClassifier(loadTaxonomy(config.OCCUPATIONS_FILE));
  const catalog = deps.catalog ?? (await CatalogService.open({ dataDir: config.DATA_DIR, engine: deps.engine, classifier }));
  if (catalog.engine !== deps.engine) throw new Error('AppDeps: the catalog was opened on another engine');
  const metrics = deps.metrics ?? new Metrics();
  // With ELASTICSEARCH_URL: keys, audit and rulebook in Elasticsearch, shared by every replica (src/state).
  const readiness = installReadiness(app);
  const shared = await openSharedState(app, config, deps.screener, { ...(deps.keys ? { keys: deps.keys } : {}), ...(deps.audit ? { audit: deps.audit } : {}), ...(deps.rulebooks ? { rulebooks: deps.rulebooks } : {}) }, readiness);
  const keys = shared.keys ?? KeyStore.open({ dataDir: config.DATA_DIR, apiKeys: config.API_KEYS, warn: (msg, extra) => app.log.warn(extra ?? {}, msg) });
  if (!deps.keys) app.addHook('onClose', async () => keys.close());
  // Routes see the engine timed per operation (engine latency metrics); documents are linked by the write pipeline.
  // The plain API_KEYS are not kept past this point: the key store holds their hashes.
  const visibleConfig = { ...config, API_KEYS: '(hashed at boot)' };
  // Search-box suggestions follow every vacancy write made through the app's engine at once, and rebuild when
  // others (demo seeding, other replicas) wrote; statistics aggregate on the raw engine.
  const suggest = new SuggestService({
    engine: catalog.engine,
    ...(esWriteCounter(catalog.engine) ?? { writeCounter: () => catalog.pipeline.changes }),
    refreshMs: config.SUGGEST_REFRESH_MS,
    log: (msg, extra) => app.log.info(extra ?? {}, msg),
  });
  app.addHook('onReady', async () => void suggest.start().catch((err: unknown) => app.log.warn({ err: String(err) }, 'suggestions: first build failed')));
  app.addHook('onClose', async () => suggest.stop());
  const stats = new StatsService({
    backend: statsBackendFor(catalog.engine),
    minCount: config.STATS_MIN_COUNT,
    label: (by, key) => (by === 'occupation' ? classifier.get(key)?.name : by === 'catalogEntry' ? catalog.current().catalog.entries.find((e) => e.id === key)?.occupation : undefined),
    ...(deps.now ? { now: deps.now } : {}),
  });
  const policies = deps.policies ?? PolicyService.create({ engine: catalog.engine, dataDir: config.DATA_DIR });
  const engine = suggest.observe(instrumentEngine(catalog.engine, metrics.observeEngine));
  // Every document write (PUT, bulk, demo seeding, re-link) goes through the catalog's write pipeline: it writes
  // through the app's engine, so engine metrics and suggestions see all of them.
  catalog.pipeline.use(engine);
  // One analysis worker pool per process for bulk and re-link batches (WRITE_WORKERS ≥ 2; 0/1 = inline).
  const writeWorkers = config.WRITE_WORKERS ?? Math.max(1, Math.min(2, cpus().length - 1));
  if (writeWorkers >= 2) {
    const pool = new WritePool(writeWorkers);
    catalog.pipeline.usePool(pool);
    app.addHook('onClose', async () => { catalog.pipeline.usePool(undefined); await pool.close(); });
  }
  const lifecycle = deps.lifecycle ?? new Lifecycle('ready');
  const alertStore = deps.alerts ? undefined : await openAlertStore(deps.engine, config);
  const alerts = deps.alerts ?? new AlertService({
    store: alertStore!, engine: catalog.engine, settings: alertSettings(config),
    observe: metrics.alertObserver(() => alertStore!.outboxCount('pending')),
    matchContext: () => ({ now: deps.now?.() ?? new Date(), catalog: catalog.context.catalog, classifier }),
    log: (msg, extra) => app.log.warn(extra ?? {}, msg),
  });
  if (!deps.alerts) {
    alerts.start();
    app.addHook('onClose', async () => { await alerts.stop(); await alerts.store.close(); });
  }
  app.decorate('deps', { ...deps, ...shared, config: visibleConfig, classifier, catalog, metrics, keys, lifecycle, engine, suggest, stats, policies, alerts });
  installLifecycle(app, lifecycle);
  installMetrics(app, metrics);
  app.decorate('routeTable', []);
  // The catalog poll (catalog versions and the re-link made through other replicas) is one of /readyz's checks.
  readiness.add('catalog', async () => {
    try {
      await catalog.checkReady();
      return undefined;
    } catch (err) {
      return `catalog: ${(err as Error).message}`;
    }
  });
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      app.routeTable.push({ method, url: route.url, ...(route.config?.roles ? { roles: route.config.roles } : {}) });
    }
    documentProblemResponses(route);
  });
  app.addHook('onClose', async () => catalog.stop());
  app.setValidatorCompiler(validatorCompiler);
  // Answers are written from their schemas compiled once (fast-json-stringify); RESPONSE_VALIDATION=on also checks them with zod.
  app.setSerializerCompiler(createSerializerCompiler({ validate: config.RESPONSE_VALIDATION === 'on' }));
  installProblemHandlers(app);
  await installProtection(app, config, { onRateLimited: (route) => metrics.rateLimited.inc({ route }), knownKey: (key) => keys.lookup(key) !== undefined });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  // JSON must be valid UTF-8; NDJSON bodies reach bulk routes as a stream (read line by line), counted against the limit.
  installBodyParsers(app);
  // Keys are checked first: an unauthorised caller learns nothing about validation.
  // After the rate limit (route-level onRequest hooks), so wrong keys are limited too; before any body parsing.
  app.addHook('preParsing', makeAuthHook(keys));
  app.addHook('onRequest', requireHostHeader);
  app.addHook('preValidation', rejectNulCharacters);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '智找活 Match API',
        description: 'Job-matching search and recommendation API of Qingdao\'s public employment platform 智找活. Send an API key as `Authorization: Bearer <key>` or `x-api-key`.',
        version: '0.1.0',
      },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' }, xApiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } } },
      security: [{ apiKey: [] }, { xApiKey: [] }],
    },
    transform: jsonSchemaTransform,
    // Schemas with an id (Problem, the compliance ones) become components, so their $refs resolve.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes);
  await app.register(vacancyRoutes);
  await app.register(auditRoutes); // before the routes that show resumes: they record each view in it
  await app.register(resumeRoutes);
  await app.register(complianceRoutes, { holder: deps.screener });
  await app.register(catalogRoutes);
  await app.register(occupationRoutes);
  await app.register(matchRoutes);
  await app.register(keyRoutes);
  await app.register(subscriptionRoutes);
  await app.register(suggestRoutes);
  await app.register(statsRoutes);
  await app.register(policyRoutes);
  // The browser console: static files at /console that use the routes above with the user's key.
  await installConsole(app);
  return app;
}
