import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../../src/engine/embedded/engine.js';
import { SCHEMA_VERSION } from '../../src/engine/embedded/schema.js';
import { ElasticsearchEngine } from '../../src/engine/elasticsearch/engine.js';
import { analyseStored } from '../../src/indexing/service.js';
import { parseTextQuery } from '../../src/search/text-query.js';
import { makeEmbedded } from '../support/engines.js';
import { fixtureVacancyDocs } from '../support/index-docs.js';

const q = (text: string) => ({ text: parseTextQuery(text)!, filters: [], sort: 'relevance' as const, from: 0, size: 10 });

describe('embedded store migration', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => { for (const c of cleanups) await c(); });

  it('re-analyses every document into a new layout and keeps them searchable', async () => {
    const made = await makeEmbedded();
    cleanups.push(made.cleanup);
    await made.engine.upsert('vacancy', fixtureVacancyDocs());
    // More than one migration page (1,000 documents).
    const base = fixtureVacancyDocs()[1]!;
    await made.engine.upsert('vacancy', Array.from({ length: 2100 }, (_, i) => ({ ...base, id: `v-bulk-${i}`, source: { ...base.source, id: `v-bulk-${i}` } })));
    await made.engine.close();
    // Pretend the store was written by an older layout.
    const db = new Database(join(made.dir, 'match.sqlite'));
    db.prepare(`UPDATE meta SET value = ? WHERE key = 'schemaVersion'`).run(String(SCHEMA_VERSION - 1));
    db.close();
    const reopened = new EmbeddedEngine(made.dir);
    await expect(reopened.init()).rejects.toThrow(/layout/);
    await reopened.init(analyseStored);
    expect(await reopened.count('vacancy')).toBe(2106);
    expect((await reopened.search('vacancy', q('集成电路'))).hits.map((h) => h.id)).toEqual(['v-ic-1']);
    const db2 = new Database(join(made.dir, 'match.sqlite'), { readonly: true });
    expect(db2.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name LIKE '%_v${SCHEMA_VERSION - 1}%'`).get()).toEqual({ n: 0 });
    db2.close();
    await reopened.close();
  });
});

describe.runIf(!!process.env.ELASTICSEARCH_URL)('Elasticsearch index migration', () => {
  it('moves the alias to a new index version only after copying and re-analysing every document', async () => {
    const prefix = `zzh-test-mig-${Date.now().toString(36)}`;
    const url = process.env.ELASTICSEARCH_URL!;
    const engine = new ElasticsearchEngine({ url, prefix, timeoutMs: 30_000 });
    await engine.init();
    await engine.upsert('vacancy', fixtureVacancyDocs());
    // Move the data to an "older" index behind the alias, as an earlier mapping version would have left it.
    const alias = engine.alias('vacancy');
    const current = Object.keys(await engine.client.indices.getAlias({ name: alias }))[0]!;
    const old = `${alias}-v0`;
    await engine.client.indices.clone({ index: current, target: old, settings: { 'index.blocks.write': false } }).catch(async () => {
      await engine.client.indices.putSettings({ index: current, settings: { 'index.blocks.write': true } });
      await engine.client.indices.clone({ index: current, target: old });
    });
    await engine.client.indices.putSettings({ index: old, settings: { 'index.blocks.write': false } });
    await engine.client.indices.updateAliases({ actions: [{ remove: { index: current, alias } }, { add: { index: old, alias, is_write_index: true } }] });
    await engine.client.indices.delete({ index: current });
    const migrated = new ElasticsearchEngine({ url, prefix, timeoutMs: 30_000 });
    await migrated.init(analyseStored);
    expect(Object.keys(await migrated.client.indices.getAlias({ name: alias }))).toEqual([current]);
    expect(await migrated.count('vacancy')).toBe(6);
    expect((await migrated.search('vacancy', q('集成电路'))).hits.map((h) => h.id)).toEqual(['v-ic-1']);
    await migrated.drop();
    await migrated.close();
    await engine.close();
  });
});
