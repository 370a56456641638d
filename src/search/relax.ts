import type { EngineQuery, Filter } from '../engine/types.js';
import type { NamedFilter } from './filters.js';

/** Parameters in the order they are given up when nothing matches: least important first. */
export const RELAX_ORDER = ['postedWithinDays', 'tag', 'experienceYears', 'education', 'salary', 'employmentType', 'industry', 'occupationCode'];
export const RADIUS_STEPS = [2, 4];

export interface RelaxStep { step: string; hits: number }

export interface Relaxable {
  filters: NamedFilter[];
  geo?: { lat: number; lon: number; radiusKm?: number };
  mode: 'all' | 'any';
}

/** The next, looser version of a search and how to describe it; undefined when nothing is left to relax. */
export function* relaxations(start: Relaxable, termCount: number): Generator<{ state: Relaxable; step: string }> {
  let state = start;
  for (const param of RELAX_ORDER) {
    const dropped = state.filters.filter((f) => f.param === param);
    if (!dropped.length) continue;
    state = { ...state, filters: state.filters.filter((f) => f.param !== param) };
    yield { state, step: `去掉筛选条件：${dropped.map((f) => f.label).join('，')}` };
  }
  const base = state.geo?.radiusKm;
  if (state.geo && base !== undefined) {
    for (const factor of RADIUS_STEPS) {
      state = { ...state, geo: { ...state.geo!, radiusKm: base * factor } };
      yield { state, step: `扩大搜索半径到${base * factor}公里` };
    }
  }
  if (termCount > 1 && state.mode === 'all') {
    state = { ...state, mode: 'any' };
    yield { state, step: '匹配任一关键词（原为全部关键词）' };
  }
}

export function engineFilters(r: Relaxable, always: Filter[]): Filter[] {
  const filters = [...always, ...r.filters.map((f) => f.filter)];
  if (r.geo?.radiusKm !== undefined) filters.push({ kind: 'geo', lat: r.geo.lat, lon: r.geo.lon, radiusKm: r.geo.radiusKm });
  return filters;
}

export type { EngineQuery };
