import { normalizeText } from '../analysis/normalize.js';

/**
 * Cleaning of job titles as employers write them: "叉车司机（月薪8000）", "普工（包吃住）", "高级Java工程师 15-25K".
 * Brackets that hold pay, benefits, shifts or hiring noise are dropped; brackets that name the job are kept
 * ("前端开发(vue/react)", "总装线操作工（汽车厂）").
 */
const NOISE = /包吃|包住|食宿|月薪|年薪|底薪|提成|薪|双休|单休|休息|休\d|月休|五险|一金|社保|急招|急聘|直招|诚聘|日结|周结|月结|长白班|白班|夜班|倒班|两班|做一休一|兼职|全职|应届|实习|学徒|可接受|持证|上岗|在家|不限|包车|\d{3,}|[0-9]+\s*[kKwW万千元]/;
const BRACKETS = /[（(【\[{〔]([^）)】\]}〕]*)[）)】\]}〕]/g;
const SALARY = /\d+(?:\.\d+)?\s*[-~至到]\s*\d+(?:\.\d+)?\s*[kw万千]?(?:元|\/月|·\d+薪)?|月薪\s*\d+\S*|\d+\s*元\S*|\d+\s*[kw]\b/gi;
const FILLERS = /高级|资深|初级|中级|急招|急聘|诚聘|直招|招聘|包吃住|包食宿|日结|长白班|两班倒|四班两倒|做一休一|可兼职|兼职|高提成|五险一金|双休/g;

export function cleanTitle(title: string): string {
  let t = normalizeText(title);
  t = t.replace(BRACKETS, (_m, inner: string) => (NOISE.test(inner) ? ' ' : ` ${inner} `));
  t = t.replace(SALARY, ' ').replace(FILLERS, ' ');
  return t.replace(/[\s\-_—–/|,，、·:：;；]+/g, ' ').trim();
}
