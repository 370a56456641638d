import { readFileSync } from 'node:fs';
import type { Kind } from '../types.js';
import { mappingsPath } from '../../paths.js';

export interface IndexDefinition {
  version: number;
  settings: Record<string, unknown>;
  mappings: Record<string, unknown>;
}

/** Index settings and mappings live as JSON in mappings/, one file per kind. */
export function loadIndexDefinition(kind: Kind): IndexDefinition {
  const file = mappingsPath(`${kind}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as IndexDefinition;
}

/**
 * Index settings with the configured topology: `shards` primaries and `replicas` either a count or an
 * auto-expand range ("0-1": no replica on one node, one as soon as a second node joins).
 */
export function withTopology(settings: Record<string, unknown>, topology: { shards?: number; replicas?: string }): Record<string, unknown> {
  const out: Record<string, unknown> = { ...settings };
  if (topology.shards !== undefined) out.number_of_shards = topology.shards;
  if (topology.replicas !== undefined) {
    if (/^\d+$/.test(topology.replicas)) {
      out.number_of_replicas = Number(topology.replicas);
      out.auto_expand_replicas = false;
    } else {
      delete out.number_of_replicas;
      out.auto_expand_replicas = topology.replicas;
    }
  }
  return out;
}

/** The alias clients use, and the versioned index behind it: a mapping change is a reindex, not an outage. */
export function indexNames(prefix: string, kind: Kind, version: number) {
  const alias = `${prefix}-${kind}`;
  return { alias, index: `${alias}-v${version}` };
}
