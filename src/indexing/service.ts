import type { z } from 'zod';
import { resumeInputSchema, toResume, type Resume } from '../domain/resume.js';
import { toVacancy, vacancyInputSchema, type Vacancy } from '../domain/vacancy.js';
import type { Engine, IndexDoc, Kind, WriteResult } from '../engine/types.js';
import { nulPath, zodIssuesToFieldErrors } from '../domain/issues.js';
import { resumeToIndexDoc, vacancyToIndexDoc } from './documents.js';

/**
 * Per kind: how input is validated and normalised, and how a document is analysed. Linking to the catalog is a
 * step of the write pipeline (src/catalog/pipeline.ts), a layer above: indexing imports nothing from catalog.
 */
export interface KindSpec<Doc> {
  input: z.ZodType<{ id?: string | undefined }>;
  build: (id: string, input: unknown, now: Date) => Doc;
  analyse: (doc: Doc) => IndexDoc;
}

export const vacancySpec: KindSpec<Vacancy> = {
  input: vacancyInputSchema,
  build: (id, input, now) => toVacancy(id, input as z.output<typeof vacancyInputSchema>, now),
  analyse: vacancyToIndexDoc,
};

export const resumeSpec: KindSpec<Resume> = {
  input: resumeInputSchema,
  build: (id, input, now) => toResume(id, input as z.output<typeof resumeInputSchema>, now),
  analyse: resumeToIndexDoc,
};

export const KIND_SPECS = { vacancy: vacancySpec, resume: resumeSpec } as const;

/** A stored document (as the engine returns it) analysed again, for the re-link. */
export function analyseStored(kind: Kind, source: Record<string, unknown>): IndexDoc {
  return (KIND_SPECS[kind] as KindSpec<Vacancy | Resume>).analyse(source as unknown as Vacancy | Resume);
}

export type BulkItem =
  | { line: number; id: string; result: 'created' | 'updated' }
  | { line: number; id?: string; result: 'error'; error: { field: string; reason: string } };

/** A line that failed before reaching the engine. */
export function lineError(line: number, field: string, reason: string, id?: string): BulkItem {
  return { line, ...(id ? { id } : {}), result: 'error', error: { field, reason } };
}

/** A last say before a document is stored: pass it on (possibly changed) or refuse it, naming the field. */
export type Admission<Doc> = (doc: Doc) => { doc: Doc } | { field: string; reason: string };

/** A step's refusal: the HTTP status a single write answers, the field named, and extra problem members. */
export interface Refusal { status: number; field: string; reason: string; extra?: Record<string, unknown> }

/**
 * The caller's steps of the write pipeline (src/catalog/pipeline.ts): validate → authorise → screen → link →
 * analyse → write. Validation, linking and analysis are the pipeline's; these two are the caller's.
 */
export interface WriteSteps<Doc> {
  /** Why this document may not be written by the caller (403), or undefined. */
  authorise?: (doc: Doc) => string | undefined | Promise<string | undefined>;
  /** Compliance screening: the document to store (with its findings) or a refusal. */
  screen?: (doc: Doc, now: Date) => { doc: Doc } | Refusal;
}

/** How bulk imports and demo seeding write whole documents (one per line) through the pipeline. */
export interface LineWriter {
  writeLines(kind: Kind, lines: Array<{ line: number; value: unknown }>, now: Date, steps?: WriteSteps<Vacancy | Resume>): Promise<{ items: BulkItem[]; rejected: number; stored: IndexDoc[]; engineError?: unknown }>;
}

/**
 * Validates one bulk line: a whole document with its id. Returns the analysed document or a per-line error
 * naming the first bad field. `admit` may change or refuse a document (another employer's vacancy, a
 * discriminatory posting).
 */
export function prepareLine(
  kind: Kind,
  line: number,
  value: unknown,
  now: Date,
  admit?: Admission<Vacancy | Resume>,
): { ok: true; line: number; doc: IndexDoc } | { ok: false; item: BulkItem } {
  const spec = KIND_SPECS[kind] as KindSpec<Vacancy | Resume>;
  const parsed = spec.input.safeParse(value);
  const id = typeof (value as { id?: unknown })?.id === 'string' ? ((value as { id: string }).id) : undefined;
  const nul = nulPath(value);
  if (nul) return { ok: false, item: lineError(line, nul, 'NUL characters are not allowed', id) };
  if (!parsed.success) {
    const e = zodIssuesToFieldErrors(parsed.error.issues, 'body')[0]!;
    return { ok: false, item: lineError(line, e.field, e.reason, id) };
  }
  if (!parsed.data.id) return { ok: false, item: lineError(line, 'id', 'each line needs its id') };
  let doc = spec.build(parsed.data.id, parsed.data, now);
  if (admit) {
    const verdict = admit(doc);
    if (!('doc' in verdict)) return { ok: false, item: lineError(line, verdict.field, verdict.reason, parsed.data.id) };
    doc = verdict.doc;
  }
  return { ok: true, line, doc: spec.analyse(doc) };
}

/**
 * Writes a batch of prepared lines; engine results are mapped back to their lines.
 */
export async function writeBatch(engine: Engine, kind: Kind, batch: Array<{ line: number; doc: IndexDoc }>): Promise<BulkItem[]> {
  if (!batch.length) return [];
  const results: WriteResult[] = await engine.upsert(kind, batch.map((b) => b.doc));
  return results.map((r, i) => {
    const line = batch[i]!.line;
    return r.result === 'error' ? lineError(line, r.error.field, r.error.reason, r.id) : { line, id: r.id, result: r.result };
  });
}
