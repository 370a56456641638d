import { describe, expect, it } from 'vitest';
import { parseTextQuery } from '../../src/search/text-query.js';

describe('negation in queries', () => {
  it('excludes what a seeker says they do not want, like -word', () => {
    expect(parseTextQuery('服务员 不要夜班')!.exclude).toEqual(['夜班']);
    expect(parseTextQuery('司机，拒绝外包')!.exclude).toEqual(['外包']);
    expect(parseTextQuery('前端 -外包')!.exclude).toEqual(['外包']);
    const q = parseTextQuery('服务员 不要夜班')!;
    expect(q.groups.flat().some((a) => 'term' in a && a.term === '夜班')).toBe(false);
  });

  it('excludes the single-word synonyms of a negated word too', () => {
    const ex = parseTextQuery('不想做销售')!.exclude;
    expect(ex).toContain('销售');
    expect(ex).toContain('销售员');
    expect(ex.length).toBeGreaterThan(1);
  });

  it('reads 不要求 (does not require) as no negation, and leaves words without a cue alone', () => {
    expect(parseTextQuery('不要求学历 普工')!.exclude).toEqual([]);
    expect(parseTextQuery('销售 夜班')!.exclude).toEqual([]);
  });
});
