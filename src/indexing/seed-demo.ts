import cliProgress from 'cli-progress';
import { generateResumes, generateVacancies } from '../demo/index.js';
import type { Engine, Kind } from '../engine/types.js';
import { prepareLine, writeBatch } from './service.js';
import { screenVacancy } from './publishing.js';
import type { Screener } from '../compliance/index.js';
import type { Vacancy } from '../domain/vacancy.js';

const BATCH = 1000;

/**
 * Loads the deterministic demo data through the same validation and analysis as the API, with a progress bar
 * on stderr. Only runs on an empty store, so restarts never duplicate or overwrite edits. Pass the app's engine
 * (`CatalogService.engine`) and the documents are linked to the catalog as they are written, like API writes.
 */
export async function seedDemoData(engine: Engine, screener: Screener, counts: { vacancies: number; resumes: number }, opts: { progress: boolean }): Promise<{ vacancies: number; resumes: number }> {
  const written = { vacancies: 0, resumes: 0 };
  const jobs: Array<{ kind: Kind; label: string; docs: () => unknown[]; key: 'vacancies' | 'resumes' }> = [
    { kind: 'vacancy', label: '职位 vacancies', docs: () => generateVacancies(counts.vacancies), key: 'vacancies' },
    { kind: 'resume', label: '简历 resumes ', docs: () => generateResumes(counts.resumes), key: 'resumes' },
  ];
  for (const job of jobs) {
    if ((await engine.count(job.kind)) > 0 || counts[job.key] === 0) continue;
    const docs = job.docs();
    const bar = opts.progress
      ? new cliProgress.SingleBar({ format: `demo ${job.label} [{bar}] {percentage}% {value}/{total} {eta_formatted}`, stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic)
      : undefined;
    bar?.start(docs.length, 0);
    const now = new Date();
    for (let i = 0; i < docs.length; i += BATCH) {
      const batch = [];
      for (let j = i; j < Math.min(i + BATCH, docs.length); j++) {
        const prepared = prepareLine(job.kind, j + 1, docs[j], now, job.kind === 'vacancy' ? (d) => {
          const screened = screenVacancy(d as Vacancy, screener, now);
          return 'vacancy' in screened ? { doc: screened.vacancy } : { field: 'compliance', reason: screened.refusal.message };
        } : undefined);
        if (!prepared.ok) throw new Error(`demo ${job.kind} ${j + 1} is invalid: ${JSON.stringify(prepared.item)}`);
        batch.push(prepared);
      }
      const items = await writeBatch(engine, job.kind, batch);
      written[job.key] += items.filter((x) => x.result !== 'error').length;
      bar?.update(Math.min(i + BATCH, docs.length));
    }
    bar?.stop();
  }
  return written;
}
