import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkPages } from '../../src/catalog/walk.js';
import { normalizeKeyword } from '../../src/analysis/analyzer.js';
import { seedDemoData } from '../../src/indexing/seed-demo.js';
import { appFor, auth, KEYS, sharedScreener } from '../support/app.js';
import { enginesUnderTest } from '../support/engines.js';

interface Suggestion { text: string; kind: string; count: number; match: string; matched?: string; id: string; aliases?: string[]; search: Record<string, string> }
interface Body { q: string; suggestions: Suggestion[]; vacancies: number }

/** The default DEMO_VACANCIES: the demo data as a fresh start-up loads it. */
const DEMO = 3000;

describe.each(enginesUnderTest())('suggestions: $name', ({ make }) => {
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;

  const get = async (qs: Record<string, string>, key: string = KEYS.public) => {
    const res = await app.inject({ method: 'GET', url: `/v1/suggest?${new URLSearchParams(qs)}`, headers: auth(key) });
    return { status: res.statusCode, body: res.json() as Body & { errors?: Array<{ field: string }> } };
  };

  beforeAll(async () => {
    let engine;
    ({ engine, cleanup } = await make());
    app = await appFor(engine, { SUGGEST_REFRESH_MS: '0' });
    // Written through the app's engine: the index follows each write as it happens.
    await seedDemoData(app.deps.engine, app.deps.catalog.pipeline, sharedScreener().screener, { vacancies: DEMO, resumes: 0 }, { progress: false });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await cleanup?.();
  });

  it('completes a Chinese prefix, counted by live vacancies', async () => {
    const { status, body } = await get({ q: '计算机', kind: 'title' });
    expect(status).toBe(200);
    expect(body.suggestions[0]).toMatchObject({ kind: 'title', match: 'prefix' });
    expect(body.suggestions[0]!.text.startsWith('计算机')).toBe(true);
    expect(body.vacancies).toBeGreaterThan(DEMO * 0.9);
  });

  it('completes full pinyin and pinyin initials (jsj → 计算机…)', async () => {
    for (const q of ['jsj', 'jisuanji']) {
      const { body } = await get({ q, kind: 'title' });
      expect(body.suggestions[0]?.text.startsWith('计算机'), `${q}: ${JSON.stringify(body.suggestions.slice(0, 3))}`).toBe(true);
      expect(body.suggestions[0]!.match).toBe(q === 'jsj' ? 'initials' : 'pinyin');
    }
  });

  it('corrects one typo in a Latin skill (javscript → JavaScript)', async () => {
    const { body } = await get({ q: 'javscript', kind: 'skill' });
    expect(body.suggestions[0]).toMatchObject({ text: 'JavaScript', kind: 'skill', match: 'typo', matched: 'javascript' });
    // A correct prefix needs no correction and is matched as typed.
    expect((await get({ q: 'javas', kind: 'skill' })).body.suggestions[0]).toMatchObject({ text: 'JavaScript', match: 'prefix' });
  });

  it('knows district aliases (黄岛, 西海岸 → 黄岛区)', async () => {
    for (const q of ['黄岛', '西海岸', 'xihaian', 'hdq']) {
      const { body } = await get({ q, kind: 'place' });
      expect(body.suggestions[0], q).toMatchObject({ text: '黄岛区', kind: 'place', search: { district: '黄岛区' } });
      expect(body.suggestions[0]!.aliases).toContain('西海岸新区');
    }
    expect((await get({ q: '西海岸', kind: 'place' })).body.suggestions[0]).toMatchObject({ match: 'alias', matched: '西海岸' });
  });

  it('counts each completion as the live vacancies behind it', async () => {
    // Straight from the stored documents: every published vacancy listing the skill.
    const skillCounts = new Map<string, number>();
    for await (const page of walkPages(app.deps.engine, 'vacancy')) {
      for (const hit of page) {
        const v = hit.source as { status: string; skills: string[] };
        if (v.status !== 'published') continue;
        for (const id of new Set(v.skills.map(normalizeKeyword))) skillCounts.set(id, (skillCounts.get(id) ?? 0) + 1);
      }
    }
    const { body } = await get({ q: 'j', kind: 'skill', size: '5' });
    expect(body.suggestions.length).toBeGreaterThan(0);
    for (const s of body.suggestions) expect(s.count, s.text).toBe(skillCounts.get(normalizeKeyword(s.text)));
    // Ranked by count.
    const counts = body.suggestions.map((s) => s.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('follows writes, closing and deletion at once', async () => {
    const vacancy = {
      employer: { id: 'e-0001', name: '青岛量子星辰科技有限公司' }, title: '量子纠错算法研究员', description: '研究量子纠错码与容错量子计算。',
      skills: ['Qiskit'], location: { district: '崂山区' }, salary: '20-30K',
    };
    const put = (body: Record<string, unknown>) => app.inject({ method: 'PUT', url: '/v1/vacancies/v-sugg-1', headers: auth(KEYS.employer), payload: body });
    expect((await put(vacancy)).statusCode).toBeLessThan(300);
    const title = async () => (await get({ q: 'lzjc', kind: 'title' })).body.suggestions.find((s) => s.text === '量子纠错算法研究员');
    expect(await title()).toMatchObject({ count: 1, match: 'initials' });
    expect((await get({ q: 'qiskt', kind: 'skill' })).body.suggestions[0]).toMatchObject({ text: 'Qiskit', count: 1, match: 'typo' });
    expect((await get({ q: '青岛量子', kind: 'employer' })).body.suggestions[0]).toMatchObject({ id: 'e-0001', search: { employerId: 'e-0001' } });
    expect((await put({ ...vacancy, status: 'closed' })).statusCode).toBeLessThan(300);
    expect(await title()).toBeUndefined();
    expect((await put(vacancy)).statusCode).toBeLessThan(300);
    expect(await title()).toMatchObject({ count: 1 });
    expect((await app.inject({ method: 'DELETE', url: '/v1/vacancies/v-sugg-1', headers: auth(KEYS.employer) })).statusCode).toBeLessThan(300);
    expect(await title()).toBeUndefined();
  });

  it('rebuilds from the engine to the same counts (what another replica sees)', async () => {
    const before = (await get({ q: 'g', size: '20' })).body;
    await app.deps.suggest.rebuild();
    const after = (await get({ q: 'g', size: '20' })).body;
    expect(after).toEqual(before);
  }, 60_000);

  it('answers every role, and refuses bad parameters with the field named', async () => {
    for (const key of [KEYS.public, KEYS.seeker, KEYS.employer, KEYS.recruiter, KEYS.admin]) expect((await get({ q: '普工' }, key)).status).toBe(200);
    for (const [qs, field] of [[{ kind: 'company' }, 'kind'], [{ size: '0' }, 'size'], [{ size: 'many' }, 'size'], [{ q: 'x'.repeat(51) }, 'q'], [{ limit: '3' }, 'limit']] as const) {
      const { status, body } = await get(qs as Record<string, string>);
      expect(status, JSON.stringify(qs)).toBe(400);
      expect(body.errors?.[0]?.field).toBe(field);
    }
    const anonymous = await app.inject({ method: 'GET', url: '/v1/suggest?q=a' });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe.each(enginesUnderTest().filter((e) => e.name === 'elasticsearch'))('suggestions across replicas: $name', ({ make }) => {
  let a: FastifyInstance;
  let b: FastifyInstance;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    let engine;
    ({ engine, cleanup } = await make());
    // Two API processes on one cluster: `a` reads, `b` writes; `a` learns of it from the index's write counters.
    a = await appFor(engine, { SUGGEST_REFRESH_MS: '200' });
    b = await appFor(engine, { SUGGEST_REFRESH_MS: '0' });
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await cleanup?.();
  });

  const titles = async () => {
    const res = await a.inject({ method: 'GET', url: `/v1/suggest?${new URLSearchParams({ q: 'hy', kind: 'title' })}`, headers: auth(KEYS.public) });
    return (res.json() as Body).suggestions.map((s) => `${s.text}:${s.count}`);
  };
  const until = async (want: string[]) => {
    const t0 = Date.now();
    let got = await titles();
    while (JSON.stringify(got) !== JSON.stringify(want) && Date.now() - t0 < 10_000) {
      await new Promise((r) => setTimeout(r, 100));
      got = await titles();
    }
    return { got, ms: Date.now() - t0 };
  };

  it("sees another replica's writes and deletions within the refresh interval", async () => {
    expect(await titles()).toEqual([]);
    const put = await b.inject({
      method: 'PUT', url: '/v1/vacancies/v-replica-1', headers: auth(KEYS.employer),
      payload: { employer: { id: 'e-0001', name: '青岛海洋科技有限公司' }, title: '海洋测绘工程师', description: '海洋测绘与数据处理。', location: { district: '黄岛区' } },
    });
    expect(put.statusCode).toBeLessThan(300);
    const seen = await until(['海洋测绘工程师:1']);
    expect(seen.got).toEqual(['海洋测绘工程师:1']);
    expect(seen.ms).toBeLessThan(5000);
    expect((await b.inject({ method: 'DELETE', url: '/v1/vacancies/v-replica-1', headers: auth(KEYS.employer) })).statusCode).toBeLessThan(300);
    expect((await until([])).got).toEqual([]);
  }, 30_000);
});
