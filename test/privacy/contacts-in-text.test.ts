import { describe, expect, it } from 'vitest';
import { findContacts, stripContacts } from '../../src/domain/contacts-in-text.js';
import { maskContactsInText } from '../../src/domain/privacy.js';

/** [text, the contact data in it as written, its kind] — each must be found whole, and nothing else. */
const FOUND: Array<[string, string, string]> = [
  ['电话13812345678', '13812345678', 'phone'],
  ['手机：138 1234 5678，欢迎联系', '138 1234 5678', 'phone'],
  ['联系我 138-1234-5678', '138-1234-5678', 'phone'],
  ['+86 13812345678', '+86 13812345678', 'phone'],
  ['+86-139-0532-1234', '+86-139-0532-1234', 'phone'],
  ['(+86)15912345678', '(+86)15912345678', 'phone'],
  ['008618612345678', '008618612345678', 'phone'],
  ['全角：１３８１２３４５６７８', '１３８１２３４５６７８', 'phone'],
  ['19912345678是我的手机', '19912345678', 'phone'],
  ['座机0532-88886666', '0532-88886666', 'phone'],
  ['办公室 0532 8888 666', '', ''], // not a landline shape: the 8 digits are split
  ['(0532)88886666转123', '(0532)88886666转123', 'phone'],
  ['010-62345678', '010-62345678', 'phone'],
  ['（手机） 020 -84119331（座机）', '020 -84119331', 'phone'],
  ['053288886666', '053288886666', 'phone'],
  ['电话：88886666', '88886666', 'phone'],
  ['Tel: 8888-6666', '8888-6666', 'phone'],
  ['邮箱 zhang.san@example.com。', 'zhang.san@example.com', 'email'],
  ['12345678@qq.com', '12345678@qq.com', 'email'],
  ['邮箱：ping.xiao@foxconn.com5年以上经验', 'ping.xiao@foxconn.com', 'email'],
  ['Email：li_si-2020@mail.qd.gov.cn', 'li_si-2020@mail.qd.gov.cn', 'email'],
  ['邮箱 zhangsan#163.com', 'zhangsan#163.com', 'email'],
  ['wangwu[at]qq.com', 'wangwu[at]qq.com', 'email'],
  ['全角 ｚｈａｎｇ＠ｑｑ．ｃｏｍ', 'ｚｈａｎｇ＠ｑｑ．ｃｏｍ', 'email'],
  ['QQ：12345678', '12345678', 'handle'],
  ['qq 987654321', '987654321', 'handle'],
  ['QQ号码: 10001', '10001', 'handle'],
  ['微信: abc_123', 'abc_123', 'handle'],
  ['微信号：wxid-zhang88', 'wxid-zhang88', 'handle'],
  ['加微信号abc12345', 'abc12345', 'handle'],
  ['vx：Zhang_San88', 'Zhang_San88', 'handle'],
  ['WeChat: lisi2021', 'lisi2021', 'handle'],
  ['QQ/微信：123456789', '123456789', 'handle'],
  ['身份证号370202199001011234', '370202199001011234', 'idNumber'],
  ['身份证：37020219900101123X', '37020219900101123X', 'idNumber'],
  ['ID 370202 19900101 123x', '370202 19900101 123x', 'idNumber'],
  ['11010520001231001X。', '11010520001231001X', 'idNumber'],
];

/** Text that must be left alone: salaries, years, dates, postcodes, prices, versions, skills. */
const NOT_CONTACT: string[] = [
  '期望薪资8000-12000元',
  '2019-2023 在青岛工作',
  '2019.03-2023.06 青岛啤酒股份有限公司',
  '2023-10-01入职',
  '邮编266000',
  '青岛市市南区香港中路10号 266071',
  '单价¥1380.00，年销售额15000000元',
  '月薪13000-15000',
  '年薪130000-150000',
  '13.8万/年',
  '熟悉微信小程序开发、微信支付',
  '负责微信公众号运营，粉丝10万+',
  '熟悉 wxPython 和 Qt',
  'QQ音乐 运营 3 年',
  '熟悉 Spring Boot v2.7 与 Vue v3',
  '版本 V12345 发布',
  'ISO9001、GB/T 19001-2016 体系',
  '熟悉C#.net 与 node.js',
  '手机维修3年，累计修理5000台',
  '电话销售，月均外呼3000通',
  '工号 20190312',
  '订单量 1234567 单',
  'hotel: 5 years',
  '0.5mm 精度，公差±0.01',
  '负责 100-200 人团队',
];

describe('contact data in free text', () => {
  it.each(FOUND)('finds it in %j', (text, value, kind) => {
    const found = findContacts(text);
    if (!value) return expect(found).toEqual([]);
    expect(found.map((f) => [f.text, f.kind])).toEqual([[value, kind]]);
  });

  it.each(NOT_CONTACT)('leaves %j alone', (text) => {
    expect(findContacts(text)).toEqual([]);
    expect(maskContactsInText(text, { consent: false })).toBe(text);
    expect(stripContacts(text)).toBe(text);
  });

  it('finds several in one text, in order, and keeps the rest as written', () => {
    const text = '本人性格开朗，2019-2023年在青岛工作，期望8000-12000。电话13812345678，微信：zhang_88，邮箱 zs@qq.com，身份证370202199001011234。';
    expect(findContacts(text).map((f) => f.kind)).toEqual(['phone', 'handle', 'email', 'idNumber']);
    expect(maskContactsInText(text, { consent: false })).toBe(
      '本人性格开朗，2019-2023年在青岛工作，期望8000-12000。电话138****5678，微信：z***，邮箱 z***@qq.com，身份证37**************34。',
    );
    expect(stripContacts(text)).toBe('本人性格开朗，2019-2023年在青岛工作，期望8000-12000。电话 ，微信： ，邮箱  ，身份证 。');
  });

  it('masks phones keeping separators, and a short local number down to its last 2 digits', () => {
    expect(maskContactsInText('手机 138-1234-5678', { consent: false })).toBe('手机 138-****-5678');
    expect(maskContactsInText('+86 13812345678', { consent: false })).toBe('+86 1******5678');
    expect(maskContactsInText('座机0532-88886666', { consent: false })).toBe('座机053*-****6666');
    expect(maskContactsInText('电话：88886666', { consent: false })).toBe('电话：******66');
  });

  it('with consent shows phones, e-mails and ids, but still masks ID numbers', () => {
    const text = '电话13812345678，QQ：12345678，身份证370202199001011234';
    expect(maskContactsInText(text, { consent: true })).toBe('电话13812345678，QQ：12345678，身份证37**************34');
  });
});
