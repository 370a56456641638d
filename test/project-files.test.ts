import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configSchema } from '../src/config.js';

const read = (f: string) => readFileSync(new URL(`../${f}`, import.meta.url), 'utf8');

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml')) as { services: Record<string, { image: string; ports?: string[]; environment?: Record<string, string>; depends_on?: unknown }> };

  it('names the official Elasticsearch 9 image and the API, as the README promises', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'elasticsearch']);
    expect(compose.services.elasticsearch!.image).toMatch(/^docker\.elastic\.co\/elasticsearch\/elasticsearch:9\.\d+\.\d+$/);
    expect(compose.services.elasticsearch!.environment).toMatchObject({ 'discovery.type': 'single-node', 'xpack.security.enabled': 'false' });
    expect(compose.services.elasticsearch!.ports).toContain('9200:9200');
    expect(compose.services.api!.ports).toContain('3000:3000');
    expect(compose.services.api!.depends_on).toHaveProperty('elasticsearch');
  });

  it('configures the API only with variables the service knows', () => {
    const env = compose.services.api!.environment!;
    expect(env.ELASTICSEARCH_URL).toBe('http://elasticsearch:9200');
    const known = Object.keys(configSchema.shape);
    for (const k of Object.keys(env)) expect(known).toContain(k);
    expect(configSchema.safeParse(env).success).toBe(true);
  });
});

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
