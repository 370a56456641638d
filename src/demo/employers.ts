import type { District } from '../domain/districts.js';
import { addressIn, ALL_SECTORS, districtTableOf, pointNear } from './catalog.js';
import { COMPANY_FORMS, TRADE_NAMES } from './names.js';
import { cumulative, Rng } from './random.js';
import type { Sector } from './roles.js';

export interface DemoEmployer {
  id: string;
  name: string;
  sector: Sector;
  district: District;
  address: string;
  lat: number;
  lon: number;
  /** What it does, one phrase of its sector's business list. */
  business: string;
  /** How often it posts, relative to others. */
  activity: number;
}

/** The employer pool is the same for every seed, so ids and names stay stable across data sets. */
const POOL_SEED = 20261101;
export const EMPLOYER_COUNT = 360;

const COUNTY_PREFIX: Partial<Record<District, string>> = { 胶州市: '胶州市', 平度市: '平度市', 莱西市: '莱西市', 黄岛区: '青岛西海岸', 即墨区: '青岛即墨' };

function companyName(rng: Rng, sector: Sector, district: District): string {
  const prefix = COUNTY_PREFIX[district] && rng.chance(0.25) ? COUNTY_PREFIX[district] : '青岛';
  const word = rng.pick(sector.firmWords);
  const form = word.endsWith('酒店') || word.endsWith('超市') || word.endsWith('便利店') ? '有限公司' : rng.pick(COMPANY_FORMS);
  return `${prefix}${rng.pick(TRADE_NAMES)}${word}${form}`;
}

function buildPool(): DemoEmployer[] {
  const rng = new Rng(POOL_SEED);
  const totalWeight = ALL_SECTORS.reduce((s, x) => s + x.weight, 0);
  const names = new Set<string>();
  const out: DemoEmployer[] = [];
  // Every sector gets at least four employers, the rest in proportion to its weight.
  const counts = ALL_SECTORS.map((s) => Math.max(4, Math.round((s.weight / totalWeight) * EMPLOYER_COUNT)));
  let k = 0;
  while (counts.reduce((a, b) => a + b, 0) > EMPLOYER_COUNT) { if (counts[k % counts.length]! > 4) counts[k % counts.length]!--; k++; }
  while (counts.reduce((a, b) => a + b, 0) < EMPLOYER_COUNT) counts[k++ % counts.length]!++;
  ALL_SECTORS.forEach((sector, si) => {
    const districts = districtTableOf(sector);
    const want = counts[si]!;
    // Spread a sector's first employers over all its districts so each district sees each of its industries.
    const listed = Object.keys(sector.districts) as District[];
    for (let i = 0; i < want; i++) {
      const district = i < listed.length ? listed[i]! : districts.pick(rng);
      let name = companyName(rng, sector, district);
      while (names.has(name)) name = companyName(rng, sector, district);
      names.add(name);
      const { lat, lon } = pointNear(rng, district, 0.025);
      out.push({ id: '', name, sector, district, address: addressIn(rng, district), lat, lon, business: rng.pick(sector.business), activity: 0.5 + rng.next() * 2.5 });
    }
  });
  // Interleave sectors in the id order, so e-0001 … is not all one industry.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = out[i]!; out[i] = out[j]!; out[j] = t;
  }
  out.forEach((e, i) => { e.id = `e-${String(i + 1).padStart(4, '0')}`; });
  return out;
}

let pool: DemoEmployer[] | undefined;
let poolSums: number[] | undefined;

/** The fixed pool of fictional employers (e-0001 … e-0360). */
export function demoEmployers(): readonly DemoEmployer[] {
  pool ??= buildPool();
  return pool;
}

let bySector: Map<Sector, DemoEmployer[]> | undefined;

/** The pool's employers of one sector. */
export function employersIn(sector: Sector): readonly DemoEmployer[] {
  if (!bySector) {
    bySector = new Map();
    for (const e of demoEmployers()) {
      const list = bySector.get(e.sector);
      if (list) list.push(e); else bySector.set(e.sector, [e]);
    }
  }
  return bySector.get(sector) ?? demoEmployers();
}

/** An employer, busier ones more often. */
export function pickEmployer(rng: Rng): DemoEmployer {
  const p = demoEmployers();
  poolSums ??= cumulative(p.map((e) => e.activity));
  return p[rng.weightedIndex(poolSums)]!;
}
