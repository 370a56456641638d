/**
 * Cheap prefilter for rulebook regular expressions.
 *
 * `requiredChars(source)` analyses a regex source and returns a set of characters at least one of which occurs
 * in every possible match (or null when no such small set can be derived). A rule whose set has no character in
 * the text cannot match, so the screener skips it without running the regex. Derived automatically from the
 * patterns, so policy staff never maintain it. Conservative: anything the analyser does not understand yields
 * null (= always run the regex).
 *
 * `CharPresence` marks which characters occur in a text (one pass, no allocation per call).
 */

type KeySet = Set<string> | null;
type Exact = Set<string> | null;

/** Larger sets are not worth a gate. */
const MAX_SET = 800;
/** Bound on enumerated exact match sets. */
const MAX_EXACT = 4000;

/** Characters so common in postings that a set made only of them gates nothing: prefer other elements. */
const COMMON = new Set(
  '、，的；eai.notscr能工有学和lp发计算。作理1责等：关2熟业d力相经验法3及m开优具以职设机研程/数上用悉技件4通分u术与g求负h实位据产行f5先系统要专品化目项解习模+v器电或析任方编识者软制岗历b文）动好信语人进对究成一处强士测公试图合应定年精y,基w备练（硕团务良度6资队调司较并现管协深像性建构型-体言控本写领x握式大生中沟掌完自视提流*k别于科题新知案决参在规需使架问导子入部平户0789:;()不无为更最后招聘限须月元天时小高全'.split(''),
);

/** Character pairs so common in postings that they gate almost nothing. */
const COMMON_PAIRS = new Set(
  '要求 以上 以下 优先 工作 经验 负责 相关 能力 公司 岗位 熟悉 具有 以及 进行 技术 开发 产品 管理 团队 沟通 良好 专业 学历 本科 招聘 精神 测试 网络 独立'.split(' '),
);

/** Cost of a key set: two-character keys are selective, single characters and common pairs are not. */
function cost(s: Set<string>): number {
  let c = 0;
  for (const k of s) c += k.length >= 3 ? 0.2 : k.length === 2 ? (isAscii(k) || COMMON_PAIRS.has(k) ? 5 : 0.3) : COMMON.has(k) ? 50 : 2;
  return c;
}

function unionKeys(a: KeySet, b: KeySet): KeySet {
  if (!a || !b) return null;
  const out = new Set(a);
  for (const c of b) out.add(c);
  return out.size > MAX_SET ? null : out;
}

function unionExact(a: Exact, b: Exact): Exact {
  if (!a || !b) return null;
  const out = new Set(a);
  for (const c of b) out.add(c);
  return out.size > MAX_EXACT ? null : out;
}

function concatExact(a: Exact, b: Exact): Exact {
  if (!a || !b) return null;
  if (a.size * b.size > MAX_EXACT) return null;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

/** Latin letter pairs (hi, le, ga …) occur in most technical postings: such keys take a third character. */
function isAscii(k: string): boolean {
  for (let i = 0; i < k.length; i++) if (k.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** Keys of an exact set: the first two characters of every string (three when those are Latin), null when one is empty. */
function keysOf(e: Exact): KeySet {
  if (!e) return null;
  const out = new Set<string>();
  for (const s of e) {
    if (s.length === 0) return null;
    out.add(s.length >= 3 && isAscii(s.slice(0, 2)) ? s.slice(0, 3) : s.slice(0, 2));
  }
  return out.size > MAX_SET ? null : out;
}

interface Node {
  /** keys one of which occurs in every match */
  keys: KeySet;
  /** every string the node can match, when finite and small */
  exact: Exact;
}

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
