import type { IndexDoc, KeywordField, NumberField } from '../types.js';
import { NUMBER_FIELDS } from '../types.js';

/**
 * The filter and sort columns of one kind, in memory, addressed by SQLite rowid: ids, numbers, coordinates and
 * the keyword values used for filters and facets (interned as small integers). Text and the documents themselves
 * stay on disk. Rebuilt from SQLite at startup, updated after each committed write.
 */
export const COLUMN_KEYWORDS: readonly KeywordField[] = ['status', 'district', 'industry', 'occupation', 'employmentType', 'tag', 'employerId', 'compliance', 'education', 'salaryBand', 'catalog', 'catalogRevision'];

class KeywordColumn {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();
  /** First value id per doc (-1: none). */
  first = new Int32Array(0);
  /** Docs with more than one value keep the rest here. */
  readonly more = new Map<number, number[]>();

  intern(v: string): number {
    let id = this.ids.get(v);
    if (id === undefined) { id = this.values.length; this.values.push(v); this.ids.set(v, id); }
    return id;
  }

  lookup(v: string): number | undefined { return this.ids.get(v); }

  grow(cap: number) {
    const next = new Int32Array(cap).fill(-1);
    next.set(this.first);
    this.first = next;
  }

  set(doc: number, values: readonly string[]) {
    this.more.delete(doc);
    if (!values.length) { this.first[doc] = -1; return; }
    this.first[doc] = this.intern(values[0]!);
    if (values.length > 1) this.more.set(doc, values.slice(1).map((v) => this.intern(v)));
  }

  clear(doc: number) { this.first[doc] = -1; this.more.delete(doc); }

  /** Does the doc hold any value in `set`? */
  hasAny(doc: number, set: Set<number>): boolean {
    const f = this.first[doc]!;
    if (f < 0) return false;
    if (set.has(f)) return true;
    const rest = this.more.get(doc);
    if (rest) for (const v of rest) if (set.has(v)) return true;
    return false;
  }

  tally(doc: number, counts: Int32Array | number[]) {
    const f = this.first[doc]!;
    if (f < 0) return;
    counts[f] = (counts[f] ?? 0) + 1;
    const rest = this.more.get(doc);
    if (rest) for (const v of rest) counts[v] = (counts[v] ?? 0) + 1;
  }
}

export class ColumnStore {
  capacity = 0;
  alive = new Uint8Array(0);
  ids: Array<string | undefined> = [];
  numbers = {} as Record<NumberField, Float64Array>;
  lat = new Float64Array(0);
  lon = new Float64Array(0);
  readonly keywords = new Map<KeywordField, KeywordColumn>(COLUMN_KEYWORDS.map((f) => [f, new KeywordColumn()]));
  /** Highest rowid + 1 seen: the range scans iterate. */
  end = 0;
  count = 0;

  constructor() {
    for (const f of NUMBER_FIELDS) this.numbers[f] = new Float64Array(0);
    this.ensure(1024);
  }

  private ensure(rowid: number) {
    if (rowid < this.capacity) return;
    let cap = Math.max(1024, this.capacity);
    while (cap <= rowid) cap *= 2;
    const grow = (a: Float64Array) => { const n = new Float64Array(cap).fill(Number.NaN); n.set(a); return n; };
    const alive = new Uint8Array(cap);
    alive.set(this.alive);
    this.alive = alive;
    for (const f of NUMBER_FIELDS) this.numbers[f] = grow(this.numbers[f]);
    this.lat = grow(this.lat);
    this.lon = grow(this.lon);
    for (const k of this.keywords.values()) k.grow(cap);
    this.capacity = cap;
  }

  put(rowid: number, d: Pick<IndexDoc, 'id' | 'keywords' | 'numbers' | 'geo'>) {
    this.ensure(rowid);
    if (!this.alive[rowid]) this.count++;
    this.alive[rowid] = 1;
    this.ids[rowid] = d.id;
    for (const f of NUMBER_FIELDS) this.numbers[f][rowid] = d.numbers[f] ?? Number.NaN;
    this.lat[rowid] = d.geo?.lat ?? Number.NaN;
    this.lon[rowid] = d.geo?.lon ?? Number.NaN;
    for (const [f, col] of this.keywords) col.set(rowid, d.keywords[f] ?? []);
    this.end = Math.max(this.end, rowid + 1);
  }

  remove(rowid: number) {
    if (rowid >= this.capacity || !this.alive[rowid]) return;
    this.alive[rowid] = 0;
    this.count--;
    this.ids[rowid] = undefined;
    for (const col of this.keywords.values()) col.clear(rowid);
  }

  keyword(f: KeywordField): KeywordColumn {
    return this.keywords.get(f)!;
  }
}

export type { KeywordColumn };
