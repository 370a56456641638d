import { readFileSync } from 'node:fs';
import { seedPath } from '../paths.js';

/**
 * The 职业分类大典 (2022) 细类 the classifier chooses from. Either the full classification read from a file
 * (OCCUPATIONS_FILE: the flattened JSON list of {sn, name, desc}; 细类 are the entries whose sn has four parts)
 * or the built-in list in seed/occupations/builtin.json (the catalog's occupations plus common ones).
 */
export interface Occupation {
  code: string;
  name: string;
  description?: string;
  /** Title words the team wrote for it (from the built-in list, also merged into a full taxonomy). */
  keywords: readonly string[];
}

export interface Taxonomy {
  source: 'file' | 'builtin';
  occupations: readonly Occupation[];
}

const SEED_DIR = seedPath('occupations/');
export const BUILTIN_FILE = SEED_DIR + 'builtin.json';
export const ALIASES_FILE = SEED_DIR + 'aliases.json';

const DETAIL = /^[1-8]-\d{2}-\d{2}-\d{2}$/;
/** The published list marks 数字职业 and 绿色职业 with a trailing S, L or L/S; they are not part of the name. */
export function cleanOccupationName(name: string): string {
  return name.trim().replace(/(?:L\/S|L|S)$/, '').trim();
}

interface BuiltinFile { occupations: Array<{ code: string; name: string; keywords?: string[] }> }

let builtin: Taxonomy | undefined;
export function builtinTaxonomy(): Taxonomy {
  if (builtin) return builtin;
  const data = JSON.parse(readFileSync(BUILTIN_FILE, 'utf8')) as BuiltinFile;
  builtin = {
    source: 'builtin',
    occupations: data.occupations.map((o) => ({ code: o.code, name: o.name, keywords: o.keywords ?? [] })),
  };
  return builtin;
}

/** Reads the flattened taxonomy JSON; the built-in keywords are merged in by code. */
export function loadTaxonomyFile(file: string): Taxonomy {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(raw)) throw new Error(`${file}: expected a JSON array of {sn, name, desc}`);
  const keywords = new Map(builtinTaxonomy().occupations.map((o) => [o.code, o.keywords]));
  const occupations: Occupation[] = [];
  for (const item of raw as Array<Record<string, unknown>>) {
    const code = typeof item.sn === 'string' ? item.sn.trim() : '';
    if (!DETAIL.test(code) || typeof item.name !== 'string') continue;
    const desc = typeof item.desc === 'string' ? item.desc.replace(/\s+/g, '') : undefined;
    occupations.push({ code, name: cleanOccupationName(item.name), description: desc, keywords: keywords.get(code) ?? [] });
  }
  if (occupations.length === 0) throw new Error(`${file}: no 细类 entries (sn like 2-02-10-03) found`);
  return { source: 'file', occupations };
}

/** The taxonomy from OCCUPATIONS_FILE when given, else the built-in list. */
export function loadTaxonomy(file?: string): Taxonomy {
  return file ? loadTaxonomyFile(file) : builtinTaxonomy();
}

/** Title word → codes, the usual meaning first (seed/occupations/aliases.json). */
export function loadAliases(file: string = ALIASES_FILE): Map<string, readonly string[]> {
  const data = JSON.parse(readFileSync(file, 'utf8')) as { aliases: Record<string, string[]> };
  return new Map(Object.entries(data.aliases));
}
