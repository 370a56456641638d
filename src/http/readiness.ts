import type { FastifyInstance } from 'fastify';

/**
 * What `/readyz` checks besides the engine. Any part of the app adds a check (the state poller: "changes seen
 * within 10 s"; shutdown: "draining"); a check answers why the replica is not ready, or undefined when it is.
 */
export type ReadinessCheck = () => string | undefined | Promise<string | undefined>;

export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();

  add(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  /** The first reason not to be ready, or undefined. */
  async notReadyReason(): Promise<string | undefined> {
    for (const check of this.checks.values()) {
      const why = await check();
      if (why) return why;
    }
    return undefined;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Extra readiness checks of /readyz (see src/http/readiness.ts). */
    readiness: Readiness;
  }
}

export function installReadiness(app: FastifyInstance): Readiness {
  const r = new Readiness();
  app.decorate('readiness', r);
  return r;
}
