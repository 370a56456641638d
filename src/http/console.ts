import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { fromRoot } from '../paths.js';
import { problem, sendProblem } from './problem.js';

/** Where `npm run build` (vite, console/vite.config.ts) puts the console: dist/console under the package root. */
export const CONSOLE_DIR = fromRoot('dist', 'console');

// The console is static files that call the public API from the same origin: nothing from elsewhere is loaded.
// ECharts sets inline styles, hence 'unsafe-inline' for styles only; CSV downloads are blob: URLs.
const CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

/**
 * Serves the browser console (issue 16) at /console: static files only, no route of its own to the data — its
 * pages call the /v1 routes with the key the user types, so keys and roles apply as to any client. Without a
 * build (tsx in development) /console answers a problem document saying how to build it.
 */
export async function installConsole(app: FastifyInstance, dir = CONSOLE_DIR): Promise<void> {
  if (!existsSync(join(dir, 'index.html'))) {
    const missing = async (_req: unknown, reply: Parameters<typeof sendProblem>[0]) => sendProblem(reply, problem(404, 'the console is not built: run `npm run build` (it bundles console/ into dist/console)'));
    app.get('/console', { schema: { hide: true } }, missing);
    app.get('/console/*', { schema: { hide: true } }, missing);
    return;
  }
  // In a scope of its own: reply.sendFile is decorated here only (Swagger UI has its own copy).
  await app.register(async (scope) => {
    await scope.register(fastifyStatic, {
      root: dir,
      prefix: '/console/',
      index: false,
      wildcard: true,
      schemaHide: true,
      cacheControl: false,
      setHeaders: (reply, path) => {
        reply.header('content-security-policy', CONSOLE_CSP);
        // Hashed bundle names change with their content; index.html is checked every time.
        reply.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // /console and /console/ (the router ignores trailing slashes) are the page itself.
    scope.get('/console', { schema: { hide: true } }, (_req, reply) => reply.sendFile('index.html'));
  });
}
