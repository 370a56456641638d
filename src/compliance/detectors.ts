import type { MinimumWage } from './minimum-wage.js';
import { makeFinding, type PreparedField } from './rule-engine.js';
import type { CompiledRule } from './rulebook-loader.js';
import { parseNumber, salaryUnit, toMonths } from './numbers.js';
import type { Finding } from './types.js';
import { clauseAt } from './clauses.js';

/** Code detectors for the numeric compliance checks; texts, severities and legal bases come from the rulebook. */
export interface DetectorContext {
  readonly minimum: MinimumWage;
  readonly employmentType?: string;
  /** all fields' normalised text, joined by newlines */
  readonly postingText: string;
}

const NUM = '(\\d+(?:\\.\\d+)?)\\s*(k|千|万|w)?';
const MONTHLY = new RegExp(
  `(?:(月薪|月工资|月收入|工资|薪资|薪水|薪酬|底薪|基本工资|保底工资|保底|待遇|综合工资|税前|到手)[:：为是]?\\s*)?${NUM}\\s*(?:元|块|rmb)?\\s*(?:(?:-|~|至|到|—|–)\\s*${NUM}\\s*(?:元|块)?)?\\s*(?:(?:/|每|一)\\s*(?:个)?月|每月|月)?`,
  'g',
);
/** The amount is paid per day, hour, piece … — not a monthly wage ("待遇：300-380元/天"). */
const OTHER_PERIOD_AFTER = /^\s*(?:元|块)?\s*(?:\/|每|一|per)?\s*(?:天|日|小时|时|h|周|星期|次|单|件|个|趟|晚|场|课时|节|平|方|吨|箱|公里|km)/;
const HOURLY = /(?:(?:时薪|每小时|小时工资|每个小时)[:：]?\s*(\d+(?:\.\d+)?)\s*(?:元|块)(?!\s*(?:补贴|补助|加班|夜班|津贴)))|(?:时薪[:：]?\s*(\d+(?:\.\d+)?))|(?:(\d+(?:\.\d+)?)\s*(?:元|块)\s*(?:\/|每|一)?\s*(?:小时|时|h)(?![间长段]))/g;
const DAILY = /(?:日薪|日结|日工资|每天|每日)[:：]?\s*(\d+(?:\.\d+)?)(?:\s*(?:-|~|至|到|—|–)\s*(\d+(?:\.\d+)?))?\s*(?:元|块)?(?!\s*(?:\d|小时|个|次|件|单|人|天|年|月))|(\d+(?:\.\d+)?)(?:\s*(?:-|~|至|到|—|–)\s*(\d+(?:\.\d+)?))?\s*(?:元|块)\s*(?:\/|每|一)?\s*(?:天|日)(?![内前后常用期])/g;
/** An allowance named right after the amount ("每日20元午餐", "每月300元交通补贴"): not the wage. */
const ALLOWANCE_AFTER = /^\s*(?:的)?(?:午餐|晚餐|早餐|工作餐|餐|饭|补贴|补助|津贴|交通|话费|通讯|住宿|房补|油费|车补|奖|提成|绩效|全勤|红包|福利|礼)/;
const NOT_WAGE_BEFORE = /(?:补贴|补助|津贴|报销|奖金|礼金|房租|租金|住宿费?|费|餐补|餐费|餐贴|饭补|话费|交通|全勤|提成|绩效|奖|红包|贺金|慰问|公积金|社保|押金|加班)[^，。；]{0,6}$/;
const COMMISSION = /提成|绩效|计件|奖金|佣金|上不封顶|多劳多得/;
const WAGE_GATE = /元|块|薪|k|千|万|工资|底薪|保底/;
const STUDENT_INTERN = /实习生|在校生|暑期工|寒假工|勤工俭学/;
/** Apprentices are workers: a monthly "生活补助" that is their only pay is their wage. */
const APPRENTICE = /学徒|徒弟/;
const STIPEND = /(?:(?:每月|月|每个月)\s*)?(?:生活补助|生活补贴|生活费|补贴|补助|津贴)[:：为]?\s*(\d+(?:\.\d+)?)\s*(?:元|块)|(?:每月|月|每个月)\s*(\d+(?:\.\d+)?)\s*(?:元|块)(?:的)?\s*(?:生活补助|生活补贴|生活费|补贴|补助)/g;
const OTHER_PAY = /底薪|月薪|工资|保底|基本工资|提成|分成/;
/** Daily working hours stated in the posting: "每天工作12小时", "工作时间10:00-16:00". */
const DAY_HOURS = /(?:每天|每日|日|一天|天)?(?:工作|上班|工时)(?:时间|时长)?[:：]?(?:约|大约|为)?\s*(\d{1,2}(?:\.\d)?)\s*(?:个)?\s*(?:小时|h|钟头)/;
const DAY_CLOCK = /(?:工作|上班)时间[:：]?\s*(\d{1,2})(?:[:：.点](\d{2}|半)?)\s*(?:-|~|至|到|—|–)\s*(\d{1,2})(?:[:：.点](\d{2}|半)?)?/;
const DAY_EARLY_LATE = /早(?:上)?(\d{1,2})(?:点)?(?:[:：](\d{2}|半))?\s*(?:到|至|-|~)?\s*晚(?:上)?(\d{1,2})(?:点)?(?:[:：](\d{2}|半))?/;
const PART_TIME = /兼职|小时工|日结|临时工|零工|钟点工/;

function statedDailyHours(text: string): number | undefined {
  const m = DAY_HOURS.exec(text);
  if (m && !/周|星期/.test(m[0])) {
    const h = Number(m[1]);
    if (h >= 1 && h <= 16) return h;
  }
  const el = DAY_EARLY_LATE.exec(text);
  if (el) {
    const s = Number(el[1]) + minutes(el[2]) / 60;
    let e = Number(el[3]) + minutes(el[4]) / 60;
    if (e < 12) e += 12;
    const h = e - s;
    if (h >= 1 && h <= 16) return h;
  }
  const c = DAY_CLOCK.exec(text);
  if (c) {
    const s = Number(c[1]) + minutes(c[2]) / 60;
    let e = Number(c[3]) + minutes(c[4]) / 60;
    if (e <= s) e += 12;
    const h = e - s;
    if (h >= 1 && h <= 16) return h;
  }
  return undefined;
}

export function detectWage(rule: CompiledRule, f: PreparedField, ctx: DetectorContext, out: Finding[]): void {
  const text = f.masked;
  if (!WAGE_GATE.test(text) || STUDENT_INTERN.test(ctx.postingText)) return;
  const min = ctx.minimum;
  const where = `${min.district}最低工资标准`;
  const emit = (a: number, b: number, amount: string, soft: boolean, why = '') => {
    out.push(
      makeFinding(f, rule, a, b, {
        severity: soft ? 'warn' : rule.severity,
        message: `${rule.message}标注为${amount}，低于${where}（月${min.monthly}元、小时${min.hourly}元，${min.effectiveDate}起${why}）${soft ? '；含提成或为区间下限，请核实实际工资' : ''}。`,
      }),
    );
  };
  const commission = COMMISSION.test(text);
  MONTHLY.lastIndex = 0;
  for (let m = MONTHLY.exec(text); m; m = MONTHLY.exec(text)) {
    if (m[0].length === 0) {
      MONTHLY.lastIndex++;
      continue;
    }
    const keyword = m[1];
    const end = m.index + m[0].length;
    const perMonth = /(?:\/|每|一)\s*(?:个)?月$|每月$|月$/.test(m[0]);
    const after = text.slice(end, end + 8);
    if (!perMonth && (/^\d/.test(after) || OTHER_PERIOD_AFTER.test(after))) continue;
    if (!keyword && ALLOWANCE_AFTER.test(after)) continue;
    if (!keyword && !perMonth) continue;
    if (keyword && !perMonth && !/月薪|月工资|月收入|底薪|基本工资|保底/.test(keyword) && !/元|块/.test(m[0])) continue;
    const before = text.slice(Math.max(0, m.index - 8), m.index);
    if ((!keyword && NOT_WAGE_BEFORE.test(before)) || /年薪|日薪|时薪|日结/.test(before)) continue;
    const lo = Number(m[2]) * salaryUnit(m[3]);
    const hi = m[4] ? Number(m[4]) * salaryUnit(m[5] ?? m[3]) : lo;
    if (!(lo >= 300 && lo <= 300000)) continue;
    if (hi < min.monthly) emit(m.index, end, `月${lo === hi ? lo : `${lo}-${hi}`}元`, commission);
    else if (lo < min.monthly && m[4]) emit(m.index, end, `月${lo}-${hi}元`, true);
  }
  HOURLY.lastIndex = 0;
  for (let m = HOURLY.exec(text); m; m = HOURLY.exec(text)) {
    const v = Number(m[1] ?? m[2] ?? m[3]);
    const before = text.slice(Math.max(0, m.index - 8), m.index);
    if (NOT_WAGE_BEFORE.test(before)) continue;
    if (v > 0 && v < min.hourly && v >= 3) emit(m.index, m.index + m[0].length, `每小时${v}元`, false);
  }
  // Daily pay against the daily equivalent of the monthly minimum (÷21.75 days, 8 hours); when the posting states
  // longer days, the extra hours at 150% (劳动法第四十四条); shorter stated days pro rata.
  DAILY.lastIndex = 0;
  let hours: number | undefined | null = null;
  for (let m = DAILY.exec(text); m; m = DAILY.exec(text)) {
    const lo = Number(m[1] ?? m[3]);
    const hiRaw = m[2] ?? m[4];
    const hi = hiRaw ? Number(hiRaw) : lo;
    const before = text.slice(Math.max(0, m.index - 8), m.index);
    if (NOT_WAGE_BEFORE.test(before) || !(lo >= 20 && lo <= 5000)) continue;
    if (ALLOWANCE_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 6))) continue;
    if (hours === null) hours = statedDailyHours(ctx.postingText);
    const perDay = min.monthly / 21.75;
    const perHour = perDay / 8;
    const required = hours === undefined ? perDay : Math.min(hours, 8) * perHour + Math.max(0, hours - 8) * perHour * 1.5;
    const why = hours === undefined ? `；折合日最低约${Math.round(perDay)}元` : `；每天${hours}小时折合应不低于约${Math.round(required)}元`;
    const a = m.index;
    const b = m.index + m[0].length;
    if (hi < required) emit(a, b, `每天${lo === hi ? lo : `${lo}-${hi}`}元`, commission, why);
    else if (lo < required) emit(a, b, `每天${lo}-${hi}元`, true, why);
    else if (hours !== undefined && hours <= 8 && PART_TIME.test(ctx.postingText) && hi / hours < min.hourly) {
      emit(a, b, `每天${lo === hi ? lo : `${lo}-${hi}`}元（每天${hours}小时，约每小时${(hi / hours).toFixed(1)}元）`, true);
    }
  }
  if (APPRENTICE.test(ctx.postingText)) {
    STIPEND.lastIndex = 0;
    for (let m = STIPEND.exec(text); m; m = STIPEND.exec(text)) {
      const v = Number(m[1] ?? m[2]);
      const ci = clauseAt(f.clauses, m.index);
      const c = ci >= 0 ? f.clauses[ci]! : undefined;
      const sentence = c ? text.slice(c.sentStart, c.sentEnd) : text;
      if (!APPRENTICE.test(sentence) || OTHER_PAY.test(sentence)) continue;
      if (v >= 100 && v < min.monthly) emit(m.index, m.index + m[0].length, `学徒期每月${v}元生活补助`, false);
    }
  }
}

const CN = '\\d+|[一二两三四五六七八九十半]+';
const PROBATION = new RegExp(`试用期?(?:为|是|期限|时间|期|长达)?[:：]?\\s*(${CN})\\s*(?:个)?\\s*(月|天|日|周|星期|年)|(${CN})\\s*个?(月|天|周|年)(?:的)?试用期`, 'g');
const TERM = new RegExp(`(?:劳动)?合同(?:期限?|期|签订?|签约)?(?:为|是)?[:：]?\\s*(${CN})\\s*(年|个月|月)|签(?:订)?\\s*(${CN})\\s*(年|个月)(?:期)?(?:的)?(?:劳动)?合同|(${CN})年一签`);
const OPEN_ENDED = /无固定期限/;

function contractMonths(text: string): number | undefined {
  if (OPEN_ENDED.test(text)) return Infinity;
  const m = TERM.exec(text);
  if (!m) return undefined;
  const n = parseNumber(m[1] ?? m[3] ?? m[5]!);
  const unit = m[2] ?? m[4] ?? '年';
  return Number.isFinite(n) ? toMonths(n, unit) : undefined;
}

export function detectProbation(rule: CompiledRule, f: PreparedField, ctx: DetectorContext, out: Finding[]): void {
  const text = f.masked;
  if (!text.includes('试用')) return;
  const term = contractMonths(ctx.postingText);
  PROBATION.lastIndex = 0;
  for (let m = PROBATION.exec(text); m; m = PROBATION.exec(text)) {
    const n = parseNumber(m[1] ?? m[3]!);
    if (!Number.isFinite(n)) continue;
    const months = toMonths(n, m[2] ?? m[4]!);
    let limit = 6;
    if (term !== undefined) limit = term < 3 ? 0 : term < 12 ? 1 : term < 36 ? 2 : 6;
    if (months > limit + 0.01) {
      const why = term === undefined ? '试用期最长不得超过6个月' : limit === 0 ? '合同期限不满3个月的不得约定试用期' : `合同期限${Number.isFinite(term) ? `${Math.round(term)}个月` : '无固定期限'}的试用期不得超过${limit}个月`;
      out.push(makeFinding(f, rule, m.index, m.index + m[0].length, { message: `${rule.message}${why}。` }));
    }
  }
}

const PROBATION_PAY = /试用期?[^，。；,;]{0,12}?(\d{1,3})\s*%|试用期?[^，。；,;]{0,12}?([1-7])\s*折/g;

export function detectProbationPay(rule: CompiledRule, f: PreparedField, _ctx: DetectorContext, out: Finding[]): void {
  const text = f.masked;
  if (!text.includes('试')) return;
  PROBATION_PAY.lastIndex = 0;
  for (let m = PROBATION_PAY.exec(text); m; m = PROBATION_PAY.exec(text)) {
    const pct = m[1] ? Number(m[1]) : Number(m[2]) * 10;
    if (pct < 80) out.push(makeFinding(f, rule, m.index, m.index + m[0].length, { message: `${rule.message}（标注为${pct}%）` }));
  }
}

const DAILY_HOURS = /(每天|每日|日|一天|天|每周|周|一周|每星期|星期)?(?:工作|上班|工时)(?:时间|时长)?[:：]?(?:约|大约|为)?\s*(\d{1,2}(?:\.\d)?)\s*(?:个)?\s*(?:小时|h|钟头)/g;
const CLOCK = /(?<!\d|\d[:：.])(\d{1,2})(?:[:：.点](\d{2}|半)?)\s*(?:-|~|至|到|—|–)\s*(\d{1,2})(?:[:：.点](\d{2}|半)?)?(?![\d.])/g;
const EARLY_LATE = /早(?:上)?(\d{1,2})(?:点)?(?:[:：](\d{2}))?\s*(?:到|至|-|~)?\s*晚(?:上)?(\d{1,2})(?:点)?(?:[:：](\d{2}))?/g;
const HOURS_GATE = /小时|h|钟头|早|:|：|点|班|工时/;
const HOURS_CLAUSE = /工作时间|上班时间|上班|工作时段|班次|白班|夜班|早班|晚班|工时|出勤/;
const NOT_HOURS_CLAUSE = /营业|开放|服务时间|咨询时间|接待时间|面试时间|培训时间|午休|休息时间|截止|报名时间/;

function minutes(s: string | undefined): number {
  return s === undefined ? 0 : s === '半' ? 30 : Number(s);
}

export function detectHours(rule: CompiledRule, f: PreparedField, _ctx: DetectorContext, out: Finding[]): void {
  const text = f.masked;
  if (!HOURS_GATE.test(text)) return;
  const flag = (a: number, b: number, what: string) =>
    out.push(makeFinding(f, rule, a, b, { message: `${rule.message}（${what}）` }));
  DAILY_HOURS.lastIndex = 0;
  for (let m = DAILY_HOURS.exec(text); m; m = DAILY_HOURS.exec(text)) {
    const n = Number(m[2]);
    const weekly = m[1] !== undefined && /周|星期/.test(m[1]);
    if (weekly ? n > 49 : n > 10 && n <= 24) flag(m.index, m.index + m[0].length, weekly ? `每周${n}小时` : `每天${n}小时`);
  }
  if (!HOURS_CLAUSE.test(text) && !text.includes('早')) return;
  for (const clause of f.clauses) {
    const body = text.slice(clause.start, clause.end);
    if (!HOURS_CLAUSE.test(body) && !body.startsWith('早')) continue;
    if (NOT_HOURS_CLAUSE.test(body)) continue;
    for (const re of [CLOCK, EARLY_LATE]) {
      re.lastIndex = 0;
      for (let m = re.exec(body); m; m = re.exec(body)) {
        const h1 = Number(m[1]);
        let h2 = Number(m[3]);
        if (h1 > 24 || h2 > 24) continue;
        const s = h1 + minutes(m[2]) / 60;
        if (re === EARLY_LATE) h2 += h2 < 12 ? 12 : 0;
        let e = h2 + minutes(m[4]) / 60;
        if (e <= s) e += e + 12 - s <= 16 ? 12 : 24;
        const span = e - s;
        if (span > 11 && span <= 24) flag(clause.start + m.index, clause.start + m.index + m[0].length, `每天在岗约${Math.round(span)}小时`);
      }
    }
  }
}

export const DETECTOR_FUNCTIONS = {
  wage: detectWage,
  probation: detectProbation,
  'probation-pay': detectProbationPay,
  hours: detectHours,
} as const;
