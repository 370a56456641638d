import type { Engine, Kind } from '../engine/types.js';

/** The documents of `hits`, read whole (in one round trip) where the hit is partial and `need` says its lean form is not enough. */
export async function wholeDocuments<T extends { id: string }>(engine: Engine, kind: Kind, hits: ReadonlyArray<{ source: unknown; partial?: true }>, need: (d: T) => boolean): Promise<T[]> {
  const docs = hits.map((h) => h.source as T);
  const at = docs.flatMap((d, i) => (hits[i]!.partial && need(d) ? [i] : []));
  if (!at.length) return docs;
  const whole = await engine.getMany(kind, at.map((i) => docs[i]!.id));
  // A document deleted meanwhile keeps its lean form.
  at.forEach((i, j) => { docs[i] = (whole[j] as T | null) ?? docs[i]!; });
  return docs;
}
