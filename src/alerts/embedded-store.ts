import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurably } from '../keys/durable.js';
import { afterPosition, decodeFeedCursor, encodeFeedCursor } from './cursor.js';
import type { AlertStore, Change, FeedPage, OutboxItem, SubEvent, Subscription } from './types.js';

/**
 * The embedded store: one append-only journal (DATA_DIR/alerts/journal.jsonl) replayed into memory at open.
 * Every apply() is one write of whole lines followed by fsync before it resolves, so an acknowledged change
 * survives a crash; a torn last line (a crash mid-write) is dropped at replay. At open the journal is compacted
 * (the live state written to a new file, fsynced, renamed over the old: old or new, never half).
 * The subscription index is a map from key to subscriptions, so a vacancy's candidates are a few lookups.
 */
type Record_ =
  | { t: 'sub'; s: Subscription }
  | { t: 'del'; id: string }
  | { t: 'fail'; id: string; reason: string; at: string }
  | { t: 'ev'; e: SubEvent }
  | { t: 'm+'; s: string; v: string }
  | { t: 'm-'; s: string; v: string }
  | { t: 'ob'; o: OutboxItem }
  | { t: 'exp'; before: number };

export class EmbeddedAlertStore implements AlertStore {
  private readonly dir: string;
  private readonly path: string;
  private fh: FileHandle | undefined;
  private chain: Promise<void> = Promise.resolve();
  private readonly subs = new Map<string, Subscription>();
  private readonly index = new Map<string, Set<Subscription>>();
  private readonly events = new Map<string, SubEvent[]>();
  private readonly eventIds = new Set<string>();
  private readonly byVacancy = new Map<string, Set<string>>();
  private readonly outbox = new Map<string, OutboxItem>();
  private lastSeq = 0;
  /** Items delivered or given up since the store was opened (the journal keeps only pending ones past a compaction). */
  private readonly settledCount = { done: 0, dead: 0 };

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'alerts');
    this.path = join(this.dir, 'journal.jsonl');
  }

  async init(): Promise<void> {
    if (this.fh) return;
    mkdirSync(this.dir, { recursive: true });
    if (existsSync(this.path)) {
      const lines = readFileSync(this.path, 'utf8').split('\n');
      for (const line of lines) {
        if (!line) continue;
        try { this.replay(JSON.parse(line) as Record_); } catch { /* a torn last line */ }
      }
      await writeFileDurably(this.path, this.snapshot().map((r) => JSON.stringify(r) + '\n').join(''));
    }
    this.fh = await open(this.path, 'a', 0o600);
  }

  /** Subscriptions straight into memory without the journal (benchmarks of matching only). */
  loadForBench(subs: Subscription[]): void {
    for (const s of subs) this.replay({ t: 'sub', s });
  }

  private snapshot(): Record_[] {
    const out: Record_[] = [...this.subs.values()].map((s) => ({ t: 'sub', s }));
    for (const list of this.events.values()) for (const e of list) out.push({ t: 'ev', e });
    for (const [v, set] of this.byVacancy) for (const s of set) out.push({ t: 'm+', s, v });
    for (const o of this.outbox.values()) if (o.state === 'pending') out.push({ t: 'ob', o });
    return out;
  }

  private replay(r: Record_): void {
    switch (r.t) {
      case 'sub':
        this.unindex(r.s.id);
        this.subs.set(r.s.id, r.s);
        for (const k of r.s.keys) {
          let set = this.index.get(k);
          if (!set) this.index.set(k, (set = new Set()));
          set.add(r.s);
        }
        break;
      case 'del': {
        const s = this.subs.get(r.id);
        if (!s) break;
        this.unindex(r.id);
        this.subs.delete(r.id);
        this.events.delete(r.id);
        for (const set of this.byVacancy.values()) set.delete(r.id);
        for (const [id, o] of this.outbox) if (o.subscriptionId === r.id) this.outbox.delete(id);
        break;
      }
      case 'fail': {
        // In place: the index holds the same object.
        const s = this.subs.get(r.id);
        if (s) Object.assign(s, { status: 'failing', failure: { at: r.at, reason: r.reason } });
        break;
      }
      case 'ev': {
        if (this.eventIds.has(r.e.id) || !this.subs.has(r.e.subscriptionId)) break;
        this.eventIds.add(r.e.id);
        let list = this.events.get(r.e.subscriptionId);
        if (!list) this.events.set(r.e.subscriptionId, (list = []));
        list.push(r.e);
        this.lastSeq = Math.max(this.lastSeq, r.e.seq);
        break;
      }
      case 'm+': {
        let set = this.byVacancy.get(r.v);
        if (!set) this.byVacancy.set(r.v, (set = new Set()));
        set.add(r.s);
        break;
      }
      case 'm-':
        this.byVacancy.get(r.v)?.delete(r.s);
        if (this.byVacancy.get(r.v)?.size === 0) this.byVacancy.delete(r.v);
        break;
      case 'exp':
        // Events older than the retention period go (lists are in seq order); their ids with them.
        for (const [id, list] of this.events) {
          let n = 0;
          while (n < list.length && list[n]!.seq < r.before) this.eventIds.delete(list[n++]!.id);
          if (n === list.length) this.events.delete(id);
          else if (n) list.splice(0, n);
        }
        break;
      case 'ob':
        if (r.o.state === 'pending') this.outbox.set(r.o.id, r.o);
        else if (this.outbox.delete(r.o.id)) this.settledCount[r.o.state]++;
        break;
    }
  }

  private unindex(id: string): void {
    const s = this.subs.get(id);
    if (s) for (const k of s.keys) this.index.get(k)?.delete(s);
  }

  /** Appends records (one write, fsync), then applies them in memory: serialised, so the journal order is the memory order. */
  private write(records: Record_[]): Promise<void> {
    const run = this.chain.then(async () => {
      if (!this.fh) throw new Error('alert store is closed');
      await this.fh.write(records.map((r) => JSON.stringify(r) + '\n').join(''));
      await this.fh.sync();
      for (const r of records) this.replay(r);
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  async create(s: Subscription): Promise<boolean> {
    if (this.subs.has(s.id)) return false;
    await this.write([{ t: 'sub', s }]);
    return true;
  }

  async get(id: string): Promise<Subscription | null> { return this.subs.get(id) ?? null; }

  async getMany(ids: readonly string[]): Promise<Subscription[]> {
    return ids.map((id) => this.subs.get(id)).filter((s): s is Subscription => !!s);
  }

  async delete(id: string): Promise<boolean> {
    if (!this.subs.has(id)) return false;
    await this.write([{ t: 'del', id }]);
    return true;
  }

  async update(s: Subscription): Promise<void> {
    if (this.subs.has(s.id)) await this.write([{ t: 'sub', s }]);
  }

  async forResume(resumeId: string): Promise<Subscription[]> {
    return [...this.subs.values()].filter((s) => s.resumeId === resumeId);
  }

  async markFailing(id: string, reason: string, at: Date): Promise<void> {
    if (this.subs.has(id)) await this.write([{ t: 'fail', id, reason, at: at.toISOString() }]);
  }

  async candidates(keys: readonly string[]): Promise<Subscription[]> {
    return this.candidatesSync(keys);
  }

  /** The same lookup without a promise (the in-process benchmark). */
  candidatesSync(keys: readonly string[]): Subscription[] {
    const seen = new Set<Subscription>();
    for (const k of keys) {
      const set = this.index.get(k);
      if (set) for (const s of set) seen.add(s);
    }
    return [...seen];
  }

  async candidatesMany(keys: ReadonlyArray<readonly string[]>): Promise<Subscription[][]> {
    return keys.map((k) => this.candidatesSync(k));
  }

  async matchedByMany(vacancyIds: readonly string[]): Promise<Map<string, Set<string>>> {
    return new Map(vacancyIds.map((id) => [id, new Set(this.byVacancy.get(id) ?? [])]));
  }

  async matchedBy(vacancyId: string): Promise<Set<string>> {
    return new Set(this.byVacancy.get(vacancyId) ?? []);
  }

  async apply(changes: readonly Change[]): Promise<void> {
    if (!changes.length) return;
    const records: Record_[] = [];
    const now = Date.now();
    for (const c of changes) {
      if (!this.subs.has(c.subscriptionId)) continue;
      if (c.event && !this.eventIds.has(c.event.id)) {
        // The feed's order is the journal's: seq never goes back, even when the clock does.
        const seq = Math.max(c.event.seq, this.lastSeq + 1);
        this.lastSeq = seq;
        const e = { ...c.event, seq };
        records.push({ t: 'ev', e });
        if (c.outbox) records.push({ t: 'ob', o: { id: e.id, subscriptionId: e.subscriptionId, event: e, state: 'pending', attempts: 0, nextAt: now, createdAt: now } });
      }
      records.push({ t: c.membership === 'add' ? 'm+' : 'm-', s: c.subscriptionId, v: c.vacancyId });
    }
    await this.write(records);
  }

  async feed(subscriptionId: string, after: string | undefined, size: number): Promise<FeedPage> {
    const pos = decodeFeedCursor(after);
    const list = this.events.get(subscriptionId) ?? [];
    // Binary search for the first event after the cursor (the list is in seq order).
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (afterPosition(list[mid]!, pos)) hi = mid;
      else lo = mid + 1;
    }
    const events = list.slice(lo, lo + size);
    const last = events[events.length - 1];
    return { events, ...(last ? { next: encodeFeedCursor(last) } : after ? { next: after } : {}) };
  }

  async expire(before: number): Promise<number> {
    let n = 0;
    for (const list of this.events.values()) for (const e of list) { if (e.seq < before) n++; else break; }
    if (n) await this.write([{ t: 'exp', before }]);
    return n;
  }

  private readonly claimed = new Map<string, number>();

  async claimDue(now: number, limit: number, claimMs: number): Promise<OutboxItem[]> {
    const out: OutboxItem[] = [];
    for (const o of this.outbox.values()) {
      if (out.length >= limit) break;
      if (o.state !== 'pending' || o.nextAt > now || (this.claimed.get(o.id) ?? 0) > now) continue;
      this.claimed.set(o.id, now + claimMs);
      out.push(o);
    }
    return out;
  }

  async settle(item: OutboxItem, outcome: { state: 'done' } | { state: 'pending'; nextAt: number; error: string } | { state: 'dead'; error: string }): Promise<void> {
    this.claimed.delete(item.id);
    if (!this.outbox.has(item.id)) return;
    const o: OutboxItem = outcome.state === 'pending'
      ? { ...item, attempts: item.attempts + 1, nextAt: outcome.nextAt, lastError: outcome.error }
      : { ...item, state: outcome.state, attempts: item.attempts + 1, ...('error' in outcome ? { lastError: outcome.error } : {}) };
    await this.write([{ t: 'ob', o }]);
  }

  async outboxCount(state: OutboxItem['state']): Promise<number> {
    return state === 'pending' ? this.outbox.size : this.settledCount[state];
  }

  async close(): Promise<void> {
    await this.chain;
    await this.fh?.close();
    this.fh = undefined;
  }
}
