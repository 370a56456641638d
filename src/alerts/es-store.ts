import { errors, type Client } from '@elastic/elasticsearch';
import { decodeFeedCursor, encodeFeedCursor } from './cursor.js';
import type { AlertStore, Change, FeedPage, OutboxItem, SubEvent, Subscription } from './types.js';

/**
 * The alert store of every replica, in Elasticsearch (no percolator, no scripts: core queries only):
 *  - `<prefix>-subscriptions`: each subscription with the keys it is filed under (`keys`, keyword). A vacancy's
 *    candidates are one `terms` query on `keys` with the vacancy's keys (its words, grams, keyword values, `*`),
 *    then each is tested exactly in TypeScript. Created create-only (op_type create) with refresh, so a
 *    subscription made on one replica is matched by a write on any other at once.
 *  - `<prefix>-sub-events`: the feeds. Events have deterministic ids and are created create-only, so recording
 *    the same change twice (a retried write, two replicas) keeps one. The feed sorts by (seq, id) and shows only
 *    events older than SETTLE_MS: an event written late with an earlier seq can then not land behind a cursor a
 *    reader already moved past (a write slower than that gets a fresh seq, and may be read twice: same id).
 *  - `<prefix>-sub-matches`: which vacancies each subscription currently matches (id `<sub>|<vacancy>`),
 *    written after the events (a crash in between re-records the same event ids next time), refreshed at once (the next write of the vacancy reads them).
 *  - `<prefix>-outbox`: webhook deliveries. A deliverer claims an item with a conditional write (if_seq_no /
 *    if_primary_term) moving nextAt past its claim, so one deliverer at a time has it; the outcome is written
 *    with the claim's version (a claim that expired and was taken over loses quietly).
 */
export const SETTLE_MS = 500;
const PAGE = 5000;

export interface EsAlertStoreOptions { client: Client; prefix: string; shards?: number; replicas?: string }

const isStatus = (err: unknown, status: number) => err instanceof errors.ResponseError && err.statusCode === status;

export class EsAlertStore implements AlertStore {
  private readonly client: Client;
  readonly indices: { subs: string; events: string; matches: string; outbox: string };

  constructor(private readonly opts: EsAlertStoreOptions) {
    this.client = opts.client;
    const p = opts.prefix;
    this.indices = { subs: `${p}-subscriptions`, events: `${p}-sub-events`, matches: `${p}-sub-matches`, outbox: `${p}-outbox` };
  }

  private async ensure(index: string, properties: Record<string, unknown>, refresh = '1s'): Promise<void> {
    if (await this.client.indices.exists({ index })) return;
    const replicas = this.opts.replicas ?? '0-1';
    const topology = /^\d+$/.test(replicas) ? { number_of_replicas: Number(replicas) } : { auto_expand_replicas: replicas };
    try {
      await this.client.indices.create({ index, settings: { number_of_shards: this.opts.shards ?? 1, ...topology, refresh_interval: refresh }, mappings: { dynamic: 'strict', properties } as never });
    } catch (e) {
      if (!(e instanceof errors.ResponseError && e.body?.error?.type === 'resource_already_exists_exception')) throw e;
    }
  }

  private initialised: Promise<void> | undefined;

  /** Creates the indices once, on first use: an app can be built while Elasticsearch is down (its routes then answer 503). */
  private ready(): Promise<void> {
    this.initialised ??= this.createIndices().catch((err: unknown) => { this.initialised = undefined; throw err; });
    return this.initialised;
  }

  async init(): Promise<void> {
    await this.ready();
  }

  private async createIndices(): Promise<void> {
    const doc = { type: 'object', enabled: false };
    await this.ensure(this.indices.subs, { id: { type: 'keyword' }, keys: { type: 'keyword' }, resumeId: { type: 'keyword' }, ownerKeyId: { type: 'keyword' }, status: { type: 'keyword' }, createdAt: { type: 'date' }, doc });
    await this.ensure(this.indices.events, { id: { type: 'keyword' }, subscriptionId: { type: 'keyword' }, vacancyId: { type: 'keyword' }, seq: { type: 'long' }, doc }, '250ms');
    await this.ensure(this.indices.matches, { subscriptionId: { type: 'keyword' }, vacancyId: { type: 'keyword' } }, '250ms');
    await this.ensure(this.indices.outbox, { id: { type: 'keyword' }, subscriptionId: { type: 'keyword' }, state: { type: 'keyword' }, nextAt: { type: 'long' }, createdAt: { type: 'long' }, attempts: { type: 'integer' }, doc });
  }

  private subDoc(s: Subscription) {
    return { id: s.id, keys: s.keys, ...(s.resumeId ? { resumeId: s.resumeId } : {}), ownerKeyId: s.owner.keyId, status: s.status, createdAt: s.createdAt, doc: s };
  }

  async create(s: Subscription): Promise<boolean> {
    await this.ready();
    try {
      await this.client.index({ index: this.indices.subs, id: s.id, op_type: 'create', document: this.subDoc(s), refresh: true });
      return true;
    } catch (err) {
      if (isStatus(err, 409)) return false;
      throw err;
    }
  }

  async get(id: string): Promise<Subscription | null> {
    await this.ready();
    try {
      const res = await this.client.get<{ doc: Subscription }>({ index: this.indices.subs, id });
      return res._source?.doc ?? null;
    } catch (err) {
      if (isStatus(err, 404)) return null;
      throw err;
    }
  }

  async getMany(ids: readonly string[]): Promise<Subscription[]> {
    await this.ready();
    if (!ids.length) return [];
    const res = await this.client.mget<{ doc: Subscription }>({ index: this.indices.subs, ids: [...ids] });
    return res.docs.flatMap((d) => ('found' in d && d.found && d._source ? [d._source.doc] : []));
  }

  async delete(id: string): Promise<boolean> {
    await this.ready();
    try {
      await this.client.delete({ index: this.indices.subs, id, refresh: true });
    } catch (err) {
      if (isStatus(err, 404)) return false;
      throw err;
    }
    for (const index of [this.indices.events, this.indices.matches, this.indices.outbox]) await this.deleteWhere(index, id);
    return true;
  }

  /** Deletes the documents of a subscription in an index (search then bulk delete: the test distribution has no _delete_by_query). */
  private async deleteWhere(index: string, subscriptionId: string): Promise<number> {
    return this.deleteMatching(index, { term: { subscriptionId } });
  }

  private async deleteMatching(index: string, query: Record<string, unknown>): Promise<number> {
    let n = 0;
    for (let round = 0; round < 1000; round++) {
      await this.client.indices.refresh({ index });
      const res = await this.client.search({ index, size: PAGE, _source: false, track_total_hits: false, query: query as never });
      if (!res.hits.hits.length) break;
      const r = await this.client.bulk({ operations: res.hits.hits.map((h) => ({ delete: { _index: index, _id: h._id } })) as never });
      EsAlertStore.check(r.items as never, [404]);
      n += res.hits.hits.length;
    }
    return n;
  }

  async expire(before: number): Promise<number> {
    await this.ready();
    return this.deleteMatching(this.indices.events, { range: { seq: { lt: before } } });
  }

  async update(s: Subscription): Promise<void> {
    await this.ready();
    await this.modify(s.id, () => s);
  }

  async forResume(resumeId: string): Promise<Subscription[]> {
    await this.ready();
    await this.client.indices.refresh({ index: this.indices.subs });
    const res = await this.client.search<{ doc: Subscription }>({ index: this.indices.subs, size: 10_000, _source: ['doc'], query: { term: { resumeId } } });
    return res.hits.hits.map((h) => h._source!.doc);
  }

  async markFailing(id: string, reason: string, at: Date): Promise<void> {
    await this.ready();
    await this.modify(id, (s) => (s.status === 'failing' ? undefined : { ...s, status: 'failing', failure: { at: at.toISOString(), reason } }));
  }

  /** A conditional update (if_seq_no / if_primary_term of the version read), retried on conflict; `change` answers undefined for no change. */
  private async modify(id: string, change: (s: Subscription) => Subscription | undefined): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      let res;
      try {
        res = await this.client.get<{ doc: Subscription }>({ index: this.indices.subs, id });
      } catch (err) {
        if (isStatus(err, 404)) return;
        throw err;
      }
      const next = change(res._source!.doc);
      if (!next) return;
      try {
        await this.client.index({
          index: this.indices.subs, id, document: this.subDoc(next),
          if_seq_no: res._seq_no!, if_primary_term: res._primary_term!, refresh: true,
        });
        return;
      } catch (err) {
        if (!isStatus(err, 409)) throw err;
      }
    }
  }

  async candidates(keys: readonly string[]): Promise<Subscription[]> {
    await this.ready();
    const out: Subscription[] = [];
    let after: unknown[] | undefined;
    for (;;) {
      const res = await this.client.search<{ doc: Subscription }>({
        index: this.indices.subs, size: PAGE, track_total_hits: false, sort: [{ id: 'asc' }], _source: ['doc'],
        query: { bool: { filter: [{ terms: { keys: [...keys] } }] } },
        ...(after ? { search_after: after as never } : {}),
      });
      for (const h of res.hits.hits) if (h._source) out.push(h._source.doc);
      if (res.hits.hits.length < PAGE) return out;
      after = res.hits.hits[res.hits.hits.length - 1]!.sort as unknown[];
    }
  }

  async candidatesMany(keys: ReadonlyArray<readonly string[]>): Promise<Subscription[][]> {
    await this.ready();
    if (keys.length <= 1) return Promise.all(keys.map((k) => this.candidates(k)));
    const searches = keys.flatMap((k) => [{ index: this.indices.subs }, { size: PAGE, track_total_hits: false, sort: [{ id: 'asc' }], _source: ['doc'], query: { bool: { filter: [{ terms: { keys: [...k] } }] } } }]);
    const res = await this.client.msearch<{ doc: Subscription }>({ searches: searches as never });
    return Promise.all(res.responses.map(async (r, i) => {
      if ('error' in r) throw new Error(`alert store search failed: ${r.error.reason ?? r.error.type}`);
      // A full page: read that vacancy's candidates page by page.
      return r.hits.hits.length >= PAGE ? this.candidates(keys[i]!) : r.hits.hits.map((h) => h._source!.doc);
    }));
  }

  async matchedByMany(vacancyIds: readonly string[]): Promise<Map<string, Set<string>>> {
    await this.ready();
    const out = new Map(vacancyIds.map((id) => [id, new Set<string>()]));
    if (!vacancyIds.length) return out;
    const res = await this.client.search<{ subscriptionId: string; vacancyId: string }>({
      index: this.indices.matches, size: 10_000, track_total_hits: false, _source: ['subscriptionId', 'vacancyId'],
      query: { bool: { filter: [{ terms: { vacancyId: [...vacancyIds] } }] } },
    });
    if (res.hits.hits.length >= 10_000) {
      for (const id of vacancyIds) out.set(id, await this.matchedBy(id));
      return out;
    }
    for (const h of res.hits.hits) out.get(h._source!.vacancyId)?.add(h._source!.subscriptionId);
    return out;
  }

  async matchedBy(vacancyId: string): Promise<Set<string>> {
    await this.ready();
    const res = await this.client.search<{ subscriptionId: string }>({
      index: this.indices.matches, size: 10_000, track_total_hits: false, _source: ['subscriptionId'],
      query: { bool: { filter: [{ term: { vacancyId } }] } },
    });
    return new Set(res.hits.hits.map((h) => h._source!.subscriptionId));
  }

  private eventDoc(e: SubEvent) {
    return { id: e.id, subscriptionId: e.subscriptionId, vacancyId: e.vacancyId, seq: e.seq, doc: e };
  }

  private static check(items: Array<Record<string, { status?: number; error?: { reason?: string | null } }>>, tolerated: number[]): boolean[] {
    return items.map((item) => {
      const r = Object.values(item)[0]!;
      if (r.error && !tolerated.includes(r.status ?? 0)) throw new Error(`alert store write failed: ${r.error.reason ?? r.status}`);
      return !r.error;
    });
  }

  async apply(changes: readonly Change[]): Promise<void> {
    await this.ready();
    if (!changes.length) return;
    const now = Date.now();
    const withEvents = changes.filter((c) => c.event);
    if (withEvents.length) {
      const ops: unknown[] = [];
      for (const c of withEvents) {
        ops.push({ create: { _index: this.indices.events, _id: c.event!.id } }, this.eventDoc(c.event!));
        if (c.outbox) {
          const o: OutboxItem = { id: c.event!.id, subscriptionId: c.subscriptionId, event: c.event!, state: 'pending', attempts: 0, nextAt: now, createdAt: now };
          ops.push({ create: { _index: this.indices.outbox, _id: o.id } }, this.outboxDoc(o));
        }
      }
      const res = await this.client.bulk({ operations: ops as never });
      const created = EsAlertStore.check(res.items as never, [409]);
      // Written later than the settle window allows: a fresh seq, so no reader's cursor is already past it.
      const late = Date.now() - Math.min(...withEvents.map((c) => c.event!.seq)) > SETTLE_MS / 2;
      if (late) {
        let i = 0;
        const again: unknown[] = [];
        for (const c of withEvents) {
          if (created[i]) again.push({ index: { _index: this.indices.events, _id: c.event!.id } }, this.eventDoc({ ...c.event!, seq: Date.now() }));
          i += c.outbox ? 2 : 1;
        }
        if (again.length) EsAlertStore.check((await this.client.bulk({ operations: again as never })).items as never, []);
      }
    }
    const ops: unknown[] = [];
    for (const c of changes) {
      const id = `${c.subscriptionId}|${c.vacancyId}`;
      if (c.membership === 'add') ops.push({ index: { _index: this.indices.matches, _id: id } }, { subscriptionId: c.subscriptionId, vacancyId: c.vacancyId });
      else ops.push({ delete: { _index: this.indices.matches, _id: id } });
    }
    const res = await this.client.bulk({ operations: ops as never, refresh: true });
    EsAlertStore.check(res.items as never, [404]);
  }

  async feed(subscriptionId: string, after: string | undefined, size: number, now: number): Promise<FeedPage> {
    await this.ready();
    const pos = decodeFeedCursor(after);
    const res = await this.client.search<{ doc: SubEvent }>({
      index: this.indices.events, size, track_total_hits: false, _source: ['doc'],
      sort: [{ seq: 'asc' }, { id: 'asc' }],
      query: { bool: { filter: [{ term: { subscriptionId } }, { range: { seq: { lte: now - SETTLE_MS } } }] } },
      ...(pos ? { search_after: [pos.seq, pos.id] } : {}),
    });
    const events = res.hits.hits.map((h) => h._source!.doc).map((e, i) => ({ ...e, seq: (res.hits.hits[i]!.sort as number[])[0]! }));
    const last = events[events.length - 1];
    return { events, ...(last ? { next: encodeFeedCursor(last) } : after ? { next: after } : {}) };
  }

  private outboxDoc(o: OutboxItem) {
    const { version: _v, ...item } = o;
    return { id: o.id, subscriptionId: o.subscriptionId, state: o.state, nextAt: o.nextAt, createdAt: o.createdAt, attempts: o.attempts, doc: item };
  }

  async claimDue(now: number, limit: number, claimMs: number): Promise<OutboxItem[]> {
    await this.ready();
    const res = await this.client.search<{ doc: OutboxItem }>({
      index: this.indices.outbox, size: limit * 2, track_total_hits: false, seq_no_primary_term: true, _source: ['doc'],
      sort: [{ nextAt: 'asc' }, { id: 'asc' }],
      query: { bool: { filter: [{ term: { state: 'pending' } }, { range: { nextAt: { lte: now } } }] } },
    });
    const out: OutboxItem[] = [];
    for (const h of res.hits.hits) {
      if (out.length >= limit) break;
      const item = { ...h._source!.doc, nextAt: now + claimMs };
      try {
        const w = await this.client.index({ index: this.indices.outbox, id: item.id, document: this.outboxDoc(item), if_seq_no: h._seq_no!, if_primary_term: h._primary_term! });
        out.push({ ...item, version: { seqNo: w._seq_no!, primaryTerm: w._primary_term! } });
      } catch (err) {
        if (!isStatus(err, 409)) throw err; // another deliverer has it
      }
    }
    return out;
  }

  async settle(item: OutboxItem, outcome: { state: 'done' } | { state: 'pending'; nextAt: number; error: string } | { state: 'dead'; error: string }): Promise<void> {
    const next: OutboxItem = outcome.state === 'pending'
      ? { ...item, attempts: item.attempts + 1, nextAt: outcome.nextAt, lastError: outcome.error }
      : { ...item, state: outcome.state, attempts: item.attempts + 1, ...('error' in outcome ? { lastError: outcome.error } : {}) };
    try {
      await this.client.index({
        index: this.indices.outbox, id: item.id, document: this.outboxDoc(next),
        ...(item.version ? { if_seq_no: item.version.seqNo, if_primary_term: item.version.primaryTerm } : {}),
      });
    } catch (err) {
      if (!isStatus(err, 409) && !isStatus(err, 404)) throw err; // the claim expired and another deliverer took over
    }
  }

  async outboxCount(state: OutboxItem['state']): Promise<number> {
    await this.ready();
    await this.client.indices.refresh({ index: this.indices.outbox });
    const res = await this.client.count({ index: this.indices.outbox, query: { term: { state } } });
    return res.count;
  }

  async close(): Promise<void> { /* the client belongs to the engine */ }
}
