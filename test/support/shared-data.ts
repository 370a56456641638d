/**
 * The material beside the repository (`../shared`: real job descriptions, the 职业分类大典 2022, lexicons).
 * A new user's clone may not have it: tests that need it skip with a reason outside CI, and under `CI=true`
 * a missing file is an error, never a skip.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** `../shared` beside the repository root (override with SHARED_DIR). */
export const SHARED_DIR = process.env.SHARED_DIR ?? fileURLToPath(new URL('../../../shared', import.meta.url));

/** Absolute path of a file under ../shared, e.g. `sharedPath('data/jd/jd_software.txt')`. */
export function sharedPath(relative: string): string {
  return join(SHARED_DIR, relative);
}

const warned = new Set<string>();

/**
 * True when the files exist. When one is missing: under CI=true this throws (CI must never skip); otherwise it
 * prints once which file is missing and returns false, so the caller skips (`describe.skipIf(!hasShared(…))`).
 */
export function hasShared(...relative: string[]): boolean {
  const missing = relative.map(sharedPath).filter((p) => !existsSync(p));
  if (missing.length === 0) return true;
  if (process.env.CI === 'true') throw new Error(`CI=true but the shared data is missing: ${missing.join(', ')}`);
  for (const m of missing) {
    if (warned.has(m)) continue;
    warned.add(m);
    console.warn(`[shared data] ${m} is missing: the tests that need it are skipped (they run in CI)`);
  }
  return false;
}
