import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics of one app: request latency per route, and the compliance screen's verdicts and findings by
 * category. Labels never carry personal data or free text: routes are templates (/v1/resumes/:id), not URLs.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'zzh_http_request_duration_seconds', help: 'HTTP request latency by route template, method and status',
    labelNames: ['method', 'route', 'status'] as const, buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
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

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'zzh_' });
  }

  recordCompliance(result: { verdict: string; findings: ReadonlyArray<{ category: string; severity: string }> }, source: 'check' | 'publish'): void {
    this.complianceChecks.inc({ verdict: result.verdict, source });
    for (const f of result.findings) this.complianceFindings.inc({ category: f.category, severity: f.severity });
  }
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
