import type { JsonSchema } from './schema.js';

/** The parts of the service's /openapi.json the fuzzer reads. */
export interface OpenApiDoc {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface RawOperation {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema: JsonSchema }>;
  requestBody?: { content?: Record<string, { schema: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
}

export interface Param { name: string; in: 'query' | 'path' | 'header'; required: boolean; schema: JsonSchema }

export interface Operation {
  method: string;
  /** The OpenAPI path template: /v1/vacancies/{id}. */
  path: string;
  /** How the report names it: "PUT /v1/vacancies/{id}". */
  route: string;
  params: Param[];
  body?: JsonSchema;
  /** For NDJSON bulk routes (no requestBody in the document): the schema of one line. */
  bulkLine?: JsonSchema;
  /** Documented response schemas by status ("200", "400" …); undefined when a status has no JSON body. */
  responses: Record<string, JsonSchema | undefined>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Every operation of the document; bulk routes borrow the line schema from their sibling PUT /{id}. */
export function operations(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(item)) {
      if (!METHODS.includes(m)) continue;
      const responses: Record<string, JsonSchema | undefined> = {};
      for (const [status, r] of Object.entries(op.responses ?? {})) responses[status] = r.content?.['application/json']?.schema;
      const body = op.requestBody?.content?.['application/json']?.schema;
      ops.push({
        method: m.toUpperCase(), path, route: `${m.toUpperCase()} ${path}`,
        params: (op.parameters ?? []).map((p) => ({ name: p.name, in: p.in as Param['in'], required: !!p.required, schema: p.schema })),
        ...(body ? { body } : {}),
        responses,
      });
    }
  }
  for (const op of ops) {
    if (op.method === 'POST' && op.path.endsWith('/_bulk') && !op.body) {
      const sibling = ops.find((o) => o.method === 'PUT' && o.path === op.path.replace(/\/_bulk$/, '/{id}'));
      if (sibling?.body) op.bulkLine = sibling.body;
    }
  }
  return ops;
}

/** Resolves local `$ref`s (#/components/schemas/X) against the document. */
export function resolver(doc: OpenApiDoc): (s: JsonSchema) => JsonSchema {
  return (s) => {
    let cur = s;
    for (let i = 0; i < 10 && cur.$ref; i++) {
      const name = cur.$ref.replace('#/components/schemas/', '');
      const target = doc.components?.schemas?.[name];
      if (!target) throw new Error(`unresolvable $ref ${cur.$ref}: the OpenAPI document does not define it`);
      cur = target;
    }
    return cur;
  };
}

/** "/v1/vacancies/:id" (Fastify) → "/v1/vacancies/{id}" (OpenAPI). */
export const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
