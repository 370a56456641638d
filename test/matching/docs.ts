import { resumeInputSchema, toResume, type Resume, type ResumeInput } from '../../src/domain/resume.js';
import { toVacancy, vacancyInputSchema, type Vacancy, type VacancyInput } from '../../src/domain/vacancy.js';

/** Test documents built through the real input schemas, so they look exactly like stored ones. */
export const NOW = new Date('2026-11-01T00:00:00+08:00');

export function vacancy(input: Partial<VacancyInput> & { id: string }): Vacancy {
  const base: VacancyInput = {
    employer: { id: 'e-1', name: '青岛测试科技有限公司' }, title: '数字IC验证工程师', description: '负责芯片模块验证，搭建UVM验证环境。',
    location: { district: '黄岛区' }, publishedAt: '2026-10-28T09:00:00+08:00',
  };
  return toVacancy(input.id, vacancyInputSchema.parse({ ...base, ...input }), NOW);
}

export function resume(input: Partial<ResumeInput> & { id: string }): Resume {
  const base: ResumeInput = { location: { district: '黄岛区' } };
  return toResume(input.id, resumeInputSchema.parse({ ...base, ...input }), NOW);
}

export const IC_VACANCY = (): Vacancy => vacancy({
  id: 'v-ic', title: '数字IC验证工程师', industry: '集成电路', occupationCode: '2-02-38-09',
  skills: ['Verilog', 'FPGA', '数字电路', 'C', 'UVM'], education: '本科', experienceYearsMin: 3, salary: '15-25K',
  location: { district: '黄岛区', lat: 35.96, lon: 120.19 }, tags: ['妈妈岗'],
});

export const IC_RESUME = (): Resume => resume({
  id: 'r-ic', name: '张三', phone: '13812345678', email: 'z@example.com', idNumber: '370200199001011234',
  gender: '男', birthYear: 1990, ethnicity: '汉族', maritalStatus: '已婚', hukou: '山东青岛',
  education: '硕士', major: '微电子科学与工程', skills: ['Verilog', 'FPGA', '数字电路', 'C', 'SystemVerilog'],
  experience: [{ title: 'IC验证工程师', years: 4 }], desiredTitles: ['芯片验证工程师'], desiredDistricts: ['黄岛区'],
  expectedSalary: '18-22K', location: { district: '黄岛区', lat: 35.95, lon: 120.2 },
});
