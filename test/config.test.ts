/** Safe defaults: no demo key outside demo mode; a production start without keys refuses, and says why. */
import { describe, expect, it } from 'vitest';
import { DEMO_API_KEYS, loadConfig } from '../src/config.js';

describe('configuration defaults', () => {
  it('has no API keys and loads no demo data by default', () => {
    const c = loadConfig({});
    expect(c.API_KEYS).toBe('');
    expect(c.DEMO_MODE).toBe(false);
    expect(c.SEED_DEMO).toBe(false);
  });

  it('demo mode brings the documented demo keys and the demo data', () => {
    const c = loadConfig({ DEMO_MODE: 'true' });
    expect(c.API_KEYS).toBe(DEMO_API_KEYS);
    expect(c.API_KEYS).toContain('demo-admin:admin');
    expect(c.SEED_DEMO).toBe(true);
    // Keys given explicitly win over the demo keys; SEED_DEMO can be turned off.
    expect(loadConfig({ DEMO_MODE: 'true', API_KEYS: 'mine:admin', SEED_DEMO: 'false' })).toMatchObject({ API_KEYS: 'mine:admin', SEED_DEMO: false });
  });

  it('NODE_ENV=production without API_KEYS refuses with a clear message', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/API_KEYS: NODE_ENV=production needs API_KEYS/);
    expect(() => loadConfig({ NODE_ENV: 'production', API_KEYS: '  ' })).toThrow(/needs API_KEYS/);
    expect(loadConfig({ NODE_ENV: 'production', API_KEYS: 'k:admin' }).API_KEYS).toBe('k:admin');
  });

  it('refuses demo mode in production (its keys are public)', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO_MODE: 'true', API_KEYS: 'k:admin' })).toThrow(/DEMO_MODE/);
  });

  it('keeps the shutdown grace period longer than the request timeout', () => {
    expect(loadConfig({}).SHUTDOWN_GRACE_MS).toBeGreaterThan(loadConfig({}).REQUEST_TIMEOUT_MS);
    expect(loadConfig({ REQUEST_TIMEOUT_MS: '1000' }).SHUTDOWN_GRACE_MS).toBe(6000);
    expect(() => loadConfig({ REQUEST_TIMEOUT_MS: '10000', SHUTDOWN_GRACE_MS: '10000' })).toThrow(/SHUTDOWN_GRACE_MS/);
  });

  it('takes shard and replica counts (a count or an auto-expand range)', () => {
    expect(loadConfig({})).toMatchObject({ ELASTICSEARCH_SHARDS: 1, ELASTICSEARCH_REPLICAS: '0-1' });
    expect(loadConfig({ ELASTICSEARCH_SHARDS: '3', ELASTICSEARCH_REPLICAS: '2' })).toMatchObject({ ELASTICSEARCH_SHARDS: 3, ELASTICSEARCH_REPLICAS: '2' });
    expect(() => loadConfig({ ELASTICSEARCH_REPLICAS: 'two' })).toThrow(/ELASTICSEARCH_REPLICAS/);
    expect(() => loadConfig({ ELASTICSEARCH_SHARDS: '0' })).toThrow(/ELASTICSEARCH_SHARDS/);
  });
});
