import { keysOf, LATIN_TYPED, normalizeTyped, oneEditAway, type SearchKey, type Via } from './keys.js';

export const SUGGEST_KINDS = ['title', 'skill', 'employer', 'place'] as const;
export type SuggestKind = (typeof SUGGEST_KINDS)[number];
export type Match = Via | 'typo';

/** A completion and the live vacancies behind it. */
interface Entry {
  kind: SuggestKind;
  /** Identity within the kind: a normalised title or skill, an employer id, a district. */
  id: string;
  /** Spellings seen, with how many live vacancies use each: the commonest is shown. */
  spellings: Map<string, number>;
  display: string;
  count: number;
  keys: SearchKey[];
}

/** What one live vacancy adds to the index. */
export interface Contribution {
  title?: { id: string; text: string };
  skills: Array<{ id: string; text: string }>;
  employer?: { id: string; text: string };
  place?: { id: string; text: string; aliases: string[] };
}

export interface Suggestion {
  text: string;
  kind: SuggestKind;
  /** Live vacancies behind it (an exact title, a listed skill, an employer's, a district's). */
  count: number;
  match: Match;
  /** The key that matched, when it is not the text itself (pinyin, an alias, the corrected spelling). */
  matched?: string;
  /** The identity of the completion: the employer id, the canonical district. */
  id: string;
}

type Row = [key: string, entry: Entry, k: SearchKey];

/** The order of match kinds among equal counts, and typos after everything else. */
const MATCH_RANK: Record<Match, number> = { prefix: 0, alias: 1, word: 2, pinyin: 3, initials: 4, typo: 9 };
/**
 * Prefixes this short (j, 工, kf) cover thousands of keys: their best entries are kept ranked as counts change
 * (TOP_K each), so answering them reads a short list instead of a range.
 */
const SHORT = 2;
const TOP_K = 40;
/** A list that lost a member's count is recomputed from its range at most this often (ms); until then it is re-sorted. */
const STALE_MS = 1000;

interface Top { list: Entry[]; stale: boolean; at: number }
const byCountDesc = (a: Entry, b: Entry) => b.count - a.count || (a.display < b.display ? -1 : a.display > b.display ? 1 : 0);
/** New keys wait in a small unsorted list; past this many they are merged into the sorted one. */
const PENDING_MAX = 2000;

class KindIndex {
  readonly entries = new Map<string, Entry>();
  private sorted: Row[] = [];
  private pending: Row[] = [];
  private readonly tops = new Map<string, Top>();
  /** The first three characters of every key: a typo variant that starts otherwise cannot match. */
  private readonly heads = new Set<string>();

  entry(id: string, text: string, kind: SuggestKind): Entry {
    let e = this.entries.get(id);
    if (!e) {
      e = { kind, id, spellings: new Map(), display: text, count: 0, keys: [] };
      this.entries.set(id, e);
    }
    return e;
  }

  /** Counts `delta` live vacancies for a spelling of the entry; a new spelling brings its keys (a renamed employer). */
  add(e: Entry, text: string, delta: number, keys: (text: string) => SearchKey[]): void {
    if (delta > 0 && !e.spellings.has(text)) {
      const have = new Set(e.keys.map((k) => k.key));
      for (const k of keys(text)) {
        if (have.has(k.key)) continue;
        e.keys.push(k);
        this.pending.push([k.key, e, k]);
        this.heads.add(k.key.slice(0, 3));
      }
      if (this.pending.length > PENDING_MAX) this.merge();
    }
    e.count += delta;
    const n = (e.spellings.get(text) ?? 0) + delta;
    if (n > 0) e.spellings.set(text, n);
    else e.spellings.delete(text);
    let best = e.display;
    let bestN = e.spellings.get(best) ?? 0;
    for (const [s, c] of e.spellings) if (c > bestN || (c === bestN && s < best)) { best = s; bestN = c; }
    e.display = best;
    this.rank(e, delta);
  }

  /** Keeps the top lists of the entry's short prefixes in order after its count changed by `delta`. */
  private rank(e: Entry, delta: number): void {
    const prefixes = new Set<string>();
    for (const k of e.keys) for (let n = 0; n <= SHORT && n <= k.key.length; n++) prefixes.add(k.key.slice(0, n));
    for (const p of prefixes) {
      const t = this.tops.get(p);
      if (!t) continue; // computed when first asked
      const at = t.list.indexOf(e);
      if (delta < 0) {
        // A member fell: an entry outside the list may now be ahead of it.
        if (at >= 0) t.stale = true;
        continue;
      }
      if (at >= 0) t.list.sort(byCountDesc);
      else if (t.list.length < TOP_K || e.count > t.list[t.list.length - 1]!.count) {
        t.list.push(e);
        t.list.sort(byCountDesc);
        if (t.list.length > TOP_K) t.list.length = TOP_K;
      }
    }
  }

  private top(prefix: string): Entry[] {
    let t = this.tops.get(prefix);
    const now = Date.now();
    if (!t || (t.stale && now - t.at > STALE_MS)) {
      const seen = new Set<Entry>();
      const lo = this.lowerBound(prefix);
      const hi = this.lowerBound(prefix + '\uffff');
      for (let i = lo; i < hi; i++) {
        const e = this.sorted[i]![1];
        if (e.count > 0) seen.add(e);
      }
      for (const [key, e] of this.pending) if (e.count > 0 && key.startsWith(prefix)) seen.add(e);
      t = { list: [...seen].sort(byCountDesc).slice(0, TOP_K), stale: false, at: now };
      this.tops.set(prefix, t);
    } else if (t.stale) {
      t.list.sort(byCountDesc);
    }
    return t.list;
  }

  /** Merges the pending keys into the sorted ones: the pending sorted, then one linear merge. */
  merge(): void {
    if (!this.pending.length) return;
    const cmp = (a: Row, b: Row) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
    const add = this.pending.sort(cmp);
    const old = this.sorted;
    const out: Row[] = new Array(old.length + add.length);
    let i = 0;
    let j = 0;
    let o = 0;
    while (i < old.length && j < add.length) out[o++] = cmp(old[i]!, add[j]!) <= 0 ? old[i++]! : add[j++]!;
    while (i < old.length) out[o++] = old[i++]!;
    while (j < add.length) out[o++] = add[j++]!;
    this.sorted = out;
    this.pending = [];
  }

  private lowerBound(key: string, from = 0, to = this.sorted.length): number {
    let lo = from;
    let hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid]![0] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The keys that start with `prefix`: a range of the sorted keys plus the pending ones, or a short prefix's top list. */
  collect(prefix: string, via: Match | undefined, into: Map<Entry, [Match, SearchKey]>): void {
    if (prefix.length <= SHORT && !via) {
      for (const e of this.top(prefix)) {
        let best: SearchKey | undefined;
        for (const k of e.keys) if (k.key.startsWith(prefix) && (!best || MATCH_RANK[k.via] < MATCH_RANK[best.via] || (k.via === best.via && k.key.length < best.key.length))) best = k;
        if (best) offer(into, [best.key, e, best], via);
      }
      return;
    }
    const lo = this.lowerBound(prefix);
    const hi = this.lowerBound(prefix + '\uffff');
    for (let i = lo; i < hi; i++) offer(into, this.sorted[i]!, via);
    for (const row of this.pending) if (row[0].startsWith(prefix)) offer(into, row, via);
  }

  /**
   * The completions of typo variants, each sharing a prefix with what was typed: each lookup runs inside the
   * range of that shared prefix (found once per length), and variants whose first three characters start no key
   * are skipped.
   */
  collectVariants(typed: string, variants: Map<string, number>, into: Map<Entry, [Match, SearchKey]>): void {
    const windows = new Map<number, [number, number]>();
    const windowOf = (n: number): [number, number] => {
      let w = windows.get(n);
      if (!w) {
        const p = typed.slice(0, n);
        w = n === 0 ? [0, this.sorted.length] : [this.lowerBound(p), this.lowerBound(p + '\uffff')];
        windows.set(n, w);
      }
      return w;
    };
    for (const [v, shared] of variants) {
      if (!this.heads.has(v.slice(0, 3))) continue;
      const [from, to] = windowOf(shared);
      const lo = this.lowerBound(v, from, to);
      const hi = this.lowerBound(v + '\uffff', lo, to);
      for (let i = lo; i < hi; i++) offer(into, this.sorted[i]!, 'typo');
      for (const row of this.pending) if (row[0].startsWith(v)) offer(into, row, 'typo');
    }
  }

}

function offer(into: Map<Entry, [Match, SearchKey]>, [, e, k]: Row, via: Match | undefined): void {
  if (e.count <= 0) return;
  const m: Match = via ?? k.via;
  const had = into.get(e);
  // The best kind of match; among equal ones the shortest key (西海岸 rather than 西海岸新区 for 西海岸).
  if (!had || MATCH_RANK[m] < MATCH_RANK[had[0]] || (MATCH_RANK[m] === MATCH_RANK[had[0]] && k.key.length < had[1].key.length)) into.set(e, [m, k]);
}

/**
 * Completions of what a user types in the search box, counted over live vacancies and kept up to date as
 * vacancies are written, closed and deleted (`put`, `remove`). Memory: one small record per live vacancy and a
 * sorted array of keys (prefix ranges by binary search).
 */
export class SuggestIndex {
  private readonly kinds = new Map<SuggestKind, KindIndex>(SUGGEST_KINDS.map((k) => [k, new KindIndex()]));
  private readonly live = new Map<string, Contribution>();

  get vacancies(): number {
    return this.live.size;
  }

  /** Sets what a vacancy contributes (undefined: nothing — closed, draft or deleted). */
  put(id: string, c: Contribution | undefined): void {
    const old = this.live.get(id);
    if (old) this.apply(old, -1);
    if (c) {
      this.apply(c, 1);
      this.live.set(id, c);
    } else {
      this.live.delete(id);
    }
  }

  private apply(c: Contribution, delta: number): void {
    const t = this.kinds.get('title')!;
    if (c.title) t.add(t.entry(c.title.id, c.title.text, 'title'), c.title.text, delta, (x) => keysOf(x));
    const s = this.kinds.get('skill')!;
    for (const sk of c.skills) s.add(s.entry(sk.id, sk.text, 'skill'), sk.text, delta, (x) => keysOf(x, false));
    const em = this.kinds.get('employer')!;
    if (c.employer) em.add(em.entry(c.employer.id, c.employer.text, 'employer'), c.employer.text, delta, (x) => keysOf(x));
    const p = this.kinds.get('place')!;
    if (c.place) {
      const aliases = c.place.aliases;
      const keys = (x: string) => [...keysOf(x, false), ...aliases.flatMap((a) => keysOf(a, false).map((k) => ({ ...k, via: k.via === 'prefix' ? 'alias' as const : k.via, from: a })))];
      p.add(p.entry(c.place.id, c.place.text, 'place'), c.place.text, delta, keys);
    }
  }

  /** Merges pending keys into the sorted arrays (after a bulk load). */
  compact(): void {
    for (const k of this.kinds.values()) k.merge();
  }

  suggest(typed: string, kinds: readonly SuggestKind[], limit: number): Suggestion[] {
    const q = normalizeTyped(typed);
    const found = new Map<Entry, [Match, SearchKey]>();
    // An empty box: the commonest completions (the top list of the empty prefix).
    for (const k of kinds) this.kinds.get(k)!.collect(q, undefined, found);
    if (q) {
      // One typo in a Latin word (javscript → JavaScript), only while exact completions leave room.
      if (found.size < limit && LATIN_TYPED.test(q)) {
        const typos = new Map<Entry, [Match, SearchKey]>();
        const variants = oneEditAway(q);
        for (const k of kinds) this.kinds.get(k)!.collectVariants(q, variants, typos);
        for (const [e, m] of typos) if (!found.has(e)) found.set(e, m);
      }
    }
    return [...found]
      .sort(([a, [ma]], [b, [mb]]) => (ma === 'typo' ? 1 : 0) - (mb === 'typo' ? 1 : 0) || b.count - a.count || MATCH_RANK[ma] - MATCH_RANK[mb] || (a.display < b.display ? -1 : a.display > b.display ? 1 : 0))
      .slice(0, limit)
      .map(([e, [m, k]]) => ({
        text: e.display,
        kind: e.kind,
        count: e.count,
        match: m,
        ...(m !== 'prefix' && m !== 'word' ? { matched: k.from ?? k.key } : {}),
        id: e.id,
      }));
  }
}
