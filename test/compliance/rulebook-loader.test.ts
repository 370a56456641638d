import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULEBOOK_DIR, loadRulebook, RulebookError, ScreenerHolder } from '../../src/compliance/index.js';

function copyRulebook(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rulebook-'));
  cpSync(DEFAULT_RULEBOOK_DIR, dir, { recursive: true });
  return dir;
}

describe('loadRulebook', () => {
  it('loads the seed rulebook with a version, rules for every discrimination category and a wage table', () => {
    const rb = loadRulebook(DEFAULT_RULEBOOK_DIR);
    expect(rb.version).toMatch(/\S/);
    const cats = new Set(rb.rules.map((r) => r.category));
    for (const c of ['gender', 'age', 'marital_childbearing', 'ethnicity', 'religion', 'hukou_region', 'disability', 'health', 'appearance', 'sexual_orientation', 'education_origin', 'other']) {
      expect(cats).toContain(c);
    }
    expect(rb.minimumWage.lookup('黄岛区').monthly).toBeGreaterThan(0);
    expect(rb.minimumWage.lookup('西海岸新区').tier).toBe(rb.minimumWage.lookup('黄岛区').tier);
  });

  it.each([
    ['broken YAML', 'rules/gender.yaml', (s: string) => s + '\n  - : [unclosed'],
    ['unknown legal basis', 'rules/gender.yaml', (s: string) => s.replace('legalBasis: [ldf-12,', 'legalBasis: [no-such-law,')],
    ['invalid regex', 'rules/age.yaml', (s: string) => s.replace("patterns:\n", "patterns:\n    - '(?:unclosed'\n")],
    ['unknown category', 'rules/other.yaml', (s: string) => s.replace('category: other', 'category: horoscope')],
    ['unknown lexicon entry', 'rules/other.yaml', (s: string) => s.replace('{{zodiac}}', '{{nope}}')],
    ['bad wage table', 'minimum-wage.json', (s: string) => s.replace('"monthly": 2200', '"monthly": "a lot"')],
  ])('throws a RulebookError naming the file on %s', (_name, file, edit) => {
    const dir = copyRulebook();
    const path = join(dir, file);
    writeFileSync(path, edit(readFileSync(path, 'utf8')));
    expect(() => loadRulebook(dir)).toThrow(RulebookError);
    try {
      loadRulebook(dir);
    } catch (err) {
      expect((err as Error).message).toContain(file.split('/').pop()!.replace('.json', ''));
    }
  });
});

describe('ScreenerHolder.reload', () => {
  it('swaps in a valid edit and keeps the old rulebook when the new one is invalid', () => {
    const dir = copyRulebook();
    const holder = new ScreenerHolder(dir);
    const index = join(dir, 'rulebook.yaml');
    const original = readFileSync(index, 'utf8');
    writeFileSync(index, original.replace(/^version: .*$/m, "version: 'test-2'"));
    expect(holder.reload().version).toBe('test-2');
    writeFileSync(index, original.replace(/^version: .*$/m, 'version: [oops'));
    expect(() => holder.reload()).toThrow(RulebookError);
    expect(holder.screener.rulebook.version).toBe('test-2');
    expect(holder.screener.check({ description: '限男性' }).verdict).toBe('reject');
  });

  it('refuses a rulebook whose own examples fail', () => {
    const dir = copyRulebook();
    const holder = new ScreenerHolder(dir);
    const path = join(dir, 'rules/gender.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('flagged: [限男性,', 'flagged: [完全正常的句子,'));
    expect(() => holder.reload()).toThrow(/examples/);
  });
});
