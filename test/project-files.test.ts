import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../src/config.js';

const read = (f: string) => readFileSync(new URL(`../${f}`, import.meta.url), 'utf8');

// docker-compose.yml and the Dockerfile: test/deploy-files.test.ts.

describe('.env.example and README', () => {
  it('.env.example lists every configuration variable with its default', () => {
    const vars = Object.fromEntries(read('.env.example').split('\n').filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split(/=(.*)/).slice(0, 2)));
    const defaults = configSchema.parse({});
    expect(Object.keys(vars).sort()).toEqual(Object.keys(configSchema.shape).sort());
    for (const [k, v] of Object.entries(defaults)) if (v !== undefined) expect(String(vars[k]), k).toBe(String(v));
  });

  it('README documents every variable, the two commands and the demo keys', () => {
    const readme = read('README.md');
    for (const k of Object.keys(configSchema.shape)) expect(readme, k).toContain(`\`${k}\``);
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
    expect(readme).toContain('demo-public');
    expect(read('.ci/run')).toContain('npm test');
  });
});
