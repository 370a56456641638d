import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CatalogRejected } from '../catalog/service.js';
import { CATALOG_KINDS, catalogEntrySchema, catalogSchema } from '../catalog/schema.js';
import { ANY_ROLE, STAFF } from '../http/auth.js';
import { problemSchema } from '../http/problem.js';
import { CatalogInvalid, CatalogVersionTaken, NotReady } from '../domain/errors.js';

/** The 重点产业人才需求目录 and 技能型人才需求目录 over HTTP: read, replace (admin), versions, supply–demand gaps. */
const list = z.union([z.string().max(50), z.array(z.string().max(50)).max(20)]).optional()
  .transform((v) => (v === undefined ? [] : [v].flat().map((s) => s.trim()).filter(Boolean)));

const filterQuery = z.strictObject({
  industry: list.meta({ description: 'Repeatable. Industry or sub-industry, e.g. 集成电路, 跨境电商' }),
  kind: z.enum(CATALOG_KINDS).optional().meta({ description: 'key_industry (重点产业) or skilled (技能型)' }),
  demandLevel: list.pipe(z.array(z.enum(['1', '2', '3', '4', '5']))).meta({ description: 'Repeatable. 紧缺指数 1–5' }),
});

const versionInfo = z.object({
  revision: z.number().int(), version: z.string(), title: z.string().optional(), entries: z.number().int(),
  createdAt: z.string(), source: z.enum(['seed', 'api']),
});
const relinkSchema = z.object({
  state: z.enum(['idle', 'running', 'done', 'failed']), revision: z.number().int().nullable(), done: z.number().int(), total: z.number().int(),
  written: z.number().int(), skipped: z.number().int(), startedAt: z.string().nullable(), finishedAt: z.string().nullable(),
  holder: z.string().nullable().meta({ description: 'The replica running the re-link (its lease owner id), null when none does' }),
  updatedAt: z.string().nullable().meta({ description: 'When the progress was last stored (after every page); the same on every replica' }),
  error: z.string().optional(),
}).meta({ description: 'The background re-link of every vacancy and resume after a catalog change: run once across replicas under a lease, its progress stored in the lease, so every replica shows the same; another replica resumes it when its holder dies' });

const gapRow = z.object({
  entryId: z.string(), kind: z.enum(CATALOG_KINDS), industry: z.string(), subIndustry: z.string().optional(), occupation: z.string(),
  occupationCode: z.string(), demandLevel: z.number().int(),
  demand: z.object({ vacancies: z.number().int(), headcount: z.number().int() }),
  supply: z.object({ resumes: z.number().int(), nearMiss: z.number().int() }),
  ratio: z.number().nullable().meta({ description: 'Demand headcount per linked resume (求人倍率); null without supply' }),
  missingSkills: z.array(z.object({ skill: z.string(), count: z.number().int(), share: z.number() })),
});

type Filters = z.output<typeof filterQuery>;
const matches = (f: Filters) => (e: { industry: string; subIndustry?: string | undefined; kind: string; demandLevel: number }) =>
  (!f.industry.length || f.industry.includes(e.industry) || (e.subIndustry !== undefined && f.industry.includes(e.subIndustry)))
  && (!f.kind || e.kind === f.kind) && (!f.demandLevel.length || f.demandLevel.includes(String(e.demandLevel) as never));

const catalogRoutes: FastifyPluginAsyncZod = async (app) => {
  const { catalog, config } = app.deps;

  app.get('/v1/catalog', {
    config: { roles: ANY_ROLE },
    schema: {
      tags: ['catalog'], summary: 'The current talent demand catalog (filter by industry, kind, demand level)', querystring: filterQuery,
      response: { 200: z.object({ version: z.string(), revision: z.number().int(), title: z.string().optional(), createdAt: z.string(), entries: z.array(catalogEntrySchema) }), 400: problemSchema },
    },
  }, async (req) => {
    const cur = catalog.current();
    return { version: cur.catalog.version, revision: cur.revision, ...(cur.catalog.title ? { title: cur.catalog.title } : {}), createdAt: cur.createdAt, entries: cur.catalog.entries.filter(matches(req.query)) };
  });

  app.put('/v1/catalog', {
    config: { roles: ['admin'] },
    bodyLimit: config.BULK_BODY_LIMIT_BYTES,
    schema: {
      tags: ['catalog'], summary: 'Replace the catalog (admin): validated, stored as a new revision, every document re-linked in the background',
      description: 'The whole catalog as in seed/catalog/catalog.json. Occupation codes must exist in the 职业分类大典 2022 taxonomy. Sending the current catalog again changes nothing; a version label already used by other content is refused (409).',
      body: catalogSchema,
      response: { 200: versionInfo.extend({ changed: z.boolean(), relink: relinkSchema }), 400: problemSchema, 403: problemSchema, 409: problemSchema },
    },
  }, async (req) => {
    try {
      const { version, changed } = await catalog.replace(req.body);
      return { ...version, changed, relink: catalog.versions().relink };
    } catch (err) {
      if (err instanceof CatalogRejected) throw new (err.status === 409 ? CatalogVersionTaken : CatalogInvalid)(err.message, { errors: err.errors });
      throw err;
    }
  });

  app.get('/v1/catalog/versions', {
    config: { roles: ANY_ROLE },
    schema: {
      tags: ['catalog'], summary: 'Stored catalog versions and the progress of the re-link',
      response: { 200: z.object({ current: z.number().int(), versions: z.array(versionInfo.extend({ current: z.boolean() })), relink: relinkSchema }) },
    },
  }, async () => catalog.versions());

  app.get('/v1/catalog/gaps', {
    config: { roles: STAFF },
    schema: {
      tags: ['catalog'], summary: 'Supply and demand per catalog entry (recruiters, employment-bureau staff)',
      description: 'Per entry: published vacancies linked and their headcount, resumes linked, the ratio, and the skills most often missing among near-miss candidates. Answered by aggregations over keyword fields stored on each document at link time (linked entries, near-miss entries, missing skills), on every request and on every replica alike: no walk, no cache. While a re-link runs (`relinking`), documents not yet re-linked count with their previous links.',
      querystring: filterQuery,
      response: {
        200: z.object({
          revision: z.number().int(), version: z.string(), computedAt: z.string(), relinking: z.boolean(),
          scanned: z.object({ vacancies: z.number().int(), resumes: z.number().int(), ms: z.number() })
            .meta({ description: 'Published vacancies and resumes counted, and the milliseconds the aggregations took' }),
          entries: z.array(gapRow),
        }),
        400: problemSchema,
      },
    },
  }, async (req) => {
    const report = await catalog.gaps();
    return { ...report, relinking: catalog.versions().relink.state === 'running', entries: report.entries.filter(matches(req.query)) };
  });
};

export default catalogRoutes;
