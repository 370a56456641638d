import { afterAll, describe, expect, it } from 'vitest';
import { EsAuditLog } from '../../src/audit/es-log.js';
import { EsRulebooks } from '../../src/compliance/es-rulebooks.js';
import { EsKeyStore } from '../../src/keys/es-store.js';
import { stateClient } from '../../src/state/es.js';
import { sharedScreener } from '../support/app.js';

const url = process.env.ELASTICSEARCH_URL;

// The shared-state indices (keys, rulebooks, audit) follow ELASTICSEARCH_REPLICAS like the document indices.
describe.runIf(!!url)('shared-state indices on Elasticsearch: shard and replica settings', () => {
  const prefix = `zzh-topology-${Date.now().toString(36)}`;
  const client = stateClient({ url: url ?? 'http://127.0.0.1:9200', prefix, timeoutMs: 30_000, maxRetries: 1 });
  afterAll(async () => {
    await client.indices.deleteIndexTemplate({ name: `${prefix}-audit` }, { ignore: [404] });
    await client.indices.delete({ index: `${prefix}-*`, expand_wildcards: 'all' }, { ignore: [404] });
    await client.close();
  });

  const settingsOf = async (index: string) => {
    const res = await client.indices.getSettings({ index });
    const s = Object.values(res)[0]!.settings!.index as { number_of_shards?: string; number_of_replicas?: string; auto_expand_replicas?: string };
    return { shards: s.number_of_shards, replicas: s.number_of_replicas, auto: s.auto_expand_replicas };
  };

  it('uses a fixed replica count when one is configured, and the 0-1 range by default', async () => {
    await EsKeyStore.open({ client, prefix, apiKeys: '', replicas: '2' });
    expect(await settingsOf(`${prefix}-keys`)).toMatchObject({ shards: '1', replicas: '2', auto: 'false' });
    await EsRulebooks.open({ client, prefix, holder: sharedScreener(), replicas: '0-all' });
    expect(await settingsOf(`${prefix}-rulebooks`)).toMatchObject({ shards: '1', auto: '0-all' });
    await EsAuditLog.open({ client, prefix, replicas: '3' });
    const tpl = await client.indices.getIndexTemplate({ name: `${prefix}-audit` });
    const settings = tpl.index_templates[0]!.index_template.template!.settings as { index?: { number_of_replicas?: string } };
    expect(settings.index?.number_of_replicas).toBe('3');
    const other = `${prefix}-x`;
    await EsKeyStore.open({ client, prefix: other, apiKeys: '' });
    expect(await settingsOf(`${other}-keys`)).toMatchObject({ shards: '1', auto: '0-1' });
  });
});
