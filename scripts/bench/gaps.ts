import { ElasticsearchEngine } from '../../src/engine/elasticsearch/engine.js';
import { CatalogService } from '../../src/catalog/service.js';
import { createClassifier } from '../../src/occupations/classifier.js';
import { loadTaxonomy } from '../../src/occupations/taxonomy.js';
import { fill } from './recommend.js';
import { percentiles } from './stats.js';

/**
 * GET /v1/catalog/gaps on Elasticsearch: `docs` demo documents (half vacancies, half resumes) written through the
 * write pipeline (so each carries its link-time keyword fields), kept under the prefix zzh-benchgaps<docs> for
 * later runs; then the report (one msearch of four terms aggregations) timed 30 times after a warm-up, request cache
 * cleared before each, interleaved with the former six requests (composite aggregations) as the same-run baseline.
 */
export async function benchGapsElasticsearch(url: string, docs = 100_000, log: (msg: string) => void = (m) => console.error(m)) {
  const engine = new ElasticsearchEngine({ url, prefix: `zzh-benchgaps${docs}`, timeoutMs: 120_000 });
  await engine.init();
  const classifier = createClassifier(loadTaxonomy(process.env.OCCUPATIONS_FILE));
  const catalog = await CatalogService.open({ dataDir: '', engine, classifier });
  try {
    const half = Math.floor(docs / 2);
    if ((await engine.count('vacancy')) < half || (await engine.count('resume')) < half) {
      log(`gaps bench: writing ${docs.toLocaleString('en-US')} linked documents under zzh-benchgaps${docs} (kept for later runs) …`);
      await fill(catalog.pipeline, half, log);
    }
    const clear = () => engine.client.indices.clearCache({ index: [engine.alias('vacancy'), engine.alias('resume')], request: true });
    for (let i = 0; i < 3; i++) await catalog.gaps();
    // The same run, interleaved: the report (one msearch of terms aggregations) and, as the baseline, the six
    // requests it made before (paged composite aggregations and a count, in parallel).
    const composite = () => Promise.all([
      engine.termCounts('vacancy', 'catalog', [{ field: 'status', values: ['published'] }], 'headcount'),
      engine.termCounts('resume', 'catalog'), engine.termCounts('resume', 'catalogNear'), engine.termCounts('resume', 'catalogMissing'),
      engine.termCounts('vacancy', 'status'), engine.count('resume'),
    ]);
    await composite();
    const samples: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < 30; i++) {
      await clear();
      let t0 = performance.now();
      await catalog.gaps();
      samples.push(performance.now() - t0);
      await clear();
      t0 = performance.now();
      await composite();
      baseline.push(performance.now() - t0);
    }
    // Between writes (the steady state of a report page): the shard request cache kept, as every replica shares it.
    const warm: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      await catalog.gaps();
      warm.push(performance.now() - t0);
    }
    return { docs: (await engine.count('vacancy')) + (await engine.count('resume')), ...percentiles(samples), composite: percentiles(baseline), warm: percentiles(warm) };
  } finally {
    await catalog.stop();
    await engine.close();
  }
}

if (process.argv[1]?.endsWith('gaps.ts')) {
  const url = process.env.ELASTICSEARCH_URL;
  if (!url) throw new Error('set ELASTICSEARCH_URL');
  console.log(JSON.stringify(await benchGapsElasticsearch(url, Number(process.argv[2] ?? 100_000)), null, 2));
}
