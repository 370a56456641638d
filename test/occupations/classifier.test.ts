import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/occupations/classifier.js';
import { builtinTaxonomy, cleanOccupationName, loadTaxonomyFile } from '../../src/occupations/taxonomy.js';
import { cleanTitle } from '../../src/occupations/title.js';
import { evaluate, isHeldOut, readTitles, SHARED_TAXONOMY } from '../../scripts/eval-occupations.js';
import { hasShared } from '../support/shared-data.js';

const MESSY: Array<[string, string]> = [
  ['Java后端开发', '2-02-10-03'],
  ['普工（包吃住）', '6-25-04-07'],
  ['外贸跟单', '2-06-07-01'],
  ['CNC操机师傅', '6-18-01-07'],
  ['数字IC验证工程师', '2-02-38-09'],
  ['叉车司机（月薪8000）', '6-30-05-01'],
  ['高级算法工程师-NLP方向', '2-02-38-01'],
  ['酒店前台接待', '4-03-01-01'],
];

const taxonomies = [['builtin', builtinTaxonomy()] as const];
if (hasShared('data/occupations/dadian2022_flattened.json')) taxonomies.push(['file', loadTaxonomyFile(SHARED_TAXONOMY)] as never);

describe.each(taxonomies)('classifier (%s taxonomy)', (_name, taxonomy) => {
  const c = createClassifier(taxonomy);

  it.each(MESSY)('%s → %s', (title, code) => {
    const got = c.classify({ title });
    expect(got[0]!.code).toBe(code);
    expect(got[0]!.name).toBe(c.get(code)!.name);
  });

  it('returns at most 5 results, best first, confidences in 0–1', () => {
    for (const [title] of MESSY) {
      const got = c.classify({ title });
      expect(got.length).toBeLessThanOrEqual(5);
      for (let i = 0; i < got.length; i++) {
        expect(got[i]!.confidence).toBeGreaterThanOrEqual(0);
        expect(got[i]!.confidence).toBeLessThanOrEqual(1);
        if (i) expect(got[i]!.confidence).toBeLessThanOrEqual(got[i - 1]!.confidence);
      }
    }
  });

  it('is unsure about titles that name no job', () => {
    const got = c.classify({ title: '急招（包吃住）' });
    expect(got[0]?.confidence ?? 0).toBeLessThan(0.5);
    expect(c.classify({ title: '' })).toEqual([]);
  });

  it('uses the description when the title is vague', () => {
    const got = c.classify({ title: '技术员', description: '负责网箱养殖的投喂、巡检和病害防治，海参鲍鱼养殖' });
    expect(['2-03-08-01', '5-04-02-01']).toContain(got[0]!.code);
  });

  it('keeps accuracy on the held-out titles (never tuned on)', () => {
    const held = readTitles().filter((t) => isHeldOut(t.id));
    const a = evaluate(c, held);
    expect(a.at1).toBeGreaterThanOrEqual(0.75);
    expect(a.at5).toBeGreaterThanOrEqual(0.9);
  });
});

describe('default taxonomy and everyday titles', () => {
  const c = createClassifier(builtinTaxonomy());
  it('ships the whole 2022 classification with 工种 names', () => {
    expect(c.size).toBe(1636);
    expect(c.get('6-18-01-12')!.worktypes).toContain('冷作钣金工');
  });
  // Titles with no 大典 name in them (issue 11): the lexicon places them (车管专员 stays below the confidence bar).
  it.each([
    ['奶茶店店员', '4-03-02-10', true], ['催收员', '4-07-02-04', true], ['钣金工', '6-18-01-12', true], ['车管专员', '3-01-02-08', false],
    ['课程顾问', '4-01-02-01', true], ['社群客服', '4-04-05-03', true],
  ] as const)('%s → %s', (title, code, confident) => {
    const got = c.classify({ title })[0]!;
    expect(got.code).toBe(code);
    if (confident) expect(got.uncertain).toBe(false);
  });
  it('is uncertain (not absurd and sure) when nothing names a job', () => {
    for (const title of ['急招 高薪 包吃住', '诚聘 五险一金 双休', '某某集团有限公司']) {
      const got = c.classify({ title })[0];
      expect(got?.uncertain ?? true).toBe(true);
    }
  });
});

describe('labelled title set', () => {
  const titles = readTitles();
  it('has at least 150 titles with unique ids and codes of real 细类', () => {
    expect(titles.length).toBeGreaterThanOrEqual(150);
    expect(new Set(titles.map((t) => t.id)).size).toBe(titles.length);
    const known = hasShared('data/occupations/dadian2022_flattened.json') ? new Set(loadTaxonomyFile(SHARED_TAXONOMY).occupations.map((o) => o.code)) : undefined;
    for (const t of titles) {
      expect(t.code).toMatch(/^[1-8]-\d{2}-\d{2}-\d{2}$/);
      if (known) expect(known.has(t.code as string), `${t.id} ${t.code}`).toBe(true);
    }
  });
  it('holds out about 30 % by id hash', () => {
    const share = titles.filter((t) => isHeldOut(t.id)).length / titles.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.4);
  });
});

describe('title cleaning', () => {
  it('drops pay, benefits and shift noise but keeps what names the job', () => {
    expect(cleanTitle('叉车司机（月薪8000）')).toBe('叉车司机');
    expect(cleanTitle('普工（包吃住）')).toBe('普工');
    expect(cleanTitle('高级Java工程师 15-25K')).toBe('java工程师');
    expect(cleanTitle('前端开发(vue/react)')).toBe('前端开发 vue react');
    expect(cleanTitle('总装线操作工（汽车厂）')).toBe('总装线操作工 汽车厂');
  });
  it('drops company names, places, pay, codes, recruiting and seniority words', () => {
    expect(cleanTitle('【城阳区】喜茶饮品制作员')).toBe('喜茶饮品制作员');
    expect(cleanTitle('青岛某某科技有限公司诚聘Java开发 J10643')).toBe('java开发');
    expect(cleanTitle('美团外卖骑手 日结 266/天')).toBe('美团外卖骑手');
    expect(cleanTitle('顺丰快递员（李沧区）月入过万')).toBe('顺丰快递员');
    expect(cleanTitle('资深UI设计师（合伙人）')).toBe('ui设计师');
    expect(cleanTitle('西海岸新区 电工 五险一金 18-45岁')).toBe('电工');
    expect(cleanTitle('实习生-数据分析')).toBe('数据分析');
  });
  it('keeps jobs that contain recruiting or place-like words', () => {
    expect(cleanTitle('招聘专员（急招）')).toBe('招聘专员');
    expect(cleanTitle('招生老师')).toBe('招生老师');
    expect(cleanTitle('急诊护士')).toBe('急诊护士');
    expect(cleanTitle('招待所服务员')).toBe('招待所服务员');
    expect(cleanTitle('产品经理')).toBe('产品经理');
  });
  it('strips the 数字/绿色职业 marks from official names', () => {
    expect(cleanOccupationName('计算机软件工程技术人员S')).toBe('计算机软件工程技术人员');
    expect(cleanOccupationName('海洋调查与监测工程技术人员L/S')).toBe('海洋调查与监测工程技术人员');
    expect(cleanOccupationName('焊工')).toBe('焊工');
  });
});

describe('title normaliser keeps language names with symbols', () => {
  it('keeps C++ and C# whole while splitting on other plus signs', () => {
    expect(cleanTitle('高级C++开发工程师')).toContain('c++');
    expect(cleanTitle('C#上位机开发')).toContain('c#');
    expect(cleanTitle('Python c++ 开发工程师')).toBe('python c++ 开发工程师');
    expect(cleanTitle('数据处理工程师+住宿+双休')).not.toContain('+');
  });
});
