import { createHash, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { InvalidBody, NotFound, Forbidden, type DomainError } from '../domain/errors.js';
import { zodIssuesToFieldErrors } from '../domain/issues.js';
import { PROTECTED_FIELDS, type Resume } from '../domain/resume.js';
import type { Vacancy } from '../domain/vacancy.js';
import type { Engine, Filter, IndexDoc } from '../engine/types.js';
import type { Principal } from '../keys/principal.js';
import { interpretFilters } from '../search/filters.js';
import { searchQuerySchema } from '../search/params.js';
import { engineFilters } from '../search/relax.js';
import { parseTextQuery } from '../search/text-query.js';
import { profileQuery, seekerPhrases } from '../matching/retrieval.js';
import { boundSeeker, scoreMatch, scoreUpperBound, type BoundSeeker, type MatchContext, type MatchResume, type MatchVacancy } from '../matching/score.js';
import { docView, predicateMatches, subscriptionKeys, vacancyKeys, type DocView, type Predicate } from './predicate.js';
import type { AlertStore, Change, FeedPage, SubEvent, Subscription } from './types.js';
import { deliver, refuseWebhookUrl, sign, type WebhookPolicy } from './webhook.js';

export const subscriptionInputSchema = z
  .strictObject({
    search: z.record(z.string(), z.union([z.string().max(256), z.number(), z.array(z.union([z.string().max(64), z.number()])).max(20)]))
      .optional().meta({ description: 'The parameters of /v1/vacancies/search (q, district, industry, salaryMin …) without paging, sorting or postedWithinDays' }),
    resumeId: z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/).optional().meta({ description: 'New vacancies that match this resume, with their score' }),
    minScore: z.number().min(0).max(100).optional().meta({ description: 'Resume subscriptions: the least match score (default ALERTS_MIN_SCORE)' }),
    replay: z.boolean().optional().meta({ description: 'Also match the live vacancies already published: the newest ALERT_REPLAY_MAX that match become the first events, oldest first' }),
    webhook: z.strictObject({
      url: z.string().max(2000).meta({ description: 'http(s) URL on a host allowed by WEBHOOK_ALLOWED_HOSTS' }),
      secret: z.string().min(16).max(256).meta({ description: 'HMAC-SHA256 key of X-Signature; never shown again' }),
    }).optional(),
  })
  .superRefine((b, ctx) => {
    if ((b.search === undefined) === (b.resumeId === undefined)) ctx.addIssue({ code: 'custom', path: [b.search ? 'resumeId' : 'search'], message: 'give either search or resumeId' });
    if (b.minScore !== undefined && b.resumeId === undefined) ctx.addIssue({ code: 'custom', path: ['minScore'], message: 'minScore applies to resume subscriptions only' });
  });
export type SubscriptionInput = z.output<typeof subscriptionInputSchema>;

export const subscriptionSchema = z.object({
  id: z.string(),
  kind: z.enum(['search', 'resume']),
  search: z.record(z.string(), z.unknown()).optional().meta({ description: 'The saved search as understood (districts canonical, salary monthly)' }),
  resumeId: z.string().optional(),
  minScore: z.number().optional(),
  webhook: z.object({ url: z.string() }).optional().meta({ description: 'The secret is never shown' }),
  status: z.enum(['active', 'failing']).meta({ description: 'failing: webhook deliveries kept failing past the retry period; the feed still fills' }),
  failure: z.object({ at: z.string(), reason: z.string() }).optional(),
  createdAt: z.string(),
});

export const eventSchema = z.object({
  id: z.string().meta({ description: 'Stable event id: de-duplicate on it (webhooks may deliver an event more than once)' }),
  subscriptionId: z.string(),
  type: z.enum(['vacancy.matched', 'vacancy.closed']),
  vacancyId: z.string(),
  at: z.string(),
  vacancy: z.object({ id: z.string(), title: z.string(), employer: z.string(), district: z.string(), status: z.string(), salary: z.string().optional(), publishedAt: z.string().optional() }),
  score: z.number().optional(),
});

export const feedSchema = z.object({
  events: z.array(eventSchema),
  next: z.string().optional().meta({ description: 'Pass as `after` to read on; present even when the page is empty, once a cursor was given' }),
});

/** How often the events past the retention period are removed. */
const SWEEP_MS = 3_600_000;

/** Parameters a saved search cannot keep: they shape a page of results, or are relative to the time of a search. */
const NOT_SAVED = ['sort', 'page', 'size', 'cursor', 'facets', 'relax', 'postedWithinDays'];

export interface AlertSettings {
  minScore: number;
  /** Events older than this leave the feeds (ALERT_EVENTS_RETENTION_DAYS); absent = kept. */
  retentionMs?: number;
  /** A replayed subscription gets at most this many events (ALERT_REPLAY_MAX). */
  replayMax?: number;
  webhook: WebhookPolicy & { backoffBaseMs: number; backoffMaxMs: number; retryForMs: number; pollMs: number; concurrency: number };
}

const bodyError = (field: string, reason: string): DomainError => new InvalidBody(reason, { errors: [{ field, location: 'body', reason }] });

/** The subscription as its owner sees it: never the secret, the predicate or the resume snapshot. */
export function presentSubscription(s: Subscription): z.output<typeof subscriptionSchema> {
  return {
    id: s.id, kind: s.resumeId ? 'resume' : 'search',
    ...(s.search ? { search: s.search } : {}), ...(s.resumeId ? { resumeId: s.resumeId, minScore: s.minScore } : {}),
    ...(s.webhook ? { webhook: { url: s.webhook.url } } : {}),
    status: s.status, ...(s.failure ? { failure: s.failure } : {}), createdAt: s.createdAt,
  };
}

/** Compiles a saved search into its predicate: the same parsing and filters as /v1/vacancies/search; anything it would ignore is refused. */
export function compileSearch(raw: Record<string, unknown>, now: number): { predicate: Predicate; search: Record<string, unknown> } {
  for (const k of NOT_SAVED) if (k in raw) throw bodyError(`search.${k}`, `${k} does not apply to a subscription: every event is one new or changed vacancy`);
  const stringified = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]));
  const parsed = searchQuerySchema.safeParse(stringified);
  if (!parsed.success) {
    const errors = zodIssuesToFieldErrors(parsed.error.issues, 'body').map((e) => ({ ...e, field: `search.${e.field}` }));
    throw new InvalidBody(`invalid saved search: ${errors.map((e) => `${e.field}: ${e.reason}`).join('; ')}`, { errors });
  }
  const p = parsed.data;
  const interpreted = interpretFilters('vacancy', p, now);
  if (interpreted.ignored.length) {
    const errors = interpreted.ignored.map((i) => ({ field: `search.${i.param}`, location: 'body', reason: `${i.value !== undefined ? `${i.value}: ` : ''}${i.reason}` }));
    throw new InvalidBody(`invalid saved search: ${errors.map((e) => `${e.field}: ${e.reason}`).join('; ')}`, { errors });
  }
  if (interpreted.geo && interpreted.geo.radiusKm === undefined) throw bodyError('search.radiusKm', 'a saved search with lat/lon needs radiusKm or circle');
  const text = p.q ? parseTextQuery(p.q) : undefined;
  if (!text?.groups.length && !interpreted.filters.length && !interpreted.geo) throw bodyError('search', 'a saved search needs q or at least one filter');
  const always: Filter[] = [{ kind: 'terms', field: 'status', values: ['published'] }];
  const filters = engineFilters({ filters: interpreted.filters, ...(interpreted.geo ? { geo: interpreted.geo } : {}), mode: 'all' }, always);
  const predicate: Predicate = { ...(text ? { text: { groups: text.groups, mode: 'all' as const, exclude: text.exclude } } : {}), filters };
  return { predicate, search: { ...(p.q ? { q: p.q } : {}), ...interpreted.applied } };
}

/** What a resume subscription keeps of the resume: what scoring reads, no contact data, no protected attribute. */
function resumeSnapshot(r: Resume): Resume {
  const copy: Record<string, unknown> = { ...r };
  for (const f of ['name', 'phone', 'email', 'idNumber', ...PROTECTED_FIELDS]) delete copy[f];
  return copy as unknown as Resume;
}

export function compileResume(r: Resume): Predicate {
  const text = profileQuery(seekerPhrases(r));
  return { ...(text ? { text } : {}), filters: [{ kind: 'terms', field: 'status', values: ['published'] }] };
}

export const predicateKey = (p: Predicate) => createHash('sha256').update(JSON.stringify(p)).digest('base64url').slice(0, 22);

const eventId = (...parts: string[]) => `ev-${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)}`;

function eventVacancy(v: Vacancy): SubEvent['vacancy'] {
  return { id: v.id, title: v.title, employer: v.employer.name, district: v.location.district, status: v.status, ...(v.salary?.text ? { salary: v.salary.text } : {}), ...(v.publishedAt ? { publishedAt: v.publishedAt } : {}) };
}

/** What the service reports to the metrics (the app wires it to Prometheus). */
export interface AlertObserver {
  events?(type: SubEvent['type'], n: number): void;
  delivery?(outcome: 'delivered' | 'retry' | 'dead'): void;
  matching?(seconds: number, vacancies: number): void;
}

export interface AlertServiceOptions {
  observe?: AlertObserver;
  store: AlertStore;
  engine: Engine;
  settings: AlertSettings;
  matchContext: () => MatchContext;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
  now?: () => Date;
  /** Resume candidates whose score bound (scoreUpperBound) is below the threshold are not scored; false scores every one (tests compare both). */
  prune?: boolean;
}

/**
 * Subscriptions and their events: created by their owners, matched at every vacancy write (explicit calls from
 * the write paths: vacancyWritten, vacancyDeleted), read as a feed, pushed to webhooks from the outbox by the
 * deliverer (start/stop), which runs apart from publishing: a slow receiver never slows a write.
 */
export class AlertService {
  readonly store: AlertStore;
  private readonly engine: Engine;
  private readonly settings: AlertSettings;
  private readonly matchContext: () => MatchContext;
  private readonly log: (msg: string, extra?: Record<string, unknown>) => void;
  private readonly now: () => Date;
  private readonly prune: boolean;
  private readonly observe: AlertObserver;
  /** Per resume snapshot (replaced, never mutated, when the resume changes): what the score bound reads of it. */
  private readonly seekers = new WeakMap<object, BoundSeeker>();

  constructor(o: AlertServiceOptions) {
    this.prune = o.prune ?? true;
    this.observe = o.observe ?? {};
    this.store = o.store;
    this.engine = o.engine;
    this.settings = o.settings;
    this.matchContext = o.matchContext;
    this.log = o.log ?? (() => undefined);
    this.now = o.now ?? (() => new Date());
  }

  // --- subscriptions ---

  async create(input: SubscriptionInput, p: Principal): Promise<Subscription> {
    const now = this.now();
    if (input.webhook) {
      const refusal = refuseWebhookUrl(input.webhook.url, this.settings.webhook);
      if (refusal) throw bodyError('webhook.url', refusal);
    }
    let compiled: { predicate: Predicate; search?: Record<string, unknown>; resume?: Resume };
    if (input.resumeId !== undefined) {
      if (p.role === 'seeker' && p.resumeId !== input.resumeId) throw new Forbidden(`this key may subscribe only to matches of resume ${p.resumeId}`);
      if (p.role !== 'seeker' && p.role !== 'recruiter' && p.role !== 'admin') throw new Forbidden('resume subscriptions need the seeker\'s own key, a recruiter or an admin');
      const resume = (await this.engine.get('resume', input.resumeId)) as Resume | null;
      if (!resume) throw new NotFound(`no resume with id "${input.resumeId}"`, { errors: [{ field: 'resumeId', location: 'body', reason: 'no such resume' }] });
      compiled = { predicate: compileResume(resume), resume: resumeSnapshot(resume) };
    } else {
      if (p.role !== 'recruiter' && p.role !== 'admin') throw new Forbidden('saved searches belong to recruiters and admins; a seeker subscribes to the matches of their resume ({"resumeId": …})');
      compiled = compileSearch(input.search!, now.getTime());
    }
    const s: Subscription = {
      id: `sub-${randomBytes(12).toString('base64url')}`,
      owner: { keyId: p.keyId, role: p.role, ...(p.resumeId ? { resumeId: p.resumeId } : {}), ...(p.employerId ? { employerId: p.employerId } : {}) },
      ...(compiled.search ? { search: compiled.search } : {}),
      ...(input.resumeId !== undefined ? { resumeId: input.resumeId, minScore: input.minScore ?? this.settings.minScore } : {}),
      ...(input.webhook ? { webhook: input.webhook } : {}),
      status: 'active', createdAt: now.toISOString(),
      keys: subscriptionKeys(compiled.predicate), predicate: compiled.predicate, predicateKey: predicateKey(compiled.predicate),
      ...(compiled.resume ? { resume: compiled.resume } : {}),
    };
    await this.store.create(s);
    if (input.replay) await this.replay(s);
    return s;
  }

  /**
   * Matches the live vacancies already published against a new subscription: the newest that pass its predicate
   * (and, for a resume, its score), at most replayMax, become `vacancy.matched` events, oldest first.
   */
  private async replay(s: Subscription): Promise<void> {
    const max = this.settings.replayMax ?? 200;
    if (max <= 0) return;
    const ctx = this.matchContext();
    // A resume's predicate is broad (any of its phrases): read more, the score keeps the ones that match.
    const res = await this.engine.search('vacancy', {
      ...(s.predicate.text ? { text: s.predicate.text } : {}), filters: s.predicate.filters, sort: 'newest', from: 0,
      size: s.resume ? Math.min(1000, max * 5) : max, countTotal: false,
    });
    const picked: Array<{ v: Vacancy; score?: number }> = [];
    for (const h of res.hits) {
      if (picked.length >= max) break;
      const v = h.source as unknown as Vacancy;
      if (v.status !== 'published') continue;
      if (!s.resume) { picked.push({ v }); continue; }
      const m = scoreMatch(v as MatchVacancy, s.resume as MatchResume, ctx);
      if (m.score >= (s.minScore ?? this.settings.minScore)) picked.push({ v, score: m.score });
    }
    picked.reverse();
    const base = this.now().getTime() - picked.length;
    // Seqs just before now, in order: the feed (sorted by seq) shows them oldest first.
    const changes = picked.map(({ v, score }, i) => {
      const c = this.change(s, v, 'vacancy.matched', v.updatedAt, score);
      return { ...c, event: { ...c.event!, seq: base + i } };
    });
    await this.store.apply(changes);
    this.observe.events?.('vacancy.matched', changes.length);
  }

  /** The subscription if this principal owns it (admins: any); absent otherwise. */
  async owned(id: string, p: Principal): Promise<Subscription> {
    const s = await this.store.get(id);
    if (!s || (p.role !== 'admin' && s.owner.keyId !== p.keyId)) throw new NotFound(`no subscription with id "${id}"`);
    return s;
  }

  async remove(id: string, p: Principal): Promise<void> {
    await this.owned(id, p);
    await this.store.delete(id);
  }

  async feed(id: string, p: Principal, after: string | undefined, size: number): Promise<FeedPage> {
    await this.owned(id, p);
    const now = this.now().getTime();
    const page = await this.store.feed(id, after, size, now);
    // Past the retention period an event is gone even before the sweep removed it.
    const r = this.settings.retentionMs;
    return r === undefined ? page : { ...page, events: page.events.filter((e) => e.seq >= now - r) };
  }

  /** Removes the events past the retention period (the deliverer runs it hourly). */
  async sweep(): Promise<number> {
    const r = this.settings.retentionMs;
    return r === undefined ? 0 : this.store.expire(this.now().getTime() - r);
  }

  /** After a resume write: its subscriptions match the resume as it is now (keys, predicate, snapshot). */
  async resumeWritten(docs: readonly IndexDoc[]): Promise<void> {
    for (const doc of docs) {
      const subs = await this.store.forResume(doc.id);
      if (!subs.length) continue;
      const resume = doc.source as unknown as Resume;
      const predicate = compileResume(resume);
      for (const s of subs) await this.store.update({ ...s, predicate, keys: subscriptionKeys(predicate), predicateKey: predicateKey(predicate), resume: resumeSnapshot(resume) });
    }
  }

  /** After a resume was deleted: its subscriptions go too (the seeker's data is gone). */
  async resumeDeleted(resume: Resume): Promise<void> {
    for (const s of await this.store.forResume(resume.id)) await this.store.delete(s.id);
  }

  // --- matching ---

  /**
   * Whether a vacancy matches a subscription (the predicate, then for a resume the score), and its score. `memo`
   * (one per vacancy) keeps the answer of each distinct predicate, so many subscribers of one search cost one test.
   */
  evaluate(s: Subscription, v: DocView, ctx: MatchContext, memo?: Map<string, boolean>): { score?: number } | undefined {
    let ok = s.predicateKey !== undefined ? memo?.get(s.predicateKey) : undefined;
    if (ok === undefined) {
      ok = predicateMatches(v, s.predicate);
      if (s.predicateKey !== undefined) memo?.set(s.predicateKey, ok);
    }
    if (!ok) return undefined;
    if (!s.resume) return {};
    const vacancy = v.doc.source as unknown as MatchVacancy;
    const min = s.minScore ?? this.settings.minScore;
    // The bound is never below the score: a candidate whose bound misses the threshold would miss it scored.
    if (this.prune) {
      let seeker = this.seekers.get(s.resume);
      if (!seeker) this.seekers.set(s.resume, (seeker = boundSeeker(s.resume as MatchResume, ctx)));
      if (scoreUpperBound(vacancy, seeker, ctx) < min) return undefined;
    }
    const m = scoreMatch(vacancy, s.resume as MatchResume, ctx);
    return m.score >= min ? { score: m.score } : undefined;
  }

  /** The subscriptions a vacancy matches now: candidates from the index, each tested exactly. */
  async matching(v: DocView, ctx: MatchContext = this.matchContext()): Promise<Map<string, { sub: Subscription; score?: number }>> {
    const out = new Map<string, { sub: Subscription; score?: number }>();
    const memo = new Map<string, boolean>();
    for (const s of await this.store.candidates(vacancyKeys(v))) {
      const r = this.evaluate(s, v, ctx, memo);
      if (r) out.set(s.id, { sub: s, ...r });
    }
    return out;
  }

  /**
   * Called by every vacancy write path after the write succeeded, with the documents as stored: new matches
   * become `vacancy.matched` events, a vacancy no longer published becomes `vacancy.closed` for the subscriptions
   * it matched. Resolves once the events are durable.
   */
  async vacancyWritten(docs: readonly IndexDoc[]): Promise<void> {
    if (!docs.length) return;
    const started = performance.now();
    const ctx = this.matchContext();
    const views = docs.map(docView);
    const published = views.filter((v) => (v.doc.source as unknown as Vacancy).status === 'published');
    // Two lookups for the whole batch: the memberships, and the candidates of the published ones.
    const [before, candidates] = await Promise.all([
      this.store.matchedByMany(docs.map((d) => d.id)),
      this.store.candidatesMany(published.map(vacancyKeys)),
    ]);
    const candidatesOf = new Map(published.map((v, i) => [v.doc.id, candidates[i]!]));
    const changes: Change[] = [];
    for (const v of views) {
      const vacancy = v.doc.source as unknown as Vacancy;
      const was = before.get(v.doc.id) ?? new Set<string>();
      const cands = candidatesOf.get(v.doc.id);
      if (cands) {
        const memo = new Map<string, boolean>();
        const now = new Map<string, { sub: Subscription; score?: number }>();
        for (const s of cands) {
          const r = this.evaluate(s, v, ctx, memo);
          if (r) now.set(s.id, { sub: s, ...r });
        }
        for (const [id, m] of now) if (!was.has(id)) changes.push(this.change(m.sub, vacancy, 'vacancy.matched', vacancy.updatedAt, m.score));
        for (const id of was) if (!now.has(id)) changes.push({ subscriptionId: id, vacancyId: v.doc.id, membership: 'remove' });
      } else if (was.size) {
        for (const s of await this.store.getMany([...was])) changes.push(this.change(s, vacancy, 'vacancy.closed', vacancy.updatedAt));
      }
    }
    this.observe.matching?.((performance.now() - started) / 1000, docs.length);
    await this.store.apply(changes);
    this.countEvents(changes);
  }

  private countEvents(changes: readonly Change[]): void {
    let matched = 0, closed = 0;
    for (const c of changes) {
      if (c.event?.type === 'vacancy.matched') matched++;
      else if (c.event) closed++;
    }
    if (matched) this.observe.events?.('vacancy.matched', matched);
    if (closed) this.observe.events?.('vacancy.closed', closed);
  }

  /** Called after a vacancy was deleted (the stored document before the delete): closed for every subscription it matched. */
  async vacancyDeleted(vacancy: Vacancy): Promise<void> {
    const before = await this.store.matchedBy(vacancy.id);
    if (!before.size) return;
    const at = this.now().toISOString();
    const subs = await this.store.getMany([...before]);
    const changes = subs.map((s) => this.change(s, { ...vacancy, status: 'closed' }, 'vacancy.closed', `deleted ${at}`));
    await this.store.apply(changes);
    this.countEvents(changes);
  }

  private change(s: Subscription, v: Vacancy, type: SubEvent['type'], version: string, score?: number): Change {
    const now = this.now();
    const event: SubEvent = {
      id: eventId(s.id, v.id, type, version), subscriptionId: s.id, type, vacancyId: v.id, at: now.toISOString(), seq: now.getTime(),
      vacancy: eventVacancy(v), ...(score !== undefined ? { score } : {}),
    };
    return { subscriptionId: s.id, vacancyId: v.id, membership: type === 'vacancy.matched' ? 'add' : 'remove', event, outbox: !!s.webhook && s.status === 'active' };
  }

  // --- webhook delivery ---

  private timer: NodeJS.Timeout | undefined;
  private sweeper: NodeJS.Timeout | undefined;
  private inFlight = 0;
  private ticking = false;
  private stopped = false;

  /** Starts the deliverer: every WEBHOOK_POLL_MS it claims due outbox items and sends them, at most WEBHOOK_CONCURRENCY at once. */
  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.tick(), this.settings.webhook.pollMs);
    this.timer.unref();
    if (this.settings.retentionMs !== undefined) {
      const sweep = () => void this.sweep().catch((err: Error) => this.log('event retention sweep failed', { err: err.message }));
      this.sweeper = setInterval(sweep, SWEEP_MS);
      this.sweeper.unref();
      sweep();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.sweeper) clearInterval(this.sweeper);
    this.timer = undefined;
    this.sweeper = undefined;
    const until = Date.now() + this.settings.webhook.timeoutMs + 1000;
    while (this.inFlight > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  }

  backoffMs(attempt: number): number {
    const w = this.settings.webhook;
    const ceiling = Math.min(w.backoffMaxMs, w.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(ceiling * (0.8 + Math.random() * 0.4));
  }

  /** One round of the deliverer (the tests call it too). */
  async tick(): Promise<void> {
    if (this.ticking || this.stopped) return;
    this.ticking = true;
    try {
      const w = this.settings.webhook;
      const room = w.concurrency - this.inFlight;
      if (room <= 0) return;
      const items = await this.store.claimDue(Date.now(), room, w.timeoutMs + 5000);
      for (const item of items) {
        this.inFlight++;
        void this.deliverOne(item).catch((err: Error) => this.log('webhook delivery failed', { err: err.message })).finally(() => { this.inFlight--; });
      }
    } catch (err) {
      this.log('webhook outbox unavailable', { err: (err as Error).message });
    } finally {
      this.ticking = false;
    }
  }

  private async deliverOne(item: Parameters<AlertStore['settle']>[0]): Promise<void> {
    const s = await this.store.get(item.subscriptionId);
    if (!s?.webhook) { await this.store.settle(item, { state: 'done' }); return; }
    const { seq: _seq, ...event } = item.event;
    const body = JSON.stringify(event);
    const result = await deliver(s.webhook.url, body, {
      'x-signature': sign(s.webhook.secret, body), 'x-event-id': event.id, 'x-subscription-id': s.id, 'x-delivery-attempt': String(item.attempts + 1),
    }, this.settings.webhook);
    if (result.ok) { await this.store.settle(item, { state: 'done' }); this.observe.delivery?.('delivered'); return; }
    const now = Date.now();
    if (result.permanent || now - item.createdAt >= this.settings.webhook.retryForMs) {
      await this.store.settle(item, { state: 'dead', error: result.error });
      this.observe.delivery?.('dead');
      await this.store.markFailing(s.id, result.error, new Date(now));
      this.log('webhook given up: subscription marked failing', { subscription: s.id, event: event.id, err: result.error });
      return;
    }
    await this.store.settle(item, { state: 'pending', nextAt: now + this.backoffMs(item.attempts + 1), error: result.error });
    this.observe.delivery?.('retry');
  }
}
