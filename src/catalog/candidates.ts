import { titleFeatures } from '../occupations/titles.js';
import type { SkillIndex } from '../analysis/skills.js';
import type { Catalog, CatalogEntry } from './schema.js';

/**
 * Which catalog entries can score above zero for a profile, found through inverted indexes instead of scoring
 * all of them: an entry scores 0 unless it shares a 小类 with one of the profile's codes, its industry, a title
 * feature, or a related skill (equal keys, or Chinese keys one of which contains the other — the same rules as
 * matchSkills). Entries outside the set would score exactly 0, so linking gives the same result, only faster.
 */
export interface ProfileSignals {
  codes: ReadonlyArray<{ code: string }>;
  titles: readonly string[];
  skills: readonly string[];
  industries: readonly string[];
}

interface CatalogIndex {
  byClass: Map<string, number[]>;
  byIndustry: Map<string, number[]>;
  byTitleFeature: Map<string, number[]>;
  /** Entry skill keys, exactly. */
  bySkillKey: Map<string, number[]>;
  /** Every Chinese substring (≥ 2 characters) of entry skill keys: a profile skill contained in an entry skill. */
  bySkillPart: Map<string, number[]>;
}

const CJK = /[\u4e00-\u9fff]/;
const indexes = new WeakMap<Catalog, WeakMap<SkillIndex, CatalogIndex>>();

function add(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [i]);
  else if (list[list.length - 1] !== i) list.push(i);
}

/** Substrings of at least two characters that contain a Chinese character (what `related` can match). */
function chineseParts(key: string): string[] {
  const out: string[] = [];
  for (let a = 0; a < key.length; a++) {
    for (let b = a + 2; b <= key.length; b++) {
      const part = key.slice(a, b);
      if (CJK.test(part)) out.push(part);
    }
  }
  return out;
}

function build(entries: readonly CatalogEntry[], skills: SkillIndex): CatalogIndex {
  const idx: CatalogIndex = { byClass: new Map(), byIndustry: new Map(), byTitleFeature: new Map(), bySkillKey: new Map(), bySkillPart: new Map() };
  entries.forEach((e, i) => {
    add(idx.byClass, e.occupationCode.slice(0, 7), i);
    add(idx.byIndustry, e.industry, i);
    if (e.subIndustry) add(idx.byIndustry, e.subIndustry, i);
    for (const t of [e.occupation, ...e.titles]) for (const f of titleFeatures(t).keys()) add(idx.byTitleFeature, f, i);
    for (const s of [...e.skills.required, ...e.skills.preferred]) {
      const k = skills.key(s);
      if (!k) continue;
      add(idx.bySkillKey, k, i);
      if (CJK.test(k)) for (const part of chineseParts(k)) add(idx.bySkillPart, part, i);
    }
  });
  return idx;
}

function catalogIndex(catalog: Catalog, skills: SkillIndex): CatalogIndex {
  let bySkills = indexes.get(catalog);
  if (!bySkills) indexes.set(catalog, (bySkills = new WeakMap()));
  let idx = bySkills.get(skills);
  if (!idx) bySkills.set(skills, (idx = build(catalog.entries, skills)));
  return idx;
}

/** The entries (in catalog order) that can score above zero for the profile. */
export function candidateEntries(p: ProfileSignals, catalog: Catalog, skills: SkillIndex): CatalogEntry[] {
  const idx = catalogIndex(catalog, skills);
  const hit = new Set<number>();
  const take = (list: readonly number[] | undefined) => { if (list) for (const i of list) hit.add(i); };
  for (const c of p.codes) take(idx.byClass.get(c.code.slice(0, 7)));
  for (const industry of p.industries) take(idx.byIndustry.get(industry));
  for (const t of p.titles) for (const f of titleFeatures(t).keys()) take(idx.byTitleFeature.get(f));
  for (const s of p.skills) {
    const k = skills.key(s);
    if (!k) continue;
    take(idx.bySkillKey.get(k));
    if (!CJK.test(k) || k.length < 2) continue;
    take(idx.bySkillPart.get(k));
    for (const part of chineseParts(k)) take(idx.bySkillKey.get(part));
  }
  return [...hit].sort((a, b) => a - b).map((i) => catalog.entries[i]!);
}
