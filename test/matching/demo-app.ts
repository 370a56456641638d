import type { FastifyInstance } from 'fastify';
import { DEFAULT_REFERENCE_DATE } from '../../src/demo/index.js';
import { seedDemoData } from '../../src/indexing/seed-demo.js';
import type { Engine } from '../../src/engine/types.js';
import { appFor, auth, sharedScreener } from '../support/app.js';

/** The demo data's reference date: recommendations use it as "now", so freshness is the same on every run. */
export const DEMO_NOW = new Date(DEFAULT_REFERENCE_DATE);

/** An app over `engine` with the first demo vacancies and resumes written through it (so they are linked). */
export async function demoApp(engine: Engine, counts: { vacancies: number; resumes: number }): Promise<FastifyInstance> {
  const app = await appFor(engine, {}, { now: DEMO_NOW });
  await seedDemoData(app.deps.engine, app.deps.catalog.pipeline, sharedScreener().screener, counts, { progress: false });
  return app;
}

export interface MatchBody {
  matches: Array<{
    id: string; score: number; missingSkills: string[]; catalogMissingSkills: string[];
    catalog: Array<{ id: string; occupation: string; demandLevel: number }>;
    breakdown?: Array<{ factor: string; weight: number; value: number | null; contribution: number; reason: string }>;
    vacancy?: Record<string, unknown>; resume?: Record<string, unknown>;
  }>;
  personalization: 'on' | 'off';
  candidates: number;
}

export async function getMatches(app: FastifyInstance, path: string, key: string): Promise<{ status: number; body: MatchBody }> {
  const res = await app.inject({ method: 'GET', url: path, headers: auth(key) });
  return { status: res.statusCode, body: res.json() as MatchBody };
}
