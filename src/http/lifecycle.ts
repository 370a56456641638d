import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyServerFactory } from 'fastify';

export type Phase = 'starting' | 'ready' | 'stopping';

/**
 * The process's phase, as /readyz reports it: `starting` while the boot (migration, catalog, demo seeding)
 * runs, `ready`, then `stopping` from the first SIGTERM on. /healthz answers 200 in every phase.
 */
export class Lifecycle {
  private current: Phase;
  constructor(initial: Phase = 'ready') {
    this.current = initial;
  }
  get phase(): Phase {
    return this.current;
  }
  ready(): void {
    if (this.current === 'starting') this.current = 'ready';
  }
  stopping(): void {
    this.current = 'stopping';
  }
  /** Why the process is not ready, or undefined when it is. */
  notReadyReason(): string | undefined {
    if (this.current === 'starting') return 'starting: the service is still booting (index migration, catalog, demo data)';
    if (this.current === 'stopping') return 'shutting down: requests are being drained';
    return undefined;
  }
}

const PROBLEM = 'application/problem+json';
const HEALTH = new Set(['/healthz', '/readyz', '/metrics']);

function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0]!.replace(/\/+$/, '') || '/';
}

/** The answer while the HTTP app is not built yet: alive, not ready, everything else 503 with Retry-After. */
function bootHandler(lifecycle: Lifecycle) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = pathOf(req);
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end('{"status":"ok"}');
      return;
    }
    const detail = lifecycle.notReadyReason() ?? 'starting';
    res.writeHead(503, { 'content-type': PROBLEM, 'retry-after': '5' })
      .end(JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail }));
  };
}

/**
 * One HTTP server for the whole life of the process: it listens before the boot starts (so /healthz answers
 * during a long migration or seeding, and /readyz says 503 starting), and Fastify takes it over through
 * `serverFactory` once the app is built; no gap in which the port is closed.
 */
/** Fastify's default keep-alive timeout. */
const DEFAULT_KEEP_ALIVE_MS = 72_000;

export class ProcessServer {
  readonly server: Server;
  private handler: (req: IncomingMessage, res: ServerResponse) => void;
  private fastifyHandler?: (req: IncomingMessage, res: ServerResponse) => void;

  constructor(private readonly lifecycle: Lifecycle) {
    this.handler = bootHandler(lifecycle);
    // Node's own requireHostHeader would answer a bare 400; the app's client error handler answers instead.
    this.server = createServer({ requireHostHeader: false }, (req, res) => this.handler(req, res));
    // Longer than a load balancer's idle keep-alive, as Fastify's own default: with Node's 5 s, a socket closed
    // by the server just as the client reuses it (more likely while the boot keeps the event loop busy) is
    // an ECONNRESET for that client.
    this.server.keepAliveTimeout = DEFAULT_KEEP_ALIVE_MS;
  }

  /**
   * For buildApp: Fastify gets this server; its handler takes over at `serve()`, once the app is ready.
   * Fastify applies its timeouts only to servers it creates itself, so they are applied here.
   */
  readonly factory: FastifyServerFactory = (handler, opts) => {
    this.fastifyHandler = handler;
    const ms = (v: unknown) => (typeof v === 'number' && v > 0 ? v : undefined);
    this.server.keepAliveTimeout = ms(opts.keepAliveTimeout) ?? DEFAULT_KEEP_ALIVE_MS;
    const request = ms(opts.requestTimeout);
    if (request) this.server.requestTimeout = request;
    const connection = ms(opts.connectionTimeout);
    if (connection) this.server.setTimeout(connection);
    return this.server;
  };

  /** After `app.ready()`: requests go to Fastify from now on (before, its hooks and routes are not built). */
  serve(): void {
    if (!this.fastifyHandler) throw new Error('ProcessServer.serve(): the app was not built with this server');
    this.handler = this.fastifyHandler;
  }

  listen(host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  /** Stops accepting, closes idle keep-alive connections, resolves when the last in-flight request ended. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
    });
  }

  get phase(): Phase {
    return this.lifecycle.phase;
  }
}

/**
 * Hooks of the app: API routes answer 503 (Retry-After) until the boot is done; while stopping every response
 * carries `Connection: close`, so keep-alive clients (and the load balancer) reconnect to another replica.
 */
export function installLifecycle(app: FastifyInstance, lifecycle: Lifecycle): void {
  app.addHook('onRequest', async (req, reply) => {
    if (lifecycle.phase !== 'starting' || HEALTH.has(pathOf(req.raw)) || pathOf(req.raw).startsWith('/docs') || pathOf(req.raw) === '/openapi.json') return;
    return reply.code(503).header('retry-after', '5').type(PROBLEM)
      .send({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: lifecycle.notReadyReason() });
  });
  app.addHook('onSend', async (_req, reply) => {
    if (lifecycle.phase === 'stopping') reply.header('connection', 'close');
  });
}
