import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { vacancies } from '../../src/demo/index.js';
import { EmbeddedEngine } from '../../src/engine/embedded/engine.js';
import { ElasticsearchEngine } from '../../src/engine/elasticsearch/engine.js';
import type { Engine } from '../../src/engine/types.js';
import { prepareLine, writeBatch } from '../../src/indexing/service.js';
import { screenVacancy } from '../../src/indexing/publishing.js';
import { ScreenerHolder } from '../../src/compliance/index.js';
import type { Vacancy } from '../../src/domain/vacancy.js';

/** Validation + compliance screening + analysis + durable write of generated vacancies, in batches like the bulk API: docs/s end to end. */
export async function indexDocs(engine: Engine, count: number, batchSize = 1000, progress = false): Promise<number> {
  const screener = new ScreenerHolder().screener;
  const now = new Date();
  const bar = progress ? new cliProgress.SingleBar({ format: '  indexing [{bar}] {percentage}% {value}/{total} {eta_formatted}', stream: process.stderr }, cliProgress.Presets.shades_classic) : undefined;
  bar?.start(count, 0);
  const t0 = performance.now();
  const stream = vacancies(count);
  let pending: Promise<Array<{ result: string }>> | undefined;
  const check = async (p: typeof pending) => {
    const items = (await p) ?? [];
    if (items.some((x) => x.result === 'error')) throw new Error(`bench write failed: ${JSON.stringify(items.find((x) => x.result === 'error'))}`);
  };
  for (let i = 0; i < count; i += batchSize) {
    const docs: unknown[] = [];
    for (let j = 0; j < batchSize && i + j < count; j++) docs.push(stream.next().value);
    const batch = [];
    for (let j = 0; j < docs.length; j++) {
      const p = prepareLine('vacancy', i + j + 1, docs[j], now, (d) => {
        const s = screenVacancy(d as Vacancy, screener, now);
        return 'vacancy' in s ? { doc: s.vacancy } : { field: 'compliance', reason: s.refusal.message };
      });
      if (p.ok) batch.push(p);
    }
    // The previous batch's write overlaps this batch's analysis, as a bulk import over HTTP would.
    await check(pending);
    pending = writeBatch(engine, 'vacancy', batch);
    bar?.update(Math.min(i + batchSize, count));
  }
  await check(pending);
  bar?.stop();
  return count / ((performance.now() - t0) / 1000);
}

export async function benchEmbeddedIndexing(count = 20_000) {
  const dir = mkdtempSync(join(tmpdir(), 'zzh-bench-'));
  const engine = new EmbeddedEngine(dir);
  await engine.init();
  try {
    return { docs: count, docsPerSec: await indexDocs(engine, count) };
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchElasticsearchIndexing(url: string, count = 20_000) {
  const prefix = `zzh-bench-${Date.now().toString(36)}`;
  const engine = new ElasticsearchEngine({ url, prefix, timeoutMs: 60_000 });
  await engine.init();
  try {
    return { docs: count, docsPerSec: await indexDocs(engine, count) };
  } finally {
    await engine.drop();
    await engine.close();
  }
}
