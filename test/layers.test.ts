/** Imports point down the layers of src/ (eslint/layers.mjs; `npm run lint` enforces the same rule). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkImport, EXCEPTIONS, LAYERS } from '../eslint/layers.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

describe('layers', () => {
  it('every directory and top-level file of src/ has a layer', () => {
    const named = new Set(LAYERS.flat());
    for (const entry of readdirSync(src)) expect(named, `src/${entry} needs a layer in eslint/layers.mjs`).toContain(entry);
  });

  it('no module of src/ imports from a higher layer', () => {
    const upward: string[] = [];
    for (const file of walk(src).filter((f) => f.endsWith('.ts'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const msg = checkImport(src, file, (m[1] ?? m[2])!);
        if (msg) upward.push(msg);
      }
    }
    expect(upward).toEqual([]);
  });

  it('refuses an upward import and accepts a downward one', () => {
    expect(checkImport(src, join(src, 'domain/vacancy.ts'), '../http/problem.js')).toMatch(/higher layer/);
    expect(checkImport(src, join(src, 'catalog/link.ts'), '../matching/score.js')).toMatch(/higher layer/);
    expect(checkImport(src, join(src, 'keys/store.ts'), '../http/auth.js')).toMatch(/higher layer/);
    expect(checkImport(src, join(src, 'matching/score.ts'), '../catalog/schema.js')).toBeUndefined();
    expect(checkImport(src, join(src, 'routes/search.ts'), '../search/service.js')).toBeUndefined();
    expect(checkImport(src, join(src, 'search/service.ts'), 'zod')).toBeUndefined();
  });

  it('has no exception left: every import points down', () => {
    expect(EXCEPTIONS).toEqual([]);
  });

  it('the write pipeline sits above indexing: indexing imports nothing from catalog', () => {
    expect(checkImport(src, join(src, 'indexing/service.ts'), '../catalog/linker.js')).toMatch(/higher layer/);
    expect(checkImport(src, join(src, 'catalog/pipeline.ts'), '../indexing/service.js')).toBeUndefined();
  });

  it('the order is written down in docs/architecture.md', () => {
    const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
    for (const layer of LAYERS.flat()) expect(doc, layer).toContain(layer);
  });
});
