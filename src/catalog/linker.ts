import type { Resume } from '../domain/resume.js';
import type { Vacancy } from '../domain/vacancy.js';
import type { Classifier } from '../occupations/classifier.js';
import { matchSkills } from '../analysis/skills.js';
import { linkProfileWithNear, resumeProfile, vacancyProfileAndOccupation } from './link.js';
import type { Catalog } from './schema.js';

/**
 * The server-computed fields of stored documents (issue 4, item 3): links to catalog entries, the inferred
 * occupation of a vacancy without occupationCode, a seeker's occupation codes and the catalog revision used.
 * They are recomputed on every write (a client cannot set them: the input schemas are strict) and by the
 * background re-link after a catalog change.
 */
export interface LinkContext {
  catalog: Catalog;
  revision: number;
  classifier: Classifier;
}

/** The vacancy without server-computed fields (what analysis and linking start from). */
export function withoutVacancyLinks(v: Vacancy): Vacancy {
  const { catalogLinks: _l, inferredOccupation: _o, catalogRevision: _r, ...base } = v;
  return base;
}

export function withoutResumeLinks(r: Resume): Resume {
  const { catalogLinks: _l, catalogNear: _n, catalogMissing: _m, occupationCodes: _c, catalogRevision: _r, ...base } = r;
  return base;
}

export function linkVacancyDoc(v: Vacancy, ctx: LinkContext): Vacancy {
  const base = withoutVacancyLinks(v);
  const { profile, inferred } = vacancyProfileAndOccupation(base, ctx.classifier);
  const { links } = linkProfileWithNear(profile, ctx.catalog);
  return { ...base, catalogLinks: links, ...(inferred ? { inferredOccupation: inferred } : {}), catalogRevision: ctx.revision };
}

const byId = new WeakMap<Catalog, Map<string, Catalog['entries'][number]>>();
function entriesById(catalog: Catalog) {
  let m = byId.get(catalog);
  if (!m) byId.set(catalog, (m = new Map(catalog.entries.map((e) => [e.id, e]))));
  return m;
}

export function linkResumeDoc(r: Resume, ctx: LinkContext): Resume {
  const base = withoutResumeLinks(r);
  const profile = resumeProfile(base, ctx.classifier);
  const { links, near } = linkProfileWithNear(profile, ctx.catalog);
  const entries = entriesById(ctx.catalog);
  const catalogMissing = [...links, ...near].flatMap((l) => {
    const e = entries.get(l.entryId);
    return e ? [{ entryId: l.entryId, skills: matchSkills([...e.skills.required, ...e.skills.preferred], base.skills ?? []).missing }] : [];
  });
  return { ...base, catalogLinks: links, catalogNear: near, catalogMissing, occupationCodes: profile.codes.map((c) => c.code), catalogRevision: ctx.revision };
}
