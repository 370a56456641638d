import type { Resume } from '../domain/resume.js';
import type { Vacancy } from '../domain/vacancy.js';
import type { IndexDoc, Kind } from '../engine/types.js';
import { KIND_SPECS, type KindSpec } from '../indexing/service.js';

/** A write-pool task: linked documents of one kind, analysed (tokenised with nodejieba) in a worker thread. */
export type AnalyseTask = { kind: Kind; docs: Array<Vacancy | Resume> };

/** Runs in a worker thread (src/catalog/write-pool.ts): pure CPU work, no engine, no I/O. */
export default function analyse(task: AnalyseTask): IndexDoc[] {
  const spec = KIND_SPECS[task.kind] as KindSpec<Vacancy | Resume>;
  return task.docs.map((d) => spec.analyse(d));
}
