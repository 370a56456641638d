import { describe, expect, it } from 'vitest';
import { DISTRICT_NAMES } from '../src/domain/districts.js';
import { parseSalaryText, normalizeSalary } from '../src/domain/salary.js';
import { resumeInputSchema } from '../src/domain/resume.js';
import { vacancyInputSchema } from '../src/domain/vacancy.js';
import {
  demoEmployers, generateResumes, generateVacancies, industryGroupOf, KEY_INDUSTRIES, OCCUPATIONS, resumes, Rng, vacancies,
} from '../src/demo/index.js';

const N = 3000;
const vs = generateVacancies(N);
const rs = generateResumes(N);

describe('demo data generator', () => {
  it('is deterministic: same seed, same data; another seed, other data', () => {
    expect(generateVacancies(200, 7)).toEqual(generateVacancies(200, 7));
    expect(generateResumes(200, 7)).toEqual(generateResumes(200, 7));
    expect(JSON.stringify(generateVacancies(50, 8))).not.toEqual(JSON.stringify(generateVacancies(50, 7)));
    expect(generateVacancies(20)).toEqual(vs.slice(0, 20));
  });

  it('streams: document n depends only on (seed, n)', () => {
    const head = Array.from(vacancies(10, { seed: 3 }));
    const tail = Array.from(vacancies(5, { seed: 3, start: 6 }));
    expect(tail).toEqual(head.slice(5));
    expect(Array.from(resumes(5, { seed: 3, start: 6 }))).toEqual(generateResumes(10, 3).slice(5));
  });

  it('never uses Math.random', () => {
    const original = Math.random;
    Math.random = () => { throw new Error('Math.random used'); };
    try {
      expect(generateVacancies(100, 99).length).toBe(100);
      expect(generateResumes(100, 99).length).toBe(100);
    } finally {
      Math.random = original;
    }
  });

  it('mulberry32 gives values in [0, 1) and repeats per seed', () => {
    const a = new Rng(5);
    const b = new Rng(5);
    for (let i = 0; i < 1000; i++) {
      const x = a.next();
      expect(x).toBe(b.next());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it('every vacancy validates against vacancyInputSchema', () => {
    for (const v of vs) {
      const r = vacancyInputSchema.safeParse(v);
      if (!r.success) throw new Error(`${v.id}: ${r.error.message}`);
    }
    expect(new Set(vs.map((v) => v.id)).size).toBe(N);
    expect(vs[0]!.id).toBe('v-000001');
  });

  it('every résumé validates against resumeInputSchema', () => {
    for (const r of rs) {
      const p = resumeInputSchema.safeParse(r);
      if (!p.success) throw new Error(`${r.id}: ${p.error.message}`);
    }
    expect(new Set(rs.map((r) => r.id)).size).toBe(N);
    expect(rs[0]!.id).toBe('r-000001');
  });

  it('covers all ten districts, with coordinates near each centre', () => {
    expect(new Set(vs.map((v) => v.location.district))).toEqual(new Set(DISTRICT_NAMES));
    expect(new Set(rs.map((r) => r.location.district))).toEqual(new Set(DISTRICT_NAMES));
    for (const v of vs) {
      expect(v.location.lat).toBeGreaterThan(35.7);
      expect(v.location.lat).toBeLessThan(37.1);
      expect(v.location.lon).toBeGreaterThan(119.7);
      expect(v.location.lon).toBeLessThan(120.8);
    }
  });

  it('covers every key industry and everyday jobs', () => {
    const groups = new Set(vs.map((v) => industryGroupOf(v.industry!)));
    for (const g of KEY_INDUSTRIES) expect(groups.has(g), g).toBe(true);
    const industries = new Set(vs.map((v) => v.industry));
    for (const s of ['海洋生物技术', '海洋新材料', '深远海养殖', '海洋装备', '商务服务', '酒店', '会展', '文旅', '跨境电商', '保税物流', '现代农业', '农产品加工']) {
      expect(industries.has(s), s).toBe(true);
    }
    const titles = vs.map((v) => v.title).join('\n');
    for (const t of ['普工', '操作工', '叉车司机', '厨师', '服务员', '销售', '客服', '快递员', '保安员', '家政']) expect(titles).toContain(t);
    expect(new Set(rs.flatMap((r) => r.desiredIndustries ?? [])).size).toBeGreaterThan(20);
  });

  it('tags some posts with the platform tags, and varies type and status', () => {
    const tagCounts = new Map<string, number>();
    for (const v of vs) for (const t of v.tags ?? []) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);
    for (const t of ['妈妈岗', '荣军岗', '残疾人友好', '零工', '见习', '公益性岗位']) expect(tagCounts.get(t) ?? 0, t).toBeGreaterThan(0);
    const tagged = vs.filter((v) => (v.tags ?? []).length > 0).length;
    expect(tagged).toBeGreaterThan(N * 0.1);
    expect(tagged).toBeLessThan(N * 0.6);
    const types = new Set(vs.map((v) => v.employmentType));
    expect(types).toEqual(new Set(['全职', '兼职', '实习', '灵活用工']));
    expect(vs.filter((v) => v.employmentType === '全职').length).toBeGreaterThan(N * 0.7);
    const statuses = new Map<string, number>();
    for (const v of vs) statuses.set(v.status!, (statuses.get(v.status!) ?? 0) + 1);
    expect(statuses.get('published')!).toBeGreaterThan(N * 0.85);
    expect(statuses.get('draft')!).toBeGreaterThan(0);
    expect(statuses.get('closed')!).toBeGreaterThan(0);
    for (const v of vs) if (v.status === 'draft') expect(v.publishedAt).toBeUndefined();
  });

  it('writes salaries in many real formats, all of which parse to sensible monthly pay', () => {
    const texts = vs.map((v) => v.salary as string);
    const patterns: Record<string, RegExp> = {
      k13: /^\d+(\.\d)?-\d+(\.\d)?K·1\d薪$/, yuanMonth: /^\d+-\d+元\/月$/, day: /元\/天$/, hour: /元\/(小时|时)$/,
      wan: /^\d+(\.\d)?-\d+(\.\d)?万$/, annual: /^年薪\d+-\d+万$/, negotiable: /^面议$/, commission: /^底薪\d+\+提成$/,
    };
    for (const [name, re] of Object.entries(patterns)) expect(texts.some((t) => re.test(t)), name).toBe(true);
    expect(new Set(texts).size).toBeGreaterThan(300);
    for (const t of [...texts, ...rs.map((r) => r.expectedSalary as string)]) {
      const range = parseSalaryText(t);
      if (t === '面议') { expect(range).toBeUndefined(); continue; }
      expect(range, t).toBeDefined();
      const n = normalizeSalary(range);
      expect(n.monthlyMin!, t).toBeGreaterThanOrEqual(1500);
      expect(n.monthlyMax!, t).toBeLessThanOrEqual(120_000);
    }
  });

  it('uses only verified 职业分类大典 细类 codes', () => {
    const used = new Set(vs.flatMap((v) => (v.occupationCode ? [v.occupationCode] : [])));
    expect(used.size).toBeGreaterThan(40);
    for (const c of used) {
      expect(c).toMatch(/^\d-\d{2}-\d{2}-\d{2}$/);
      expect(c in OCCUPATIONS, c).toBe(true);
    }
  });

  it('writes varied multi-sentence Chinese descriptions with Latin skills', () => {
    expect(new Set(vs.map((v) => v.description)).size).toBe(N);
    for (const v of vs) expect(v.description.split(/[。；;]/).filter(Boolean).length).toBeGreaterThanOrEqual(3);
    const starts = new Set(vs.map((v) => v.description.slice(0, 4)));
    expect(starts.size).toBeGreaterThan(20);
    const skills = new Set(vs.flatMap((v) => v.skills ?? []));
    for (const s of ['Java', 'C++', 'Python', 'Verilog', 'SystemVerilog', 'UVM', 'FPGA', 'PLC', 'AutoCAD', 'SolidWorks', 'CNC', 'Linux', 'MySQL', '5G']) {
      expect(skills.has(s), s).toBe(true);
    }
  });

  it('job posts carry no discriminatory requirement', () => {
    const banned = /男|女|岁|年龄|年轻|户口|户籍|本地人|已婚|未婚|已育|婚育|民族|汉族|身高|体重|相貌|形象|五官|身体健康|党员|籍贯|限男|限女/;
    for (const v of vs) {
      const text = [v.title, v.description, v.requirements ?? '', ...(v.tags ?? [])].join(' ');
      expect(banned.test(text), `${v.id}: ${text.match(banned)?.[0]}`).toBe(false);
    }
  });

  it('spreads timestamps over the 90 days before the reference date', () => {
    const ref = Date.parse('2026-11-01T00:00:00+08:00');
    const times = vs.filter((v) => v.publishedAt).map((v) => Date.parse(v.publishedAt!));
    expect(Math.max(...times)).toBeLessThanOrEqual(ref);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(ref - 90 * 86_400_000);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(80 * 86_400_000);
    for (const v of vs) if (v.publishedAt) expect(Date.parse(v.updatedAt!)).toBeGreaterThanOrEqual(Date.parse(v.publishedAt));
    const other = generateVacancies(5, { seed: 1, referenceDate: '2025-01-01T00:00:00+08:00' });
    for (const v of other) expect(Date.parse(v.updatedAt!)).toBeLessThanOrEqual(Date.parse('2025-01-01T00:00:00+08:00'));
  });

  it('draws on a few hundred fictional employers', () => {
    const pool = demoEmployers();
    expect(pool.length).toBeGreaterThanOrEqual(300);
    expect(new Set(pool.map((e) => e.name)).size).toBe(pool.length);
    expect(pool[0]!.id).toBe('e-0001');
    expect(new Set(vs.map((v) => v.employer.id)).size).toBeGreaterThan(250);
  });

  it('fills résumés realistically, with protected attributes and programmes on some only', () => {
    const share = (f: (r: (typeof rs)[number]) => boolean) => rs.filter(f).length / N;
    expect(share((r) => r.contactConsent === true)).toBeGreaterThan(0.4);
    expect(share((r) => r.contactConsent === true)).toBeLessThan(0.6);
    expect(share((r) => r.gender !== undefined)).toBeGreaterThan(0.1);
    expect(share((r) => r.gender !== undefined)).toBeLessThan(0.7);
    expect(share((r) => r.email !== undefined)).toBeGreaterThan(0.1);
    expect(share((r) => (r.experience ?? []).length > 0)).toBeGreaterThan(0.5);
    for (const p of ['高校毕业生', '退役军人', '就业困难人员', '残疾人', '宝妈']) expect(rs.some((r) => r.programs?.includes(p as never)), p).toBe(true);
    expect(share((r) => (r.programs ?? []).length > 0)).toBeLessThan(0.3);
    for (const r of rs) {
      expect(r.phone).toMatch(/^1[3-9]\d{9}$/);
      expect(r.name).toMatch(/^[\u4e00-\u9fa5]{2,3}$/);
      if (r.email) expect(r.email).toMatch(/@example\.(com|net|org)$/);
    }
  });
});
