/**
 * Run-time side of the regex gate: `CharPresence` marks which characters, pairs and Latin-led triples occur
 * in a text (one pass, no allocation per call), `gateCodes` compiles a rule's keys into the flat array
 * `CharPresence.any` tests.
 */

/** Bigram hash into 16 bits (collisions only make the prefilter less selective, never wrong). */
function bigram(a: number, b: number): number {
  return (Math.imul(a, 0x9e37) ^ b) & 0xffff;
}

/** Trigram hash into 16 bits. */
function trigram(a: number, b: number, c: number): number {
  return (Math.imul(Math.imul(a, 0x9e37) ^ b, 0x85eb) ^ c) & 0xffff;
}

/** Marks the characters and character pairs of a text; look-ups are O(1). One instance per screener. */
export class CharPresence {
  private readonly marks = new Uint32Array(0x10000);
  private readonly pairs = new Uint32Array(0x10000);
  private readonly triples = new Uint32Array(0x10000);
  private gen = 0;

  /** Start a new generation; earlier marks are forgotten. */
  reset(): void {
    this.gen++;
    if (this.gen === 0xffffffff) {
      this.marks.fill(0);
      this.pairs.fill(0);
      this.triples.fill(0);
      this.gen = 1;
    }
  }

  add(text: string): void {
    const g = this.gen;
    const m = this.marks;
    const p = this.pairs;
    const t = this.triples;
    let prev = -1;
    let prev2 = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      m[c] = g;
      if (prev >= 0) {
        p[bigram(prev, c)] = g;
        if (prev2 >= 0 && prev < 0x80 && prev2 < 0x80) t[trigram(prev2, prev, c)] = g;
      }
      prev2 = prev;
      prev = c;
    }
  }

  /** Does any key of the gate occur? Gate layout: [kind, code(, code(, code))] … with kind 1 (char), 2 (pair) or 3 (Latin-led triple). */
  any(gate: Uint16Array): boolean {
    const g = this.gen;
    for (let i = 0; i < gate.length; ) {
      const kind = gate[i];
      if (kind === 1) {
        if (this.marks[gate[i + 1]!] === g) return true;
        i += 2;
      } else if (kind === 2) {
        if (this.pairs[bigram(gate[i + 1]!, gate[i + 2]!)] === g) return true;
        i += 3;
      } else {
        if (this.triples[trigram(gate[i + 1]!, gate[i + 2]!, gate[i + 3]!)] === g) return true;
        i += 4;
      }
    }
    return false;
  }
}

/** Compile required keys into a gate (null when absent or not made of single code units). */
export function gateCodes(keys: string[] | null): Uint16Array | null {
  if (!keys) return null;
  const out: number[] = [];
  for (const k of keys) {
    if (k.length === 1) out.push(1, k.charCodeAt(0));
    else if (k.length === 2) out.push(2, k.charCodeAt(0), k.charCodeAt(1));
    else if (k.length === 3 && k.charCodeAt(0) < 0x80 && k.charCodeAt(1) < 0x80) out.push(3, k.charCodeAt(0), k.charCodeAt(1), k.charCodeAt(2));
    else return null;
    if (/[\ud800-\udfff]/.test(k)) return null;
  }
  return Uint16Array.from(out);
}
