import type { Resume } from '../domain/resume.js';
import type { Role } from '../keys/principal.js';
import type { Predicate } from './predicate.js';

/**
 * Subscriptions (issue 14, item 1): a saved search or a resume, with an optional webhook. The store keeps them,
 * their events, which vacancies currently match each (so a change or a close is told once), and the webhook
 * outbox. Two implementations behind one interface: files under DATA_DIR (embedded) and Elasticsearch indices
 * shared by every replica (es-store.ts).
 */
export interface Subscription {
  id: string;
  owner: { keyId: string; role: Role; resumeId?: string; employerId?: string };
  /** The search parameters as given (normalised: districts canonical, salary monthly), for saved searches. */
  search?: Record<string, unknown>;
  resumeId?: string;
  /** Resume subscriptions: the least match score (0–100) a vacancy needs. */
  minScore?: number;
  webhook?: { url: string; secret: string };
  status: 'active' | 'failing';
  /** Why the subscription is failing (the webhook's last error). */
  failure?: { at: string; reason: string };
  createdAt: string;
  /** The keys it is filed under in the subscription index (predicate.ts, subscriptionKeys). */
  keys: string[];
  /** What a vacancy must satisfy, compiled once when the subscription is created. */
  predicate: Predicate;
  /** A hash of the predicate: saved searches that are the same search are tested once per vacancy. */
  predicateKey?: string;
  /** Resume subscriptions: the resume as it was when subscribed (matching fields only; no contact data). */
  resume?: Resume;
}

export type EventType = 'vacancy.matched' | 'vacancy.closed';

export interface SubEvent {
  /** Stable: the same change of the same vacancy is the same id, however often it is recorded or delivered. */
  id: string;
  subscriptionId: string;
  type: EventType;
  vacancyId: string;
  /** When it was recorded (ISO). */
  at: string;
  /** Sort key of the feed: milliseconds, ties broken by id. */
  seq: number;
  vacancy: { id: string; title: string; employer: string; district: string; status: string; salary?: string | undefined; publishedAt?: string | undefined };
  /** Resume subscriptions: the match score. */
  score?: number;
}

export interface OutboxItem {
  /** The event id. */
  id: string;
  subscriptionId: string;
  event: SubEvent;
  state: 'pending' | 'done' | 'dead';
  attempts: number;
  /** Not before this time (ms); while claimed, the end of the claim. */
  nextAt: number;
  createdAt: number;
  lastError?: string;
  /** Store-specific version for conditional updates (ES seq_no/primary_term). */
  version?: { seqNo: number; primaryTerm: number };
}

/** One change recorded for a (subscription, vacancy) pair. */
export interface Change {
  subscriptionId: string;
  vacancyId: string;
  /** The pair now matches (add) or no longer (remove). */
  membership: 'add' | 'remove';
  event?: SubEvent;
  /** Also put the event in the webhook outbox. */
  outbox?: boolean;
}

export interface FeedPage { events: SubEvent[]; next?: string }

export interface AlertStore {
  init(): Promise<void>;
  /** Create-only: a second subscription with the same id is refused (false). */
  create(s: Subscription): Promise<boolean>;
  get(id: string): Promise<Subscription | null>;
  getMany(ids: readonly string[]): Promise<Subscription[]>;
  delete(id: string): Promise<boolean>;
  /** Replaces a subscription (its keys and predicate may change); a deleted one stays deleted. */
  update(s: Subscription): Promise<void>;
  /** The subscriptions to a resume's matches. */
  forResume(resumeId: string): Promise<Subscription[]>;
  markFailing(id: string, reason: string, at: Date): Promise<void>;
  /** Subscriptions filed under any of these keys: an index lookup, not a scan of every subscription. */
  candidates(keys: readonly string[]): Promise<Subscription[]>;
  /** The same for several vacancies at once (one round trip on Elasticsearch), in order. */
  candidatesMany(keys: ReadonlyArray<readonly string[]>): Promise<Subscription[][]>;
  /** The subscriptions a vacancy currently matches. */
  matchedBy(vacancyId: string): Promise<Set<string>>;
  /** The same for several vacancies at once. */
  matchedByMany(vacancyIds: readonly string[]): Promise<Map<string, Set<string>>>;
  /** Records changes durably: events (and outbox items) first, then the memberships. */
  apply(changes: readonly Change[]): Promise<void>;
  /** Events of a subscription after the cursor, oldest first. */
  feed(subscriptionId: string, after: string | undefined, size: number, now: number): Promise<FeedPage>;
  /** Drops the events recorded before `before` (epoch ms, by seq): the retention period. Resolves to how many went. */
  expire(before: number): Promise<number>;
  /** Pending outbox items due now, claimed for `claimMs` (no other deliverer takes them meanwhile). */
  claimDue(now: number, limit: number, claimMs: number): Promise<OutboxItem[]>;
  /** The outcome of a claimed delivery: done, retry at nextAt, or dead. */
  settle(item: OutboxItem, outcome: { state: 'done' } | { state: 'pending'; nextAt: number; error: string } | { state: 'dead'; error: string }): Promise<void>;
  /** Items by state (tests, metrics). */
  outboxCount(state: OutboxItem['state']): Promise<number>;
  close(): Promise<void>;
}
