import type { Engine, EngineHit, Filter, Kind } from '../engine/types.js';

/**
 * Every document of a kind (matching `filters`), page by page with search-after cursors: newest first, ties by
 * id, so the walk is stable while documents are re-written in place. Memory: one page at a time. `lean` hits may
 * leave out long free text (EngineQuery.candidates; such hits are marked `partial`).
 */
export async function* walkPages(engine: Engine, kind: Kind, filters: Filter[] = [], pageSize = 500, lean = false): AsyncGenerator<EngineHit[]> {
  let after: unknown[] | undefined;
  for (;;) {
    const res = await engine.search(kind, { filters, sort: 'newest', from: 0, size: pageSize, ...(after ? { searchAfter: after } : {}), ...(lean ? { candidates: true } : {}) });
    if (res.hits.length) yield res.hits;
    if (res.hits.length < pageSize) return;
    after = res.hits[res.hits.length - 1]!.sort;
  }
}

/** Lets the event loop serve requests between chunks of CPU work. */
export const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));
