import type { ResumeInput } from '../../src/domain/resume.js';
import type { VacancyInput } from '../../src/domain/vacancy.js';

/** A small, hand-written set of vacancies and resumes whose expected search results are known. */
export const VACANCIES: Array<VacancyInput & { id: string }> = [
  {
    id: 'v-ic-1', employer: { id: 'e-0001', name: '青岛芯恩集成电路有限公司' }, title: '数字IC验证工程师',
    description: '负责集成电路芯片模块级和系统级验证，搭建UVM验证环境，编写SystemVerilog测试用例。',
    requirements: '熟悉Verilog、SystemVerilog、UVM；有FPGA原型验证经验优先。', industry: '集成电路', occupationCode: '2-02-09-07',
    skills: ['SystemVerilog', 'UVM', 'Verilog', 'FPGA'], education: '本科', experienceYearsMin: 3, salary: '20-35K·14薪',
    location: { district: '黄岛区', lat: 35.96, lon: 120.19 }, employmentType: '全职', tags: [], headcount: 3, publishedAt: '2026-10-20T09:00:00+08:00',
  },
  {
    id: 'v-java-1', employer: { id: 'e-0002', name: '青岛海纳软件科技有限公司' }, title: 'Java开发工程师',
    description: '参与政务服务平台后端开发，使用Java、Spring Boot、MySQL、Redis构建微服务。',
    industry: '新一代信息技术', occupationCode: '2-02-10-03', skills: ['Java', 'Spring Boot', 'MySQL', 'Redis'], education: '本科', experienceYearsMin: 2,
    salary: { text: '12-18K', min: 12000, max: 18000, period: 'month' }, location: { district: '崂山区', lat: 36.107, lon: 120.468 }, employmentType: '全职',
    publishedAt: '2026-10-28T09:00:00+08:00',
  },
  {
    id: 'v-ship-1', employer: { id: 'e-0003', name: '青岛北船重工有限公司' }, title: '船舶电焊工',
    description: '负责船舶海工分段焊接，熟练掌握二氧化碳保护焊、氩弧焊。包吃住。',
    industry: '船舶海工', skills: ['电焊', '氩弧焊', '焊工证'], education: '初中', salary: '300元/天', location: { district: '黄岛区', lat: 35.88, lon: 120.05 },
    employmentType: '全职', tags: ['零工'], headcount: 20, publishedAt: '2026-10-10T09:00:00+08:00',
  },
  {
    id: 'v-ops-1', employer: { id: 'e-0004', name: '青岛海尔智能家电有限公司' }, title: '普工（包吃住）',
    description: '智能家电生产线装配、包装，两班倒，工作轻松，提供宿舍。',
    industry: '智能家电', skills: ['装配'], education: '不限', salary: '25元/小时', location: { district: '城阳区', lat: 36.31, lon: 120.40 },
    employmentType: '全职', tags: ['妈妈岗'], headcount: 50, publishedAt: '2026-10-25T09:00:00+08:00',
  },
  {
    id: 'v-draft-1', employer: { id: 'e-0002', name: '青岛海纳软件科技有限公司' }, title: 'Python数据分析师',
    description: '草稿：负责数据分析。', skills: ['Python'], salary: '面议', location: { district: '市南区' }, status: 'draft',
  },
  {
    id: 'v-trad-1', employer: { id: 'e-0005', name: '青岛東方顯示科技有限公司' }, title: '新型顯示工藝工程師',
    description: '負責ＯＬＥＤ面板工藝開發與良率提升。', industry: '新型显示', skills: ['OLED'], salary: '1-1.5万', location: { district: '即墨区', lat: 36.39, lon: 120.45 },
    publishedAt: '2026-09-01T09:00:00+08:00',
  },
];

export const RESUMES: Array<ResumeInput & { id: string }> = [
  {
    id: 'r-1', name: '张三', phone: '13812345678', email: 'zhangsan@example.com', gender: '男', birthYear: 1995, hukou: '山东青岛',
    education: '本科', major: '微电子科学与工程', skills: ['Verilog', 'SystemVerilog', 'UVM'], experience: [{ title: 'IC验证工程师', company: '某芯片公司', years: 4, description: '负责SoC模块验证' }],
    desiredTitles: ['数字IC验证工程师'], desiredIndustries: ['集成电路'], desiredDistricts: ['黄岛区'], expectedSalary: '25-30K', location: { district: '黄岛区', lat: 35.95, lon: 120.2 },
    contactConsent: false, summary: '四年芯片验证经验。',
  },
  {
    id: 'r-2', name: '李娜', phone: '13987654321', education: '大专', skills: ['Java', 'MySQL'], experience: [{ title: 'Java开发', years: 2 }],
    desiredTitles: ['Java开发工程师'], desiredDistricts: ['崂山区', '市南区'], expectedSalary: '10000-14000元/月', location: { district: '李沧区' }, contactConsent: true,
    programs: ['高校毕业生'],
  },
];
