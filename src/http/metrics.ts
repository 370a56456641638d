import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EngineObserver } from '../engine/instrumented.js';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/**
 * Prometheus metrics of one app: request latency per route, engine latency per operation, the compliance
 * screen's verdicts and findings by category, bulk line outcomes and rate-limit rejections. Labels never carry
 * personal data or free text: routes are templates (/v1/resumes/:id), not URLs; no ids, keys or query text.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'zzh_http_request_duration_seconds', help: 'HTTP request latency by route template, method and status',
    labelNames: ['method', 'route', 'status'] as const, buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly engineDuration = new Histogram({
    name: 'zzh_engine_operation_duration_seconds', help: 'Search engine latency by engine, document kind, operation (search, get, upsert: one document or a bulk batch, count, delete) and outcome',
    labelNames: ['engine', 'kind', 'operation', 'outcome'] as const, buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly complianceChecks = new Counter({
    name: 'zzh_compliance_checks_total', help: 'Compliance screens by verdict and where they ran (check API or vacancy publishing)',
    labelNames: ['verdict', 'source'] as const, registers: [this.registry],
  });
  readonly complianceFindings = new Counter({
    name: 'zzh_compliance_findings_total', help: 'Compliance findings by category and severity',
    labelNames: ['category', 'severity'] as const, registers: [this.registry],
  });
  readonly bulkItems = new Counter({
    name: 'zzh_bulk_items_total', help: 'NDJSON bulk lines by document kind and outcome: created, updated, rejected (invalid, not allowed or refused by the compliance screen), failed (the engine did not write it)',
    labelNames: ['kind', 'outcome'] as const, registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: 'zzh_rate_limit_rejections_total', help: 'Requests refused with 429 by the rate limit, by route template',
    labelNames: ['route'] as const, registers: [this.registry],
  });

  readonly alertEvents = new Counter({
    name: 'zzh_alert_events_total', help: 'Subscription events written, by type (vacancy.matched, vacancy.closed)',
    labelNames: ['type'] as const, registers: [this.registry],
  });
  readonly webhookDeliveries = new Counter({
    name: 'zzh_webhook_deliveries_total', help: 'Webhook delivery attempts by outcome: delivered, retry (failed, retried later), dead (given up, subscription marked failing)',
    labelNames: ['outcome'] as const, registers: [this.registry],
  });
  readonly alertMatching = new Histogram({
    name: 'zzh_alert_matching_seconds', help: 'Matching one vacancy write (a batch of vacancies) against the subscriptions, until its events are handed to the store',
    buckets: LATENCY_BUCKETS, registers: [this.registry],
  });
  private outboxDepth: (() => Promise<number>) | undefined;

  constructor() {
    const depth = () => this.outboxDepth;
    new Gauge({
      name: 'zzh_webhook_outbox_pending', help: 'Webhook events waiting in the outbox (due or backing off)', registers: [this.registry],
      async collect() { const read = depth(); if (read) this.set(await read().catch(() => NaN)); },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'zzh_' });
  }

  recordCompliance(result: { verdict: string; findings: ReadonlyArray<{ category: string; severity: string }> }, source: 'check' | 'publish'): void {
    this.complianceChecks.inc({ verdict: result.verdict, source });
    for (const f of result.findings) this.complianceFindings.inc({ category: f.category, severity: f.severity });
  }

  /** Outcomes of one bulk request's lines. */
  recordBulk(kind: string, counts: { created: number; updated: number; rejected: number; failed: number }): void {
    for (const [outcome, n] of Object.entries(counts)) if (n > 0) this.bulkItems.inc({ kind, outcome }, n);
  }

  /** What the alert service reports (events, deliveries, matching time), and where the outbox depth is read. */
  alertObserver(outboxPending: () => Promise<number>) {
    this.outboxDepth = outboxPending;
    return {
      events: (type: string, n: number) => this.alertEvents.inc({ type }, n),
      delivery: (outcome: string) => this.webhookDeliveries.inc({ outcome }),
      matching: (seconds: number) => this.alertMatching.observe(seconds),
    };
  }

  /** Feeds engine timings from instrumentEngine. */
  readonly observeEngine: EngineObserver = ({ engine, kind, operation, outcome, seconds }) => {
    this.engineDuration.observe({ engine, kind, operation, outcome }, seconds);
  };
}

/** Times every request by its route template and serves GET /metrics (Prometheus text format). */
export function installMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { tags: ['health'], summary: 'Prometheus metrics', security: [] } }, async (_req, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
