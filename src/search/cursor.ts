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

/** The latest time a Date can hold (ms). */
const MAX_TIME = 8.64e15;

/**
 * The sort values both engines produce: up to three finite numbers (score, date, salary, distance) and the
 * document id last. Anything else would reach the engine as an invalid search_after.
 */
function isSortKey(v: unknown[]): boolean {
  if (v.length < 1 || v.length > 4) return false;
  const last = v[v.length - 1];
  if (typeof last !== 'string' || last.length > 256) return false;
  return v.slice(0, -1).every((x) => typeof x === 'number' && Number.isFinite(x));
}

/** The sort values to continue after, or a reason the cursor is unusable. */
export function decodeCursor(cursor: string, queryFingerprint: string): { values: unknown[]; now: number } | { error: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown; f?: unknown; n?: unknown };
    if (!parsed || !Array.isArray(parsed.v) || typeof parsed.f !== 'string' || typeof parsed.n !== 'number') return { error: 'not a cursor from this API' };
    if (parsed.f !== queryFingerprint) return { error: 'this cursor belongs to a different query; start again without cursor' };
    // The fingerprint is no signature: a hand-made cursor must still hold what the engines put there.
    if (!isSortKey(parsed.v) || !Number.isInteger(parsed.n) || parsed.n < 0 || parsed.n > MAX_TIME) return { error: 'not a cursor from this API' };
    return { values: parsed.v, now: parsed.n };
  } catch {
    return { error: 'not a cursor from this API' };
  }
}
