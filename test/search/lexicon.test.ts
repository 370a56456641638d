import { describe, expect, it } from 'vitest';
import { parseLexicon, understand } from '../../src/search/lexicon.js';
import { parseTextQuery } from '../../src/search/text-query.js';
import { RANKING } from '../../src/search/ranking.js';

describe('seekers\u2019 lexicon', () => {
  const lex = parseLexicon('# c\n开车的,司机 => 司机,驾驶员\n带孩子的 => 育婴师,保姆\n');

  it('maps a seeker\u2019s phrase to the words postings use, with a trailing 的', () => {
    const u = understand('开车的 夜班', lex);
    expect(u.matches).toHaveLength(1);
    expect(u.matches[0]!.terms).toEqual(expect.arrayContaining(['司机', '驾驶员']));
    expect(u.rest).toBe('夜班');
    expect(understand('带孩子的', lex).matches[0]!.terms).toEqual(['育婴师', '保姆']);
  });

  it('reads forms of address and 做…的 as the trade', () => {
    expect(understand('电工师傅', lex).matches).toEqual([{ phrase: '电工', terms: ['电工'] }]);
    expect(understand('保洁阿姨', lex).matches[0]!.terms).toEqual(['保洁']);
    expect(understand('做蛋糕的', lex).matches[0]!.terms).toEqual(['蛋糕']);
  });

  it('makes a phrase one group of alternatives and tells the classifier the posting words', () => {
    const t = parseTextQuery('开车的')!;
    expect(t.groups).toHaveLength(1);
    expect(t.groups[0]!.length).toBeGreaterThan(1);
    expect(t.intent).toContain('司机');
  });

  it('leaves the plain baseline without any query understanding', () => {
    const t = parseTextQuery('开车的', undefined, { lexicon: false })!;
    expect(t.intent).not.toContain('司机');
  });

  it('ranks synonyms and the pieces of a phrase below the word asked for', () => {
    const t = parseTextQuery('k8s')!;
    const group = t.groups[0]!;
    expect(group[0]).toMatchObject({ term: 'k8s' });
    expect(group.slice(1).every((a) => (a.boost ?? 1) < 1)).toBe(true);
    expect(RANKING.synonym).toBeLessThan(1);
  });
});
