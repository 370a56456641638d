import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import type { ScreenerHolder } from '../compliance/index.js';
import { ensureIndex, getDoc, isConflict, stateIndexSettings } from '../state/es.js';
import type { PollSource } from '../state/poller.js';

/**
 * The rulebook in service on every replica, from Elasticsearch (`<prefix>-rulebooks`):
 *  - a version is the content of the rulebook's files (rulebook.yaml, rules/*.yaml, minimum-wage.json), stored
 *    create-only under the SHA-256 of that content (`rb-…`): the same files are one version, whoever sends them;
 *  - the document `active` names the version in service; it is moved with if_seq_no / if_primary_term, so two
 *    reloads at once are applied one after the other, never half;
 *  - `POST /v1/compliance/rules/_reload` on any replica loads that replica's RULEBOOK_DIR, checks it (its own
 *    examples), stores it and moves the pointer; every replica polls the pointer (a realtime GET each
 *    STATE_POLL_MS) and puts the new version in service, so the same posting is judged the same everywhere;
 *  - a replica that boots with an empty disk uses the version in service; the very first replica on a prefix
 *    publishes its own files.
 */
export interface EsRulebooksOptions {
  client: Client;
  prefix: string;
  holder: ScreenerHolder;
  /** ELASTICSEARCH_REPLICAS for the index (default: a replica once the cluster has a second node). */
  replicas?: string;
  log?: (level: 'info' | 'warn', msg: string, extra?: Record<string, unknown>) => void;
}

interface RulebookFile { path: string; content: string }
interface VersionDoc { kind: 'version'; version: string; files: RulebookFile[]; createdAt: string }
interface ActiveDoc { kind: 'active'; rulebook: string; version: string; publishedAt: string }

const ACTIVE_ID = 'active';
const FILE_TYPES = /\.(ya?ml|json|txt)$/;

/** Every rulebook file under `dir`, relative paths with `/`, sorted. */
export function snapshotRulebook(dir: string): RulebookFile[] {
  const out: RulebookFile[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && FILE_TYPES.test(e.name)) out.push({ path: relative(dir, p).split(sep).join('/'), content: readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function rulebookId(files: readonly RulebookFile[]): string {
  const h = createHash('sha256');
  for (const f of files) h.update(f.path).update('\0').update(f.content).update('\0');
  return `rb-${h.digest('hex').slice(0, 40)}`;
}

export class EsRulebooks implements PollSource {
  readonly name = 'rulebook';
  readonly index: string;
  private readonly client: Client;
  private readonly holder: ScreenerHolder;
  /** The version in service here. */
  private inService: string | undefined;
  /** A version that failed to load here (reported once, not retried every poll). */
  private failed: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly opts: EsRulebooksOptions) {
    this.client = opts.client;
    this.holder = opts.holder;
    this.index = `${opts.prefix}-rulebooks`;
  }

  static async open(opts: EsRulebooksOptions): Promise<EsRulebooks> {
    const r = new EsRulebooks(opts);
    await ensureIndex(r.client, r.index, {
      dynamic: 'strict',
      properties: {
        kind: { type: 'keyword' }, version: { type: 'keyword' }, rulebook: { type: 'keyword' },
        createdAt: { type: 'date' }, publishedAt: { type: 'date' }, files: { type: 'object', enabled: false },
      },
    }, stateIndexSettings(opts.replicas));
    const active = await getDoc<ActiveDoc>(r.client, r.index, ACTIVE_ID);
    const local = snapshotRulebook(r.holder.dir);
    if (active?.source.rulebook === rulebookId(local)) r.inService = active.source.rulebook; // our files are the version in service
    else if (active) await r.poll();
    else await r.publish(r.holder.screener, local, true);
    return r;
  }

  /** The id of the version in service here (rb-…). */
  get current(): string | undefined {
    return this.inService;
  }

  /** Loads this replica's RULEBOOK_DIR, checks it and publishes it to every replica; RulebookError when it is invalid. */
  reload(): Promise<{ version: string; rules: number; previousVersion: string }> {
    return this.serialised(async () => {
      const files = snapshotRulebook(this.holder.dir);
      const screener = this.holder.prepare(this.holder.dir);
      return this.publish(screener, files, false);
    });
  }

  /** Puts the version the pointer names in service, when it is not already. */
  poll(): Promise<void> {
    return this.serialised(async () => {
      const active = await getDoc<ActiveDoc>(this.client, this.index, ACTIVE_ID);
      if (!active || active.source.rulebook === this.inService || active.source.rulebook === this.failed) return;
      const doc = await getDoc<VersionDoc>(this.client, this.index, active.source.rulebook);
      if (!doc) throw new Error(`rulebook version ${active.source.rulebook} is named active but missing`);
      const dir = mkdtempSync(join(tmpdir(), 'zzh-rulebook-'));
      try {
        for (const f of doc.source.files) {
          const p = join(dir, ...f.path.split('/'));
          if (relative(dir, p).startsWith('..')) throw new Error(`rulebook file path ${f.path} leaves the rulebook`);
          mkdirSync(dirname(p), { recursive: true });
          writeFileSync(p, f.content, 'utf8');
        }
        const r = this.holder.use(this.holder.prepare(dir));
        this.inService = active.source.rulebook;
        this.opts.log?.('info', 'compliance rulebook from another replica in service', { version: r.version, previousVersion: r.previousVersion, rulebook: this.inService });
      } catch (err) {
        this.failed = active.source.rulebook;
        this.opts.log?.('warn', 'the rulebook in service elsewhere does not load here; the previous one stays', { rulebook: active.source.rulebook, err: (err as Error).message });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  private async publish(screener: ReturnType<ScreenerHolder['prepare']>, files: RulebookFile[], atBoot: boolean) {
    const id = rulebookId(files);
    const version = screener.rulebook.version;
    try {
      await this.client.index({ index: this.index, id, op_type: 'create', document: { kind: 'version', version, files, createdAt: new Date().toISOString() } satisfies VersionDoc });
    } catch (e) {
      if (!isConflict(e)) throw e; // the same files are stored already
    }
    const pointer: ActiveDoc = { kind: 'active', rulebook: id, version, publishedAt: new Date().toISOString() };
    for (let attempt = 0; ; attempt++) {
      const active = await getDoc<ActiveDoc>(this.client, this.index, ACTIVE_ID);
      if (atBoot && active) break; // another replica published first: use its version (below)
      try {
        if (active) await this.client.index({ index: this.index, id: ACTIVE_ID, document: pointer, if_seq_no: active.seqNo, if_primary_term: active.primaryTerm });
        else await this.client.index({ index: this.index, id: ACTIVE_ID, document: pointer, op_type: 'create' });
        const r = this.holder.use(screener);
        this.inService = id;
        this.failed = undefined;
        return r;
      } catch (e) {
        if (!isConflict(e) || attempt >= 20) throw e;
      }
    }
    // At boot, lost to another replica: put its version in service.
    await this.poll();
    const rb = this.holder.screener.rulebook;
    return { version: rb.version, rules: rb.rules.length + rb.exceptions.length, previousVersion: rb.version };
  }

  private serialised<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
