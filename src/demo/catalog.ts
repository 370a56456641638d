import { DISTRICTS, DISTRICT_NAMES, type District } from '../domain/districts.js';
import { EVERYDAY_SECTORS, FACTORY_ROLES, OFFICE_ROLES } from './everyday-jobs.js';
import { KEY_SECTORS } from './industries.js';
import { PLACES } from './places.js';
import { type Rng, WeightedTable } from './random.js';
import type { Role, Sector } from './roles.js';

/** Every sector the generator draws from: the key industries first, then everyday ones. */
export const ALL_SECTORS: readonly Sector[] = [...KEY_SECTORS, ...EVERYDAY_SECTORS];

/** Share of a sector's posts that go to the shared factory or office roles. */
const SHARED_SHARE = { factory: 0.4, office: 0.2, none: 0 } as const;

export interface SectorRoles {
  sector: Sector;
  roles: WeightedTable<Role>;
}

function roleTable(sector: Sector): WeightedTable<Role> {
  const own = sector.roles.map((r) => [r, r.weight ?? 1] as const);
  const share = SHARED_SHARE[sector.shared];
  if (share === 0) return new WeightedTable(own);
  const pool = sector.shared === 'factory' ? FACTORY_ROLES : OFFICE_ROLES;
  const ownTotal = own.reduce((s, e) => s + e[1], 0);
  const poolTotal = pool.reduce((s, r) => s + (r.weight ?? 1), 0);
  const factor = (ownTotal * share) / (1 - share) / poolTotal;
  return new WeightedTable([...own, ...pool.map((r) => [r, (r.weight ?? 1) * factor] as const)]);
}

export const SECTOR_ROLES: readonly SectorRoles[] = ALL_SECTORS.map((sector) => ({ sector, roles: roleTable(sector) }));
const ROLES_BY_SECTOR = new Map(SECTOR_ROLES.map((s) => [s.sector, s.roles]));

/** The roles a sector's employers post, shared factory or office roles included. */
export function rolesOf(sector: Sector): WeightedTable<Role> {
  return ROLES_BY_SECTOR.get(sector)!;
}

/** A value in [lo, hi], the low end more likely. */
export function lowBiased(rng: Rng, lo: number, hi: number): number {
  return Math.min(hi, lo + Math.floor(rng.next() * rng.next() * (hi - lo + 1)));
}

/** Sectors in proportion to their weights (job seekers follow the same mix as the jobs). */
export const SECTOR_TABLE = new WeightedTable(SECTOR_ROLES.map((s) => [s, s.sector.weight] as const));

const districtTables = new Map<Sector, WeightedTable<District>>();
export function districtTableOf(sector: Sector): WeightedTable<District> {
  let t = districtTables.get(sector);
  if (!t) {
    t = new WeightedTable(Object.entries(sector.districts).map(([d, w]) => [d as District, w] as const));
    districtTables.set(sector, t);
  }
  return t;
}

/** Where people live: roughly in proportion to each district's population. */
export const RESIDENCE_TABLE = new WeightedTable<District>([
  ['市南区', 0.55], ['市北区', 1.1], ['李沧区', 0.75], ['崂山区', 0.55], ['黄岛区', 2], ['城阳区', 1.1],
  ['即墨区', 1.35], ['胶州市', 1], ['平度市', 1.2], ['莱西市', 0.75],
]);

export const ANY_DISTRICT = new WeightedTable(DISTRICT_NAMES.map((d) => [d, 1] as const));

/** A point near a district's centre; spread is the standard deviation-ish in degrees of latitude (0.025 ≈ 2.8 km). */
export function pointNear(rng: Rng, district: District, spread: number): { lat: number; lon: number } {
  const c = DISTRICTS[district];
  return {
    lat: Math.round((c.lat + rng.bell() * spread) * 1e5) / 1e5,
    lon: Math.round((c.lon + rng.bell() * spread * 1.25) * 1e5) / 1e5,
  };
}

/** A street address in a district, sometimes naming the park or zone. */
export function addressIn(rng: Rng, district: District): string {
  const p = PLACES[district];
  const city = district === '黄岛区' && rng.chance(0.3) ? '青岛西海岸新区' : `青岛市${district}`;
  const road = rng.pick(p.roads);
  // Not 211: the compliance screener reads "211" as a university tier.
  let no = rng.int(1, 399);
  if (no === 211) no = 212;
  const r = rng.next();
  if (r < 0.3) return `${city}${rng.pick(p.zones)}${road}${no}号`;
  if (r < 0.55) return `${city}${rng.pick(p.towns)}${road}${no}号`;
  return `${city}${road}${no}号`;
}

/** ISO time with the +08:00 offset, to the second. */
export function isoShanghai(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';
}

export const DEFAULT_REFERENCE_DATE = '2026-11-01T00:00:00+08:00';
export const DAY_MS = 86_400_000;
