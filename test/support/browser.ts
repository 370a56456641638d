/**
 * A real headless Chromium for the console tests: Debian's `chromium` (scripts/chromium.sh installs it),
 * driven by puppeteer-core, which never downloads a browser. Missing: under CI=true an error (CI never skips),
 * otherwise the tests skip and say how to install it.
 */
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium', '/usr/bin/google-chrome'];

/** The browser's executable: CHROMIUM_PATH, else the first of the usual Debian paths that exists. */
export function chromiumPath(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

let warned = false;

/** True when a Chromium is there. Missing under CI=true: throws; otherwise says so once and returns false. */
export function hasChromium(): boolean {
  if (chromiumPath()) return true;
  if (process.env.CI === 'true') throw new Error('CI=true but no Chromium was found: run `bash scripts/chromium.sh install` (scripts/test-all.sh does) or set CHROMIUM_PATH');
  if (!warned) {
    warned = true;
    console.warn('console browser tests skipped: no Chromium (install it with `bash scripts/chromium.sh install`, or set CHROMIUM_PATH)');
  }
  return false;
}
