import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogService } from '../../src/catalog/service.js';
import { WritePool } from '../../src/catalog/write-pool.js';
import { ScreenerHolder } from '../../src/compliance/index.js';
import { vacancies } from '../../src/demo/index.js';
import type { Vacancy } from '../../src/domain/vacancy.js';
import { EmbeddedEngine } from '../../src/engine/embedded/engine.js';
import { ElasticsearchEngine } from '../../src/engine/elasticsearch/engine.js';
import type { Engine } from '../../src/engine/types.js';
import { screenVacancy } from '../../src/indexing/publishing.js';
import { createClassifier } from '../../src/occupations/classifier.js';
import { loadTaxonomy } from '../../src/occupations/taxonomy.js';

/**
 * Bulk lines through the write pipeline (validate → screen → link → analyse → write), 500-line batches like the
 * bulk route, with analysis inline (workers ≤ 1) or in a WritePool of `workers` threads: docs/s end to end.
 */
export async function bulkThroughPipeline(engine: Engine, count: number, workers: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'zzh-bench-bulk-'));
  const catalog = await CatalogService.open({ dataDir: dir, engine, classifier: createClassifier(loadTaxonomy(process.env.OCCUPATIONS_FILE)) });
  const pool = workers >= 2 ? new WritePool(workers) : undefined;
  catalog.pipeline.usePool(pool);
  const screener = new ScreenerHolder().screener;
  const now = new Date();
  const screen = (d: Vacancy) => {
    const s = screenVacancy(d, screener, now);
    return 'vacancy' in s ? { doc: s.vacancy } : { status: 422, field: 'compliance', reason: s.refusal.message };
  };
  try {
    const stream = vacancies(count);
    const all = Array.from({ length: count }, (_, i) => ({ line: i + 1, value: stream.next().value as unknown }));
    if (pool) await catalog.pipeline.writeLines('vacancy', all.slice(0, 4).map((l) => ({ ...l, value: { ...(l.value as object), id: `warm-${l.line}` } })), now, { screen: screen as never });
    const t0 = performance.now();
    for (let i = 0; i < count; i += 500) {
      const out = await catalog.pipeline.writeLines('vacancy', all.slice(i, i + 500), now, { screen: screen as never });
      const bad = out.items.find((x) => x.result === 'error');
      if (bad) throw new Error(`bench bulk line failed: ${JSON.stringify(bad)}`);
    }
    return count / ((performance.now() - t0) / 1000);
  } finally {
    await pool?.close();
    await catalog.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Embedded at 1 and 2 workers (their ratio) and, with a URL, Elasticsearch at 2 workers; the same documents. */
export async function benchBulk(count: number, url?: string) {
  const run = async (make: () => Promise<{ engine: Engine; done: () => Promise<void> }>, workers: number) => {
    const { engine, done } = await make();
    try { return await bulkThroughPipeline(engine, count, workers); } finally { await done(); }
  };
  const embedded = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zzh-bench-'));
    const engine = new EmbeddedEngine(dir);
    await engine.init();
    return { engine, done: async () => { await engine.close(); rmSync(dir, { recursive: true, force: true }); } };
  };
  const one = await run(embedded, 1);
  const two = await run(embedded, 2);
  let es: { one: number; two: number } | undefined;
  if (url) {
    const elastic = async () => {
      const engine = new ElasticsearchEngine({ url, prefix: `zzh-bench-bulk-${Date.now().toString(36)}`, timeoutMs: 60_000 });
      await engine.init();
      return { engine, done: async () => { await engine.drop(); await engine.close(); } };
    };
    es = { one: await run(elastic, 1), two: await run(elastic, 2) };
  }
  return { docs: count, embedded1: one, embedded2: two, ratio: two / one, ...(es ? { elasticsearch1: es.one, elasticsearch2: es.two } : {}) };
}
