import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The real postings in ../shared/data/jd (override with JD_DIR), one per line. */
export function loadJdLines(): string[] {
  const dir = process.env.JD_DIR ?? fileURLToPath(new URL('../../../shared/data/jd/', import.meta.url));
  const files = ['jd_algorithm.txt', 'jd_hardware.txt', 'jd_program.txt', 'jd_software.txt'].map((f) => `${dir}/${f}`);
  if (!files.every(existsSync)) throw new Error(`real postings not found in ${dir}; set JD_DIR`);
  return files.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean));
}
