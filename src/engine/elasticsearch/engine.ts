import { errors, type Client } from '@elastic/elasticsearch';
import { haversineKm } from '../geo.js';
import type { Engine, EngineQuery, EngineResult, IndexDoc, Kind, Reanalyse, WriteResult } from '../types.js';
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
}

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

  constructor(private readonly opts: ElasticsearchOptions) {
    this.client = createClient({ url: opts.url, timeoutMs: opts.timeoutMs, maxRetries: this.maxRetries });
  }

  /** The index prefix (other stores beside the engine name their indices with it). */
  get prefix(): string { return this.opts.prefix; }

  private readonly aliases = new Map<Kind, string>();

  /** The alias of a kind (read from its mapping file once: every request needs it). */
  alias(kind: Kind): string {
    let alias = this.aliases.get(kind);
    if (!alias) this.aliases.set(kind, (alias = indexNames(this.opts.prefix, kind, loadIndexDefinition(kind).version).alias));
    return alias;
  }

  /** Creates each versioned index and points the alias at it; an older version is reindexed, then swapped. */
  async init(reanalyse?: Reanalyse): Promise<void> {
    for (const kind of KINDS) await this.migrate(kind, reanalyse);
  }

  /**
   * Points the alias at the index of the current mapping version. When an older index is behind the alias, its
   * documents are read page by page (search_after on id), re-analysed into the new layout and bulk-written to
   * the new index; the alias moves only when that is complete, so searches never see a half-built index.
   */
  private async migrate(kind: Kind, reanalyse?: Reanalyse): Promise<void> {
    const def = loadIndexDefinition(kind);
    const { alias, index } = indexNames(this.opts.prefix, kind, def.version);
    if (!(await this.client.indices.exists({ index }))) {
      try {
        await this.client.indices.create({ index, settings: withTopology(def.settings, this.opts), mappings: def.mappings as never });
      } catch (e) {
        if (!(e instanceof errors.ResponseError && e.body?.error?.type === 'resource_already_exists_exception')) throw e;
      }
    }
    let previous: string[] = [];
    try {
      previous = Object.keys(await this.client.indices.getAlias({ name: alias }));
    } catch (e) {
      if (!(e instanceof errors.ResponseError && e.statusCode === 404)) throw e;
    }
    if (previous.includes(index)) return;
    for (const old of previous) {
      if (!reanalyse) throw new Error(`${old} has an older mapping than ${index}: start the service to migrate it`);
      await this.copyReanalysed(kind, old, reanalyse);
    }
    await this.client.indices.updateAliases({
      actions: [...previous.map((old) => ({ remove: { index: old, alias } })), { add: { index, alias, is_write_index: true } }],
    });
    await this.client.cluster.health({ index, wait_for_status: 'yellow', timeout: '30s' });
  }

  private async copyReanalysed(kind: Kind, from: string, reanalyse: Reanalyse): Promise<void> {
    const to = indexNames(this.opts.prefix, kind, loadIndexDefinition(kind).version).index;
    let after: unknown[] | undefined;
    for (;;) {
      const page = await this.client.search<{ source: Record<string, unknown> }>({
        index: from, size: 1000, sort: [{ id: 'asc' }], _source: ['source'], ...(after ? { search_after: after as never } : {}),
      });
      const hits = page.hits.hits;
      if (!hits.length) break;
      const docs = hits.map((h) => reanalyse(kind, h._source!.source));
      await this.client.helpers.bulk<IndexDoc>({
        datasource: docs, onDocument: (d) => [{ index: { _index: to, _id: d.id } }, toEsDoc(d)] as never, refreshOnCompletion: to,
        onDrop: (drop) => { throw new Error(`migration of ${drop.document.id} failed: ${drop.error?.reason ?? drop.status}`); },
      });
      after = hits[hits.length - 1]!.sort;
    }
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
