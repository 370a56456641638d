/** A sort key: numbers and a final string tie-breaker, compared position by position. */
export type SortKey = Array<number | string>;

/**
 * Keeps the best `capacity` documents by sort key with a bounded heap (worst at the root), so ranking a large
 * match set costs O(n log k) instead of a full sort. `after` drops everything not strictly after a cursor key.
 */
export class TopK {
  private readonly heap: Array<{ doc: number; key: SortKey }> = [];

  constructor(readonly capacity: number, private readonly dirs: number[], private readonly after?: SortKey) {}

  /** < 0 when a ranks before b. */
  compare(a: SortKey, b: SortKey): number {
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!;
      const y = b[i]!;
      if (x === y) continue;
      return (x < y ? -1 : 1) * this.dirs[i]!;
    }
    return 0;
  }

  /** True when a document whose first key is `first` cannot enter (the heap is full and it ranks after the worst). */
  rejects(first: number | string): boolean {
    if (this.heap.length < this.capacity) return false;
    const worst = this.heap[0]!.key[0]!;
    return first === worst ? false : (first < worst ? -1 : 1) * this.dirs[0]! > 0;
  }

  offer(doc: number, key: SortKey): void {
    if (this.after && this.compare(key, this.after) <= 0) return;
    const h = this.heap;
    if (h.length < this.capacity) {
      h.push({ doc, key });
      this.up(h.length - 1);
    } else if (this.compare(key, h[0]!.key) < 0) {
      h[0] = { doc, key };
      this.down(0);
    }
  }

  sorted(): Array<{ doc: number; key: SortKey }> {
    return [...this.heap].sort((a, b) => this.compare(a.key, b.key));
  }

  /** The heap keeps the worst entry at the root: parent ranks after its children. */
  private up(i: number) {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.compare(h[i]!.key, h[p]!.key) <= 0) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private down(i: number) {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < h.length && this.compare(h[l]!.key, h[worst]!.key) > 0) worst = l;
      if (r < h.length && this.compare(h[r]!.key, h[worst]!.key) > 0) worst = r;
      if (worst === i) return;
      [h[i], h[worst]] = [h[worst]!, h[i]!];
      i = worst;
    }
  }
}
