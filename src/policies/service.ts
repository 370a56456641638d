import { readFileSync } from 'node:fs';
import type { FieldError } from '../domain/issues.js';
import type { Engine } from '../engine/types.js';
import { seedPath } from '../paths.js';
import { policySetSchema, type PolicySet } from './schema.js';
import { openPolicyStore, policyFingerprint, versionInfo, type PolicyStore, type PolicyVersionInfo, type StoredPolicies } from './store.js';

/** The policy set the team publishes with the product (written from the seeds' subsidies; sources in each policy). */
export const SEED_POLICIES_FILE = seedPath('policies/policies.json');

export function loadPolicies(file: string = SEED_POLICIES_FILE): PolicySet {
  const parsed = policySetSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid policy set ${file}: ${issues}`);
  }
  return parsed.data;
}

/** A policy set refused by `replace`: its version label already names other content (409). */
export class PolicyVersionConflict extends Error {
  constructor(message: string, readonly errors: FieldError[]) { super(message); }
}

/**
 * The policies as the product runs them: the durable revisions (files or an Elasticsearch index), newest current.
 * The store opens on first use (the seed becomes revision 1 then), so an app builds while Elasticsearch is
 * unreachable; a failed open is retried by the next request (engine faults answer 503 as elsewhere).
 */
export class PolicyService {
  private opening: Promise<PolicyStore> | undefined;

  private constructor(private readonly o: { engine: Engine; dataDir: string; seed?: PolicySet }, private readonly clock: () => Date) {}

  /** The service; its store opens on first use. */
  static create(o: { engine: Engine; dataDir: string; seed?: PolicySet; now?: () => Date }): PolicyService {
    return new PolicyService(o, o.now ?? (() => new Date()));
  }

  /** The service with its store opened (the seed stored when nothing is). */
  static async open(o: { engine: Engine; dataDir: string; seed?: PolicySet; now?: () => Date }): Promise<PolicyService> {
    const s = PolicyService.create(o);
    await s.store();
    return s;
  }

  store(): Promise<PolicyStore> {
    this.opening ??= openPolicyStore(this.o.engine, this.o.dataDir, this.o.seed ?? loadPolicies());
    this.opening.catch(() => { this.opening = undefined; });
    return this.opening;
  }

  async current(): Promise<StoredPolicies> {
    return (await this.store()).current();
  }

  async versions(): Promise<{ current: number; versions: Array<PolicyVersionInfo & { current: boolean }> }> {
    const all = await (await this.store()).list();
    const current = Math.max(...all.map((v) => v.revision));
    return { current, versions: all.map((v) => ({ ...versionInfo(v), current: v.revision === current })) };
  }

  /**
   * Stores a new policy set as the next revision and makes it current. The current content again changes nothing
   * (idempotent PUT); a version label already stored with other content is refused. Concurrent writers (other
   * replicas) race for the next revision number create-only; the loser re-reads and tries again.
   */
  async replace(set: PolicySet): Promise<{ version: PolicyVersionInfo; changed: boolean }> {
    const fp = policyFingerprint(set);
    // A revision number found taken is never tried again, even when the list read next does not show it yet.
    let taken = 0;
    for (let attempt = 0; attempt < 8; attempt++) {
      const store = await this.store();
      const all = await store.list();
      const current = all.reduce((a, b) => (b.revision > a.revision ? b : a));
      if (current.fingerprint === fp) return { version: versionInfo(current), changed: false };
      const label = all.find((v) => v.set.version === set.version && v.fingerprint !== fp);
      if (label) {
        throw new PolicyVersionConflict(`version "${set.version}" is already stored as revision ${label.revision} with other content; published versions are immutable, give the new set a new version`,
          [{ field: 'version', location: 'body', reason: 'already used by another policy set' }]);
      }
      const revision = Math.max(current.revision, taken) + 1;
      const created = await store.create(revision, set, this.clock());
      if (created) return { version: versionInfo(created), changed: true };
      taken = revision;
    }
    throw new Error('could not store the policy set: too many concurrent writers');
  }
}
