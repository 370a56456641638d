import { describe, expect, it } from 'vitest';
import { createScreener, DEFAULT_RULEBOOK_DIR, loadRulebook, selfTest, type Category, type Posting } from '../../src/compliance/index.js';
import { readAll, readLabelled } from '../../scripts/eval-compliance.js';
import { goldenSets } from '../../scripts/bench-compliance-golden.js';
import { hasShared } from '../support/shared-data.js';

const screener = createScreener(loadRulebook(DEFAULT_RULEBOOK_DIR));
const actionable = (p: Posting) =>
  new Set(screener.findings(p).filter((f) => f.severity !== 'info').map((f) => f.category));

describe('rulebook examples', () => {
  it('every rule flags its flagged examples and passes its clean ones', () => {
    expect(selfTest(screener)).toEqual([]);
  });
});

// The table, plus semantic cases: negation scope, requirement lists, disguised and obfuscated forms.
const FLAGGED: [string, Category[]][] = [
  ['限男性', ['gender']],
  ['男性优先', ['gender']],
  ['只招女生', ['gender']],
  ['男，30岁以下，身高175以上', ['gender', 'age', 'appearance']],
  ['要求美女', ['gender', 'appearance']],
  ['不招女生', ['gender']],
  ['35岁以下', ['age']],
  ['18-25岁', ['age']],
  ['年龄不超过40岁', ['age']],
  ['95后优先', ['age']],
  ['不要35+', ['age']],
  ['年轻者优先', ['age']],
  ['已婚已育优先', ['marital_childbearing']],
  ['未婚', ['marital_childbearing']],
  ['要求单身', ['marital_childbearing']],
  ['三年内不打算生育', ['marital_childbearing']],
  ['宝妈勿扰', ['marital_childbearing']],
  ['请注明婚育情况', ['marital_childbearing']],
  ['入职体检含妊娠测试', ['marital_childbearing']],
  ['限汉族', ['ethnicity']],
  ['汉族优先', ['ethnicity']],
  ['少数民族勿扰', ['ethnicity']],
  ['无宗教信仰', ['religion']],
  ['不招穆斯林', ['religion']],
  ['信仰基督教者优先', ['religion']],
  ['限本地户口', ['hukou_region']],
  ['本市户籍', ['hukou_region']],
  ['本地人优先', ['hukou_region']],
  ['河南人勿扰', ['hukou_region']],
  ['不要河南人', ['hukou_region']],
  ['江浙沪优先', ['hukou_region']],
  ['东三省的不要', ['hukou_region']],
  ['黄泛区勿扰', ['hukou_region']],
  ['四肢健全', ['disability']],
  ['身体无残疾', ['disability']],
  ['聋哑人勿扰', ['disability']],
  ['乙肝勿扰', ['health']],
  ['入职查乙肝五项', ['health']],
  ['乙肝携带者不录用', ['health']],
  ['身高165cm以上', ['appearance']],
  ['体重不超过55公斤', ['appearance']],
  ['五官端正', ['appearance']],
  ['形象气质佳', ['appearance']],
  ['颜值高', ['appearance']],
  ['同性恋勿扰', ['sexual_orientation']],
  ['性取向正常', ['sexual_orientation']],
  ['985/211院校毕业', ['education_origin']],
  ['双一流高校优先', ['education_origin']],
  ['名校毕业', ['education_origin']],
  ['第一学历本科', ['education_origin']],
  ['统招本科', ['education_origin']],
  ['全日制本科及以上学历', ['education_origin']],
  ['属虎的勿扰', ['other']],
  ['星座要求', ['other']],
  ['血型要求A型', ['other']],
  ['姓王的优先', ['other']],
  ['手机尾号不带4', ['other']],
  ['酒量好', ['other']],
  // obfuscation: spaces and symbols between characters, full-width, traditional characters
  ['限 男 性', ['gender']],
  ['限*男*性', ['gender']],
  ['黄-泛-区勿扰', ['hukou_region']],
  ['只招女生，ｍａｌｅ ｏｎｌｙ不行', ['gender']],
  ['年齡３５歲以下', ['age']],
  ['乙·肝·勿·扰', ['health']],
  // recruitment compliance
  ['入职需交押金500元', ['fee_or_deposit']],
  ['身份证原件由公司保管', ['document_withholding']],
  ['试用期8个月', ['probation']],
  ['试用期无工资', ['probation']],
  ['不缴社保', ['social_insurance_waiver']],
  ['自愿放弃社保', ['social_insurance_waiver']],
  ['每天工作12小时', ['working_hours']],
  ['月薪1500元', ['wage_below_minimum']],
  // Chinese numerals for ages
  ['年龄五十岁以下', ['age']],
  ['年龄：十八到四十五周岁', ['age']],
  ['五十五岁以下，会做饭', ['age']],
  // daily pay against the daily equivalent of the minimum wage; apprentices' stipends are their wage
  ['工资：80元/天', ['wage_below_minimum']],
  ['工资：120元/天，每天工作12小时', ['wage_below_minimum']],
  ['汽修学徒，学徒期间每月1000元生活补助', ['wage_below_minimum']],
  // a lawful exception covers its own sentence, not another job in the posting
  ['矿山井下采掘工，限男性；另招化验室化验员，男性优先', ['gender']],
  ['公司严格执行女职工禁忌劳动范围规定。现招聘酒水推广专员，限男性', ['gender']],
  ['社区公益性岗位，女40周岁以上；同时招聘办公室文员，要求35岁以下', ['age']],
];

const CLEAN: string[] = [
  '男女不限',
  '性别不限',
  '不限性别',
  '联系人刘女士',
  '联系人：王女士，电话0532-12345678',
  '女装导购',
  '负责男性患者护理',
  '三八节礼金',
  '妈妈岗，工作时间灵活',
  '女职工禁忌劳动范围',
  '年满16周岁',
  '年满18周岁',
  '保安员须年满18周岁',
  '公司成立35年',
  '3年以上工作年限',
  '我们是一支年轻的团队',
  '婚假、产假、哺乳假',
  '结婚生子礼金',
  '少数民族适当照顾',
  '民族品牌',
  '设有清真食堂',
  '可解决户口',
  '户口指标',
  '可落户',
  '工作地点：青岛市黄岛区',
  '熟悉本地市场',
  '不限户籍',
  '残疾人专岗',
  '欢迎残疾人',
  '持健康证上岗',
  '入职体检',
  '身体健康',
  '着装整洁，统一穿工装',
  '本科及以上学历',
  '硕士优先',
  '相关专业',
  '全日制用工',
  '公益性岗位，面向就业困难人员，女性40周岁以上、男性50周岁以上',
  '矿山井下作业，限男性',
  '负责6-12岁学员的编程教学',
  '月薪6000-8000元',
  '试用期2个月，工资100%发放',
  '入职即缴纳五险一金',
  '工作时间8:30-17:30，周末双休',
  // numbers that are not school tiers or schedules; skills and trades that are not requirements
  '地址：青岛市崂山区香港东路211号',
  '公司创立于1985年，地址：辽宁路985号',
  '公司成立于2007年，专注于自动化设备',
  '地址：正阳路007号',
  '服务热线400-996-1234',
  '会饮品制作优先',
  '待遇：300-380元/天，多劳多得',
  '诚聘保安，待遇：150元/天，长白班',
  '福利：每日20元午餐补贴',
  '学徒期每月生活补助2500元',
  '熟悉温度控制系统招聘要求：本科',
  '公司研发团队，年龄在25-35岁之间，大部分来自华为',
  '技术牛人多来自清华、北航、哈工大等名校',
  '负责90后、00后用户群体的运营',
  '本店经营三十年',
  '负责六十岁以上老人的日常照护',
  '年满十八周岁',
  '适合宝妈，工作时间灵活',
  '矿山井下采掘工\n任职要求：限男性',
];

describe('prefilter', () => {
  it('skipping rules and masks by their required characters never changes a result', () => {
    const plain = loadRulebook(DEFAULT_RULEBOOK_DIR);
    for (const r of [...plain.rules, ...plain.exceptions]) (r as { gate: unknown }).gate = null;
    for (const m of plain.maskParts) (m as { gate: unknown }).gate = null;
    const ungated = createScreener(plain);
    const texts = [...readAll().map((x) => x.fields), ...FLAGGED.map(([t]) => ({ description: t })), ...CLEAN.map((t) => ({ description: t }))];
    for (const p of texts) expect(JSON.stringify(screener.check(p)), JSON.stringify(p).slice(0, 80)).toBe(JSON.stringify(ungated.check(p)));
  });
});

describe.skipIf(!hasShared('data/jd/jd_software.txt'))('prefilter on real postings', () => {
  it('gated equals ungated on every 4th real posting of ../shared/data/jd and the bench corpus', () => {
    const plain = loadRulebook(DEFAULT_RULEBOOK_DIR);
    for (const r of [...plain.rules, ...plain.exceptions]) (r as { gate: unknown }).gate = null;
    for (const m of plain.maskParts) (m as { gate: unknown }).gate = null;
    const ungated = createScreener(plain);
    const sets = goldenSets();
    const texts = Object.entries(sets)
      .filter(([name]) => name.startsWith('jd_') || name === 'bench')
      .flatMap(([, ps]) => ps.filter((_, i) => i % 4 === 0));
    expect(texts.length).toBeGreaterThan(1000);
    for (const p of texts) expect(JSON.stringify(screener.check(p)), p.description.slice(0, 80)).toBe(JSON.stringify(ungated.check(p)));
  });
});

describe('screener verdicts', () => {
  it.each(FLAGGED)('flags %s', (text, categories) => {
    const got = actionable({ description: text });
    for (const c of categories) expect(got, text).toContain(c);
  });

  it.each(CLEAN)('passes %s', (text) => {
    expect([...actionable({ description: text })], text).toEqual([]);
  });

  it('reports lawful exceptions and inclusive programmes as info with their legal basis', () => {
    const mine = screener.check({ description: '矿山井下采掘工，限男性，需持特种作业操作证' });
    expect(mine.verdict).toBe('pass');
    const info = mine.findings.find((f) => f.category === 'gender')!;
    expect(info.severity).toBe('info');
    expect(info.legalBasis.some((b) => b.law.includes('女职工劳动保护特别规定'))).toBe(true);
    const minority = screener.check({ description: '同等条件下少数民族适当照顾' });
    expect(minority.findings.map((f) => [f.category, f.severity])).toEqual([['ethnicity', 'info']]);
  });

  it('uses the district minimum wage table', () => {
    const r = screener.check({ description: '招聘理货员', salaryText: '月薪2100元', district: '黄岛区' });
    expect(r.findings.map((f) => f.category)).toContain('wage_below_minimum');
    expect(r.findings[0]!.field).toBe('salaryText');
    expect(screener.check({ description: '招聘理货员', salaryText: '月薪2300元', district: '城阳区' }).verdict).toBe('pass');
  });

  it('checks probation against the contract term', () => {
    const r = screener.check({ description: '招聘文员', contractTerms: '劳动合同一年，试用期3个月' });
    expect(r.verdict).toBe('reject');
    expect(screener.check({ description: '招聘文员', contractTerms: '劳动合同三年，试用期6个月' }).verdict).toBe('pass');
  });

  it('sets the verdict from the most severe finding', () => {
    expect(screener.check({ description: '限男性，35岁以下' }).verdict).toBe('reject');
    expect(screener.check({ description: '35岁以下' }).verdict).toBe('review');
    expect(screener.check({ description: '男女不限' }).verdict).toBe('pass');
    expect(screener.check({ description: '男女不限' }).rulebookVersion).toBe(screener.rulebook.version);
  });
});

describe('spans, legal basis and rewrite on the labelled sets', () => {
  const items = readAll();
  it('has at least 300 postings, 40% of them clean', () => {
    expect(readLabelled().length).toBeGreaterThanOrEqual(300);
    expect(items.filter((x) => x.labels.length === 0).length / items.length).toBeGreaterThanOrEqual(0.4);
  });

  it('holds at least 1,500 postings, 500 of them from reported wording and 400 clean hard negatives, with a fixed split', () => {
    expect(items.length).toBeGreaterThanOrEqual(1500);
    expect(items.filter((x) => x.source.startsWith('reported:')).length).toBeGreaterThanOrEqual(500);
    expect(items.filter((x) => x.source === 'team:hard-negative').length).toBeGreaterThanOrEqual(400);
    for (const x of items.filter((y) => y.source.startsWith('reported:') || y.source === 'team:hard-negative')) {
      expect(['dev', 'test']).toContain(x.split);
    }
  });

  it('every finding is an exact span with a legal basis, and the rewrite passes a re-check', () => {
    for (const item of items) {
      const r = screener.check(item.fields);
      for (const f of r.findings) {
        const text = item.fields[f.field] as string;
        expect(f.start).toBeGreaterThanOrEqual(0);
        expect(f.end).toBeLessThanOrEqual(text.length);
        expect(text.slice(f.start, f.end), item.id).toBe(f.text);
        expect(f.text.length).toBeGreaterThan(0);
        expect(f.legalBasis.length).toBeGreaterThan(0);
        expect(f.message).toMatch(/[\u4e00-\u9fa5]/);
      }
      if (r.verdict !== 'pass') {
        const rewritten = { ...item.fields, ...r.rewrite } as Posting;
        const again = screener.findings(rewritten).filter((f) => f.severity !== 'info');
        expect(again, item.id).toEqual([]);
      } else {
        expect(r.rewrite).toEqual({});
      }
    }
  });
});
