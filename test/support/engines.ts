import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEngine } from '../../src/engine/embedded/engine.js';
import { ElasticsearchEngine } from '../../src/engine/elasticsearch/engine.js';
import type { Engine } from '../../src/engine/types.js';

export interface EngineUnderTest {
  name: string;
  make: () => Promise<{ engine: Engine; cleanup: () => Promise<void> }>;
}

/**
 * The engines every conformance test runs against. Elasticsearch joins when ELASTICSEARCH_URL is set;
 * under CI=true it is required, so the Elasticsearch half can never be skipped silently.
 */
export function enginesUnderTest(): EngineUnderTest[] {
  const engines: EngineUnderTest[] = [{ name: 'embedded', make: makeEmbedded }];
  const url = process.env.ELASTICSEARCH_URL;
  if (url) engines.push({ name: 'elasticsearch', make: () => makeElasticsearch(url) });
  else if (process.env.CI === 'true') throw new Error('CI=true but ELASTICSEARCH_URL is not set: the Elasticsearch tests must run in CI (scripts/test-all.sh starts it)');
  return engines;
}

export async function makeEmbedded() {
  const dir = mkdtempSync(join(tmpdir(), 'zzh-test-'));
  const engine = new EmbeddedEngine(dir);
  await engine.init();
  return { engine, dir, cleanup: async () => { await engine.close(); rmSync(dir, { recursive: true, force: true }); } };
}

let counter = 0;
export async function makeElasticsearch(url: string) {
  const prefix = `zzh-test-${process.pid}-${Date.now().toString(36)}-${counter++}`;
  const engine = new ElasticsearchEngine({ url, prefix, timeoutMs: 30_000 });
  await engine.init();
  return {
    engine,
    cleanup: async () => {
      await engine.drop();
      await engine.close();
    },
  };
}
