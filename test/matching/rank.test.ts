import { describe, expect, it, vi } from 'vitest';
import { plainScore, rankMatches } from '../../src/matching/rank.js';
import type { MatchResult } from '../../src/matching/score.js';
import { NOW } from './docs.js';

interface C { id: string; date?: string; demand?: number; score: number }
const result = (score: number): MatchResult => ({ score, breakdown: [], missingSkills: [], catalog: [], catalogMissingSkills: [] });
const opts = (personalization: 'on' | 'off') => ({ personalization, now: NOW, id: (c: C) => c.id, date: (c: C) => c.date, demandLevel: (c: C) => c.demand });
const day = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

const candidates: C[] = [
  { id: 'a', date: day(30), demand: 5, score: 90 },
  { id: 'b', date: day(1), demand: 1, score: 40 },
  { id: 'c', date: day(1), demand: 5, score: 60 },
  { id: 'd', demand: 3, score: 60 },
];

describe('rankMatches', () => {
  it('orders by score with personalization on, ties by id', () => {
    const ranked = rankMatches(candidates, (c) => result(c.score), opts('on'));
    expect(ranked.map((r) => r.candidate.id)).toEqual(['a', 'c', 'd', 'b']);
    expect(ranked[0]!.match!.score).toBe(90);
  });

  it('with personalization off, ignores the profile and orders by recency and catalog priority', () => {
    const scoreFn = vi.fn((c: C) => result(c.score));
    const ranked = rankMatches(candidates, scoreFn, opts('off'));
    expect(scoreFn).not.toHaveBeenCalled();
    expect(ranked.map((r) => r.candidate.id)).toEqual(['c', 'b', 'a', 'd']);
    expect(ranked.every((r) => r.personalization === 'off' && r.match === undefined)).toBe(true);
  });

  it('plain score: 100 × (0.6 × 0.5^(age/14) + 0.4 × demand/5)', () => {
    expect(plainScore(NOW.toISOString(), 5, NOW)).toBe(100);
    expect(plainScore(day(14), 0, NOW)).toBe(30);
    expect(plainScore(undefined, 5, NOW)).toBe(40);
  });
});
