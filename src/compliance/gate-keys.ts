/**
 * Key sets of the regex gate and what they cost: a key set is a set of strings (one to three characters) at
 * least one of which occurs in every match of a pattern; `exact` sets enumerate every string a small
 * sub-pattern can match. The cost model prefers selective keys (two CJK characters, Latin triples) over
 * characters and pairs that occur in most postings. Used by gate-parser.ts.
 */
export type KeySet = Set<string> | null;
export type Exact = Set<string> | null;

/** Larger sets are not worth a gate. */
export const MAX_SET = 800;
/** Bound on enumerated exact match sets. */
export const MAX_EXACT = 4000;

/** Characters so common in postings that a set made only of them gates nothing: prefer other elements. */
const COMMON = new Set(
  '、，的；eai.notscr能工有学和lp发计算。作理1责等：关2熟业d力相经验法3及m开优具以职设机研程/数上用悉技件4通分u术与g求负h实位据产行f5先系统要专品化目项解习模+v器电或析任方编识者软制岗历b文）动好信语人进对究成一处强士测公试图合应定年精y,基w备练（硕团务良度6资队调司较并现管协深像性建构型-体言控本写领x握式大生中沟掌完自视提流*k别于科题新知案决参在规需使架问导子入部平户0789:;()不无为更最后招聘限须月元天时小高全'.split(''),
);

/** Character pairs so common in postings that they gate almost nothing. */
const COMMON_PAIRS = new Set(
  '要求 以上 以下 优先 工作 经验 负责 相关 能力 公司 岗位 熟悉 具有 以及 进行 技术 开发 产品 管理 团队 沟通 良好 专业 学历 本科 招聘 精神 测试 网络 独立'.split(' '),
);

/** Cost of a key set: two-character keys are selective, single characters and common pairs are not. */
export function cost(s: Set<string>): number {
  let c = 0;
  for (const k of s) c += k.length >= 3 ? 0.2 : k.length === 2 ? (isAscii(k) || COMMON_PAIRS.has(k) ? 5 : 0.3) : COMMON.has(k) ? 50 : 2;
  return c;
}

export function unionKeys(a: KeySet, b: KeySet): KeySet {
  if (!a || !b) return null;
  const out = new Set(a);
  for (const c of b) out.add(c);
  return out.size > MAX_SET ? null : out;
}

export function unionExact(a: Exact, b: Exact): Exact {
  if (!a || !b) return null;
  const out = new Set(a);
  for (const c of b) out.add(c);
  return out.size > MAX_EXACT ? null : out;
}

export function concatExact(a: Exact, b: Exact): Exact {
  if (!a || !b) return null;
  if (a.size * b.size > MAX_EXACT) return null;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

/** Latin letter pairs (hi, le, ga …) occur in most technical postings: such keys take a third character. */
export function isAscii(k: string): boolean {
  for (let i = 0; i < k.length; i++) if (k.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** Keys of an exact set: the first two characters of every string (three when those are Latin), null when one is empty. */
export function keysOf(e: Exact): KeySet {
  if (!e) return null;
  const out = new Set<string>();
  for (const s of e) {
    if (s.length === 0) return null;
    out.add(s.length >= 3 && isAscii(s.slice(0, 2)) ? s.slice(0, 3) : s.slice(0, 2));
  }
  return out.size > MAX_SET ? null : out;
}

export interface Node {
  /** keys one of which occurs in every match */
  keys: KeySet;
  /** every string the node can match, when finite and small */
  exact: Exact;
}
