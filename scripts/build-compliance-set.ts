/**
 * Builds test/compliance/reported.jsonl: screening postings built from wording REPORTED in court judgments,
 * news, NGO and regulator reports about discriminatory job advertisements, plus clean hard negatives.
 *
 *   npx tsx scripts/build-compliance-set.ts          # rewrite test/compliance/reported.jsonl
 *
 * How the set is made (and what is not copied):
 * - SOURCES lists every public report used, with its address. PHRASES holds the short requirement phrases
 *   those reports quote from real postings or rejection notices (`how: 'quoted'`), or a requirement the report
 *   describes in its own words and we phrase as a posting would (`how: 'described'`). No article text is copied
 *   beyond those short phrases.
 * - Each phrase is embedded in several posting FRAMES the team wrote (jobs, duties, other requirements, pay and
 *   benefits, all chosen to be clean), in different positions and fields, some in traditional characters.
 * - NEGATIVES are team-written clean hard negatives: inclusive and equal-treatment sentences, what a medical
 *   check will not test, statutory protections quoted (statutes are not subject to copyright, 著作权法第五条),
 *   and words that contain a category word without being one (处女座 in a horoscope column, 民族乐器, 男装).
 *
 * Split (fixed here, before any tuning, and stored in every row): by the phrase or negative sentence a posting
 * is built from — FNV-1a of its group key, % 100 < 30 → `test` (never tuned on), else `dev`. All frames of one
 * phrase share its split, so the untouched split holds phrases the rules were never adjusted to.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as OpenCC from 'opencc-js/cn2t';
import type { Category } from '../src/compliance/index.js';
import { Rng } from '../src/demo/random.js';

export const REPORTED_PATH = fileURLToPath(new URL('../test/compliance/reported.jsonl', import.meta.url));

type Kind = 'court' | 'news' | 'ngo' | 'regulator' | 'reference';

/** Every public report a phrase comes from (address as found through the search tool). */
export const SOURCES: Record<string, { url: string; kind: Kind; what: string }> = {
  hrw2018: { url: 'https://www.hrw.org/zh-hans/news/2018/04/23/316564', kind: 'ngo', what: '人权观察《限男性：中国招聘广告中的性别歧视》（2018）新闻稿' },
  dw2018: { url: 'https://www.dw.com/zh/人权观察性别歧视充斥中国招聘广告/a-43496451', kind: 'news', what: '德国之声：人权观察报告（列车员身高体重要求）' },
  rmrb2016: { url: 'http://www.zkxhgk.com/xwzx/dl/shh/201608/t20160808_11530680.htm', kind: 'news', what: '人民日报 2016-08-08《女性就业“暗门槛”，怎么拆》' },
  dangtu: { url: 'http://www.ty-fenghuang.com/fenfencai/335543.html', kind: 'court', what: '人民日报“以案说法”：当涂县检察院就招聘平台“限男性”岗位提出检察建议' },
  xilaideng: { url: 'https://cnlgbtdata.com/files/uploads/2019/11/典型案例女孩因河南人求职被拒判决书全文_2019-11-28.html', kind: 'court', what: '杭州互联网法院(2019)浙0192民初6405号判决（“河南人”）' },
  dahe2019: { url: 'https://news.dahe.cn/2019/11-27/561871.html', kind: 'news', what: '大河网：“河南女孩应聘遭拒案”宣判' },
  hanyi: { url: 'http://www.hanyi.net/tag_zhaogongbuyaohenanren', kind: 'reference', what: '词条“招工不要河南人”' },
  shmaid: { url: 'http://www.senqingzn.com/dy/article/K0OB8CQ105561G09.html?spss=dy_author', kind: 'news', what: '上海住家女佣招聘（不要离异、东北、湖南、山东的人）' },
  wiki35: { url: 'https://zh.m.wiki.x.io/wiki/35%E5%B2%81%E9%97%A8%E6%A7%9B', kind: 'reference', what: '维基百科“35岁门槛”（招聘会与招聘广告调查）' },
  nanzhuang: { url: 'http://wuwenjie.xyz/wordpress/?p=15689', kind: 'news', what: '上游新闻：佛山南庄镇保洁岗位要求女性、35岁以下' },
  sboyo: { url: 'https://m.sboyo.com/1/1105912.html', kind: 'news', what: '底层岗位招聘歧视（年轻力壮、形象好）' },
  zadsx: { url: 'https://www.zadsx.com/resources/23084.html', kind: 'news', what: '快速招工平台上的招聘信息是否涉及歧视' },
  zte0573: { url: 'https://www.0573cn.cn/post/3388.html', kind: 'news', what: '通信企业招聘歧视讨论（仅限男性、985/211、35岁以下、本地户籍、特定地区生源）' },
  zqb2013: { url: 'http://m.tushygear.com/jinrong/gjpl/zj/201305/t20130525_4244181.htm', kind: 'news', what: '中国青年报 2013-05-25《就业歧视为何禁而不绝》（限定985/211）' },
  nandu2020: { url: 'https://huihuacong.com/news/%E9%9D%9E%E5%85%A8%E6%97%A5%E5%88%B6%E6%9C%AC%E7%A7%91%E8%80%83%E5%85%A8%E6%97%A5%E5%88%B6%E7%A0%94%E7%A9%B6%E7%94%9F%E6%9C%89%E4%BB%80%E4%B9%88%E8%A6%81%E6%B1%82%E5%98%9B.html', kind: 'news', what: '南都：非全日制研究生入职被拒（不接受非全日制）' },
  hubeiFeiquan: { url: 'http://czxinmiao.com/html/shanghai/dzbk/146949.html', kind: 'news', what: '某建筑公司秋招“不招收非全日制的学生”被举报' },
  kaoyanFeiquan: { url: 'https://kaoyankaoyan.com/zixun/nanjingfeiquanrizhiyanjiusheng1.html', kind: 'news', what: '非全日制研究生教师招聘被拒（学历不符，非全日制学历）' },
  hbvNansha: { url: 'http://www.laborlaw.com.cn/archives/2079.html', kind: 'court', what: '广州市南沙区法院(2008)南法民一初字第180号（乙肝两对半体检不合格不予录用）' },
  hbvHuangpu: { url: 'https://www.ctmanga.com/a/gong-si-yin-ni-lu-qu-yuan-gong-cha-chu-xiao-san-yang-qu-xiao-lu-yong-fa-yuan-pan-liao.html', kind: 'court', what: '广州黄埔区法院：查出“小三阳”取消录用' },
  hbvBank: { url: 'https://bjzhls.com/pufa/9312.html', kind: 'court', what: '北京某银行要求补检乙肝两对半后拒录' },
  hbvShunde: { url: 'https://baidianfengw.cn/xinwen/1050772.html', kind: 'court', what: '顺德区招聘体检检查乙肝六项后拒录' },
  hivSandu: { url: 'https://www.cvimg.cn/article/2011/10/3/841433.html', kind: 'court', what: '贵州三都县教师招聘HIV检测阳性拒录' },
  hivAnqing: { url: 'http://news.eastday.com/c/20101102/u1a5523737.html', kind: 'court', what: '中国经济周刊：安庆“艾滋病就业歧视第一案”' },
  xinjiang: { url: 'https://vct.news/news/46e816f9-3244-4443-898c-7308027fa588', kind: 'news', what: '乌鲁木齐企业招聘排除维吾尔、哈萨克人' },
  nbcWhite: { url: 'https://m.pinwaijiao.com/news/410', kind: 'news', what: '美国全国广播公司报道：英语教师招聘“白人”要求' },
  xjtlu2021: { url: 'https://www.xjtlu.edu.cn/zh/news/2021/11/ten-surf-stories-when-identity-was-no-longer-a-shield', kind: 'ngo', what: '西交利物浦大学SURF研究：南非籍外教与“欧美白人”招聘词条' },
  sina2007: { url: 'http://news.sina.com.cn/w/2007-11-05/102614237591.shtml', kind: 'news', what: '青年参考：外籍华人教英语遭遇“肤色歧视”' },
  cqZodiac: { url: 'http://m.cnfl.com.cn/bwyc/2015/1012/212416.html', kind: 'news', what: '重庆晚报 2015-10-12：招文员看星座还要双眼皮' },
  qdZodiac: { url: 'https://www.hncggz.com/zhichang/195747.html', kind: 'news', what: '青岛金融公司只招处女座或双子座' },
  zodiacNyt: { url: 'http://www.mengou.net/114037.html', kind: 'news', what: '“对不起，我们公司不招巨蟹座”（转引纽约时报）' },
  pigYear: { url: 'http://www.mayiw.com/news/articles_402_2.html', kind: 'news', what: '扬子晚报：苏州老板招来员工全属猪' },
  surnameHrb: { url: 'http://venetianplasterco.com/Workplace-gossip/200812/26-164.html', kind: 'news', what: '东北网：姓黄的不要，属鸡的也不行（英文转述）' },
  phoneDigit: { url: 'https://m.higdublaw.com/1/856/856382.htm', kind: 'news', what: '深圳某公司不聘用手机号倒数第五位是5的人' },
  wnbk: { url: 'https://m.wnbk.net/changshi/71mXPqWmzy.html', kind: 'reference', what: '常见招聘歧视类型（星座、属相、血型，民族饮食习惯等）' },
  nqbk: { url: 'https://nqbk.net/changshi/xpj5E3Yjg4.html', kind: 'reference', what: '招聘歧视的主要表现形式（信仰、残疾、农村户口等）' },
  transGuiyang: { url: 'http://jianjiaobuluo.com/content/8403', kind: 'court', what: '女权之声：国内首例跨性别就业歧视案（“你是同性恋，这样的形象…”）' },
  deliLimp: { url: 'http://www.hbcasj.com/socialgd/10000169/20251001/48874369_all.html', kind: 'news', what: '得力集团入职当天因跛脚被劝退' },
  cdtDisability: { url: 'https://chinadigitaltimes.net/chinese/702265.html', kind: 'court', what: '全国首例残障就业歧视胜诉案（肢体残障“高风险”）' },
  dbgtDisability: { url: 'http://m.dbgt.com.cn/newsDetail_forward_17672701?commTag=true', kind: 'news', what: '聚焦残疾人就业（视力、听力、言语、肢体、智力、精神残疾）' },
  n163Marriage: { url: 'https://m.163.com/dy/article/JS8568V505562DNY.html', kind: 'news', what: '网易：入职三年内不得结婚，五年内不得生育' },
  wlMarriage: { url: 'http://cn.wlchinahc.com/news/wfmy903273.html', kind: 'news', what: '2025女性职场报告：两年内怀孕就主动离职' },
  dlxMarriage: { url: 'https://dlxai.com/b2b/news/show-415989.html', kind: 'news', what: '郑州女子因未婚未育求职被拒（已婚已育人员比较稳定）' },
  jobxzc: { url: 'https://www.jobxzc.com/mianshi/1195955.html', kind: 'news', what: '6成女性求职者遭遇婚育询问（妇科检查报告排除怀孕）' },
  xianMarriage: { url: 'http://dentiste-levallois-perret.com/shyf/fazhishishi/2012-05-16/53092_2.html', kind: 'news', what: '西安企业：三年内不打算结婚、孩子超过10岁的女性' },
  rsb2019: { url: 'http://www.tao5211.com/jiaoyu/20190222/35871.html', kind: 'regulator', what: '人社部等九部门《关于进一步规范招聘行为促进妇女就业的通知》报道' },
  colorVision: { url: 'https://mcdurieux.com/news/qianyan/shiyunews/2014/1119/172489.html', kind: 'news', what: '色弱求职者遭“一刀切”' },
};

interface Phrase {
  src: keyof typeof SOURCES;
  how: 'quoted' | 'described';
  text: string;
  labels: Category[];
}

const P = (src: keyof typeof SOURCES, how: Phrase['how'], text: string, ...labels: Category[]): Phrase => ({ src, how, text, labels });

/** Requirement phrases from the reports (quoted: as the report quotes them; described: the practice it reports, worded as a posting). */
export const PHRASES: Phrase[] = [
  // 性别
  P('hrw2018', 'quoted', '限男性', 'gender'),
  P('hrw2018', 'quoted', '男性优先', 'gender'),
  P('hrw2018', 'quoted', '适合男性', 'gender'),
  P('hrw2018', 'quoted', '必须经常超时工作，工作强度高，限男性报考', 'gender'),
  P('hrw2018', 'quoted', '应聘者必须是男性', 'gender'),
  P('hrw2018', 'quoted', '女性，18至30岁，身高163公分以上，身材匀称，美丽大方', 'gender', 'age', 'appearance'),
  P('dw2018', 'quoted', '身高在162至173之间，体重不得超过65公斤，没有刺青', 'appearance'),
  P('rmrb2016', 'quoted', '只限男生', 'gender'),
  P('rmrb2016', 'quoted', '男生优先', 'gender'),
  P('rmrb2016', 'quoted', '已婚且育有孩子的女性优先', 'marital_childbearing', 'gender'),
  P('rmrb2016', 'described', '三年内不得结婚或生育', 'marital_childbearing'),
  P('rmrb2016', 'quoted', '岗位需要经常加班，男生更合适', 'gender'),
  P('dangtu', 'quoted', '岗位条件：限男性', 'gender'),
  P('nanzhuang', 'quoted', '要求女性，年龄35岁以下', 'gender', 'age'),
  P('wiki35', 'quoted', '只招收35岁以下的男性员工', 'age', 'gender'),
  P('wiki35', 'quoted', '男性35岁以下，女性25岁以下', 'age', 'gender'),
  P('wiki35', 'described', '须1988年1月1日以后出生', 'age'),
  P('wiki35', 'described', '出生日期在1992年6月以后', 'age'),
  P('zadsx', 'quoted', '招聘对象为男性', 'gender'),
  P('zadsx', 'described', '此岗位不考虑女性', 'gender'),
  P('zte0573', 'quoted', '仅限男性', 'gender'),
  P('zte0573', 'quoted', '35岁以下', 'age'),
  P('zte0573', 'quoted', '985/211院校优先', 'education_origin'),
  P('zte0573', 'quoted', '要求本地户籍', 'hukou_region'),
  P('zte0573', 'described', '限杭州户籍', 'hukou_region'),
  P('zte0573', 'described', '仅招深圳户口', 'hukou_region'),
  P('zte0573', 'described', '江苏生源优先', 'hukou_region'),
  P('sboyo', 'quoted', '年轻力壮', 'age'),
  P('sboyo', 'described', '35岁以上简历一律不看', 'age'),
  P('sboyo', 'described', '流水线岗位男性优先', 'gender'),
  P('sboyo', 'quoted', '形象好', 'appearance'),
  // 户籍、地域
  P('shmaid', 'quoted', '不要离异、东北、湖南、山东的人', 'marital_childbearing', 'hukou_region'),
  P('shmaid', 'quoted', '年龄35-45岁之间', 'age'),
  P('shmaid', 'quoted', '身高165cm，体重60kg', 'appearance'),
  P('xilaideng', 'quoted', '不合适原因：河南人', 'hukou_region'),
  P('xilaideng', 'described', '河南籍应聘者不予录用', 'hukou_region'),
  P('dahe2019', 'described', '本公司不招聘河南人', 'hukou_region'),
  P('hanyi', 'quoted', '招工不要河南人', 'hukou_region'),
  P('nqbk', 'described', '农村户口者恕不录用', 'hukou_region'),
  P('nqbk', 'described', '外地户口勿投', 'hukou_region'),
  // 民族、种族、肤色、国籍
  P('xinjiang', 'quoted', '不招维吾尔人和哈萨克人', 'ethnicity'),
  P('xinjiang', 'quoted', '只招当地汉人和回族人', 'ethnicity', 'hukou_region'),
  P('xinjiang', 'quoted', '只招汉人、回族人和蒙古人', 'ethnicity'),
  P('wnbk', 'described', '因饮食习惯不招少数民族', 'ethnicity'),
  P('nbcWhite', 'quoted', '岗位要求美国或加拿大白人教师', 'ethnicity'),
  P('nbcWhite', 'quoted', '白肤色优先', 'ethnicity'),
  P('nbcWhite', 'described', '只要白人外教', 'ethnicity'),
  P('nbcWhite', 'described', '亚洲面孔不予考虑', 'ethnicity'),
  P('nbcWhite', 'described', '要求金发碧眼的外籍教师', 'ethnicity'),
  P('xjtlu2021', 'quoted', '限欧美白人', 'ethnicity'),
  P('xjtlu2021', 'described', '南非籍、黑人外教勿投', 'ethnicity'),
  P('sina2007', 'described', '外籍华人恕不录用', 'ethnicity'),
  // 宗教
  P('nqbk', 'described', '有宗教信仰者不予录用', 'religion'),
  P('nqbk', 'described', '信教人员勿投', 'religion'),
  P('wnbk', 'described', '不招戴头巾的穆斯林', 'religion'),
  P('wnbk', 'described', '要求不信仰任何宗教', 'religion'),
  // 疾病、病原携带
  P('hbvNansha', 'quoted', '须自费到指定医院体检，内容为乙肝两对半、ALT和胸透，体检不合格将不予录用', 'health'),
  P('hbvHuangpu', 'quoted', '体检需增加乙肝五项（定性）项目', 'health'),
  P('hbvHuangpu', 'described', '查出小三阳者取消录用', 'health'),
  P('hbvBank', 'described', '入职须补检乙肝两对半', 'health'),
  P('hbvShunde', 'quoted', '体检检查乙肝病毒血清学指标（乙肝六项）', 'health'),
  P('hbvShunde', 'described', '乙肝表面抗原携带者不予录用', 'health'),
  P('hivSandu', 'quoted', 'HIV检测为阳性者不符合录用体检标准', 'health'),
  P('hivAnqing', 'described', '艾滋病病毒感染者不予录用', 'health'),
  P('hivAnqing', 'described', '入职体检含梅毒、丙肝、艾滋病检测', 'health'),
  P('nqbk', 'described', '乙肝病毒携带者一律不录用', 'health'),
  // 残疾
  P('deliLimp', 'described', '跛脚者不予录用', 'disability'),
  P('deliLimp', 'described', '走路姿势不正常者勿投', 'disability'),
  P('cdtDisability', 'described', '肢体残障人士不予录用', 'disability'),
  P('dbgtDisability', 'described', '视力残疾者勿扰', 'disability'),
  P('dbgtDisability', 'described', '听力残疾人不考虑', 'disability'),
  P('dbgtDisability', 'described', '言语残疾者恕不录用', 'disability'),
  P('dbgtDisability', 'described', '智力残疾、精神残疾人员一律不招', 'disability'),
  P('colorVision', 'described', '色弱者一律不要', 'disability'),
  // 婚育
  P('n163Marriage', 'quoted', '入职三年内不得结婚，五年内不得生育', 'marital_childbearing'),
  P('wlMarriage', 'quoted', '两年内不准生育', 'marital_childbearing'),
  P('wlMarriage', 'described', '两年内怀孕需主动离职', 'marital_childbearing'),
  P('dlxMarriage', 'described', '已婚已育人员优先，稳定', 'marital_childbearing'),
  P('dlxMarriage', 'described', '未婚未育者不予考虑', 'marital_childbearing'),
  P('jobxzc', 'quoted', '请说明近期是否有结婚或生育计划', 'marital_childbearing'),
  P('jobxzc', 'described', '须提供近期妇科检查报告以排除怀孕', 'marital_childbearing'),
  P('xianMarriage', 'quoted', '三年内不打算结婚', 'marital_childbearing'),
  P('xianMarriage', 'quoted', '孩子超过10岁的女性优先', 'marital_childbearing', 'gender'),
  P('rsb2019', 'described', '入职体检包含妊娠测试', 'marital_childbearing'),
  P('rsb2019', 'described', '面试时询问婚育情况', 'marital_childbearing'),
  // 性取向
  P('transGuiyang', 'described', '同性恋者不予录用', 'sexual_orientation'),
  P('transGuiyang', 'described', '跨性别者勿投', 'sexual_orientation'),
  P('transGuiyang', 'described', '形象“不男不女”者恕不录用', 'sexual_orientation'),
  // 学历形式
  P('zqb2013', 'quoted', '限定985或211工程院校毕业生', 'education_origin'),
  P('zqb2013', 'quoted', '本科的学校也必须是211、985', 'education_origin'),
  P('nandu2020', 'quoted', '不接受非全日制', 'education_origin'),
  P('nandu2020', 'quoted', '只要全日制', 'education_origin'),
  P('hubeiFeiquan', 'quoted', '不招收非全日制的学生', 'education_origin'),
  P('kaoyanFeiquan', 'described', '非全日制学历不予报名', 'education_origin'),
  P('kaoyanFeiquan', 'described', '须为全日制统招硕士', 'education_origin'),
  // 其他：星座、属相、姓氏、手机尾号、相貌
  P('cqZodiac', 'quoted', '最好是双子座或射手座', 'other'),
  P('cqZodiac', 'quoted', '形象较好，双眼皮', 'appearance'),
  P('cqZodiac', 'quoted', '身高158-162CM', 'appearance'),
  P('cqZodiac', 'quoted', '程序员以处女座为主', 'other'),
  P('cqZodiac', 'described', '美术设计要求摩羯座', 'other'),
  P('qdZodiac', 'quoted', '只接受处女座或双子座应聘者', 'other'),
  P('qdZodiac', 'quoted', '双子座优先', 'other'),
  P('zodiacNyt', 'quoted', '不招巨蟹座', 'other'),
  P('zodiacNyt', 'quoted', '只招双鱼座', 'other'),
  P('zodiacNyt', 'quoted', '天蝎座、摩羯座和双子座优先录取', 'other'),
  P('pigYear', 'described', '属猪者优先', 'other'),
  P('surnameHrb', 'described', '姓黄的不要，属鸡的也不行', 'other'),
  P('surnameHrb', 'described', '黄姓、白姓应聘者不招', 'other'),
  P('phoneDigit', 'quoted', '不聘用手机号倒数第五位数字是5的人', 'other'),
  P('wnbk', 'described', '血型要求O型', 'other'),
  P('wnbk', 'described', '生肖属虎者勿投', 'other'),
  P('wnbk', 'described', '要求独生子女', 'other'),
];

/** Team-written clean hard negatives (inclusive, equal treatment, medical checks, statutes, look-alike words). */
export const NEGATIVES: string[] = [
  // 不限 / 均可
  '性别不限', '男女不限，年龄不限', '年龄不限，欢迎有经验者', '户籍不限', '不限户籍，不限地域', '民族不限', '不限民族、不限宗教信仰',
  '学历不限，全日制与非全日制均可', '统招、非统招均可', '全日制、非全日制学历均可', '第一学历不限', '应届往届均可', '已婚未婚均可',
  '本地外地均可', '男女均可，有无经验均可', '婚否不限', '不限年龄、不限学历', '户口不限，外地人员包住宿', '身高体重不限',
  '专业不限，欢迎转行', '不限男女，能吃苦即可', '年龄、性别、户籍均不限', '农村户口、城镇户口均可', '星座属相血型一律不作要求',
  // 同等对待 / 一视同仁
  '对不同民族、宗教信仰的求职者一视同仁', '乙肝病毒携带者与其他应聘者同等对待', '残疾人与健全人同等对待', '非全日制研究生与全日制研究生同等对待',
  '男女同工同酬，一视同仁', '外地户籍与本地户籍员工享受同等待遇', '各类学历形式一视同仁，只看能力', '不同性取向的员工一视同仁',
  '本公司对所有应聘者一视同仁，不因性别、年龄、民族、宗教、户籍、残疾、婚育状况区别对待', '无论来自哪个省份，我们同等对待',
  // 欢迎
  '欢迎35岁以上求职者', '欢迎40岁以上有经验的师傅加入', '欢迎50岁以上退休人员应聘', '欢迎宝妈应聘，工作时间灵活', '欢迎已婚已育女性，也欢迎未婚求职者',
  '欢迎退役军人', '欢迎残障人士投递，工位无障碍', '欢迎少数民族求职者，设有清真餐', '欢迎LGBT群体加入', '欢迎外地求职者，公司提供宿舍',
  '欢迎各族群众报名', '欢迎听障人士应聘，配手语同事', '欢迎非全日制研究生报名', '欢迎农民工朋友', '欢迎大龄求职者，经验丰富者待遇从优',
  '欢迎女性工程师', '欢迎男性护士应聘', '欢迎乙肝病毒携带者应聘，不影响录用', '35岁以上同样欢迎', '欢迎孕期及哺乳期女性应聘内勤岗位',
  // 体检不查什么
  '入职体检不含乙肝项目', '体检不查乙肝五项', '入职体检不做妊娠测试', '体检不检测HIV', '入职体检项目不包括乙肝两对半', '体检不涉及婚育情况',
  '体检仅查血常规、胸透和视力，不查乙肝', '本公司不要求提供乙肝检测报告', '我们不会询问婚育情况', '体检不包含孕检', '不查乙肝，不问婚育',
  '入职体检按国家规定执行，不含乙肝、妊娠等项目', '不要求提供婚育证明', '面试不问婚恋情况', '不要求提供户口本，身份证即可办理入职',
  // 法律条文
  '劳动者就业，不因民族、种族、性别、宗教信仰不同而受歧视', '用人单位招用人员，不得以是传染病病原携带者为由拒绝录用',
  '用人单位招用人员，不得歧视残疾人', '不得限定为男性或者规定男性优先', '不得将妊娠测试作为入职体检项目',
  '不得将限制结婚、生育或者婚姻、生育状况作为录用条件', '农村劳动者进城就业享有与城镇劳动者平等的劳动权利', '妇女享有与男子平等的就业权利',
  '本公司严格遵守《就业促进法》，不得实施就业歧视', '依据《妇女权益保障法》，我们不询问女性求职者的婚育情况',
  '根据人社部发〔2010〕12号，入职体检不开展乙肝项目检测', '各民族劳动者享有平等的劳动权利',
  // 含类别词但不是限制
  '负责星座运势栏目编辑，熟悉十二星座文化', '处女座运势、双子座周运专栏撰稿', '处女作出版经验优先', '参与新船处女航的客舱服务', '民族乐器销售，熟悉二胡、古筝',
  '男装品牌店长，负责门店运营', '女装设计助理，熟练使用CAD', '男科医院导诊，负责患者接待', '妇产科护士，持护士执业证书', '回族自治区项目驻场工程师，工作地点宁夏银川',
  '负责藏族自治州旅游线路推广', '东北菜馆招聘厨师，会做锅包肉', '河南烩面馆招服务员', '新疆大盘鸡店招帮厨', '清真餐厅招聘服务员',
  '佛山分公司招聘财务', '属于公司核心岗位，待遇从优', '负责少儿英语课程，学员年龄5-12岁', '养老院护理员，照护70岁以上老人', '母婴店导购，服务宝妈客户',
  '孕婴用品销售，熟悉产品', '血型检验科检验师，持检验资格证', '负责献血车采血工作，持护士证', '联系电话尾号8866的王女士', '请在简历中注明姓名和联系电话',
  '负责黑人牙膏渠道销售', '公司团队平均年龄28岁，氛围轻松', '公司成立35年，行业经验丰富', '单身公寓管理员，负责公寓日常维护',
  '提供婚假、产假、陪产假', '结婚有礼金，生子有红包', '可协助办理青岛户口', '外籍员工可办理工作签证', '残疾人就业保障金按时缴纳',
  '熟悉本地市场，拜访本地客户', '负责华东区域销售', '有北京工作经验者优先', '负责维吾尔语翻译，精通维吾尔语和汉语', '负责日语翻译，日语N1',
  '全日制用工，每天8小时', '非全日制用工，每周不超过24小时', '招聘美容师，服务女性顾客', '负责男士理发，会做男士造型', '年满18周岁，持保安员证',
  '年满16周岁即可', '属相文化研究员，负责民俗展览', '十二生肖主题乐园讲解员', '中老年服装店导购', '青年旅舍前台，会英语',
  '少数民族适当照顾', '同等条件下退役军人优先', '持残疾证者优先（残疾人专岗）', '公益性岗位，面向就业困难人员', '妈妈岗，方便接送孩子',
  '负责HIV检测试剂研发，有生物医药背景', '乙肝疫苗推广专员，医学相关专业', '负责艾滋病防治宣传项目', '精神科医生，持执业医师证', '康复治疗师，服务肢体残疾患者',
  '手语翻译，服务听障人士', '盲文编辑，负责盲文读物出版', '负责民族品牌推广', '中华民族传统文化讲师', '宗教文化旅游线路导游，熟悉佛教建筑',
];

// ---------------------------------------------------------------------------------------------------------------
// Frames (team-written, clean)

const JOBS: { job: string; duty: string }[] = [
  { job: '仓库管理员', duty: '负责货物出入库登记和盘点' },
  { job: '行政文员', duty: '负责公司日常行政事务和文件整理' },
  { job: '销售代表', duty: '负责区域客户开发与维护' },
  { job: '普工', duty: '负责流水线装配和产品检验' },
  { job: '前台接待', duty: '负责来访接待和电话转接' },
  { job: '会计', duty: '负责日常账务处理和报税' },
  { job: '软件工程师', duty: '负责后端服务的开发与维护' },
  { job: '客服专员', duty: '负责在线咨询和售后问题处理' },
  { job: '英语教师', duty: '负责少儿英语课程的教学' },
  { job: '保洁员', duty: '负责办公区域的日常清洁' },
  { job: '司机', duty: '负责公司车辆驾驶和日常保养' },
  { job: '质检员', duty: '负责来料和成品的质量检验' },
  { job: '法务专员', duty: '负责合同审核和法律咨询' },
  { job: '设备维修工', duty: '负责生产设备的点检和维修' },
  { job: '店员', duty: '负责门店商品陈列和收银' },
  { job: '人事专员', duty: '负责招聘和员工关系' },
];
const COMPANIES = ['青岛某物流公司', '某连锁零售企业', '某科技有限公司', '黄岛区某电子厂', '某教育培训机构', '某制造企业', '某物业服务公司', '某贸易公司'];
const REQS = ['有相关工作经验者优先', '熟练使用办公软件', '责任心强，服从工作安排', '沟通能力良好', '能吃苦耐劳', '大专及以上学历', '持有C1驾照', '有团队合作精神', '做事细心踏实', '普通话标准'];
const PAY = ['月薪5000-7000元', '综合薪资6000-9000元/月', '底薪4500元加提成', '月薪6500元起', '薪资面议'];
const BENEFITS = ['五险一金，带薪年假', '包吃住，节日福利', '周末双休，年终奖金', '入职缴纳社保，定期培训', '法定节假日休息，员工旅游'];

/** The demo generator's seeded source (mulberry32), so the same seed gives the same sequence. */
function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}

/** FNV-1a 32-bit. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The untouched split: 30% of groups (phrases / negative sentences) by hash. Fixed before any tuning. */
export function splitOf(group: string): 'dev' | 'test' {
  return fnv1a(group) % 100 < 30 ? 'test' : 'dev';
}

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

interface Fields {
  title?: string;
  description: string;
  requirements?: string;
}

type Frame = (phrase: string, r: () => number) => Fields;
const pick = <T>(xs: readonly T[], r: () => number): T => xs[Math.floor(r() * xs.length)]!;

const FRAMES: Frame[] = [
  (ph, r) => {
    const j = pick(JOBS, r);
    return { description: `${pick(COMPANIES, r)}招聘${j.job}2名。岗位职责：${j.duty}。任职要求：1、${ph}；2、${pick(REQS, r)}；3、${pick(REQS, r)}。福利待遇：${pick(BENEFITS, r)}。` };
  },
  (ph, r) => {
    const j = pick(JOBS, r);
    return { description: `【${j.job}】${j.duty}，${ph}，${pick(REQS, r)}，${pick(PAY, r)}。` };
  },
  (ph, r) => {
    const j = pick(JOBS, r);
    return { title: j.job, description: `工作内容：${j.duty}。\n要求：${pick(REQS, r)}，${ph}。\n待遇：${pick(PAY, r)}，${pick(BENEFITS, r)}。` };
  },
  (ph, r) => {
    const j = pick(JOBS, r);
    return { description: `${pick(COMPANIES, r)}现诚聘${j.job}。${pick(REQS, r)}。${ph}。有意者请将简历发送至招聘邮箱。` };
  },
  (ph, r) => {
    const j = pick(JOBS, r);
    return { description: toTraditional(`招聘${j.job}，${j.duty}。${ph}，${pick(REQS, r)}。${pick(PAY, r)}。`) };
  },
  (ph, r) => {
    const j = pick(JOBS, r);
    return { title: `${j.job}`, description: `${j.duty}，${pick(BENEFITS, r)}。`, requirements: `${pick(REQS, r)}；${ph}` };
  },
];

export interface ReportedRow {
  id: string;
  source: string;
  group: string;
  split: 'dev' | 'test';
  how: 'quoted' | 'described' | 'team';
  fields: Fields;
  labels: Category[];
}

export function build(): ReportedRow[] {
  const rows: ReportedRow[] = [];
  PHRASES.forEach((p, i) => {
    const group = `rep-${String(i).padStart(3, '0')}`;
    const r = rng(fnv1a(group));
    // every phrase in 5 of the 6 frames (which one is left out rotates)
    FRAMES.forEach((frame, k) => {
      if (k === i % FRAMES.length) return;
      rows.push({ id: `${group}-f${k}`, source: `reported:${p.src}`, group, split: splitOf(group), how: p.how, fields: frame(p.text, r), labels: [...p.labels] });
    });
  });
  NEGATIVES.forEach((s, i) => {
    const group = `neg-${String(i).padStart(3, '0')}`;
    const r = rng(fnv1a(group));
    // three frames per negative sentence
    for (let k = 0; k < 3; k++) {
      const fi = (i + k * 2) % FRAMES.length;
      rows.push({ id: `${group}-f${fi}`, source: 'team:hard-negative', group, split: splitOf(group), how: 'team', fields: FRAMES[fi]!(s, r), labels: [] });
    }
  });
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = build();
  writeFileSync(REPORTED_PATH, rows.map((x) => JSON.stringify(x)).join('\n') + '\n');
  const flagged = rows.filter((x) => x.labels.length);
  const test = rows.filter((x) => x.split === 'test');
  console.log(
    `${rows.length} postings: ${flagged.length} from ${PHRASES.length} reported phrases (${Object.keys(SOURCES).length} sources), ` +
      `${rows.length - flagged.length} clean hard negatives from ${NEGATIVES.length} sentences; test split ${test.length} (${test.filter((x) => x.labels.length).length} flagged)`,
  );
}
