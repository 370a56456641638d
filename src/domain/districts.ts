import { z } from 'zod';

/** Qingdao's seven districts and three county-level cities, with an approximate centre for geo defaults. */
export const DISTRICTS = {
  市南区: { lat: 36.0671, lon: 120.3826 },
  市北区: { lat: 36.0874, lon: 120.3748 },
  李沧区: { lat: 36.1451, lon: 120.4329 },
  崂山区: { lat: 36.1072, lon: 120.4686 },
  黄岛区: { lat: 35.9608, lon: 120.1980 },
  城阳区: { lat: 36.3074, lon: 120.3963 },
  即墨区: { lat: 36.3893, lon: 120.4473 },
  胶州市: { lat: 36.2644, lon: 120.0335 },
  平度市: { lat: 36.7868, lon: 119.9597 },
  莱西市: { lat: 36.8880, lon: 120.5176 },
} as const;

export type District = keyof typeof DISTRICTS;
export const DISTRICT_NAMES = Object.keys(DISTRICTS) as District[];

const ALIASES: Record<string, District> = {
  西海岸新区: '黄岛区', 西海岸: '黄岛区', 青岛西海岸新区: '黄岛区', 黄岛: '黄岛区', 黄岛区: '黄岛区',
  市南: '市南区', 市北: '市北区', 李沧: '李沧区', 崂山: '崂山区', 城阳: '城阳区', 即墨: '即墨区', 即墨市: '即墨区',
  胶州: '胶州市', 平度: '平度市', 莱西: '莱西市',
};

/** Canonical district name for a district, county-level city or alias (西海岸新区 = 黄岛区); undefined when unknown. */
export function normalizeDistrict(input: string): District | undefined {
  const s = input.trim().replace(/^青岛市?/, '');
  if (s in DISTRICTS) return s as District;
  return ALIASES[s];
}

/** The names a place is searched by: the district and its aliases, analysed as words (黄岛区 → 黄岛区, 黄岛, 西海岸新区, 西海岸 …). */
export function placeNames(district: string): string[] {
  const d = normalizeDistrict(district);
  if (!d) return [];
  return [d, ...Object.entries(ALIASES).filter(([alias, to]) => to === d && alias !== d).map(([alias]) => alias)];
}

export const districtSchema = z
  .string()
  .max(20)
  .transform((s, ctx) => {
    const d = normalizeDistrict(s);
    if (!d) {
      ctx.addIssue({ code: 'custom', message: `unknown district "${s}"; use one of ${DISTRICT_NAMES.join(', ')} (西海岸新区 = 黄岛区)` });
      return z.NEVER;
    }
    return d;
  })
  .pipe(z.enum(DISTRICT_NAMES as [District, ...District[]]))
  .meta({ description: `Qingdao district or county-level city: ${DISTRICT_NAMES.join(', ')}; 西海岸新区 is accepted as 黄岛区` });
