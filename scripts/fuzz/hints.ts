import { readFileSync } from 'node:fs';
import { KEY_INDUSTRIES } from '../../src/catalog/schema.js';
import { KNOWN_TAGS } from '../../src/domain/common.js';
import { DISTRICT_NAMES } from '../../src/domain/districts.js';
import { EDUCATION_LEVELS } from '../../src/domain/education.js';
import { generateResumes, generateVacancies } from '../../src/demo/index.js';
import type { Hints } from './schema.js';

/**
 * Realistic values by field name: JSON Schema cannot say that a district must be one of Qingdao's, so the
 * "valid" half of the fuzz run would otherwise almost never get past validation.
 */
export const HINTS: Hints = {
  district: [...DISTRICT_NAMES, '西海岸新区', '青岛市崂山区', '黄岛'],
  districts: DISTRICT_NAMES,
  desiredDistricts: DISTRICT_NAMES,
  education: [...EDUCATION_LEVELS, '专科', '研究生', '中专'],
  industry: [...KEY_INDUSTRIES, '跨境电商', '物流'],
  desiredIndustries: KEY_INDUSTRIES,
  tag: KNOWN_TAGS,
  tags: KNOWN_TAGS,
  skills: ['Java', 'MySQL', 'Verilog', '焊接', '电工证', 'Python', 'CAD', '叉车证', 'node.js'],
  title: ['Java开发工程师', '普工', '焊工', '数字IC验证工程师', '仓库管理员', 'CNC操机师傅', '跨境电商运营', '电工'],
  desiredTitles: ['Java开发工程师', '普工', '焊工', '电工', '会计'],
  description: ['负责政务平台后端开发，熟悉Spring Boot', '限男性，35岁以下，本地户口优先', '包吃住，五险一金，月休4天', '负责芯片验证，熟悉UVM'],
  q: ['Java', '集成电路', '"数字IC" -实习', '普工 包吃住', '焊工', 'Java开发 青岛', '电工证'],
  salary: ['8-12K·13薪', '6000-8000元/月', '200元/天', '25元/小时', '面议'],
  salaryMin: ['8000', '8k', '1.2万', '300元/天', '5000'],
  salaryMax: ['12000', '15k', '2万', '500元/天'],
  salaryText: ['月薪4500-6000元', '时薪25元', '8-12K'],
  occupationCode: ['2-02-10-03', '2-02', '6-18-02-04', '4-01'],
  employerId: ['e-0001', 'e-0002'],
  compliance: ['pass', 'review'],
  demandLevel: ['1', '3', '5', 1, 3, 5],
  lat: [36.07, 36.3, 35.96, 36.1],
  lon: [120.38, 120.39, 120.2, 120.47],
  radiusKm: [3, 5, 10],
  size: [5, 10, 20],
  page: [1, 2, 3],
  email: ['zhang.san@example.com'],
  phone: ['13812345678'],
  version: ['2025-fuzz', '2025'],
};

/** Whole documents that pass every check: demo vacancies and resumes, the seed catalog, a job posting. */
export interface ExamplePool {
  vacancies: Array<Record<string, unknown>>;
  resumes: Array<Record<string, unknown>>;
  catalog: Record<string, unknown>;
  postings: Array<Record<string, unknown>>;
}

export function examplePool(): ExamplePool {
  const vacancies = generateVacancies(50, { seed: 99, start: 900_001 }) as unknown as Array<Record<string, unknown>>;
  const resumes = generateResumes(50, { seed: 99, start: 900_001 }) as unknown as Array<Record<string, unknown>>;
  const catalog = JSON.parse(readFileSync(new URL('../../seed/catalog/catalog.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  const postings = vacancies.map((v) => ({ title: v.title, description: v.description }));
  return { vacancies, resumes, catalog, postings };
}
