import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateResumes, generateVacancies } from '../../src/demo/index.js';
import { PROTECTED_FIELDS } from '../../src/domain/resume.js';
import { haversineKm } from '../../src/engine/geo.js';
import { enginesUnderTest } from '../support/engines.js';
import { KEYS } from '../support/app.js';
import { demoApp, getMatches, type MatchBody } from './demo-app.js';

/** Recommendations both ways over HTTP on demo data, the same cases on every engine. */
const N = 200;
const vacancyIds = generateVacancies(N).filter((v) => (v.status ?? 'published') === 'published').map((v) => v.id);
const resumeIds = generateResumes(N).map((r) => r.id);

const sum = (b: MatchBody['matches'][number]) => (b.breakdown ?? []).reduce((s, x) => s + x.contribution, 0);
const view = (b: MatchBody) => b.matches.map((m) => ({ id: m.id, score: m.score, breakdown: m.breakdown }));

describe.each(enginesUnderTest())('recommendations on $name', ({ make }) => {
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  const forResume = (id: string, q = '') => getMatches(app, `/v1/resumes/${id}/matches?size=20${q}`, KEYS.recruiter);
  const forVacancy = (id: string, q = '') => getMatches(app, `/v1/vacancies/${id}/matches?size=20${q}`, KEYS.recruiter);

  beforeAll(async () => {
    let engine;
    ({ engine, cleanup } = await make());
    app = await demoApp(engine, { vacancies: N, resumes: N });
  }, 120_000);
  afterAll(async () => { await app?.close(); await cleanup?.(); });

  it('recommends vacancies to every seeker and candidates for every published vacancy; breakdowns add up', async () => {
    for (const [ids, get] of [[resumeIds, forResume], [vacancyIds, forVacancy]] as const) {
      for (const id of ids) {
        const { status, body } = await get(id);
        expect(status, id).toBe(200);
        expect(body.matches.length, id).toBeGreaterThan(0);
        expect(body.personalization).toBe('on');
        for (const m of body.matches) {
          expect(Math.abs(sum(m) - m.score), `${id} → ${m.id}`).toBeLessThanOrEqual(0.01);
          expect(m.score).toBeGreaterThanOrEqual(0);
          expect(m.score).toBeLessThanOrEqual(100);
        }
        const scores = body.matches.map((m) => m.score);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
      }
    }
  }, 120_000);

  it('gives the same pair the same score and breakdown from either side', async () => {
    let compared = 0;
    for (const rid of resumeIds.slice(0, 40)) {
      const seeker = (await forResume(rid)).body;
      for (const m of seeker.matches.slice(0, 3)) {
        const other = (await getMatches(app, `/v1/vacancies/${m.id}/matches?size=100`, KEYS.admin)).body.matches.find((x) => x.id === rid);
        if (!other) continue;
        expect(other.score).toBe(m.score);
        expect(other.breakdown).toEqual(m.breakdown);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
  }, 120_000);

  it('masks candidates: no protected attribute, contact data masked without consent', async () => {
    const { body } = await forVacancy(vacancyIds[0]!);
    for (const m of body.matches) {
      for (const f of PROTECTED_FIELDS) expect(m.resume).not.toHaveProperty(f);
      const r = m.resume as { contactConsent: boolean; phone?: string };
      if (!r.contactConsent && r.phone) expect(r.phone).toContain('****');
    }
  });

  it('filters by district and distance, and explains only when asked', async () => {
    const { body } = await forResume(resumeIds[0]!, `&district=${encodeURIComponent('西海岸新区')}&explain=false`);
    expect(body.matches.length).toBeGreaterThan(0);
    for (const m of body.matches) {
      expect((m.vacancy as { location: { district: string } }).location.district).toBe('黄岛区');
      expect(m.breakdown).toBeUndefined();
    }
    const withGeo = generateVacancies(N).find((v) => v.location.lat !== undefined && vacancyIds.includes(v.id))!;
    const near = await forVacancy(withGeo.id, '&radiusKm=15');
    expect(near.status).toBe(200);
    for (const m of near.body.matches) {
      const loc = (m.resume as { location: { lat: number; lon: number } }).location;
      expect(haversineKm(loc.lat, loc.lon, withGeo.location.lat!, withGeo.location.lon!)).toBeLessThanOrEqual(15.01);
    }
  });

  it('with personalization=off ranks by recency and catalog priority, ignoring the profile', async () => {
    const a = (await forResume(resumeIds[0]!, '&personalization=off')).body;
    const b = (await forResume(resumeIds[1]!, '&personalization=off')).body;
    expect(a.personalization).toBe('off');
    expect(view(a)).toEqual(view(b));
    for (const m of a.matches) {
      expect(m.breakdown!.map((x) => x.factor)).toEqual(['recency', 'catalogPriority']);
      expect(Math.abs(sum(m) - m.score)).toBeLessThanOrEqual(0.01);
    }
  });

  it('ignores protected attributes: changing them on every resume changes no score and no order', async () => {
    const sampleR = resumeIds.slice(0, 15);
    const sampleV = vacancyIds.slice(0, 15);
    const before = [...await Promise.all(sampleR.map(async (id) => view((await forResume(id)).body))), ...await Promise.all(sampleV.map(async (id) => view((await forVacancy(id)).body)))];
    const flip: Record<string, (r: Record<string, unknown>) => unknown> = {
      gender: (r) => (r.gender === '男' ? '女' : '男'),
      birthYear: (r) => (typeof r.birthYear === 'number' ? r.birthYear - 23 : 1960),
      ethnicity: (r) => (r.ethnicity === '汉族' ? '回族' : '汉族'),
      maritalStatus: (r) => (r.maritalStatus === '已婚' ? '未婚' : '已婚'),
      hukou: (r) => (r.hukou === '山东省青岛市' ? '甘肃省兰州市' : '山东省青岛市'),
    };
    const now = new Date();
    const lines = generateResumes(N).map((r, i) => {
      const changed: Record<string, unknown> = { ...r };
      for (const f of PROTECTED_FIELDS) changed[f] = flip[f]!(changed);
      return { line: i + 1, value: changed };
    });
    expect((await app.deps.catalog.pipeline.writeLines('resume', lines, now)).items.every((x) => x.result !== 'error')).toBe(true);
    const after = [...await Promise.all(sampleR.map(async (id) => view((await forResume(id)).body))), ...await Promise.all(sampleV.map(async (id) => view((await forVacancy(id)).body)))];
    expect(after).toEqual(before);
  }, 120_000);

  it('refuses radiusKm without the document\'s coordinates, naming the field', async () => {
    const noGeo = generateResumes(N).find((r) => r.location.lat === undefined)!;
    const res = await forResume(noGeo.id, '&radiusKm=5');
    expect(res.status).toBe(400);
    expect((res.body as unknown as { errors: Array<{ field: string }> }).errors[0]!.field).toBe('radiusKm');
  });
});

describe('recommendations across engines', () => {
  const engines = enginesUnderTest();
  it.skipIf(engines.length < 2)('come in the same order on both engines (ties aside) for a sample of demo data', async () => {
    const made = await Promise.all(engines.map((e) => e.make()));
    const apps = await Promise.all(made.map((m) => demoApp(m.engine, { vacancies: N, resumes: N })));
    try {
      const key = (b: MatchBody) => b.matches.map((m) => `${m.score}`).join(',');
      const groups = (b: MatchBody) => { const g = new Map<number, string[]>(); for (const m of b.matches) g.set(m.score, [...(g.get(m.score) ?? []), m.id].sort()); return [...g]; };
      const paths = [...resumeIds.slice(0, 25).map((id) => `/v1/resumes/${id}/matches?size=10`), ...vacancyIds.slice(0, 25).map((id) => `/v1/vacancies/${id}/matches?size=10`)];
      for (const path of paths) {
        const [a, b] = await Promise.all(apps.map(async (app) => (await getMatches(app, path, KEYS.admin)).body));
        expect(key(b!), path).toBe(key(a!));
        expect(groups(b!), path).toEqual(groups(a!));
      }
    } finally {
      for (const app of apps) await app.close();
      for (const m of made) await m.cleanup();
    }
  }, 240_000);
});
