/**
 * Engine faults a caller should retry or report, not internal errors: Elasticsearch unreachable, timed out or
 * overloaded (503), the embedded store busy (503) or its disk full (507). Recognised by name and code, so the HTTP
 * layer and the background jobs need no engine types.
 */
export interface EngineFault {
  status: 503 | 507;
  detail: string;
}

export function engineFault(err: { name?: string; code?: string; statusCode?: number; meta?: { statusCode?: number } } | null | undefined): EngineFault | undefined {
  if (!err) return undefined;
  if (['ConnectionError', 'TimeoutError', 'NoLivingConnectionsError'].includes(err.name ?? '')) return { status: 503, detail: 'the search engine cannot be reached; retry shortly' };
  if (err.name === 'EngineUnavailableError' || (err.name === 'ResponseError' && [429, 502, 503, 504].includes(err.meta?.statusCode ?? 0))) return { status: 503, detail: 'the search engine is overloaded or restarting; retry shortly' };
  // A write block for a moment: the final catch-up of an index migration (src/engine/elasticsearch/engine.ts).
  if (err.name === 'ResponseError' && (err as { meta?: { body?: { error?: { type?: string } } } }).meta?.body?.error?.type === 'cluster_block_exception') return { status: 503, detail: 'the index is being migrated; retry in a second' };
  if (err.code === 'SQLITE_FULL') return { status: 507, detail: 'the embedded store is out of disk space; nothing was written' };
  if (err.code === 'SQLITE_BUSY' || err.code === 'SQLITE_LOCKED') return { status: 503, detail: 'the embedded store is busy; retry shortly' };
  return undefined;
}
