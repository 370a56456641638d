/**
 * Derives a rule's gate from its regex source: `requiredChars(source)` returns keys (one to three
 * characters) one of which occurs in every possible match, or null when no small set can be derived.
 * Conservative: anything the parser does not understand yields null (= always run the regex). Derived from
 * the patterns, so policy staff never maintain it.
 */
import { concatExact, cost, keysOf, unionExact, unionKeys, MAX_SET, type Exact, type KeySet, type Node } from './gate-keys.js';

const EMPTY: Exact = new Set(['']);

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  /** alternation := sequence ('|' sequence)* */
  parseAlternation(): Node {
    let keys: KeySet | undefined;
    let exact: Exact | undefined;
    for (;;) {
      const seq = this.parseSequence();
      keys = keys === undefined ? seq.keys : unionKeys(keys, seq.keys);
      exact = exact === undefined ? seq.exact : unionExact(exact, seq.exact);
      if (this.src[this.i] === '|') {
        this.i++;
        continue;
      }
      return { keys: keys ?? null, exact: exact ?? null };
    }
  }

  /** sequence := (atom quantifier?)*; its keys are the cheapest among its mandatory atoms and runs of exact atoms */
  private parseSequence(): Node {
    let best: KeySet = null;
    let bestCost = Infinity;
    const consider = (k: KeySet) => {
      if (!k) return;
      const c = cost(k);
      if (c < bestCost) {
        best = k;
        bestCost = c;
      }
    };
    let whole: Exact = EMPTY; // exact set of the whole sequence so far
    // exact sets of the runs of enumerable atoms ending here, one per start (the latest starts only)
    let runs: Exact[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.parseAtom();
      const q = this.parseQuantifier();
      if (atom.zeroWidth) continue; // consumes nothing: adjacency is kept
      let ex: Exact = atom.exact;
      if (ex && !(q.min === 1 && q.max === 1)) ex = q.min === 0 && q.max === 1 ? unionExact(ex, EMPTY) : null;
      if (q.min >= 1) consider(atom.keys);
      whole = concatExact(whole, ex);
      if (ex) {
        const next: Exact[] = [];
        for (const r of runs) {
          const c = concatExact(r, ex);
          if (c) next.push(c);
        }
        next.push(ex);
        runs = next.slice(-8);
        for (const r of runs) consider(keysOf(r));
      } else runs = [];
    }
    consider(keysOf(whole));
    return { keys: best, exact: whole };
  }

  /** Minimum and maximum repetition of the quantifier after an atom (1, 1 when there is none). */
  private parseQuantifier(): { min: number; max: number } {
    const ch = this.src[this.i];
    let min = 1;
    let max = 1;
    if (ch === '?') {
      min = 0;
      this.i++;
    } else if (ch === '*') {
      min = 0;
      max = Infinity;
      this.i++;
    } else if (ch === '+') {
      max = Infinity;
      this.i++;
    } else if (ch === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return { min, max };
      min = Number(m[1]);
      max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
      this.i += m[0].length;
    } else return { min, max };
    if (this.src[this.i] === '?') this.i++; // lazy
    return { min, max };
  }

  private parseAtom(): Node & { zeroWidth?: boolean } {
    const src = this.src;
    const ch = src[this.i]!;
    if (ch === '(') {
      this.i++;
      let zeroWidth = false;
      if (src.startsWith('?:', this.i)) this.i += 2;
      else if (src.startsWith('?=', this.i) || src.startsWith('?!', this.i)) {
        this.i += 2;
        zeroWidth = true;
      } else if (src.startsWith('?<=', this.i) || src.startsWith('?<!', this.i)) {
        this.i += 3;
        zeroWidth = true;
      } else if (src.startsWith('?<', this.i)) {
        const close = src.indexOf('>', this.i);
        this.i = close + 1;
      }
      const inner = this.parseAlternation();
      if (src[this.i] === ')') this.i++;
      return zeroWidth ? { keys: null, exact: EMPTY, zeroWidth: true } : inner;
    }
    if (ch === '[') {
      const set = this.parseClass();
      return { keys: set, exact: set };
    }
    if (ch === '\\') {
      const next = src[this.i + 1]!;
      this.i += 2;
      if (next === 'd') {
        const d = new Set('0123456789');
        return { keys: d, exact: d };
      }
      if (next === 'b' || next === 'B') return { keys: null, exact: EMPTY, zeroWidth: true };
      if (next === 'u') {
        const c = String.fromCharCode(parseInt(src.slice(this.i, this.i + 4), 16));
        this.i += 4;
        return { keys: new Set([c]), exact: new Set([c]) };
      }
      if (/[sSwWDnrtfv]/.test(next) || /\d/.test(next)) return { keys: null, exact: null };
      return { keys: new Set([next]), exact: new Set([next]) };
    }
    if (ch === '^' || ch === '$') {
      this.i++;
      return { keys: null, exact: EMPTY, zeroWidth: true };
    }
    if (ch === '.') {
      this.i++;
      return { keys: null, exact: null };
    }
    const cp = src.codePointAt(this.i)!;
    const lit = String.fromCodePoint(cp);
    this.i += lit.length;
    return { keys: new Set([lit]), exact: new Set([lit]) };
  }

  private parseClass(): Set<string> | null {
    const src = this.src;
    this.i++; // [
    let negated = false;
    if (src[this.i] === '^') {
      negated = true;
      this.i++;
    }
    const chars = new Set<string>();
    let tooBig = false;
    let prev: string | undefined;
    while (this.i < src.length && src[this.i] !== ']') {
      let c = src[this.i]!;
      if (c === '\\') {
        const n = src[this.i + 1]!;
        this.i += 2;
        if (n === 'd') for (const d of '0123456789') chars.add(d);
        else if (n === 'u') {
          c = String.fromCharCode(parseInt(src.slice(this.i, this.i + 4), 16));
          this.i += 4;
          chars.add(c);
          prev = c;
          continue;
        } else if (/[sSwWDnrtfvb]/.test(n)) tooBig = true;
        else {
          chars.add(n);
          prev = n;
        }
        continue;
      }
      if (c === '-' && prev !== undefined && src[this.i + 1] !== ']') {
        let to = src[this.i + 1]!;
        this.i += 2;
        if (to === '\\' && src[this.i] === 'u') {
          to = String.fromCharCode(parseInt(src.slice(this.i + 1, this.i + 5), 16));
          this.i += 5;
        }
        const a = prev.charCodeAt(0);
        const b = to.charCodeAt(0);
        if (b - a > MAX_SET) tooBig = true;
        else for (let k = a; k <= b; k++) chars.add(String.fromCharCode(k));
        prev = undefined;
        continue;
      }
      chars.add(c);
      prev = c;
      this.i++;
    }
    this.i++; // ]
    if (negated || tooBig || chars.size > MAX_SET) return null;
    return chars;
  }
}

/** Keys (one or two characters) one of which occurs in every match of `source`, or null. */
export function requiredChars(source: string): string[] | null {
  try {
    const p = new Parser(source);
    const node = p.parseAlternation();
    return node.keys && node.keys.size > 0 ? [...node.keys] : null;
  } catch {
    return null;
  }
}
