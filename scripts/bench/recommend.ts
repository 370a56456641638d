import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedCatalog } from '../../src/catalog/load.js';
import { CatalogService } from '../../src/catalog/service.js';
import { DEFAULT_REFERENCE_DATE, resumes, vacancies } from '../../src/demo/index.js';
import type { Resume } from '../../src/domain/resume.js';
import type { Vacancy } from '../../src/domain/vacancy.js';
import { EmbeddedEngine } from '../../src/engine/embedded/engine.js';
import type { Engine, Kind } from '../../src/engine/types.js';
import type { LineWriter } from '../../src/indexing/service.js';
import { recommendResumes, recommendVacancies, type RecommendContext } from '../../src/matching/recommend.js';
import { createClassifier, type Classifier } from '../../src/occupations/classifier.js';
import { loadTaxonomy } from '../../src/occupations/taxonomy.js';
import { percentiles } from './stats.js';

/**
 * Recommendation latency and catalog re-link throughput on the embedded engine.
 *
 * benchRecommendEmbedded(docs): `docs` demo vacancies and `docs` demo resumes written through the linking layer
 * (validation, analysis, catalog links; no compliance screen), then 200 seekers' and 200 vacancies' top 20,
 * one request at a time, timed end to end in the core (read the document, retrieve 300 candidates, re-rank,
 * explain) — the HTTP layer adds well under a millisecond. The store is kept under bench/.cache/ (delete it
 * to rebuild) since writing 2 × 100,000 linked documents takes minutes.
 *
 * benchRelink(docs): `docs` of each kind indexed, then a catalog change; docs/s of the background re-link
 * (walk, analyse, link, write in batches), with one search a second answered meanwhile.
 */
const NOW = new Date(DEFAULT_REFERENCE_DATE);
const BATCH = 1000;

function classifier(): Classifier {
  return createClassifier(loadTaxonomy(process.env.OCCUPATIONS_FILE));
}

/** Writes demo documents through the write pipeline (validated, linked, analysed), in batches. */
export async function fill(writer: LineWriter, docs: number, log: (msg: string) => void, kinds: Kind[] = ['vacancy', 'resume']): Promise<number> {
  const t0 = performance.now();
  const now = new Date();
  const sources: Record<Kind, () => Iterable<unknown>> = { vacancy: () => vacancies(docs), resume: () => resumes(docs) };
  for (const kind of kinds) {
    let batch: Array<{ line: number; value: unknown }> = [];
    let n = 0;
    const flush = async () => {
      const { items } = await writer.writeLines(kind, batch, now);
      const bad = items.find((x) => x.result === 'error');
      if (bad) throw new Error(`bench write failed: ${JSON.stringify(bad)}`);
      batch = [];
    };
    for (const value of sources[kind]()) {
      batch.push({ line: ++n, value });
      if (batch.length >= BATCH) await flush();
      if (n % 20_000 === 0) log(`  ${kind}: ${n.toLocaleString('en-US')}`);
    }
    await flush();
  }
  return (2 * docs) / ((performance.now() - t0) / 1000);
}

async function open(dir: string, c: Classifier) {
  const raw = new EmbeddedEngine(dir);
  await raw.init();
  const catalog = await CatalogService.open({ dataDir: dir, engine: raw, classifier: c });
  return { raw, catalog };
}

/** Times 200 seekers' and 200 vacancies' recommendations (after a warm-up), one at a time, end to end in the core. */
async function timeRecommendations(raw: Engine, ctx: RecommendContext, resumeCount: number, vacancyCount: number, afterWarmUp: () => Promise<void> = async () => undefined) {
  const params = { size: 20, district: [], personalization: 'on' as const, explain: true };
  const ids = (prefix: string, n: number, of: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(1 + Math.floor((i * of) / n)).padStart(6, '0')}`);
  const time = async (kind: Kind, id: string) => {
    const t0 = performance.now();
    const doc = await raw.get(kind, id);
    if (!doc) return undefined;
    if (kind === 'resume') await recommendVacancies(ctx, doc as unknown as Resume, params);
    else await recommendResumes(ctx, doc as unknown as Vacancy, params);
    return performance.now() - t0;
  };
  for (const id of ids('r', 20, resumeCount)) await time('resume', id);
  for (const id of ids('v', 20, vacancyCount)) await time('vacancy', id);
  await afterWarmUp();
  const seeker: number[] = [];
  const employer: number[] = [];
  for (const id of ids('r', 200, resumeCount)) { const ms = await time('resume', id); if (ms !== undefined) seeker.push(ms); }
  for (const id of ids('v', 200, vacancyCount)) { const ms = await time('vacancy', id); if (ms !== undefined) employer.push(ms); }
  return { vacanciesForSeeker: percentiles(seeker), candidatesForVacancy: percentiles(employer) };
}

export async function benchRecommendEmbedded(docs = 100_000, log: (msg: string) => void = (m) => console.error(m)) {
  const c = classifier();
  const dir = join('bench', '.cache', `recommend-${docs}-${c.source}`);
  const fresh = !existsSync(join(dir, 'match.sqlite'));
  mkdirSync(dir, { recursive: true });
  const { raw, catalog } = await open(dir, c);
  try {
    let indexDocsPerSec: number | undefined;
    if (fresh || (await raw.count('resume')) < docs) {
      log(`recommend bench: writing ${docs.toLocaleString('en-US')} vacancies and resumes (cached in ${dir}) …`);
      indexDocsPerSec = await fill(catalog.pipeline, docs, log);
    }
    const ctx: RecommendContext = { engine: catalog.engine, catalog: catalog.context.catalog, classifier: c, now: NOW };
    return { docs, ...(indexDocsPerSec ? { indexDocsPerSec } : {}), ...(await timeRecommendations(raw, ctx, docs, docs)) };
  } finally {
    await catalog.stop();
    await raw.close();
  }
}

export async function benchRelink(docs = 10_000, log: (msg: string) => void = (m) => console.error(m)) {
  const c = classifier();
  const dir = mkdtempSync(join(tmpdir(), 'zzh-relink-'));
  const { raw, catalog } = await open(dir, c);
  try {
    log(`relink bench: writing ${docs.toLocaleString('en-US')} vacancies and resumes …`);
    await fill(catalog.pipeline, docs, log);
    const next = structuredClone(seedCatalog());
    next.version = `${next.version}-bench`;
    next.entries = next.entries.map((e) => ({ ...e, demandLevel: e.demandLevel === 5 ? 4 : e.demandLevel + 1 }));
    const searches: number[] = [];
    let running = true;
    const probe = (async () => {
      while (running) {
        const t0 = performance.now();
        await catalog.engine.search('vacancy', { text: { groups: [[{ term: '焊工' }]], mode: 'all', exclude: [] }, filters: [], sort: 'relevance', from: 0, size: 20 });
        searches.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();
    const t0 = performance.now();
    await catalog.replace(next);
    const progress = await catalog.relink.settled();
    const seconds = (performance.now() - t0) / 1000;
    running = false;
    await probe;
    if (progress.state !== 'done') throw new Error(`re-link ended ${progress.state}: ${progress.error ?? ''}`);
    return { docs: progress.done, seconds, docsPerSec: progress.done / seconds, searchDuringRelink: percentiles(searches) };
  } finally {
    await catalog.stop();
    await raw.close();
  }
}

// `npx tsx scripts/bench/recommend.ts [docs]` runs both on their own.
if (process.argv[1]?.endsWith('recommend.ts')) {
  const docs = Number(process.argv[2] ?? 100_000);
  const r = await benchRecommendEmbedded(docs);
  console.log(JSON.stringify(r, null, 2));
  console.log(JSON.stringify(await benchRelink(Math.min(docs, 10_000)), null, 2));
}

/**
 * Recommendations on Elasticsearch at scale: the vacancies of the search benchmark's index (zzh-bench<docs>,
 * built by benchElasticsearchSearch without catalog links, and linked here once, as the product links at index
 * time) plus `resumeCount` linked resumes, then 200 seekers' and 200 vacancies' top 20, one at a time.
 */
export async function benchRecommendElasticsearch(url: string, docs = 1_000_000, resumeCount = docs, log: (msg: string) => void = (m) => console.error(m)) {
  const { ElasticsearchEngine } = await import('../../src/engine/elasticsearch/engine.js');
  const c = classifier();
  const raw = new ElasticsearchEngine({ url, prefix: `zzh-bench${docs}`, timeoutMs: 120_000 });
  await raw.init();
  // The catalog store is kept with the index's cache, so the one-off re-link below happens once per index.
  const dir = join('bench', '.cache', `recommend-es-${docs}`);
  mkdirSync(dir, { recursive: true });
  const catalog = await CatalogService.open({ dataDir: dir, engine: raw, classifier: c });
  try {
    if ((await raw.count('vacancy')) < docs) throw new Error(`run the Elasticsearch search bench first: it builds ${docs} vacancies under zzh-bench${docs}`);
    // The search bench writes vacancies without catalog links; link them once, as the product does at index time.
    await catalog.startup();
    if (catalog.relink.progress?.state === 'running') log(`recommend bench (Elasticsearch): linking the ${docs.toLocaleString('en-US')} vacancies to the catalog once (minutes) …`);
    await catalog.relink.settled();
    if ((await raw.count('resume')) < resumeCount) {
      log(`recommend bench (Elasticsearch): writing ${resumeCount.toLocaleString('en-US')} linked resumes (kept for later runs) …`);
      const now = new Date();
      let batch: Array<{ line: number; value: unknown }> = [];
      let n = 0;
      for (const value of resumes(resumeCount)) {
        batch.push({ line: ++n, value });
        if (batch.length >= BATCH) { await catalog.pipeline.writeLines('resume', batch, now); batch = []; }
        if (n % 100_000 === 0) log(`  resume: ${n.toLocaleString('en-US')}`);
      }
      if (batch.length) await catalog.pipeline.writeLines('resume', batch, now);
    }
    const ctx: RecommendContext = { engine: catalog.engine, catalog: catalog.context.catalog, classifier: c, now: NOW };
    // Timed cold: the shard request cache would otherwise answer a retrieval this bench ran before (the same 200
    // seekers and vacancies each run), while in service every refresh that changes an index empties it.
    const clearCache = async () => { await raw.client.indices.clearCache({ index: [raw.alias('vacancy'), raw.alias('resume')], request: true }); };
    return { vacancies: docs, resumes: resumeCount, ...(await timeRecommendations(raw, ctx, resumeCount, docs, clearCache)) };
  } finally {
    await catalog.stop();
    await raw.close();
  }
}
