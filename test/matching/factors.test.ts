import { describe, expect, it } from 'vitest';
import { seedCatalog } from '../../src/catalog/load.js';
import { educationInText, postingRequirements, skillsInText, titleLevel, yearsInText } from '../../src/matching/requirements.js';
import { scoreMatch, type MatchContext, type MatchResult } from '../../src/matching/score.js';
import { createClassifier } from '../../src/occupations/classifier.js';
import { builtinTaxonomy } from '../../src/occupations/taxonomy.js';
import { NOW, resume, vacancy } from './docs.js';

/** Issue 12: graded title fit, specific skills, pay, seniority both ways, violations that matter, unknowns neutral. */
const ctx: MatchContext = { now: NOW, catalog: seedCatalog(), classifier: createClassifier(builtinTaxonomy()) };
const item = (r: MatchResult, f: string) => r.breakdown.find((b) => b.factor === f)!;
const value = (v: Parameters<typeof scoreMatch>[0], r: Parameters<typeof scoreMatch>[1], f: string) => item(scoreMatch(v, r, ctx), f).value;

describe('reading what a posting asks for', () => {
  it('finds the stated education, not the preferred one', () => {
    expect(educationInText('任职要求：本科及以上学历，计算机相关专业；硕士优先')).toBe('本科');
    expect(educationInText('硕士以上学历，特别优秀者可放宽')).toBe('硕士');
    expect(educationInText('大专以上')).toBe('大专');
    expect(educationInText('负责嵌入式软件开发')).toBeUndefined();
  });
  it('finds the years of experience asked for', () => {
    expect(yearsInText('3年以上嵌入式开发经验')).toBe(3);
    expect(yearsInText('具有3-5年工作经验')).toBe(3);
    expect(yearsInText('两年以上相关工作经验')).toBe(2);
    expect(yearsInText('有大型项目经验者优先')).toBeUndefined();
  });
  it('names each skill once and marks the ones only wanted as a plus', () => {
    const found = new Map(skillsInText('1、精通Java，熟悉MySQL、Redis；2、熟悉Java多线程；3、有Kafka经验者优先').map((s) => [s.key, s.preferred]));
    expect(found.get('java')).toBe(false);
    expect(found.get('mysql')).toBe(false);
    expect(found.get('kafka')).toBe(true);
    expect([...found.keys()].filter((k) => k === 'java')).toHaveLength(1);
  });
  it('reads the level from the title', () => {
    expect(titleLevel('厨房主管')).toBe('senior');
    expect(titleLevel('帮厨')).toBe('junior');
    expect(titleLevel('Java开发实习生')).toBe('junior');
    expect(titleLevel('产品经理')).toBeUndefined();
    expect(titleLevel('厨师')).toBeUndefined();
  });
  it('reads a skill-less posting from its text, a posting with listed skills from its fields', () => {
    const text = vacancy({ id: 'v-t', title: '后端开发', description: '本科及以上学历，3年以上Java开发经验，熟悉Spring', skills: [] });
    const r = postingRequirements(text, { key: (s: string) => s.toLowerCase() });
    expect(r).toMatchObject({ source: 'text', education: '本科', yearsMin: 3 });
    const listed = postingRequirements(vacancy({ id: 'v-l', title: '后端开发', description: '本科及以上学历，3年以上经验', skills: ['Java'] }), { key: (s: string) => s.toLowerCase() });
    expect(listed).toMatchObject({ source: 'listed' });
    expect(listed.education).toBeUndefined();
  });
});

describe('graded title fit', () => {
  const seeker = resume({ id: 'r-j', desiredTitles: ['Java开发工程师'], skills: ['Java'] });
  it('ranks the same work above other work of the same occupation group', () => {
    const same = value(vacancy({ id: 'v-1', title: 'Java后端开发工程师' }), seeker, 'title')!;
    const other = value(vacancy({ id: 'v-2', title: 'PHP开发工程师' }), seeker, 'title')!;
    const unrelated = value(vacancy({ id: 'v-3', title: '仓库管理员' }), seeker, 'title')!;
    expect(same).toBeGreaterThan(other);
    expect(other).toBeGreaterThan(unrelated);
  });
  it("weighs a career changer's past job below the job wanted", () => {
    const changer = resume({ id: 'r-c', desiredTitles: ['软件测试工程师'], experience: [{ title: '销售代表', years: 5 }] });
    const wanted = value(vacancy({ id: 'v-4', title: '软件测试工程师' }), changer, 'title')!;
    const past = value(vacancy({ id: 'v-5', title: '销售代表' }), changer, 'title')!;
    expect(wanted).toBeGreaterThan(past);
    expect(past).toBeLessThan(0);
    const stayer = resume({ id: 'r-s', experience: [{ title: '销售代表', years: 5 }] });
    expect(value(vacancy({ id: 'v-5', title: '销售代表' }), stayer, 'title')!).toBeGreaterThan(past);
  });
});

describe('skills by what the posting asks for', () => {
  it('favours the trade over a posting that merely names the tool among many', () => {
    const seeker = resume({ id: 'r-p', desiredTitles: ['Python开发'], skills: ['Python', 'Django'] });
    const trade = vacancy({ id: 'v-p1', title: 'Python开发工程师', skills: ['Python', 'Django'] });
    const names = vacancy({ id: 'v-p2', title: '测试开发', skills: ['Python', 'Java', 'C++', 'Selenium', 'Jmeter', 'Linux', 'MySQL'] });
    expect(value(trade, seeker, 'skills')!).toBeGreaterThan(value(names, seeker, 'skills')!);
    expect(scoreMatch(trade, seeker, ctx).score).toBeGreaterThan(scoreMatch(names, seeker, ctx).score);
  });
  it('counts a generic skill less than a specific one', () => {
    const generic = resume({ id: 'r-g', skills: ['沟通', 'Verilog'] });
    const v1 = vacancy({ id: 'v-g1', skills: ['Verilog', '沟通'] });
    const v2 = vacancy({ id: 'v-g2', skills: ['Verilog', 'UVM'] });
    const onlyGeneric = resume({ id: 'r-g2', skills: ['沟通'] });
    expect(value(v1, onlyGeneric, 'skills')!).toBeLessThan(value(v1, resume({ id: 'r-g3', skills: ['Verilog'] }), 'skills')!);
    expect(value(v1, generic, 'skills')!).toBeGreaterThan(value(v2, generic, 'skills')!);
  });
});

describe('pay, seniority, education and employment type', () => {
  const seeker = resume({ id: 'r-pay', desiredTitles: ['电工'], expectedSalary: '8000-9000' });
  it('penalises pay below the expectation by how far, and leaves 面议 neutral', () => {
    const near = value(vacancy({ id: 'v-s1', title: '电工', salary: '6000-7500' }), seeker, 'salary')!;
    const half = value(vacancy({ id: 'v-s2', title: '电工', salary: '3500-4000' }), seeker, 'salary')!;
    expect(near).toBeGreaterThan(half);
    expect(half).toBe(-1);
    const nego = scoreMatch(vacancy({ id: 'v-s3', title: '电工', salary: '面议' }), seeker, ctx);
    expect(item(nego, 'salary')).toMatchObject({ value: null, contribution: 0 });
    expect(nego.score).toBeGreaterThan(scoreMatch(vacancy({ id: 'v-s2', title: '电工', salary: '3500-4000' }), seeker, ctx).score);
  });
  it('reads seniority both ways', () => {
    const cook = resume({ id: 'r-cook', desiredTitles: ['厨师'], experience: [{ title: '厨师', years: 10 }] });
    expect(value(vacancy({ id: 'v-k1', title: '帮厨' }), cook, 'seniority')!).toBeLessThan(0);
    expect(value(vacancy({ id: 'v-k2', title: '厨房主管' }), cook, 'seniority')!).toBe(1);
    const junior = resume({ id: 'r-jr', experience: [{ title: '厨师', years: 1 }] });
    expect(value(vacancy({ id: 'v-k2', title: '厨房主管' }), junior, 'seniority')!).toBeLessThan(0);
    expect(value(vacancy({ id: 'v-k3', title: '厨师', experienceYearsMin: 4 }), junior, 'seniority')!).toBe(-1);
  });
  it('makes education and employment type matter when violated', () => {
    const v = vacancy({ id: 'v-e', title: '技术员', education: '本科' });
    expect(value(v, resume({ id: 'r-e1', education: '大专' }), 'education')).toBe(-0.6);
    expect(value(v, resume({ id: 'r-e2', education: '高中' }), 'education')).toBe(-1);
    expect(value(v, resume({ id: 'r-e3', education: '硕士' }), 'education')).toBe(0);
    expect(value(vacancy({ id: 'v-i', title: '测试实习生' }), resume({ id: 'r-i', employmentTypes: ['全职'] }), 'employmentType')).toBe(-1);
  });
  it('does not hold against a sparse profile what it does not state', () => {
    const v = vacancy({ id: 'v-n', title: '嵌入式软件工程师', education: '本科', experienceYearsMin: 3, salary: '10-15K' });
    const sparse = scoreMatch(v, resume({ id: 'r-n', desiredTitles: ['嵌入式软件工程师'] }), ctx);
    for (const f of ['education', 'seniority', 'salary', 'skills']) expect(item(sparse, f)).toMatchObject({ value: null, contribution: 0 });
  });
});
