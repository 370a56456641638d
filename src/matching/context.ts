import { inferOccupation, linkProfile, resumeProfile, vacancyProfile, type CatalogLink, type InferredOccupation } from '../catalog/link.js';
import type { Catalog, CatalogEntry } from '../catalog/schema.js';
import type { Vacancy } from '../domain/vacancy.js';
import type { Classifier } from '../occupations/classifier.js';
import type { SeekerView } from './seeker.js';
import type { SkillIndex } from '../analysis/skills.js';
import type { Factor } from './weights.js';

/**
 * What scoring needs besides the pair. Documents may carry what indexing computed (vacancy.catalogLinks,
 * vacancy.inferredOccupation, resume.catalogLinks, resume.occupationCodes); when they do not and a classifier
 * (and catalog) is given, it is computed here and cached per document object.
 */
export interface MatchContext {
  now: Date;
  catalog?: Catalog;
  classifier?: Classifier;
  skills?: SkillIndex;
  /** Factor weights (the weight fit tries others); WEIGHTS otherwise. */
  weights?: Readonly<Record<Factor, number>>;
}

export type MatchVacancy = Vacancy & { catalogLinks?: CatalogLink[]; inferredOccupation?: InferredOccupation | null };

const inferred = new WeakMap<object, InferredOccupation | null>();
const seekerCodeCache = new WeakMap<object, string[]>();
const linkCache = new WeakMap<Catalog, WeakMap<object, CatalogLink[]>>();
const entryIndex = new WeakMap<Catalog, Map<string, CatalogEntry>>();

export function vacancyCode(v: MatchVacancy, ctx: MatchContext): { code: string; inferred: boolean } | undefined {
  if (v.occupationCode) return { code: v.occupationCode, inferred: false };
  if (v.inferredOccupation) return { code: v.inferredOccupation.code, inferred: true };
  if (!ctx.classifier) return undefined;
  let o = inferred.get(v);
  if (o === undefined) { o = inferOccupation(v, ctx.classifier); inferred.set(v, o); }
  return o ? { code: o.code, inferred: true } : undefined;
}

/** Top occupation code of each of the seeker's titles (desired titles first). */
export function seekerCodes(s: SeekerView, key: object, ctx: MatchContext): readonly string[] {
  if (s.occupationCodes) return s.occupationCodes;
  if (!ctx.classifier) return [];
  let codes = seekerCodeCache.get(key);
  if (!codes) {
    const titles = [...s.desiredTitles, ...s.experience.map((e) => e.title)].slice(0, 4);
    codes = titles.map((t) => ctx.classifier!.classify({ title: t }, 1)[0]?.code).filter((c): c is string => !!c);
    seekerCodeCache.set(key, codes);
  }
  return codes;
}

function cached(catalog: Catalog, key: object, compute: () => CatalogLink[]): CatalogLink[] {
  let m = linkCache.get(catalog);
  if (!m) linkCache.set(catalog, (m = new WeakMap()));
  let links = m.get(key);
  if (!links) { links = compute(); m.set(key, links); }
  return links;
}

export function vacancyLinks(v: MatchVacancy, ctx: MatchContext): readonly CatalogLink[] {
  if (v.catalogLinks) return v.catalogLinks;
  if (!ctx.catalog || !ctx.classifier) return [];
  return cached(ctx.catalog, v, () => linkProfile(vacancyProfile(v, ctx.classifier!), ctx.catalog!));
}

export function seekerLinks(s: SeekerView, key: object, ctx: MatchContext): readonly CatalogLink[] {
  if (s.catalogLinks) return s.catalogLinks;
  if (!ctx.catalog || !ctx.classifier) return [];
  return cached(ctx.catalog, key, () => linkProfile(resumeProfile(s, ctx.classifier!), ctx.catalog!));
}

export function catalogEntry(catalog: Catalog, id: string): CatalogEntry | undefined {
  let m = entryIndex.get(catalog);
  if (!m) entryIndex.set(catalog, (m = new Map(catalog.entries.map((e) => [e.id, e]))));
  return m.get(id);
}
