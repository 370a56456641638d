import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../domain/common.js';
import type { IndexDoc, Kind } from '../engine/types.js';
import type { Principal, Role } from '../http/auth.js';
import { HttpProblem, problemSchema } from '../http/problem.js';
import { lineError, type BulkItem, type KindSpec, type WriteSteps } from '../indexing/service.js';
import type { Resume } from '../domain/resume.js';
import type { Vacancy } from '../domain/vacancy.js';
import { ndjsonLines } from '../indexing/ndjson.js';
import { engineFault } from '../engine/faults.js';
import { recordResumeViews } from './audit.js';

/** How one kind of document is exposed over HTTP: who may write and read it, and how it is shown. */
export interface DocumentRouteOptions<Doc> {
  kind: Kind;
  spec: KindSpec<Doc>;
  path: string;
  tag: string;
  noun: string;
  outputSchema: z.ZodType;
  writeRoles: readonly Role[];
  readRoles: readonly Role[];
  /** Why this principal may not write this document (new or existing), or undefined when allowed. */
  refuseWrite: (p: Principal, doc: Doc) => string | undefined;
  /** The document as this principal may see it, or null when it must look absent. */
  present: (p: Principal, doc: Doc) => Doc | null;
  /** Record each read in the audit log (resumes: reason direct) before answering. */
  audited?: boolean;
  /** Screening before storage: the document to store, or a refusal answered with `status` (PUT) or a line error (bulk). */
  admit?: (doc: Doc, now: Date) => { doc: Doc } | { status: number; field: string; message: string; extra?: Record<string, unknown> };
  /** After a successful write (PUT, each bulk batch), with the documents as stored: subscriptions are matched here. */
  afterWrite?: (docs: IndexDoc[]) => Promise<void>;
  /** After a successful delete, with the document as it was. */
  afterDelete?: (doc: Doc) => Promise<void>;
}

const BULK_BATCH = 500;

const bulkResponseSchema = z.object({
  items: z.array(z.object({
    line: z.number().int(),
    id: z.string().optional(),
    result: z.enum(['created', 'updated', 'error']),
    error: z.object({ field: z.string(), reason: z.string() }).optional(),
  })),
  created: z.number().int(),
  updated: z.number().int(),
  errors: z.number().int(),
});

export function documentRoutes<Doc extends { id: string }>(o: DocumentRouteOptions<Doc>): FastifyPluginAsyncZod {
  const { spec } = o;
  const params = z.object({ id: idSchema });
  return async (app) => {
    const { engine, config } = app.deps;
    const pipeline = app.deps.catalog.pipeline;
    const load = async (id: string) => (await engine.get(o.kind, id)) as Doc | null;
    /** The route's steps of the write pipeline: authorise (this principal, the stored document too) and screen. */
    const steps = (principal: Principal, existing?: Doc | null): WriteSteps<Vacancy | Resume> => ({
      authorise: (d) => (existing && o.refuseWrite(principal, existing)) || o.refuseWrite(principal, d as unknown as Doc),
      ...(o.admit ? {
        screen: (d: Vacancy | Resume, now: Date) => {
          const verdict = o.admit!(d as unknown as Doc, now);
          return 'doc' in verdict ? { doc: verdict.doc as unknown as Vacancy | Resume } : { status: verdict.status, field: verdict.field, reason: verdict.message, ...(verdict.extra ? { extra: verdict.extra } : {}) };
        },
      } : {}),
    });

    app.put(`${o.path}/:id`, {
      config: { roles: o.writeRoles },
      schema: {
        tags: [o.tag], summary: `Create or replace a ${o.noun} (idempotent)`,
        params, body: spec.input,
        response: { 200: o.outputSchema, 201: o.outputSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema, 422: problemSchema },
      },
    }, async (req, reply) => {
      const { id } = req.params;
      if (req.body.id !== undefined && req.body.id !== id) {
        throw new HttpProblem(400, `body id "${req.body.id}" differs from the path id "${id}"`, [{ field: 'id', location: 'body', reason: 'must match the path' }]);
      }
      const now = new Date();
      // validate (the body schema) → authorise → screen → link → analyse → write.
      const doc = spec.build(id, req.body, now) as unknown as Vacancy | Resume;
      const out = await pipeline.writeOne(o.kind, doc, now, steps(req.principal!, await load(id)));
      if (!out.ok) {
        const r = out.refusal;
        if (r.status === 403) throw new HttpProblem(403, r.reason);
        throw new HttpProblem(r.status, r.reason, [{ field: r.field, location: 'body', reason: r.reason }], r.extra);
      }
      const res = out.result;
      if (res.result === 'error') throw new HttpProblem(400, res.error.reason, [{ field: res.error.field, location: 'body', reason: res.error.reason }]);
      // Subscriptions see the stored document; an error here answers the PUT with it, and a retry is idempotent.
      if (o.afterWrite) await o.afterWrite([out.stored]);
      // The stored document: with its server-computed fields (catalog links, inferred occupation), as GET shows it.
      return reply.code(res.result === 'created' ? 201 : 200).send((res.source ?? doc) as never);
    });

    app.get(`${o.path}/:id`, {
      config: { roles: o.readRoles },
      schema: { tags: [o.tag], summary: `Read a ${o.noun}`, params, response: { 200: o.outputSchema, 404: problemSchema } },
    }, async (req) => {
      const doc = await load(req.params.id);
      const shown = doc && o.present(req.principal!, doc);
      if (!shown) throw new HttpProblem(404, `no ${o.noun} with id "${req.params.id}"`);
      if (o.audited) await recordResumeViews(req, 'direct', { route: `${o.path}/:id` }, [shown.id]);
      return shown as never;
    });

    app.delete(`${o.path}/:id`, {
      config: { roles: o.writeRoles },
      schema: { tags: [o.tag], summary: `Delete a ${o.noun}`, params, response: { 204: z.null(), 404: problemSchema, 403: problemSchema } },
    }, async (req, reply) => {
      const doc = await load(req.params.id);
      if (!doc) throw new HttpProblem(404, `no ${o.noun} with id "${req.params.id}"`);
      const refusal = o.refuseWrite(req.principal!, doc);
      if (refusal) throw new HttpProblem(403, refusal);
      await engine.delete(o.kind, req.params.id);
      if (o.afterDelete) await o.afterDelete(doc);
      return reply.code(204).send(null);
    });

    app.post(`${o.path}/_bulk`, {
      config: { roles: o.writeRoles },
      bodyLimit: config.BULK_BODY_LIMIT_BYTES,
      schema: {
        tags: [o.tag],
        summary: `Create or replace many ${o.noun}s from NDJSON (one whole document with its id per line)`,
        description: 'Content-Type application/x-ndjson. Each line is answered on its own; a bad line never drops the good ones, and a line reported created or updated is durable. When the engine is unavailable (503, Retry-After) or out of disk (507) and no line could be written, the whole request answers that status.',
        response: { 200: bulkResponseSchema, 415: problemSchema, 503: problemSchema, 507: problemSchema },
      },
    }, async (req) => {
      if (!req.headers['content-type']?.startsWith('application/x-ndjson')) {
        throw new HttpProblem(415, 'send the documents as application/x-ndjson, one JSON document per line', [{ field: 'content-type', location: 'header', reason: 'must be application/x-ndjson' }]);
      }
      const principal = req.principal!;
      const items: BulkItem[] = [];
      let rejected = 0;
      let batch: Array<{ line: number; value: unknown }> = [];
      let engineError: unknown;
      const now = new Date();
      const lineSteps = steps(principal);
      const flush = async () => {
        const current = batch;
        batch = [];
        const out = await pipeline.writeLines(o.kind, current, now, lineSteps);
        if (out.engineError) {
          engineError ??= out.engineError;
          req.log.error({ err: (out.engineError as Error).message }, 'bulk batch failed');
        }
        if (o.afterWrite && out.stored.length) {
          try {
            await o.afterWrite(out.stored);
          } catch (err) {
            // Stored, but the subscriptions were not told: the lines say so, and sending them again is safe.
            req.log.error({ err: (err as Error).message }, 'bulk batch: subscriptions not matched');
            const fault = engineFault(err as Error);
            for (let i = 0; i < out.items.length; i++) {
              const w = out.items[i]!;
              if (w.result !== 'error') out.items[i] = lineError(w.line, '(subscriptions)', `stored, but subscriptions were not matched (${fault?.detail ?? 'alert store error'}): send the line again`, w.id);
            }
          }
        }
        rejected += out.rejected;
        items.push(...out.items);
      };
      for await (const entry of ndjsonLines(req.body as Readable)) {
        if ('error' in entry) { items.push(lineError(entry.line, '(line)', entry.error)); rejected++; continue; }
        batch.push({ line: entry.line, value: entry.value });
        if (batch.length >= BULK_BATCH) await flush();
      }
      await flush();
      items.sort((a, b) => a.line - b.line);
      const count = (r: BulkItem['result']) => items.filter((i) => i.result === r).length;
      const totals = { created: count('created'), updated: count('updated'), errors: count('error') };
      app.deps.metrics.recordBulk(o.kind, { created: totals.created, updated: totals.updated, rejected, failed: totals.errors - rejected });
      // The engine was down or full and nothing was written: the whole request answers 503 (Retry-After) or 507,
      // like a PUT; when some lines were written, each line says what happened to it.
      if (engineError && totals.created + totals.updated === 0) throw engineError;
      return { items, ...totals };
    });
  };
}
