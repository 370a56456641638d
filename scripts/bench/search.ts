import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEngine } from '../../src/engine/embedded/engine.js';
import type { Engine } from '../../src/engine/types.js';
import { searchQuerySchema } from '../../src/search/params.js';
import { search } from '../../src/search/service.js';
import { indexDocs } from './indexing.js';
import { SEARCH_MIX } from './search-queries.js';
import { percentiles } from './stats.js';

/** Sequential search latency (one client) over the mix, after a warm-up pass. */
export async function searchLatency(engine: Engine, rounds: number) {
  const params = SEARCH_MIX.map((p) => searchQuerySchema.parse({ size: '20', ...p }));
  for (const p of params) await search(engine, 'vacancy', p);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const p of params) {
      const t0 = performance.now();
      await search(engine, 'vacancy', p);
      samples.push(performance.now() - t0);
    }
  }
  return percentiles(samples);
}

export async function benchEmbeddedSearch(docs = 100_000, rounds = 10) {
  const dir = mkdtempSync(join(tmpdir(), 'zzh-bench-search-'));
  const engine = new EmbeddedEngine(dir);
  await engine.init();
  try {
    const indexing = await indexDocs(engine, docs, 2000);
    return { docs, indexDocsPerSec: indexing, ...(await searchLatency(engine, rounds)) };
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
