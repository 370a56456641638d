import { normalizeText } from '../analysis/normalize.js';
import { aliasWeight, latinBoundaryOk, textFeatures } from './features.js';
import { loadAliases, type Occupation, type Taxonomy } from './taxonomy.js';
import { cleanTitle } from './title.js';

/**
 * Occupation classification for messy job titles: "Java后端开发", "普工（包吃住）", "CNC操机师傅" → top 5 细类.
 * Two kinds of evidence, added per code:
 *  - aliases: title words from seed/occupations/aliases.json (and the official names) found in the cleaned title;
 *    a word inside a longer matched word does not count again (数控车工 does not also count 车工). Secondary codes
 *    of an alias get 60 %; generic words (操作工, 开发工程师 …) 40 %; words in the description count 25 %.
 *  - text: features (tokens and bigrams) shared with the occupation's name (1.0), keywords (0.8) and description
 *    (0.25), weighted by IDF over the taxonomy; title features count 1, description features 0.3 (only the 30
 *    rarest, in at most 120 occupations, of the first 400 characters). It is divided by
 *    the title's own feature mass, so it says how much of the title the occupation explains.
 * score = alias + 3 × text; share = softmax over the candidates plus a "none of these" score of 1.5; the top answer's
 * confidence is calibrated from its share and the title's coverage by specific title words (see CALIBRATION), and
 * an answer below UNCERTAIN_BELOW says `uncertain: true`.
 */
/** share: the top candidate's softmax share (with the "none of these" score); coverage: share of the title's characters inside a specific title word. */
export interface Signals { share: number; coverage: number }

/**
 * Calibration: confidence = sigmoid(A + B·logit(share) + C·coverage), fitted by logistic regression
 * (scripts/occupations/calibrate.ts: the dev splits of the team's title sets plus 5-fold cross-validation over the
 * everyday-title lexicon, i.e. titles the classifier was built without; the held-out splits were not used). On that
 * data, answers at ≥ 0.5 were right 79 % of the time, those below 26 %.
 */
export const CALIBRATION = { A: 0.71, B: 1.08, C: -0.08 } as const;
const logit = (p: number) => Math.log(Math.max(1e-4, Math.min(1 - 1e-4, p)) / (1 - Math.max(1e-4, Math.min(1 - 1e-4, p))));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
export function calibrate(sig: Signals, c: { A: number; B: number; C: number } = CALIBRATION): number {
  return sigmoid(c.A + c.B * logit(sig.share) + c.C * sig.coverage);
}

/** `uncertain`: the confidence is below UNCERTAIN_BELOW; such a guess must not decide anything on its own. */
export interface OccupationMatch { code: string; name: string; confidence: number; uncertain: boolean }
export interface ClassifyInput { title: string; description?: string }

export interface Classifier {
  classify(input: ClassifyInput, limit?: number): OccupationMatch[];
  /** The raw signals the confidence is calibrated from (scripts/occupations/calibrate.ts); undefined when nothing matched. */
  signals(input: ClassifyInput): Signals | undefined;
  has(code: string): boolean;
  get(code: string): Occupation | undefined;
  readonly size: number;
  readonly source: Taxonomy['source'];
}

const FIELD = { name: 1, worktype: 0.9, keyword: 0.8, description: 0.25 } as const;
const DESC_QUERY_WEIGHT = 0.3;
const DESC_ALIAS_WEIGHT = 0.25;
const SECONDARY = 0.6;
const TEXT_WEIGHT = 3;
const NONE_SCORE = 1.5;
const DESC_CHARS = 400;
const DESC_MAX_DF = 120;
const DESC_MAX_FEATURES = 30;
/** Title words that name no trade on their own; as aliases they count 40 %. */
const GENERIC = new Set(['工程师', '开发工程师', '测试工程师', '软件工程师', '技术员', '操作工', '维修工', '专员', '助理', '经理', '主管', '师傅', '工人', '技师', '操作员', '设计师', '工艺工程师', '生产技术员', '研发工程师']);
const GENERIC_FACTOR = 0.4;
const VAGUE_TITLE_BOOST = 3;
/** Answers below this confidence carry `uncertain: true`. */
export const UNCERTAIN_BELOW = 0.5;

interface AliasTarget { codes: readonly number[]; weight: number }

export function createClassifier(taxonomy: Taxonomy, aliases: Map<string, readonly string[]> = loadAliases()): Classifier {
  const occ = taxonomy.occupations;
  const byCode = new Map(occ.map((o, i) => [o.code, i]));

  // Inverted index: feature → doc → best field weight.
  const postings = new Map<string, Map<number, number>>();
  const add = (f: string, doc: number, w: number) => {
    let p = postings.get(f);
    if (!p) postings.set(f, (p = new Map()));
    if ((p.get(doc) ?? 0) < w) p.set(doc, w);
  };
  occ.forEach((o, i) => {
    for (const f of textFeatures(o.name)) add(f, i, FIELD.name);
    for (const w of o.worktypes ?? []) for (const f of textFeatures(w)) add(f, i, FIELD.worktype);
    for (const k of o.keywords) for (const f of textFeatures(k)) add(f, i, FIELD.keyword);
    if (o.description) for (const f of textFeatures(o.description)) add(f, i, FIELD.description);
  });
  const idf = new Map<string, number>();
  for (const [f, p] of postings) idf.set(f, Math.log(1 + occ.length / p.size));

  // Alias table, indexed by first character; official names join as aliases of their own code.
  const table = new Map<string, AliasTarget>();
  for (const [word, codes] of aliases) {
    const known = codes.map((c) => byCode.get(c)).filter((i): i is number => i !== undefined);
    if (known.length) table.set(normalizeText(word), { codes: known, weight: aliasWeight(word) * (GENERIC.has(word) ? GENERIC_FACTOR : 1) });
  }
  occ.forEach((o, i) => {
    const n = normalizeText(o.name);
    if (n.length >= 2 && !n.endsWith('人员') && !table.has(n)) table.set(n, { codes: [i], weight: aliasWeight(n) * 0.9 });
  });
  // 工种 names: official too, but several 细类 may list the same one; the first keeps it.
  occ.forEach((o, i) => {
    for (const w of o.worktypes ?? []) {
      const n = normalizeText(w);
      if (n.length >= 3 && !table.has(n)) table.set(n, { codes: [i], weight: aliasWeight(n) * 0.85 });
    }
  });
  // A character trie over the alias words: one walk from each position finds every word that starts there.
  interface Node { next: Map<string, Node>; word?: string }
  const root: Node = { next: new Map() };
  for (const a of table.keys()) {
    let n = root;
    for (let k = 0; k < a.length; k++) {
      const ch = a[k]!;
      let m = n.next.get(ch);
      if (!m) n.next.set(ch, (m = { next: new Map() }));
      n = m;
    }
    n.word = a;
  }

  /** Adds alias evidence; returns how many non-generic words matched and how many characters they cover. */
  function aliasScores(text: string, factor: number, scores: Map<number, number>): { specific: number; covered: number } {
    const hits: Array<{ s: number; e: number; a: string }> = [];
    for (let i = 0; i < text.length; i++) {
      let n: Node | undefined = root;
      for (let j = i; j < text.length; j++) {
        n = n.next.get(text[j]!);
        if (!n) break;
        const a = n.word;
        if (a !== undefined && latinBoundaryOk(text, i, j + 1, a)) hits.push({ s: i, e: j + 1, a });
      }
    }
    hits.sort((x, y) => (y.e - y.s) - (x.e - x.s));
    const kept: typeof hits = [];
    const counted = new Set<string>();
    let specific = 0;
    const cover = new Uint8Array(text.length);
    for (const h of hits) {
      if (kept.some((k) => k.s <= h.s && h.e <= k.e)) continue;
      kept.push(h);
      if (!GENERIC.has(h.a)) cover.fill(1, h.s, h.e);
      if (counted.has(h.a)) continue;
      counted.add(h.a);
      if (!GENERIC.has(h.a)) specific++;
      const t = table.get(h.a)!;
      t.codes.forEach((doc, rank) => scores.set(doc, (scores.get(doc) ?? 0) + factor * t.weight * (rank === 0 ? 1 : SECONDARY)));
    }
    let covered = 0;
    for (const c of cover) covered += c;
    return { specific, covered };
  }

  function rank(input: ClassifyInput, limit: number): { ranked: Array<[number, number]>; shares: number[]; coverage: number } | undefined {
    const title = cleanTitle(input.title ?? '');
    const desc = input.description ? normalizeText(input.description.slice(0, DESC_CHARS)) : '';
    const alias = new Map<number, number>();
    const own = aliasScores(title, 1, alias);
    const letters = title.replace(/\s+/g, '').length;
    const coverage = letters ? Math.min(1, own.covered / letters) : 0;
    // A title that names no trade (技术员, 操作工) leaves the description to tell: it then counts three times as much.
    const vague = own.specific === 0 ? VAGUE_TITLE_BOOST : 1;
    if (desc) aliasScores(desc, DESC_ALIAS_WEIGHT * vague, alias);

    const text = new Map<number, number>();
    const titleFeatures = textFeatures(title);
    let mass = 0;
    const seen = new Set<string>();
    const score = (f: string, qw: number) => {
      if (seen.has(f)) return;
      seen.add(f);
      const w = idf.get(f);
      if (w === undefined) return;
      for (const [doc, dw] of postings.get(f)!) text.set(doc, (text.get(doc) ?? 0) + qw * w * dw);
    };
    for (const f of titleFeatures) { mass += idf.get(f) ?? Math.log(1 + occ.length); score(f, 1); }
    if (desc) {
      // Only the rarer description words: common ones (负责, 工作 …) say little and cost the most.
      const rare = textFeatures(desc).filter((f) => !seen.has(f) && (postings.get(f)?.size ?? Infinity) <= DESC_MAX_DF)
        .sort((a, b) => idf.get(b)! - idf.get(a)!).slice(0, DESC_MAX_FEATURES);
      for (const f of rare) score(f, DESC_QUERY_WEIGHT * vague);
    }

    const total = new Map<number, number>(alias);
    const norm = Math.max(mass, 1);
    for (const [doc, s] of text) total.set(doc, (total.get(doc) ?? 0) + TEXT_WEIGHT * (s / norm));
    const ranked = [...total].sort((a, b) => b[1] - a[1] || occ[a[0]]!.code.localeCompare(occ[b[0]]!.code)).slice(0, Math.max(limit, 10));
    if (ranked.length === 0) return undefined;
    const top = ranked[0]![1];
    const exp = ranked.map(([, s]) => Math.exp(s - top));
    const denom = exp.reduce((a, b) => a + b, 0) + Math.exp(NONE_SCORE - top);
    return { ranked, shares: exp.map((e) => e / denom), coverage };
  }

  function classify(input: ClassifyInput, limit = 5): OccupationMatch[] {
    const r = rank(input, limit);
    if (!r) return [];
    // The top answer's calibrated probability; the others keep their share relative to it.
    const p = calibrate({ share: r.shares[0]!, coverage: r.coverage });
    return r.ranked.slice(0, limit).map(([doc], i) => {
      const confidence = Math.round(p * (r.shares[i]! / r.shares[0]!) * 1000) / 1000;
      return { code: occ[doc]!.code, name: occ[doc]!.name, confidence, uncertain: confidence < UNCERTAIN_BELOW };
    });
  }

  function signals(input: ClassifyInput): Signals | undefined {
    const r = rank(input, 1);
    return r && { share: r.shares[0]!, coverage: r.coverage };
  }

  return {
    classify,
    signals,
    has: (code) => byCode.has(code),
    get: (code) => { const i = byCode.get(code); return i === undefined ? undefined : occ[i]; },
    size: occ.length,
    source: taxonomy.source,
  };
}
