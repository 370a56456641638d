import { Rng as SeededRng } from '../../src/demo/random.js';

/** The demo generator's seeded source (mulberry32), so the same seed gives the same fuzz run; plus what the fuzzer draws. */
export class Rng extends SeededRng {
  constructor(seed: number) {
    super(seed >>> 0 || 0x9e3779b9);
  }

  override pick<T>(items: readonly T[]): T {
    if (!items.length) throw new Error('pick from an empty list');
    return super.pick(items);
  }

  /** Picks by weight: [[weight, value], …]. */
  weighted<T>(items: ReadonlyArray<readonly [number, T]>): T {
    const total = items.reduce((s, [w]) => s + w, 0);
    let r = this.next() * total;
    for (const [w, v] of items) if ((r -= w) < 0) return v;
    return items[items.length - 1]![1];
  }

  /** A seed for a sub-generator (fast-check samples). */
  seed(): number {
    return this.int(0, 0x7fffffff);
  }
}
