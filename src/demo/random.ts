/**
 * Seeded pseudo-random numbers for the demo data generator (mulberry32). Never Math.random: the same seed
 * gives the same data on every machine. One mutable Rng is re-seeded per document, so generating a million
 * documents allocates no generator objects and document i does not depend on documents before it.
 */

/** 32-bit mix of a seed and a stream number (document index, salt): different inputs give unrelated seeds. */
export function mixSeed(seed: number, stream: number): number {
  let h = (seed ^ Math.imul(stream + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

export class Rng {
  private state: number;

  constructor(seed = 1) {
    this.state = seed >>> 0;
  }

  /** Restarts the sequence from a new seed (no allocation). */
  reseed(seed: number): this {
    this.state = seed >>> 0;
    return this;
  }

  /** Uniform in [0, 1). mulberry32. */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Index drawn by cumulative weights (see cumulative()). */
  weightedIndex(cumulativeWeights: readonly number[]): number {
    const x = this.next() * cumulativeWeights[cumulativeWeights.length - 1]!;
    let lo = 0;
    let hi = cumulativeWeights.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulativeWeights[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Up to k distinct items, in random order (partial Fisher–Yates on a copy of the indices). */
  sample<T>(items: readonly T[], k: number): T[] {
    const n = items.length;
    const take = Math.min(k, n);
    const out: T[] = [];
    if (take === 0) return out;
    if (take * 4 < n) {
      // Few out of many: rejection is cheaper than copying.
      const seen = new Set<number>();
      while (out.length < take) {
        const i = Math.floor(this.next() * n);
        if (!seen.has(i)) { seen.add(i); out.push(items[i]!); }
      }
      return out;
    }
    const idx = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < take; i++) {
      const j = i + Math.floor(this.next() * (n - i));
      const t = idx[i]!; idx[i] = idx[j]!; idx[j] = t;
      out.push(items[idx[i]!]!);
    }
    return out;
  }

  /** Roughly normal around 0 with spread ~1 (sum of three uniforms), cheap and bounded to ±3. */
  bell(): number {
    return (this.next() + this.next() + this.next() - 1.5) * 2;
  }
}

/** Running sums of weights, for Rng.weightedIndex. */
export function cumulative(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}

/** A weighted table: pick items in proportion to their weights. */
export class WeightedTable<T> {
  readonly items: readonly T[];
  private readonly sums: number[];

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    this.items = entries.map((e) => e[0]);
    this.sums = cumulative(entries.map((e) => e[1]));
  }

  pick(rng: Rng): T {
    return this.items[rng.weightedIndex(this.sums)]!;
  }
}
