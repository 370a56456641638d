import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resumeInputSchema } from '../../src/domain/resume.js';
import { redactResume } from '../../src/domain/privacy.js';
import { resumeSpec } from '../../src/indexing/service.js';
import { appFor, auth, KEYS } from '../support/app.js';
import { enginesUnderTest } from '../support/engines.js';

/** Contact data typed into a resume's free text: masked where resumes are shown, never searchable. */
const SECRET = {
  mobile: '13812345678', handle: 'weld_zhang88', idNumber: '370202199001011234', landline: '0532-88886666',
  email: 'wangwu.weld@example.com', consentedMobile: '15912345678', consentedQq: '87654321', consentedId: '37020219900101123X',
};

const NO_CONSENT = {
  name: '王五', phone: '13900001111', contactConsent: false,
  summary: `八年船舶焊接经验，持焊工证。电话${SECRET.mobile}，微信：${SECRET.handle}，身份证${SECRET.idNumber}。期望8000-12000，2019-2023在北船重工。`,
  experience: [{ title: '电焊工', company: '北船重工', years: 8, description: `带班组20人，联系 ${SECRET.landline} 或 ${SECRET.email}` }],
  desiredTitles: ['电焊工'], skills: ['电焊', '氩弧焊'], expectedSalary: '8000-12000', location: { district: '黄岛区' as const, lat: 35.9, lon: 120.1 },
};
const CONSENT = {
  name: '赵六', phone: '13700002222', contactConsent: true,
  summary: `熟悉氩弧焊、二保焊。电话${SECRET.consentedMobile}，QQ：${SECRET.consentedQq}，身份证${SECRET.consentedId}。`,
  experience: [{ title: '电焊工', years: 5 }],
  desiredTitles: ['电焊工'], skills: ['电焊'], location: { district: '黄岛区' as const, lat: 35.91, lon: 120.11 },
};

describe('resume free text: the analysed document', () => {
  it('keeps contact data typed into free text out of every searchable field, with or without consent', () => {
    for (const input of [NO_CONSENT, CONSENT]) {
      const doc = resumeSpec.analyse(resumeSpec.build('r-x', resumeInputSchema.parse(input), new Date()));
      const text = Object.values(doc.text).join(' ');
      for (const digits of ['13812345678', '88886666', '0532', '370202', '15912345678', '87654321', 'weld_zhang88', 'wangwu']) expect(text).not.toContain(digits);
      expect(text).toContain('氩弧焊');
    }
  });

  it('masks free text in the shown resume unless consent; ID numbers always', () => {
    const masked = redactResume(resumeSpec.build('r-x', resumeInputSchema.parse(NO_CONSENT), new Date()), { dropProtected: true });
    expect(masked.summary).toBe('八年船舶焊接经验，持焊工证。电话138****5678，微信：w***，身份证37**************34。期望8000-12000，2019-2023在北船重工。');
    expect(masked.experience[0]!.description).toBe('带班组20人，联系 053*-****6666 或 w***@example.com');
    const consented = redactResume(resumeSpec.build('r-y', resumeInputSchema.parse(CONSENT), new Date()), { dropProtected: true });
    expect(consented.summary).toBe(`熟悉氩弧焊、二保焊。电话${SECRET.consentedMobile}，QQ：${SECRET.consentedQq}，身份证37**************3X。`);
  });
});

describe.each(enginesUnderTest())('resume free text over HTTP on $name', ({ make }) => {
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  const get = async (url: string, key: string) => {
    const res = await app.inject({ method: 'GET', url, headers: auth(key) });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res;
  };
  const search = async (q: string) => (await get(`/v1/resumes/search?q=${encodeURIComponent(q)}`, KEYS.recruiter)).json() as { total: number; hits: Array<{ id: string }> };

  beforeAll(async () => {
    let engine;
    ({ engine, cleanup } = await make());
    app = await appFor(engine);
    for (const [id, body] of [['r-ft-1', NO_CONSENT], ['r-ft-2', CONSENT]] as const) {
      expect((await app.inject({ method: 'PUT', url: `/v1/resumes/${id}`, headers: auth(KEYS.recruiter), payload: body })).statusCode).toBe(201);
    }
    const vacancy = { employer: { id: 'e-0001', name: '青岛示例科技有限公司' }, title: '电焊工', description: '船舶分段焊接', skills: ['电焊'], location: { district: '黄岛区', lat: 35.9, lon: 120.1 } };
    expect((await app.inject({ method: 'PUT', url: '/v1/vacancies/v-weld', headers: auth(KEYS.employer), payload: vacancy })).statusCode).toBe(201);
  }, 60_000);
  afterAll(async () => { await app?.close(); await cleanup?.(); });

  const hidden = [SECRET.mobile, SECRET.handle, SECRET.idNumber, SECRET.landline, SECRET.email, '88886666', SECRET.consentedId];

  it('masks it in a direct read, a search and a vacancy\'s candidates', async () => {
    const bodies = [
      (await get('/v1/resumes/r-ft-1', KEYS.recruiter)).body,
      (await get(`/v1/resumes/search?q=${encodeURIComponent('焊接')}`, KEYS.recruiter)).body,
      (await get('/v1/vacancies/v-weld/matches', KEYS.employer)).body,
      (await get('/v1/vacancies/v-weld/matches', KEYS.recruiter)).body,
    ];
    for (const body of bodies) {
      expect(body).toContain('r-ft-1');
      for (const s of hidden) expect(body).not.toContain(s);
      expect(body).toContain('138****5678');
    }
  });

  it('shows it to a recruiter when the seeker consented, except the ID number', async () => {
    const r = (await get('/v1/resumes/r-ft-2', KEYS.recruiter)).json();
    expect(r.summary).toContain(SECRET.consentedMobile);
    expect(r.summary).toContain(`QQ：${SECRET.consentedQq}`);
    expect(r.summary).not.toContain(SECRET.consentedId);
  });

  it('shows everything to an admin reading one resume', async () => {
    const r = (await get('/v1/resumes/r-ft-1', KEYS.admin)).json();
    expect(r.summary).toBe(NO_CONSENT.summary);
    expect(r.experience[0].description).toBe(NO_CONSENT.experience[0]!.description);
  });

  it('finds nothing when searching for contact data typed into a summary', async () => {
    for (const q of [SECRET.mobile, '138 1234 5678', SECRET.handle, SECRET.idNumber, SECRET.landline, '88886666', SECRET.email, SECRET.consentedMobile, SECRET.consentedQq]) {
      const res = await search(q);
      expect(res.hits.map((h) => h.id), q).toEqual([]);
      expect(res.total, q).toBe(0);
    }
    // The rest of the same summaries stays searchable.
    expect((await search('焊工证')).hits.map((h) => h.id)).toContain('r-ft-1');
    expect((await search('二保焊')).hits.map((h) => h.id)).toContain('r-ft-2');
  });
});
