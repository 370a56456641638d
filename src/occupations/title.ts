import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normalizeText } from '../analysis/normalize.js';

/**
 * Cleaning of job titles as employers write them, keeping the words that name the job:
 *   "叉车司机（月薪8000）", "【城阳区】喜茶饮品制作员", "青岛某某科技有限公司诚聘Java开发 J10643",
 *   "美团外卖骑手 日结 266/天", "资深UI设计师（合伙人）" → "叉车司机", "喜茶饮品制作员", "java开发", "美团外卖骑手", "ui设计师".
 * What goes:
 *  - brackets that hold pay, benefits, shifts, hiring noise, a place or a district; brackets that name the job stay
 *    ("前端开发(vue/react)", "总装线操作工（汽车厂）");
 *  - company names (… 有限公司 / 集团 / 公司 / 工作室 …) and the recruiting words around them (招聘, 诚聘, 急招 …;
 *    "招聘专员" and other jobs that contain them stay);
 *  - pay and benefits (15-25K, 月入过万, 266/天, 五险一金, 包吃住, 双休 …), ages, headcounts, reference codes (J10643);
 *  - seniority words (资深, 高级, 实习生 …) and 合伙人; role words (主管, 经理, 专员 …) stay, since in many titles they
 *    are the job (产品经理, 大堂经理), and the classifier weighs them as generic words;
 *  - a segment that is only a place (青岛, 李沧区, 西海岸新区), from seed/dict/places.dict.utf8.
 */
const PLACES_FILE = fileURLToPath(new URL('../../seed/dict/places.dict.utf8', import.meta.url));
const PLACES: ReadonlySet<string> = new Set(
  readFileSync(PLACES_FILE, 'utf8').split('\n').map((l) => normalizeText(l.trim().split(/\s+/)[0] ?? '')).filter((w) => w.length >= 2),
);
const PLACE_SUFFIX = /(?:省|市|区|县|镇|乡|街道|新区|开发区|高新区|园区|校区|片区|商圈|周边|附近|分店|总店|门店|店|地区|区域|城区|一带)$/;
/** Cities often written in titles beyond the Qingdao list. */
const CITIES = '北京 上海 天津 重庆 广州 深圳 杭州 南京 苏州 无锡 宁波 温州 成都 武汉 西安 郑州 长沙 合肥 济南 烟台 潍坊 威海 日照 临沂 淄博 济宁 泰安 德州 聊城 滨州 东营 枣庄 菏泽 大连 沈阳 长春 哈尔滨 石家庄 太原 呼和浩特 南昌 福州 厦门 南宁 海口 三亚 昆明 贵阳 兰州 银川 西宁 乌鲁木齐 拉萨 东莞 佛山 珠海 中山 惠州 常州 南通 徐州 嘉兴 绍兴 金华 台州 保定 唐山 廊坊 香港 澳门 台北 全国 山东 江苏 浙江 广东 河北 河南 湖北 湖南 四川 福建 安徽 江西 辽宁 吉林 黑龙江 陕西 山西 云南 贵州 广西 海南 甘肃 内蒙古 新疆 西藏 宁夏 青海'.split(' ');
for (const c of CITIES) (PLACES as Set<string>).add(c);
const PLACE_LIST: readonly string[] = [...PLACES];
const PLACE_WORD = /^(?:全国|本地|市内|同城|就近|近地铁|多地|异地|外地|省内|不限地区|可异地)$/;

const NOISE = /包吃|包住|食宿|月薪|年薪|底薪|提成|薪|双休|单休|休息|休\d|月休|五险|六险|一金|社保|急招|急聘|直招|诚聘|日结|周结|月结|长白班|白班|夜班|倒班|两班|做一休一|兼职|全职|应届|实习|学徒|可接受|持证|上岗|在家|居家|不限|包车|福利|待遇|奖金|补贴|加班|名额|多名|若干|岁|经验|学历|年龄|男女|宝妈|\d{3,}|[0-9]+\s*[kKwW万千元]|过万|高薪|面议|编号|招聘|招募|热招|诚招|急需|火热/;
const BRACKETS = /[（(【\[{〔「『<《]([^）)】\]}〕」』>》]*)[）)】\]}〕」』>》]/g;
const SALARY = /\d+(?:\.\d+)?\s*[-~～至到]\s*\d+(?:\.\d+)?\s*[kw万千]?(?:元)?(?:\s*\/\s*(?:月|天|日|时|小时|h))?(?:·\d+薪)?|\d+(?:\.\d+)?\s*[kw万千]?\s*元?\s*\/\s*(?:月|天|日|时|小时|h|单|件)|[月日时周年]薪\s*\d+\S*|\d+\s*元\S*|\d+\s*[kw]\b|\d+(?:\.\d+)?\s*万\+?|\d+\+/gi;
/** Reference codes: a letter or two and at least four digits (J10643, JD20391, #2291). */
const CODES = /\b[a-z]{1,3}-?\d{4,}\b|#\d+|\b\d{5,}\b|(?:编号|职位编号|岗位编号)\s*[:：]?\s*\w+/gi;
const AGES = /\d+\s*[-~～至到]\s*\d+\s*(?:周岁|岁)|\d+\s*(?:周岁|岁)\s*(?:以下|以上|以内)?|(?:男女不限|限男|限女|男性|女性|宝妈|学生|退休人员|残疾人)(?:优先|可|均可)?/g;
const COUNTS = /(?:招|聘|需|缺)?\s*\d+\s*(?:名|人|位)|数名|若干名?|多名/g;
/** Recruiting words, except where they are part of a job (招聘专员, 招聘主管, 招聘顾问, 招商 is not touched). */
const RECRUITING = /(?:高薪|长期|火热|紧急|大量)?(?:招聘|招募|聘请|聘用|诚聘|急聘|急招|直招|热招|诚招|急需)(?!专员|主管|经理|助理|顾问|师|hr|官|负责人|文员|运营|渠道|团队|与|和|及|配置|管理|会)|^招(?![生商标工待牌收聘募])/g;
const COMPANY = /[\u4e00-\u9fffa-z0-9]{2,24}?(?:股份有限公司|有限责任公司|有限公司|分公司|子公司|集团公司|集团|工作室|事务所|公司)(?=[^\u4e00-\u9fff]|招|诚|急|直|热|聘|$)/g;
const BENEFITS = /包吃包住|包吃住|包食宿|提供食宿|提供住宿|管吃住|管住|包住|包吃|包车|五险一金|六险一金|五险|社保|公积金|双休|单休|周末双休|大小周|月休\s*\d+\s*天?|做一休一|朝九晚五|不加班|带薪年假|年终奖|节日福利|免费培训|带薪培训|可培养|无经验可|新手可|零基础|可兼职|兼职|全职|日结|周结|月结|长白班|长夜班|两班倒|三班倒|四班两倒|倒班|高提成|底薪\s*\+?\s*提成|保底|多劳多得|月入过万|月入\s*\d+\+?|过万|上不封顶|高薪|急招|急聘|诚聘|直招|待遇优厚|待遇好|环境好|离家近|就近安排|包培训|面议|可居家|在家办公|居家办公|远程办公/g;
const SENIORITY = /资深|高级|初级|中级|特级|首席(?!执行官)|实习生|实习|见习|储备|应届生?|校招|社招|合伙人|兼职|全职/g;

function isPlace(segment: string): boolean {
  if (!segment) return false;
  if (PLACES.has(segment) || PLACE_WORD.test(segment)) return true;
  const stem = segment.replace(PLACE_SUFFIX, '');
  return stem !== segment && (PLACES.has(stem) || PLACES.has(stem + '市') || PLACES.has(stem + '区') || (stem.length >= 2 && PLACE_LIST.some((p) => p.startsWith(stem) && p.length <= stem.length + 2)));
}

/** Language names whose symbols are part of the word (C++, C#): kept whole through the split on '+'. */
const SYMBOL_WORDS = /\bc\s*\+\+|\bc\s*#/gi;

export function cleanTitle(title: string): string {
  let t = normalizeText(title).replace(SYMBOL_WORDS, (m) => (m.includes('#') ? 'c\uE002' : 'c\uE001\uE001'));
  t = t.replace(BRACKETS, (_m, inner: string) => {
    const i = inner.trim();
    return NOISE.test(i) || isPlace(i) || i.split(/[\s,，、/·]+/).every(isPlace) ? ' ' : ` ${i} `;
  });
  t = t.replace(CODES, ' ').replace(AGES, ' ').replace(SALARY, ' ').replace(COUNTS, ' ').replace(BENEFITS, ' ');
  t = t.replace(COMPANY, ' ').replace(RECRUITING, ' ').replace(SENIORITY, ' ');
  const segments = t.split(/[\s\-_—–/|,，、·:：;；!！~～+＋*]+/).filter((s) => s && !isPlace(s));
  return segments.join(' ').trim().replace(/\uE001/g, '+').replace(/\uE002/g, '#');
}
