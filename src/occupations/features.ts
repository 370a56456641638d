import { analyze } from '../analysis/analyzer.js';

/**
 * Matching features of a text: the analyzer's index tokens plus the character bigrams of longer Chinese tokens,
 * so 验证工程师 still meets 验证 and 工程 and 后端开发 meets 开发.
 */
const CJK_RUN = /^[\u4e00-\u9fff]{3,}$/;

export function textFeatures(text: string): string[] {
  const out = new Set<string>();
  for (const tok of analyze(text, 'index')) {
    out.add(tok);
    if (CJK_RUN.test(tok)) for (let i = 0; i + 2 <= tok.length; i++) out.add(tok.slice(i, i + 2));
  }
  return [...out];
}

const LATIN = /[a-z0-9+#.]/;

/** A Latin alias ("ic", "java") must not sit inside a longer Latin word ("logic", "javascript"). */
export function latinBoundaryOk(text: string, start: number, end: number, alias: string): boolean {
  if (!LATIN.test(alias[0]!) && !LATIN.test(alias[alias.length - 1]!)) return true;
  const before = start > 0 ? text[start - 1]! : ' ';
  const after = end < text.length ? text[end]! : ' ';
  return !(LATIN.test(alias[0]!) && /[a-z]/.test(before)) && !(LATIN.test(alias[alias.length - 1]!) && /[a-z]/.test(after));
}

/** Weight of a matched alias: longer aliases say more; Latin letters count a little less than Chinese characters. */
export function aliasWeight(alias: string): number {
  let len = 0;
  for (const ch of alias) len += /[\u4e00-\u9fff]/.test(ch) ? 1 : 0.6;
  return Math.min(4, 0.5 + 0.5 * len);
}
