import { setTimeout as sleep } from 'node:timers/promises';
import cliProgress from 'cli-progress';
import { generateResumes, generateVacancies } from '../demo/index.js';
import type { Engine, Kind } from '../engine/types.js';
import { LeaseLost, type LeaseHandle } from '../engine/leases.js';
import type { LineWriter } from './service.js';
import { screenVacancy } from './publishing.js';
import type { Screener } from '../compliance/index.js';
import type { Vacancy } from '../domain/vacancy.js';

const BATCH = 1000;
export const DEMO_SEED_LEASE = 'demo-seed';

/** The seeding's progress, kept in its lease: how many of each kind are written, and whether it is complete. */
interface SeedProgress { [key: string]: unknown; vacancies: number; resumes: number; done: boolean; skipped?: boolean }

/**
 * Loads the deterministic demo data through the write pipeline (validated, screened, linked and analysed like API
 * writes), with a progress bar on stderr, exactly once however many replicas start at once: under the `demo-seed`
 * lease, whose data records how far it got (batches of 1,000), so a replica taking over after the holder died
 * resumes there, and `done` once complete. Only a store that was empty when seeding first started is seeded, so
 * restarts never duplicate or overwrite edits. Returns null when another replica holds the lease (call again
 * later: `seedDemoOnce` does).
 */
export async function seedDemoData(engine: Engine, writer: LineWriter, screener: Screener, counts: { vacancies: number; resumes: number }, opts: { progress: boolean }): Promise<{ vacancies: number; resumes: number } | null> {
  const existing = await engine.leases.read<SeedProgress>(DEMO_SEED_LEASE);
  if (existing?.data.done) return { vacancies: 0, resumes: 0 };
  const empty = existing ? undefined : (await engine.count('vacancy')) + (await engine.count('resume')) === 0;
  const lease: LeaseHandle<SeedProgress> | null = await engine.leases.acquire<SeedProgress>(DEMO_SEED_LEASE, (prev) =>
    prev ?? (empty === false ? { vacancies: 0, resumes: 0, done: true, skipped: true } : { vacancies: 0, resumes: 0, done: false }));
  if (!lease) return null;
  const p: SeedProgress = { ...lease.data };
  const written = { vacancies: 0, resumes: 0 };
  try {
    if (p.done) return written;
    const jobs: Array<{ kind: Kind; label: string; docs: () => unknown[]; key: 'vacancies' | 'resumes' }> = [
      { kind: 'vacancy', label: '职位 vacancies', docs: () => generateVacancies(counts.vacancies), key: 'vacancies' },
      { kind: 'resume', label: '简历 resumes ', docs: () => generateResumes(counts.resumes), key: 'resumes' },
    ];
    for (const job of jobs) {
      if (counts[job.key] === 0 || p[job.key] >= counts[job.key]) continue;
      const docs = job.docs();
      const bar = opts.progress
        ? new cliProgress.SingleBar({ format: `demo ${job.label} [{bar}] {percentage}% {value}/{total} {eta_formatted}`, stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic)
        : undefined;
      bar?.start(docs.length, p[job.key]);
      const now = new Date();
      const screen = job.kind === 'vacancy' ? (d: unknown) => {
        const screened = screenVacancy(d as Vacancy, screener, now);
        return 'vacancy' in screened ? { doc: screened.vacancy } : { status: 422, field: 'compliance', reason: screened.refusal.message };
      } : undefined;
      for (let i = p[job.key]; i < docs.length; i += BATCH) {
        const lines = docs.slice(i, i + BATCH).map((value, j) => ({ line: i + j + 1, value }));
        const out = await writer.writeLines(job.kind, lines, now, screen ? { screen } : {});
        if (out.engineError) throw out.engineError;
        const bad = out.items.find((x) => x.result === 'error');
        if (bad) throw new Error(`demo ${job.kind} ${bad.line} is invalid: ${JSON.stringify(bad)}`);
        written[job.key] += out.items.length;
        p[job.key] = Math.min(i + BATCH, docs.length);
        await lease.update({ ...p });
        bar?.update(p[job.key]);
      }
      bar?.stop();
    }
    p.done = true;
    return written;
  } catch (err) {
    // Another replica took the lease over (this one was paused past its TTL): it resumes from the stored progress.
    if (err instanceof LeaseLost) return null;
    throw err;
  } finally {
    await lease.release({ ...p });
  }
}

/** Seeds once: when another replica holds the seeding lease, waits and takes over if it dies before finishing. */
export async function seedDemoOnce(engine: Engine, writer: LineWriter, screener: Screener, counts: { vacancies: number; resumes: number }, opts: { progress: boolean; signal?: AbortSignal }): Promise<{ vacancies: number; resumes: number }> {
  for (;;) {
    const n = await seedDemoData(engine, writer, screener, counts, opts);
    if (n) return n;
    if (opts.signal?.aborted) return { vacancies: 0, resumes: 0 };
    await sleep(Math.max(500, Math.floor(engine.leases.ttlMs / 3)));
  }
}
