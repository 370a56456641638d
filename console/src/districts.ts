/**
 * Qingdao's districts for the console's schematic map: approximate centres (the same figures as
 * src/domain/districts.ts) drawn as labelled points on a plain SVG — no map tiles, nothing fetched.
 */
export const DISTRICTS: Record<string, { lat: number; lon: number }> = {
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
};
