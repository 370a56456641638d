import { describe, expect, it } from 'vitest';
import { keysOf, normalizeTyped, oneEditAway, pinyinForms } from '../../src/suggest/keys.js';
import { SuggestIndex } from '../../src/suggest/suggest-index.js';

const vacancy = (title: string, skills: string[] = []) => ({ title: { id: normalizeTyped(title), text: title }, skills: skills.map((s) => ({ id: s.toLowerCase(), text: s })) });

describe('suggestion keys', () => {
  it('reads full pinyin and initials, Latin runs kept whole', () => {
    expect(pinyinForms('计算机')).toEqual({ full: 'jisuanji', initials: 'jsj' });
    expect(pinyinForms('java开发')).toEqual({ full: 'javakaifa', initials: 'jkf' });
    expect(pinyinForms('银行柜员')?.full).toBe('yinhangguiyuan');
    expect(pinyinForms('java')).toBeUndefined();
  });

  it('keys a name by its start, its later words and their pinyin', () => {
    const keys = keysOf('高级Java开发工程师').map((k) => `${k.via}:${k.key}`);
    expect(keys).toEqual(expect.arrayContaining(['prefix:高级java开发工程师', 'word:java开发工程师', 'word:开发工程师', 'pinyin:kaifagongchengshi', 'initials:kfgcs']));
    expect(normalizeTyped(' Ｊａｖａ · 開發 ')).toBe('java开发');
  });

  it('lists the strings one edit away, without the shorter prefix of the same word', () => {
    const v = oneEditAway('javscript');
    expect(v.has('javascript')).toBe(true);
    expect(v.get('javascript')).toBe(3);
    expect(v.has('javscrip')).toBe(false);
    expect(v.has('jvascript')).toBe(true);
  });
});

describe('suggestion index', () => {
  it('ranks by count and follows counts going down as well as up', async () => {
    const idx = new SuggestIndex();
    for (let i = 0; i < 5; i++) idx.put(`a${i}`, vacancy('焊工'));
    for (let i = 0; i < 3; i++) idx.put(`b${i}`, vacancy('行政专员'));
    idx.put('c0', vacancy('环卫工'));
    idx.put('c1', vacancy('会计')); // kuaiji: 会 read by its word
    const short = () => idx.suggest('h', ['title'], 5).map((s) => `${s.text}:${s.count}`);
    expect(short()).toEqual(['焊工:5', '环卫工:1']);
    expect(idx.suggest('', ['title'], 5).map((s) => s.text)).toEqual(['焊工', '行政专员', '会计', '环卫工']);
    for (let i = 0; i < 5; i++) idx.put(`a${i}`, undefined);
    expect(short()).toEqual(['环卫工:1']);
    idx.put('a9', vacancy('汇编工程师'));
    expect(short()).toEqual(['汇编工程师:1', '环卫工:1']); // equal counts: by text
    expect(idx.suggest('xzzy', ['title'], 5).map((s) => s.match)).toEqual(['initials']);
    expect(idx.suggest('kuaiji', ['title'], 5).map((s) => s.text)).toEqual(['会计']);
    expect(idx.vacancies).toBe(6);
  });

  it('puts typo corrections after every exact completion', () => {
    const idx = new SuggestIndex();
    idx.put('1', vacancy('前端开发', ['JavaScript']));
    idx.put('2', vacancy('后端开发', ['Java']));
    idx.put('3', vacancy('后端开发', ['Java']));
    expect(idx.suggest('javas', ['skill'], 5).map((s) => `${s.text}:${s.match}`)).toEqual(['JavaScript:prefix']);
    expect(idx.suggest('jvaa', ['skill'], 5).map((s) => `${s.text}:${s.match}`)).toEqual(['Java:typo', 'JavaScript:typo']);
  });
});
