import { haversineKm } from '../geo.js';
import type { FacetRequest, Filter } from '../types.js';
import type { ColumnStore } from './columns.js';

/** A filter compiled against the column store: a test on one document. */
export type DocTest = (doc: number) => boolean;

function boundingBox(lat: number, lon: number, km: number) {
  const dLat = km / 111.32;
  const dLon = km / (111.32 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
  return { minLat: lat - dLat, maxLat: lat + dLat, minLon: lon - dLon, maxLon: lon + dLon };
}

export function compileFilter(f: Filter, cols: ColumnStore): DocTest {
  switch (f.kind) {
    case 'terms':
    case 'prefix': {
      // Prefix filters are term lookups: occupation codes are indexed with every prefix.
      const col = cols.keyword(f.field);
      const set = new Set(f.values.map((v) => col.lookup(v)).filter((v): v is number => v !== undefined));
      if (!set.size) return () => false;
      return (doc) => col.hasAny(doc, set);
    }
    case 'range': {
      const a = cols.numbers[f.field];
      const lo = f.gte ?? -Infinity;
      const hi = f.lte ?? Infinity;
      return (doc) => { const v = a[doc]!; return v >= lo && v <= hi; };
    }
    case 'geo': {
      const b = boundingBox(f.lat, f.lon, f.radiusKm);
      const { lat, lon } = cols;
      return (doc) => {
        const y = lat[doc]!;
        const x = lon[doc]!;
        return y >= b.minLat && y <= b.maxLat && x >= b.minLon && x <= b.maxLon && haversineKm(y, x, f.lat, f.lon) <= f.radiusKm;
      };
    }
  }
}

/**
 * Filters grouped for multi-select facets: group 0 holds filters that belong to no requested facet (a failure
 * there excludes the document from everything); group i+1 the filters of facet i.
 */
export interface CompiledFilters {
  base: DocTest[];
  byFacet: DocTest[][];
}

export function compileFilters(filters: Filter[], facets: FacetRequest[], cols: ColumnStore): CompiledFilters {
  const byFacet: DocTest[][] = facets.map(() => []);
  const base: DocTest[] = [];
  for (const f of filters) {
    const i = f.facet === undefined ? -1 : facets.findIndex((x) => x.name === f.facet);
    (i >= 0 ? byFacet[i]! : base).push(compileFilter(f, cols));
  }
  return { base, byFacet };
}
