import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { ElasticsearchEngine } from '../../src/engine/elasticsearch/engine.js';
import { indexDocs } from './indexing.js';
import { SEARCH_MIX } from './search-queries.js';

/**
 * Searches per second through 1 and through 2 API replicas (child processes, api-server.ts) on the same
 * Elasticsearch index of `docs` vacancies (prefix zzh-bench<docs>, kept between runs), and their ratio. The load
 * generator spreads `clients` connections round-robin over the replicas (one autocannon instance per replica,
 * running at the same time). On a machine with few cores the replicas and Elasticsearch share them, so the ratio
 * says how much a second replica adds here, not on a cluster.
 */
export async function benchReplicas(url: string, docs = 20_000, clients = 20, seconds = 10) {
  const prefix = `zzh-bench${docs}`;
  const engine = new ElasticsearchEngine({ url, prefix, timeoutMs: 120_000 });
  await engine.init();
  if ((await engine.count('vacancy')) < docs) {
    await engine.drop();
    await engine.init();
    console.error(`  indexing ${docs.toLocaleString('en-US')} vacancies into ${prefix} (kept for later runs) …`);
    await indexDocs(engine, docs, 2000, true);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'zzh-bench-replicas-'));
  const servers: ChildProcess[] = [];
  const start = async (): Promise<string> => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/api-server.ts'], {
      env: { ...process.env, ELASTICSEARCH_URL: url, ELASTICSEARCH_INDEX_PREFIX: prefix, DATA_DIR: join(dataDir, String(servers.length)) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    servers.push(child);
    return new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`bench API server exited with ${code}`)));
      createInterface({ input: child.stdout! }).once('line', resolve);
    });
  };
  const requests = SEARCH_MIX.map((p) => ({ method: 'GET' as const, path: `/v1/vacancies/search?${new URLSearchParams({ size: '20', ...p })}`, headers: { authorization: 'Bearer bench' } }));
  const through = async (addresses: string[], duration: number) => {
    const per = Math.max(1, Math.floor(clients / addresses.length));
    const results = await Promise.all(addresses.map((address) => {
      let next = 0;
      return autocannon({ url: address, connections: per, duration, timeout: 30, requests: [{ setupRequest: () => ({ ...requests[next++ % requests.length]! }) }] });
    }));
    const bad = results.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0);
    if (bad) throw new Error(`${bad} failed requests through ${addresses.length} replica(s)`);
    const total = results.reduce((n, r) => n + r.requests.total, 0);
    const p50 = results.reduce((n, r) => n + r.latency.p50, 0) / results.length;
    return { perSec: total / duration, p50 };
  };
  try {
    const a = await start();
    await through([a], 2); // warm-up: JIT, connections, Elasticsearch caches
    const one = await through([a], seconds);
    const b = await start();
    await through([b], 2);
    const two = await through([a, b], seconds);
    return { docs, clients, seconds, one, two, ratio: two.perSec / one.perSec };
  } finally {
    for (const s of servers) {
      s.kill('SIGTERM');
      if (s.exitCode === null) await new Promise((r) => s.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
    await engine.close();
  }
}
