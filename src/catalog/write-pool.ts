import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Resume } from '../domain/resume.js';
import type { Vacancy } from '../domain/vacancy.js';
import type { IndexDoc, Kind } from '../engine/types.js';
import type { AnalyseTask } from './analyse-worker.js';

/** Analysis in a worker could not be done (a worker crashed or the pool is closed): the batch is not written. */
export class WritePoolError extends Error {
  readonly code = 'ZZH_WRITE_POOL';
}

/**
 * The process's pool of analysis workers for bulk and re-link batches (issue 15 item 3). The engine stays on the
 * main thread; only the pure CPU part (analysis: nodejieba tokenising of linked documents) is sent to workers,
 * split into one chunk per worker so every core works on one batch. Loads the worker as `.ts` under tsx/vitest
 * (with tsx's loader) and as `.js` from dist/.
 */
export class WritePool {
  private readonly pool: Piscina;
  private closed = false;

  constructor(readonly size: number, worker?: string) {
    const own = import.meta.url;
    const ts = own.endsWith('.ts');
    const filename = worker ?? fileURLToPath(new URL(`./analyse-worker.${ts ? 'ts' : 'js'}`, own));
    const execArgv = filename.endsWith('.ts') && !process.execArgv.some((a) => a.includes('tsx')) ? [...process.execArgv, '--import', 'tsx'] : process.execArgv;
    this.pool = new Piscina({ filename, minThreads: size, maxThreads: size, idleTimeout: 60_000, execArgv });
  }

  /** Analysed documents in the order given; rejects with WritePoolError when a worker fails. */
  async analyse(kind: Kind, docs: Array<Vacancy | Resume>): Promise<IndexDoc[]> {
    if (this.closed) throw new WritePoolError('the write pool is closed');
    if (!docs.length) return [];
    const per = Math.ceil(docs.length / this.size);
    const chunks: Array<Array<Vacancy | Resume>> = [];
    for (let i = 0; i < docs.length; i += per) chunks.push(docs.slice(i, i + per));
    try {
      const parts = await Promise.all(chunks.map((c) => this.pool.run({ kind, docs: c } satisfies AnalyseTask) as Promise<IndexDoc[]>));
      return parts.flat();
    } catch (err) {
      throw new WritePoolError(`analysis worker failed: ${(err as Error).message}`);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.destroy();
  }
}
