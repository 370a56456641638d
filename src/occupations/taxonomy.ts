import { readFileSync } from 'node:fs';
import { seedPath } from '../paths.js';

/**
 * The 职业分类大典 (2022) 细类 the classifier chooses from. By default the whole classification shipped in
 * seed/occupations/dadian2022.json (all 1,636 细类 with their 工种 names, generated from the MIT compilation by
 * scripts/occupations/gen-taxonomy.ts); OCCUPATIONS_FILE may point at the flattened JSON list of {sn, name, desc}
 * instead (细类 are the entries whose sn has four parts; its descriptions are then read too). Either way the
 * team's keywords (seed/occupations/builtin.json) are merged in by code.
 */
export interface Occupation {
  code: string;
  name: string;
  description?: string;
  /** Title words the team wrote for it (seed/occupations/builtin.json, merged in by code). */
  keywords: readonly string[];
  /** The 工种 the classification lists under it (official names). */
  worktypes?: readonly string[];
}

export interface Taxonomy {
  source: 'file' | 'builtin';
  occupations: readonly Occupation[];
}

const SEED_DIR = seedPath('occupations/');
export const BUILTIN_FILE = SEED_DIR + 'builtin.json';
export const ALIASES_FILE = SEED_DIR + 'aliases.json';
export const LEXICON_FILE = SEED_DIR + 'lexicon.json';
export const DADIAN_FILE = SEED_DIR + 'dadian2022.json';

const DETAIL = /^[1-8]-\d{2}-\d{2}-\d{2}$/;
/** The published list marks 数字职业 and 绿色职业 with a trailing S, L or L/S; they are not part of the name. */
export function cleanOccupationName(name: string): string {
  return name.trim().replace(/(?:L\/S|L|S)$/, '').trim();
}

interface BuiltinFile { occupations: Array<{ code: string; name: string; keywords?: string[] }> }

interface DadianFile { occupations: Array<{ code: string; name: string; worktypes?: string[] }> }

let keywordMap: Map<string, readonly string[]> | undefined;
/** The team's keywords by code (seed/occupations/builtin.json). */
function teamKeywords(): Map<string, readonly string[]> {
  if (!keywordMap) {
    const data = JSON.parse(readFileSync(BUILTIN_FILE, 'utf8')) as BuiltinFile;
    keywordMap = new Map(data.occupations.map((o) => [o.code, o.keywords ?? []]));
  }
  return keywordMap;
}

let worktypeMap: Map<string, readonly string[]> | undefined;
function dadianWorktypes(): Map<string, readonly string[]> {
  if (!worktypeMap) worktypeMap = new Map(builtinTaxonomy().occupations.map((o) => [o.code, o.worktypes ?? []]));
  return worktypeMap;
}

let builtin: Taxonomy | undefined;
/** The shipped taxonomy: all 细类 of the 2022 classification with 工种 names and the team's keywords. */
export function builtinTaxonomy(): Taxonomy {
  if (builtin) return builtin;
  const data = JSON.parse(readFileSync(DADIAN_FILE, 'utf8')) as DadianFile;
  const keywords = teamKeywords();
  builtin = {
    source: 'builtin',
    occupations: data.occupations.map((o) => ({ code: o.code, name: o.name, keywords: keywords.get(o.code) ?? [], worktypes: o.worktypes ?? [] })),
  };
  return builtin;
}

/** Reads the flattened taxonomy JSON; the team's keywords and the shipped 工种 names are merged in by code. */
export function loadTaxonomyFile(file: string): Taxonomy {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(raw)) throw new Error(`${file}: expected a JSON array of {sn, name, desc}`);
  const keywords = teamKeywords();
  const worktypes = dadianWorktypes();
  const occupations: Occupation[] = [];
  for (const item of raw as Array<Record<string, unknown>>) {
    const code = typeof item.sn === 'string' ? item.sn.trim() : '';
    if (!DETAIL.test(code) || typeof item.name !== 'string') continue;
    const desc = typeof item.desc === 'string' ? item.desc.replace(/\s+/g, '') : undefined;
    occupations.push({ code, name: cleanOccupationName(item.name), description: desc, keywords: keywords.get(code) ?? [], worktypes: worktypes.get(code) ?? [] });
  }
  if (occupations.length === 0) throw new Error(`${file}: no 细类 entries (sn like 2-02-10-03) found`);
  return { source: 'file', occupations };
}

/** The taxonomy from OCCUPATIONS_FILE when given, else the shipped 2022 classification. */
export function loadTaxonomy(file?: string): Taxonomy {
  return file ? loadTaxonomyFile(file) : builtinTaxonomy();
}

/**
 * Title word → codes, the usual meaning first: seed/occupations/aliases.json, then the generated everyday-title
 * lexicon seed/occupations/lexicon.json (scripts/occupations/lexicon/*.ts); a word in both keeps the first list.
 */
export function loadAliases(files: readonly string[] = [ALIASES_FILE, LEXICON_FILE]): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const file of files) {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { aliases: Record<string, string[]> };
    for (const [word, codes] of Object.entries(data.aliases)) if (!out.has(word)) out.set(word, codes);
  }
  return out;
}
