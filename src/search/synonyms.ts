import { existsSync, readFileSync } from 'node:fs';
import { analyze } from '../analysis/analyzer.js';
import { seedPath } from '../paths.js';

/**
 * Query-time synonyms written by the team (seed/synonyms.txt): one group a line, comma-separated, `#` comments.
 * Each member is analysed like a query; a query word sequence that equals a member expands to the whole group.
 */
export interface SynonymTable {
  /** "web 前端" → the group's members as word sequences */
  readonly groups: Map<string, string[][]>;
  readonly longest: number;
}

export const SYNONYMS_FILE = seedPath('synonyms.txt');

export function parseSynonyms(text: string): SynonymTable {
  const groups = new Map<string, string[][]>();
  let longest = 1;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const members = line.split(/[,，]/).map((m) => analyze(m.trim(), 'query')).filter((m) => m.length);
    if (members.length < 2) continue;
    for (const m of members) {
      const key = m.join(' ');
      const existing = groups.get(key);
      const merged = existing ? [...existing, ...members] : members;
      groups.set(key, dedupe(merged));
      longest = Math.max(longest, m.length);
    }
  }
  return { groups, longest };
}

function dedupe(members: string[][]): string[][] {
  const seen = new Set<string>();
  return members.filter((m) => {
    const k = m.join(' ');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

let table: SynonymTable | undefined;

export function defaultSynonyms(): SynonymTable {
  table ??= existsSync(SYNONYMS_FILE) ? parseSynonyms(readFileSync(SYNONYMS_FILE, 'utf8')) : { groups: new Map(), longest: 1 };
  return table;
}

export const NO_SYNONYMS: SynonymTable = { groups: new Map(), longest: 1 };
