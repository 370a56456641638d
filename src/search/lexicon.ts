import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normalizeText } from '../analysis/normalize.js';

/**
 * Query understanding from a team-written lexicon of how seekers ask (seed/lexicon/seekers.txt): everyday phrases
 * (带孩子的, 开车的, 搬砖的, 写代码的 …) mapped to the words postings use (育婴师/保姆, 司机/驾驶员 …). Beside the
 * lexicon, generic forms: a trade + 阿姨/师傅/小哥/大姐/大叔 is the trade (电工师傅 → 电工), 做/干/搞 + X + 的 is X.
 * What a phrase means becomes one group of alternatives of the query (any of its words covers it), and the words
 * also tell the occupation classifier what was meant.
 */
export interface Lexicon {
  readonly byPhrase: ReadonlyMap<string, readonly string[]>;
  readonly longest: number;
}

export interface Understood {
  /** Each recognised phrase with the words it stands for. */
  matches: Array<{ phrase: string; terms: readonly string[] }>;
  /** The query without the recognised phrases (spaces where they were), to analyse as words. */
  rest: string;
}

export const LEXICON_FILE = fileURLToPath(new URL('../../seed/lexicon/seekers.txt', import.meta.url));

export function parseLexicon(text: string): Lexicon {
  const byPhrase = new Map<string, string[]>();
  let longest = 1;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [lhs, rhs] = line.split('=>');
    if (!lhs || !rhs) continue;
    const terms = rhs.split(/[,，]/).map((t) => normalizeText(t).trim()).filter(Boolean);
    if (!terms.length) continue;
    for (const p of lhs.split(/[,，]/).map((x) => normalizeText(x).replace(/\s+/g, '')).filter((x) => x.length >= 2)) {
      byPhrase.set(p, [...new Set([...(byPhrase.get(p) ?? []), ...terms])]);
      longest = Math.max(longest, p.length);
    }
  }
  return { byPhrase, longest };
}

let table: Lexicon | undefined;

export function defaultLexicon(): Lexicon {
  table ??= existsSync(LEXICON_FILE) ? parseLexicon(readFileSync(LEXICON_FILE, 'utf8')) : { byPhrase: new Map(), longest: 1 };
  return table;
}

export const NO_LEXICON: Lexicon = { byPhrase: new Map(), longest: 1 };

/** Forms of address after a trade: 保洁阿姨, 电工师傅, 快递小哥 … */
const ADDRESS = /([\u4e00-\u9fa5]{2,4}?)(?:阿姨|师傅|小哥|大姐|大叔|大哥|小妹)(?:的)?/g;
/** 做/干/搞/当 + what + 的: "做网站的" → 网站 (only when nothing in the lexicon said more). */
const DOER = /(?:^|(?<=\s))(?:做|干|搞|当|跑|开)([\u4e00-\u9fa5a-z0-9]{2,6}?)的(?=\s|$)/g;

/**
 * Finds the lexicon's phrases in a query, longest first at each position (a trailing 的 belongs to the phrase),
 * then the generic forms in what is left. Quoted phrases and -exclusions are handled before (text-query.ts).
 */
export function understand(query: string, lexicon: Lexicon = defaultLexicon()): Understood {
  const text = normalizeText(query);
  const matches: Understood['matches'] = [];
  let rest = '';
  for (let i = 0; i < text.length; ) {
    let hit = 0;
    if (lexicon.byPhrase.size) {
      for (let n = Math.min(lexicon.longest, text.length - i); n >= 2 && !hit; n--) {
        const phrase = text.slice(i, i + n);
        const terms = lexicon.byPhrase.get(phrase);
        if (terms) {
          matches.push({ phrase, terms });
          hit = n + (text[i + n] === '的' ? 1 : 0);
        }
      }
    }
    if (hit) { rest += ' '; i += hit; } else { rest += text[i]; i++; }
  }
  rest = rest.replace(ADDRESS, (_, trade: string) => {
    matches.push({ phrase: trade, terms: [trade] });
    return ' ';
  });
  rest = rest.replace(DOER, (_, what: string) => {
    matches.push({ phrase: what, terms: [what] });
    return ' ';
  });
  return { matches, rest: rest.replace(/\s+/g, ' ').trim() };
}
