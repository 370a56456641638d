import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../domain/common.js';
import { engineFault } from '../engine/faults.js';
import type { Kind } from '../engine/types.js';
import type { Principal, Role } from '../http/auth.js';
import { HttpProblem, problemSchema } from '../http/problem.js';
import { lineError, prepareLine, writeBatch, type BulkItem, type KindSpec } from '../indexing/service.js';
import type { IndexDoc } from '../engine/types.js';
import { ndjsonLines } from '../indexing/ndjson.js';
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
    const load = async (id: string) => (await engine.get(o.kind, id)) as Doc | null;

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
      let doc = spec.build(id, req.body, now);
      const existing = await load(id);
      const refusal = (existing && o.refuseWrite(req.principal!, existing)) || o.refuseWrite(req.principal!, doc);
      if (refusal) throw new HttpProblem(403, refusal);
      if (o.admit) {
        const verdict = o.admit(doc, now);
        if (!('doc' in verdict)) throw new HttpProblem(verdict.status, verdict.message, [{ field: verdict.field, location: 'body', reason: verdict.message }], verdict.extra);
        doc = verdict.doc;
      }
      const [res] = await engine.upsert(o.kind, [spec.analyse(doc)]);
      if (res?.result === 'error') throw new HttpProblem(400, res.error.reason, [{ field: res.error.field, location: 'body', reason: res.error.reason }]);
      // The stored document: with its server-computed fields (catalog links, inferred occupation), as GET shows it.
      return reply.code(res?.result === 'created' ? 201 : 200).send((res?.source ?? doc) as never);
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
      let batch: Array<{ line: number; doc: IndexDoc }> = [];
      let engineError: unknown;
      const flush = async () => {
        const current = batch;
        batch = [];
        try {
          items.push(...(await writeBatch(engine, o.kind, current)));
        } catch (err) {
          const fault = engineFault(err as Error);
          if (fault) engineError ??= err;
          req.log.error({ err: (err as Error).message }, 'bulk batch failed');
          for (const b of current) items.push(lineError(b.line, '(engine)', `not written: ${fault?.detail ?? 'engine error'}`, b.doc.id));
        }
      };
      const now = new Date();
      for await (const entry of ndjsonLines(req.body as Readable)) {
        if ('error' in entry) { items.push(lineError(entry.line, '(line)', entry.error)); rejected++; continue; }
        const prepared = prepareLine(o.kind, entry.line, entry.value, now, (d) => {
          const doc = d as unknown as Doc;
          const refusal = o.refuseWrite(principal, doc);
          if (refusal) return { field: 'employer.id', reason: refusal };
          if (!o.admit) return { doc: d };
          const verdict = o.admit(doc, now);
          return 'doc' in verdict ? { doc: verdict.doc as unknown as typeof d } : { field: verdict.field, reason: verdict.message };
        });
        if (!prepared.ok) { items.push(prepared.item); rejected++; continue; }
        batch.push(prepared);
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
