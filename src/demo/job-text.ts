import { EDUCATION_LEVELS } from '../domain/education.js';
import type { EmploymentType } from '../domain/common.js';
import type { DemoEmployer } from './employers.js';
import type { Rng } from './random.js';
import type { Role, RoleKind, Sector } from './roles.js';

/**
 * Job-post wording: 岗位职责 + 任职要求 in several layouts, built from a role's sentences. No sentence asks for a
 * gender, age, origin, marital status, looks or health: the platform screens those out, and so does its demo.
 */

const BENEFITS = ['五险一金', '带薪年假', '节日福利', '年度体检', '绩效奖金', '年终奖', '技能培训', '法定节假日休息', '生日福利', '工龄工资', '交通补贴', '通讯补贴', '餐补'] as const;
const FACTORY_BENEFITS = ['免费工作餐', '提供员工宿舍', '班车接送', '包吃住', '加班费按国家规定发放', '夜班补贴', '全勤奖'] as const;
const OFFICE_BENEFITS = ['双休', '弹性工作', '下午茶', '团建活动', '人才公寓', '补充医疗保险', '股票期权'] as const;

const SHIFTS: Record<RoleKind, readonly string[]> = {
  tech: ['做五休二', '早九晚六，周末双休', '弹性工作制', '双休，偶有项目出差'],
  office: ['做五休二', '早八点半至下午五点半', '周末双休', '做六休一'],
  skill: ['长白班', '两班倒', '做六休一', '月休四天', '白班为主，偶尔加班'],
  ops: ['长白班', '两班倒', '四班三运转', '做六休一', '十二小时两班倒', '早八晚五'],
  service: ['做六休一', '轮班制', '早晚班轮换', '月休四天', '每天工作八小时'],
};

const SOFT: Record<RoleKind, readonly string[]> = {
  tech: ['具备良好的沟通能力和团队协作精神', '学习能力强，能独立分析和解决问题', '有较强的责任心和抗压能力', '能阅读英文技术文档'],
  office: ['沟通表达能力强，有团队合作意识', '工作细致认真，执行力强', '熟练使用办公软件', '有较强的学习能力和服务意识'],
  skill: ['工作认真负责，服从安排', '有较强的安全意识', '能吃苦耐劳，责任心强', '能适应加班'],
  ops: ['能吃苦耐劳，服从安排', '遵守厂规厂纪', '工作认真，有责任心', '能适应车间工作环境'],
  service: ['服务意识强，有耐心', '普通话标准，沟通能力良好', '做事认真细致', '有团队合作精神'],
};

const GROWTH = [
  '公司提供系统的岗前培训和清晰的晋升通道', '入职即签订劳动合同，依法缴纳社会保险', '表现优秀者可参加职业技能等级认定，公司承担费用',
  '设有技术和管理双通道，每年两次调薪机会', '可申请区级人才住房和就业补贴', '新员工配备师傅一对一带教',
] as const;

const GENERAL_DUTIES = ['完成上级交办的其他工作', '遵守公司安全和保密制度', '参与部门培训和经验分享'] as const;

const FEATURES = [
  '是国家高新技术企业', '是青岛市专精特新中小企业', '拥有完善的培训体系和晋升通道', '近年来业务快速增长', '产品销往全国并出口多个国家和地区',
  '与驻青高校建立了产学研合作', '工作环境整洁舒适', '重视员工职业发展', '是区级就业友好型企业', '已在青岛深耕十余年',
] as const;

/** Tag notes: what a tag means for the applicant, said without narrowing who may apply. */
export const TAG_NOTES: Record<string, readonly string[]> = {
  妈妈岗: ['本岗位为妈妈岗，工作时间灵活，方便接送孩子', '妈妈岗：弹性上下班，可兼顾家庭'],
  荣军岗: ['本岗位为荣军岗，欢迎退役军人报名', '荣军岗，提供退役军人就业适应性培训'],
  残疾人友好: ['工作场所配有无障碍设施，欢迎残疾人朋友应聘', '岗位对残疾人友好，可提供合理便利'],
  零工: ['零工岗位，按天结算，工作时间自由', '灵活零工，可按小时或按天安排'],
  见习: ['就业见习岗位，见习期间发放见习补贴并缴纳意外伤害保险', '提供就业见习机会，表现优秀者可留用'],
  公益性岗位: ['公益性岗位，用于安置就业困难人员，按规定享受岗位补贴', '本岗位为社区公益性岗位，按规定缴纳社会保险'],
  高校毕业生: ['欢迎高校毕业生报名，提供导师带教', '面向高校毕业生开放，落实毕业生就业补贴政策'],
  急招: ['急招，面试通过可尽快入职', '岗位急缺，简历当天反馈'],
  包吃住: ['公司提供免费食宿', '包吃包住，宿舍配有空调和热水'],
};

export interface JobTextInput {
  rng: Rng;
  role: Role;
  sector: Sector;
  employer: DemoEmployer;
  title: string;
  edu: number;
  exp: number;
  skills: readonly string[];
  type: EmploymentType;
  tags: readonly string[];
  headcount: number;
  salary: string;
  address: string;
}

export interface JobText {
  description: string;
  requirements?: string;
}

const EDU_WORDS = ['学历不限', '初中', '高中或中专', '大专', '本科', '硕士', '博士'];

function requirementSentences(x: JobTextInput): string[] {
  const { rng, role, sector, edu, exp, skills } = x;
  const out: string[] = [];
  if (edu === 0) out.push(rng.pick(['学历不限', '学历不限，有相关经验者优先', '对学历没有要求']));
  else if (role.kind === 'tech' || (role.kind === 'office' && edu >= 3)) {
    const majors = rng.sample(sector.majors, 2).join('、');
    out.push(`${EDU_WORDS[edu]}及以上学历，${majors}等相关专业`);
  } else out.push(`${EDU_WORDS[edu]}及以上学历`);

  if (exp === 0) {
    out.push(role.kind === 'tech'
      ? rng.pick(['接受优秀应届毕业生', '应届毕业生亦可，公司提供系统培训', '经验不限'])
      : rng.pick(['无经验可培训上岗', '欢迎零基础求职者，公司提供带薪培训', '经验不限', '有相关工作经验者优先']));
  } else {
    out.push(rng.pick([`${exp}年以上相关工作经验`, `具有${exp}年及以上${x.title}相关经验`, `${exp}年以上工作经验，有${sector.name}行业背景者优先`]));
  }

  if (skills.length >= 2 && role.kind !== 'ops' && role.kind !== 'service') {
    const [a, b, c] = skills;
    out.push(rng.pick([`熟悉${a}、${b}`, `熟练掌握${a}和${b}`, `掌握${a}，了解${b}`]) + (c && rng.chance(0.5) ? `，熟悉${c}者优先` : ''));
  } else if (skills.length > 0 && rng.chance(0.5)) {
    out.push(`具备${skills[0]}经验者优先`);
  }
  if (role.reqs) for (const r of rng.sample(role.reqs, rng.int(1, 2))) out.push(r);
  out.push(rng.pick(SOFT[role.kind]));
  return out;
}

function benefitList(rng: Rng, kind: RoleKind): string[] {
  const extra = kind === 'ops' || kind === 'skill' ? FACTORY_BENEFITS : kind === 'tech' || kind === 'office' ? OFFICE_BENEFITS : FACTORY_BENEFITS.slice(0, 3);
  return [...rng.sample(BENEFITS, rng.int(2, 4)), ...rng.sample(extra, rng.int(1, 2))];
}

function numbered(items: readonly string[], style: 0 | 1 | 2, sep: string): string {
  return items.map((s, i) => (style === 0 ? `${i + 1}、${s}` : style === 1 ? `${i + 1}. ${s}` : `（${i + 1}）${s}`)).join(sep);
}

function intro(x: JobTextInput): string {
  const { rng, employer, sector } = x;
  const where = `${employer.district}`;
  switch (rng.int(0, 3)) {
    case 0: return `${employer.name}位于${where}，主要从事${employer.business}，${rng.pick(FEATURES)}。`;
    case 1: return sector.group !== '传统行业'
      ? `公司是青岛市${sector.group}产业链企业，专注${employer.business}，${rng.pick(FEATURES)}。`
      : `我公司主要从事${employer.business}，${rng.pick(FEATURES)}。`;
    case 2: {
      // Not 2007: "007" reads as the 007 work schedule to the compliance screener.
      const founded = rng.int(1998, 2023);
      return `公司简介：${employer.name}成立于${founded === 2007 ? 2008 : founded}年，业务涵盖${employer.business}。`;
    }
    default: return '';
  }
}

/** Description (and sometimes a separate requirements field) for one post. */
export function jobText(input: JobTextInput): JobText {
  // Decorations of the title (急招, （城阳）) stay out of the body.
  const x = { ...input, title: input.title.replace(/（[^）]*）/g, '').replace(/^急招/, '') };
  const { rng, role } = x;
  const duties = rng.sample(role.duties, rng.int(Math.min(3, role.duties.length), Math.min(6, role.duties.length)));
  if (rng.chance(0.3)) duties.push(rng.pick(GENERAL_DUTIES));
  const reqs = requirementSentences(x);
  const benefits = benefitList(rng, role.kind);
  const notes = x.tags.flatMap((t) => (TAG_NOTES[t] ? [rng.pick(TAG_NOTES[t])] : []));
  const shift = rng.pick(SHIFTS[role.kind]);
  const notesText = notes.length ? notes.join('；') + '。' : '';
  const growth = rng.chance(0.6) ? rng.pick(GROWTH) + '。' : '';
  const layout = role.kind === 'ops' || role.kind === 'service' ? rng.pick([0, 2, 4, 4, 1]) : rng.pick([0, 0, 1, 3, 2]);
  const separateReqs = layout !== 2 && layout !== 4 && rng.chance(0.4);
  const reqBlock = (style: 0 | 1 | 2, sep: string) => numbered(reqs, style, sep);
  let description: string;
  switch (layout) {
    case 0:
      description = `${intro(x)}\n岗位职责：\n${numbered(duties, 0, '；\n')}。`
        + (separateReqs ? '' : `\n任职要求：\n${reqBlock(0, '；\n')}。`)
        + `\n福利待遇：${benefits.join('、')}。${growth}\n工作时间：${shift}。\n工作地点：${x.address}。${notesText}`;
      break;
    case 1:
      description = `【岗位职责】${duties.join('；')}。` + (separateReqs ? '' : `【任职要求】${reqs.join('；')}。`)
        + `【薪资福利】${x.salary}，${benefits.join('，')}。【工作时间】${shift}。【工作地点】${x.address}。${notesText ? `【说明】${notesText}` : ''}`;
      break;
    case 2:
      description = `${intro(x)}现因业务发展需要，招聘${x.title}${x.headcount}名。主要工作：${duties.join('，')}。要求：${reqs.join('，')}。`
        + `待遇：${x.salary}，${benefits.join('、')}。${growth}工作时间：${shift}。${notesText}`;
      break;
    case 3:
      description = `职位描述：${numbered(duties, 1, '；')}。` + (separateReqs ? '' : `任职资格：${reqBlock(1, '；')}。`)
        + `${intro(x)}我们提供：${benefits.join('，')}。${growth}${notesText}`;
      break;
    default:
      description = `招聘${x.title}${x.headcount > 1 ? `${x.headcount}名` : ''}，${duties[0]}，${duties[1] ?? duties[0]}。${reqs.slice(0, 3).join('，')}。`
        + `${shift}，${x.salary}，${benefits.join('、')}。${notesText}地址：${x.address}。`;
  }
  description = description.trim();
  return separateReqs ? { description, requirements: reqBlock(rng.pick([0, 2] as const), '；\n') + '。' } : { description };
}

/** The education level written on a post: mostly canonical, sometimes an alias the schema accepts. */
export function educationWord(rng: Rng, edu: number): string {
  if (rng.chance(0.15)) {
    const alias = ['学历不限', '初中', '中专', '专科', '本科', '研究生', '博士'][edu]!;
    return alias;
  }
  return EDUCATION_LEVELS[edu]!;
}
