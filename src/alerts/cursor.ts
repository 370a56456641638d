import { invalidQueryParameter } from '../domain/errors.js';

/** The feed cursor: the sort key (seq, id) of the last event a client has seen, opaque to clients. */
export interface FeedPosition { seq: number; id: string }

export function encodeFeedCursor(p: FeedPosition): string {
  return Buffer.from(JSON.stringify([p.seq, p.id])).toString('base64url');
}

export function decodeFeedCursor(s: string | undefined): FeedPosition | undefined {
  if (s === undefined || s === '') return undefined;
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && Number.isFinite(v[0]) && typeof v[1] === 'string') return { seq: v[0] as number, id: v[1] };
  } catch { /* answered below */ }
  throw invalidQueryParameter('after', 'not a cursor of this feed: pass the `next` of the previous page');
}

export const afterPosition = (e: { seq: number; id: string }, p: FeedPosition | undefined) => !p || e.seq > p.seq || (e.seq === p.seq && e.id > p.id);
