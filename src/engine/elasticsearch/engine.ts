import { errors, type Client } from '@elastic/elasticsearch';
import { haversineKm } from '../geo.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConditionalResult, Engine, EngineQuery, EngineResult, IndexDoc, KeywordField, Kind, NumberField, Reanalyse, TermCountSpec, TermCounts, VersionedDoc, WriteResult } from '../types.js';
import { BackedLeaseStore, DEFAULT_LEASE_TTL_MS, LeaseLost, type LeaseHandle, type LeaseStore } from '../leases.js';

/** Lets timers (lease renewals) and requests run between chunks of CPU work. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));
import { coverageIdf, KINDS, LEAN_OMITTED } from '../types.js';
import { indexNames, loadIndexDefinition, withTopology } from './mappings.js';
import { bulkIndex } from './bulk.js';
import { createClient } from './client.js';
import { buildAggregations, buildPostFilter, buildQuery, buildSort, facetBuckets, groupFilter } from './query.js';

export interface ElasticsearchOptions {
  url: string;
  prefix: string;
  timeoutMs: number;
  /** Retries of a request on connection errors and 429/502/503/504, with backoff (default 3). */
  maxRetries?: number;
  /** Shards and replicas of the indices created (ELASTICSEARCH_SHARDS / ELASTICSEARCH_REPLICAS); the mapping file's when absent. */
  shards?: number;
  replicas?: string;
  /** LEASE_TTL_MS: how long a lease outlives its holder's last renewal. */
  leaseTtlMs?: number;
}

/** A version token of a hit or a get: `${seq_no}:${primary_term}`. */
const versionOf = (h: { _seq_no?: number; _primary_term?: number }) => `${h._seq_no}:${h._primary_term}`;
const parseVersion = (v: string) => { const [s, p] = v.split(':'); return { if_seq_no: Number(s), if_primary_term: Number(p) }; };
const isConflict = (e: unknown) => e instanceof errors.ResponseError && e.statusCode === 409;

/** Leases as documents of `<prefix>-leases`: created create-only, renewed with if_seq_no/if_primary_term. */
function leaseBackend(client: Client, index: string) {
  return {
    get: async (name: string) => {
      const res = await client.get<Record<string, unknown>>({ index, id: name }, { ignore: [404] });
      if (!res.found || !res._source) return null;
      return { record: res._source as never, version: versionOf(res) };
    },
    put: async (record: { name: string }, version: string | null) => {
      try {
        const res = await client.index({ index, id: record.name, document: record, refresh: false, ...(version === null ? { op_type: 'create' as const } : parseVersion(version)) });
        return versionOf(res);
      } catch (e) {
        if (isConflict(e)) return null;
        throw e;
      }
    },
  };
}

/** The migration of one kind's index: its own lease, so one replica copies and the others wait. */
const MIGRATION_LEASE = (kind: Kind) => `migrate-${kind}`;

/** The stored form of an IndexDoc: flat fields for search, the domain document under `source`. */
function toEsDoc(d: IndexDoc): Record<string, unknown> {
  return { id: d.id, ...d.text, ...d.keywords, ...d.numbers, ...(d.geo ? { location: d.geo } : {}), source: d.source };
}

/**
 * Elasticsearch behind the engine interface. Writes use refresh=wait_for, so an acknowledged write is
 * searchable; the translog is fsynced per request (the default durability), so it is durable. Faults
 * (client.ts, bulk.ts): timeouts, retries with backoff, and an answer per document in every batch.
 */
export class ElasticsearchEngine implements Engine {
  readonly name = 'elasticsearch' as const;
  readonly client: Client;

  readonly leases: LeaseStore;

  constructor(private readonly opts: ElasticsearchOptions) {
    this.client = createClient({ url: opts.url, timeoutMs: opts.timeoutMs, maxRetries: this.maxRetries });
    this.leases = new BackedLeaseStore(leaseBackend(this.client, this.leaseIndex), opts.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS);
  }

  /** The index prefix (other stores beside the engine name their indices with it). */
  get prefix(): string {
    return this.opts.prefix;
  }

  /** Leases of background jobs (src/engine/leases.ts). */
  get leaseIndex(): string {
    return `${this.opts.prefix}-leases`;
  }

  /** Creates a small state index (leases, catalog) once; a concurrent creation by another replica is fine. */
  async ensureStateIndex(index: string, mappings: Record<string, unknown> = { dynamic: false, properties: { type: { type: 'keyword' } } }): Promise<void> {
    if (await this.client.indices.exists({ index })) return;
    try {
      // One shard; replicas as ELASTICSEARCH_REPLICAS says (by default one where the cluster has a second node).
      await this.client.indices.create({ index, settings: withTopology({ number_of_shards: 1, auto_expand_replicas: '0-1' }, { ...(this.opts.replicas !== undefined ? { replicas: this.opts.replicas } : {}) }), mappings: mappings as never });
    } catch (e) {
      if (!(e instanceof errors.ResponseError && e.body?.error?.type === 'resource_already_exists_exception')) throw e;
    }
    await this.client.cluster.health({ index, wait_for_status: 'yellow', timeout: '30s' });
  }

  private readonly aliases = new Map<Kind, string>();

  /** The alias of a kind (read from its mapping file once: every request needs it). */
  alias(kind: Kind): string {
    let alias = this.aliases.get(kind);
    if (!alias) this.aliases.set(kind, (alias = indexNames(this.opts.prefix, kind, loadIndexDefinition(kind).version).alias));
    return alias;
  }

  /** Creates each versioned index and points the alias at it; an older version is migrated under a lease, then swapped. */
  async init(reanalyse?: Reanalyse): Promise<void> {
    await this.ensureStateIndex(this.leaseIndex);
    for (const kind of KINDS) await this.migrate(kind, reanalyse);
  }

  /** The versions of the indices behind a kind's alias. */
  private async aliasVersions(kind: Kind): Promise<Array<{ index: string; version: number }>> {
    const alias = indexNames(this.opts.prefix, kind, 0).alias;
    try {
      return Object.keys(await this.client.indices.getAlias({ name: alias })).map((index) => ({ index, version: Number(/-v(\d+)$/.exec(index)?.[1] ?? 0) }));
    } catch (e) {
      if (e instanceof errors.ResponseError && e.statusCode === 404) return [];
      throw e;
    }
  }

  /**
   * Points the alias at the index of this code's mapping version, with several replicas starting at once:
   *  - the alias already there: nothing to do; behind a NEWER version: refuse to start (an older replica must not
   *    write documents of an older layout, nor ever move the alias back);
   *  - behind an older version: one replica (the holder of the kind's migration lease) copies; the others wait
   *    until the alias has moved. The copy runs in two passes: every document (re-analysed into the new layout,
   *    with the old index's `_version` as an external version), then, with writes to the old index blocked for a
   *    moment, a comparison by id and version that copies what changed and deletes what was deleted meanwhile.
   *    Writes made during the copy (by replicas still on the old version too) are therefore never lost; a write
   *    during the short block is refused as retryable (503 / retried in bulk). The alias moves in one atomic
   *    update, only if it still points at the old index.
   */
  private async migrate(kind: Kind, reanalyse?: Reanalyse): Promise<void> {
    const def = loadIndexDefinition(kind);
    const { alias, index } = indexNames(this.opts.prefix, kind, def.version);
    for (;;) {
      const behind = await this.aliasVersions(kind);
      const newer = behind.find((b) => b.version > def.version);
      if (newer) throw new Error(`${alias} points at ${newer.index}, newer than this version's mapping v${def.version}: upgrade this replica (it refuses to write an older layout)`);
      if (behind.some((b) => b.index === index)) return;
      if (behind.length === 0) {
        await this.createIndex(index, def);
        // Several replicas starting at once add the same alias to the same index: idempotent.
        await this.client.indices.updateAliases({ actions: [{ add: { index, alias, is_write_index: true } }] });
        await this.client.cluster.health({ index, wait_for_status: 'yellow', timeout: '30s' });
        continue;
      }
      if (!reanalyse) throw new Error(`${behind[0]!.index} has an older mapping than ${index}: start the service to migrate it`);
      const lease = await this.leases.acquire<Record<string, unknown>>(MIGRATION_LEASE(kind), () => ({ from: behind.map((b) => b.index), to: index }));
      if (!lease) { await sleep(500); continue; }
      try {
        await this.createIndex(index, def);
        for (const old of behind) await this.copyVersions(kind, old.index, index, reanalyse, false, lease);
        // Still the migrator, and nobody moved the alias meanwhile (a holder paused past its lease): else stop here.
        const stillOld = async () => !lease.lost && (await this.aliasVersions(kind)).every((b) => b.version < def.version);
        if (!(await stillOld())) continue;
        await this.client.indices.putSettings({ index: behind.map((b) => b.index), settings: { 'index.blocks.write': true } });
        try {
          for (const old of behind) await this.copyVersions(kind, old.index, index, reanalyse, true, lease, stillOld);
          const still = await this.aliasVersions(kind);
          if (!lease.lost && still.every((b) => b.version < def.version)) {
            await this.client.indices.updateAliases({
              actions: [...still.map((b) => ({ remove: { index: b.index, alias } })), { add: { index, alias, is_write_index: true } }],
            });
          }
        } finally {
          await this.client.indices.putSettings({ index: behind.map((b) => b.index), settings: { 'index.blocks.write': false } }).catch(() => undefined);
        }
        await this.client.cluster.health({ index, wait_for_status: 'yellow', timeout: '30s' });
      } catch (e) {
        // Taken over (this replica was paused past the lease): the new holder finishes; wait for the alias to move.
        if (!(e instanceof LeaseLost)) throw e;
      } finally {
        await lease.release({ from: behind.map((b) => b.index), to: index, done: !lease.lost });
      }
    }
  }

  private async createIndex(index: string, def: ReturnType<typeof loadIndexDefinition>): Promise<void> {
    if (await this.client.indices.exists({ index })) return;
    try {
      await this.client.indices.create({ index, settings: withTopology(def.settings, this.opts), mappings: def.mappings as never });
    } catch (e) {
      if (!(e instanceof errors.ResponseError && e.body?.error?.type === 'resource_already_exists_exception')) throw e;
    }
  }

  /** Pages of (id, _version[, source]) of an index, in id order. */
  private async *idVersions(index: string, withSource: boolean): AsyncGenerator<Array<{ id: string; version: number; source?: Record<string, unknown> }>> {
    let after: unknown[] | undefined;
    for (;;) {
      const page = await this.client.search<{ source: Record<string, unknown> }>({
        index, size: 1000, sort: [{ id: 'asc' }], version: true, _source: withSource ? ['source'] : false, ...(after ? { search_after: after as never } : {}),
      });
      const hits = page.hits.hits;
      if (!hits.length) return;
      yield hits.map((h) => ({ id: h._id!, version: h._version ?? 1, ...(withSource ? { source: h._source!.source } : {}) }));
      after = hits[hits.length - 1]!.sort;
    }
  }

  /**
   * Copies `from` into `to`, re-analysed, with external versions (an older copy never replaces a newer one).
   * `catchUp`: only documents whose version differs (merge of the two indices in id order), and deletes those
   * gone from `from`.
   */
  private async copyVersions(kind: Kind, from: string, to: string, reanalyse: Reanalyse, catchUp: boolean, lease: LeaseHandle<Record<string, unknown>>, stillOld?: () => Promise<boolean>): Promise<void> {
    await this.client.indices.refresh({ index: [from, to] });
    const write = async (docs: Array<{ id: string; version: number; source: Record<string, unknown> }>, deletes: string[]) => {
      if (lease.lost) throw new LeaseLost(lease.name);
      const ops: unknown[] = [];
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i]!;
        ops.push({ index: { _index: to, _id: d.id, version: d.version, version_type: 'external_gte' } }, toEsDoc(reanalyse(kind, d.source)));
        if (i % 50 === 49) await breathe();
      }
      for (const id of deletes) ops.push({ delete: { _index: to, _id: id } });
      if (!ops.length) return;
      const res = await this.client.bulk({ operations: ops as never, refresh: false });
      const bad = res.items.map((i) => Object.values(i)[0]!).find((i) => i.status >= 300 && i.status !== 409 && i.status !== 404);
      if (bad) throw new Error(`migration of ${bad._id} into ${to} failed: ${bad.error?.reason ?? bad.status}`);
    };
    if (!catchUp) {
      for await (const page of this.idVersions(from, true)) await write(page as never, []);
    } else {
      const target = new Map<string, number>();
      for await (const page of this.idVersions(to, false)) for (const d of page) target.set(d.id, d.version);
      for await (const page of this.idVersions(from, false)) {
        const changed = page.filter((d) => target.get(d.id) !== d.version).map((d) => d.id);
        for (const d of page) target.delete(d.id);
        if (!changed.length) continue;
        const res = await this.client.mget<{ source: Record<string, unknown> }>({ index: from, ids: changed, _source_includes: ['source'] });
        await write(res.docs.flatMap((d) => ('found' in d && d.found && d._source ? [{ id: d._id, version: d._version ?? 1, source: d._source.source }] : [])), []);
      }
      // What is left in the target was deleted from the old index after the first pass (only while this replica is
      // still the migrator: after the alias moved, the new index holds writes the old one never saw).
      const gone = stillOld && (await stillOld()) ? [...target.keys()] : [];
      for (let i = 0; i < gone.length; i += 1000) await write([], gone.slice(i, i + 1000));
    }
    await this.client.indices.refresh({ index: to });
  }

  private get maxRetries(): number {
    return this.opts.maxRetries ?? 3;
  }

  /**
   * The state right now: no retries, so /readyz turns 503 as soon as the node is gone and 200 once it is back.
   * Only our own indices count (health of the aliases, not of the cluster): another tenant's red index does not
   * take this service out of the load balancer. Yellow (replicas unassigned) serves.
   */
  async checkReady(): Promise<void> {
    const aliases = KINDS.map((k) => this.alias(k));
    const health = await this.client.cluster.health({ index: aliases, timeout: '2s' }, { maxRetries: 0 });
    if (health.status === 'red') throw new Error(`our indices (${aliases.join(', ')}) are red`);
    for (const kind of KINDS) {
      const index = await this.client.indices.getSettings({ index: this.alias(kind), name: 'index.blocks.*' }, { maxRetries: 0 });
      const blocked = Object.values(index).some((s) => JSON.stringify(s).includes('"true"'));
      if (blocked) throw new Error(`${this.alias(kind)} is write-blocked`);
    }
  }

  async upsert(kind: Kind, docs: IndexDoc[]): Promise<WriteResult[]> {
    if (!docs.length) return [];
    // One document waits for the next refresh; a batch is refreshed once at the end instead of per request.
    return bulkIndex(this.client, this.alias(kind), docs.map((d) => ({ id: d.id, body: toEsDoc(d) })), {
      refresh: docs.length > 20 ? 'end' : 'wait_for', maxRetries: this.maxRetries, chunkBytes: 4_000_000, concurrency: 2,
    });
  }

  async get(kind: Kind, id: string): Promise<Record<string, unknown> | null> {
    const res = await this.client.get<{ source: Record<string, unknown> }>({ index: this.alias(kind), id, _source_includes: ['source'] }, { ignore: [404] });
    return res.found && res._source ? res._source.source : null;
  }

  async getMany(kind: Kind, ids: readonly string[]): Promise<Array<Record<string, unknown> | null>> {
    if (!ids.length) return [];
    const res = await this.client.mget<{ source: Record<string, unknown> }>({ index: this.alias(kind), ids: [...ids], _source_includes: ['source'] });
    return res.docs.map((d) => ('found' in d && d.found && d._source ? d._source.source : null));
  }

  /** Conditional index operations (if_seq_no/if_primary_term): a conflict is `changed`, or `gone` when no document exists. */
  async replaceIfUnchanged(kind: Kind, docs: VersionedDoc[]): Promise<ConditionalResult[]> {
    if (!docs.length) return [];
    const ops = docs.flatMap(({ doc, version }) => [{ index: { _index: this.alias(kind), _id: doc.id, ...parseVersion(version) } }, toEsDoc(doc)]);
    for (let attempt = 1; ; attempt++) {
      const res = await this.client.bulk({ operations: ops as never, refresh: 'wait_for' });
      const items = res.items.map((i) => Object.values(i)[0]!);
      if (items.some((i) => i.status === 429 || i.status >= 502) && attempt <= this.maxRetries) { await sleep(200 * attempt); continue; }
      return items.map((i) => {
        if (i.status < 300) return 'written';
        if (i.status === 409) return /no document was found|document missing/i.test(i.error?.reason ?? '') ? 'gone' : 'changed';
        throw new Error(`conditional write of ${i._id} failed: ${i.error?.reason ?? i.status}`);
      });
    }
  }

  /** A composite aggregation over the field (every value, paged), with a sum sub-aggregation. */
  async termCounts(kind: Kind, field: KeywordField, filters: Array<{ field: KeywordField; values: string[] }> = [], sum?: NumberField): Promise<TermCounts> {
    const out: TermCounts = new Map();
    let after: Record<string, unknown> | undefined;
    for (;;) {
      const res = await this.client.search({
        index: this.alias(kind), size: 0, track_total_hits: false, request_cache: true,
        query: { bool: { filter: filters.map((f) => ({ terms: { [f.field]: f.values } })) } },
        aggs: { v: { composite: { size: 10_000, sources: [{ v: { terms: { field } } }], ...(after ? { after: after as never } : {}) }, ...(sum ? { aggs: { s: { sum: { field: sum } } } } : {}) } },
      });
      const agg = (res.aggregations as unknown as { v: { buckets: Array<{ key: { v: string }; doc_count: number; s?: { value: number } }>; after_key?: Record<string, unknown> } }).v;
      for (const b of agg.buckets) out.set(b.key.v, { count: b.doc_count, sum: b.s?.value ?? 0 });
      if (!agg.after_key || agg.buckets.length < 10_000) return out;
      after = agg.after_key;
    }
  }

  /**
   * One msearch of plain `terms` aggregations (size 0, no hits, filter_path to the buckets, request cache on): a
   * terms aggregation sized to the expected number of values is one pass over global ordinals, where the composite
   * aggregation pages. A spec whose values overflow its size (sum_other_doc_count > 0) is counted again with the
   * paged composite aggregation, so the counts are always complete.
   */
  async termCountsMany(specs: readonly TermCountSpec[]): Promise<Array<{ counts: TermCounts; total: number }>> {
    if (!specs.length) return [];
    const sizes = specs.map((s) => Math.min(60_000, Math.max(100, (s.maxValues ?? 10_000) * 2)));
    const searches = specs.flatMap((s, i) => [
      { index: this.alias(s.kind) },
      {
        size: 0, track_total_hits: true,
        query: { bool: { filter: (s.filters ?? []).map((f) => ({ terms: { [f.field]: f.values } })) } },
        aggs: { v: { terms: { field: s.field, size: sizes[i], shard_size: sizes[i] }, ...(s.sum ? { aggs: { s: { sum: { field: s.sum } } } } : {}) } },
      },
    ]);
    type Resp = { error?: unknown; hits?: { total?: { value: number } }; aggregations?: { v: { sum_other_doc_count: number; buckets: Array<{ key: string; doc_count: number; s?: { value: number } }> } } };
    const res = await this.client.msearch({
      searches, request_cache: true,
      filter_path: ['responses.error', 'responses.hits.total.value', 'responses.aggregations.v.sum_other_doc_count', 'responses.aggregations.v.buckets.key', 'responses.aggregations.v.buckets.doc_count', 'responses.aggregations.v.buckets.s.value'],
    } as never) as unknown as { responses: Resp[] };
    return Promise.all(res.responses.map(async (r, i) => {
      if (r.error) throw new Error(`elasticsearch msearch failed: ${JSON.stringify(r.error)}`);
      const s = specs[i]!;
      const total = r.hits?.total?.value ?? 0;
      const agg = r.aggregations?.v;
      if (agg && agg.sum_other_doc_count > 0) return { counts: await this.termCounts(s.kind, s.field, s.filters, s.sum), total };
      const counts: TermCounts = new Map();
      for (const b of agg?.buckets ?? []) counts.set(b.key, { count: b.doc_count, sum: b.s?.value ?? 0 });
      return { counts, total };
    }));
  }

  async delete(kind: Kind, id: string): Promise<boolean> {
    const res = await this.client.delete({ index: this.alias(kind), id, refresh: 'wait_for' }, { ignore: [404] });
    return res.result === 'deleted';
  }

  async count(kind: Kind): Promise<number> {
    return (await this.client.count({ index: this.alias(kind) })).count;
  }

  /** The search request for an engine query, as search() sends it: the index (an alias), URL parameters, body. */
  searchRequest(kind: Kind, q: EngineQuery, idf?: readonly number[]): { index: string; params: { request_cache: boolean }; body: Record<string, unknown> } {
    const postFilter = buildPostFilter(q);
    const aggs = buildAggregations(q);
    // Candidates: relevance alone (no tie-break sort), so Lucene can skip documents that cannot make the top
    // `size`, and without long free text, which is most of the bytes of a few hundred hits.
    const candidates = q.candidates === true && q.sort === 'relevance';
    const sort = candidates ? ['_score'] : buildSort(q);
    const body: Record<string, unknown> = {
      query: buildQuery(q, idf),
      ...(postFilter ? { post_filter: postFilter } : {}),
      ...(aggs ? { aggs } : {}),
      sort,
      ...(q.searchAfter ? { search_after: q.searchAfter } : { from: q.from }),
      size: q.size,
      track_total_hits: q.countTotal !== false,
      // A sort that starts with _score returns the score already; any other sort needs it computed again in the
      // fetch phase (track_scores), which costs a rescoring of the page.
      ...(sort[0] === '_score' ? {} : { track_scores: true }),
      // The stored _source holds only `source` and `location` (mappings/*.json), so it is sent as stored.
      _source: q.candidates ? { excludes: LEAN_OMITTED[kind].map((f) => `source.${f}`) } : true,
      ...(q.versioned ? { seq_no_primary_term: true } : {}),
    };
    return { index: this.alias(kind), params: { request_cache: true }, body };
  }

  /**
   * One request: the hits (facet filters as post_filter, so they narrow the hits only) and, with facets, the
   * aggregations over the same query, each facet filtered by the other facets' filters. The shard request cache
   * answers a repeated request (it is keyed by the whole request and dropped at every refresh that changed the
   * index, so a cached answer is never stale); only the fetch of the page's stored documents is redone.
   */
  /**
   * Coverage ranking needs each group's IDF over the whole index, as the embedded engine reads it from FTS5: one
   * msearch of counts (every document, then each group's matches) before the search.
   */
  async groupIdf(kind: Kind, q: EngineQuery): Promise<number[] | undefined> {
    const groups = q.text?.coverage ? q.text.groups.filter((g) => g.length) : [];
    if (groups.length < 2) return undefined; // one group: coverage is the same for every match
    const index = this.alias(kind);
    const searches: Array<Record<string, unknown>> = [];
    for (const query of [{ match_all: {} }, ...groups.map((g) => groupFilter(g, q.weights))]) searches.push({ index }, { size: 0, track_total_hits: true, query });
    const res = await this.client.msearch({ searches, request_cache: true } as never) as unknown as { responses: Array<{ hits?: { total?: number | { value: number } }; error?: unknown }> };
    const counts = res.responses.map((r) => {
      if (r.error) throw new Error(`elasticsearch msearch failed: ${JSON.stringify(r.error)}`);
      const t = r.hits?.total;
      return typeof t === 'number' ? t : (t?.value ?? 0);
    });
    return counts.slice(1).map((df) => coverageIdf(counts[0]!, df));
  }

  async search(kind: Kind, q: EngineQuery): Promise<EngineResult> {
    const idf = await this.groupIdf(kind, q);
    const { index, params, body } = this.searchRequest(kind, q, idf);
    const res = await this.client.search<{ source: Record<string, unknown>; location?: { lat: number; lon: number } }>({ index, ...params, ...body });
    const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
    const result: EngineResult = {
      total,
      hits: res.hits.hits.map((h) => {
        const loc = h._source?.location;
        return {
          id: h._id!,
          score: h._score ?? 0,
          source: h._source!.source,
          ...(q.origin && loc ? { distanceKm: haversineKm(loc.lat, loc.lon, q.origin.lat, q.origin.lon) } : {}),
          sort: h.sort ?? [],
          ...(q.candidates ? { partial: true as const } : {}),
          ...(q.versioned ? { version: versionOf(h) } : {}),
        };
      }),
    };
    if (q.facets?.length) {
      const a = res.aggregations as unknown as Record<string, Record<string, unknown>>;
      result.facets = Object.fromEntries(q.facets.map((f) => [f.name, facetBuckets(a, f.name).map((b) => ({ value: String(b.key), count: b.doc_count }))]));
    }
    return result;
  }

  /** Deletes every index of this prefix (tests and benchmarks); names are listed because wildcards may be refused. */
  async drop(): Promise<void> {
    const names = Object.keys(await this.client.indices.get({ index: `${this.opts.prefix}-*`, expand_wildcards: 'all' }));
    if (names.length) await this.client.indices.delete({ index: names });
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
