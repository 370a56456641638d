/**
 * Opaque paging cursors: the sort values of the last hit plus a fingerprint of the query, so a cursor cannot
 * silently continue a different search.
 */
export function fingerprint(value: unknown): string {
  const s = JSON.stringify(value);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}

/** `now` is the clock the first page ranked with (freshness), so later pages rank identically. */
export function encodeCursor(sortValues: unknown[], queryFingerprint: string, now: number): string {
  return Buffer.from(JSON.stringify({ v: sortValues, f: queryFingerprint, n: now })).toString('base64url');
}

/** The sort values to continue after, or a reason the cursor is unusable. */
export function decodeCursor(cursor: string, queryFingerprint: string): { values: unknown[]; now: number } | { error: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown; f?: unknown; n?: unknown };
    if (!Array.isArray(parsed.v) || typeof parsed.f !== 'string' || typeof parsed.n !== 'number') return { error: 'not a cursor from this API' };
    if (parsed.f !== queryFingerprint) return { error: 'this cursor belongs to a different query; start again without cursor' };
    return { values: parsed.v, now: parsed.n };
  } catch {
    return { error: 'not a cursor from this API' };
  }
}
