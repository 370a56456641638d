import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../support/engines.js';
import { appFor, auth, KEYS } from '../support/app.js';
import { SHARED_TAXONOMY } from '../../scripts/eval-occupations.js';
import { hasShared } from '../support/shared-data.js';

const file = process.env.OCCUPATIONS_FILE ?? (hasShared('data/occupations/dadian2022_flattened.json') ? SHARED_TAXONOMY : undefined);

/** GET /v1/occupations/classify over HTTP, with the full taxonomy when it is beside the repository. */
describe.each(enginesUnderTest())('occupation classification on $name', ({ make }) => {
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    let engine;
    ({ engine, cleanup } = await make());
    app = await appFor(engine, file ? { OCCUPATIONS_FILE: file } : {});
  });
  afterAll(async () => { await app?.close(); await cleanup?.(); });
  const classify = (q: string, key: string = KEYS.public) => app.inject({ method: 'GET', url: `/v1/occupations/classify?${q}`, headers: auth(key) });

  it.each([
    ['Java后端开发', '2-02-10'],
    ['CNC操机师傅', '6-18-01'],
    ['普工（包吃住）', '6-'],
    ['外贸跟单', '2-06-07'],
  ])('classifies %s (top 5 with codes, names and confidence)', async (title, prefix) => {
    const res = await classify(`title=${encodeURIComponent(title)}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.matches.length).toBeGreaterThan(0);
    expect(body.matches.length).toBeLessThanOrEqual(5);
    expect(body.matches.slice(0, 5).some((m: { code: string }) => m.code.startsWith(prefix))).toBe(true);
    for (const m of body.matches) expect(m).toEqual({ code: expect.stringMatching(/^\d-\d\d-\d\d-\d\d$/), name: expect.any(String), confidence: expect.any(Number), uncertain: m.confidence < 0.5 });
    expect(body.uncertain).toBe(body.matches[0].uncertain);
  });

  it('says uncertain when the title names no job, and is sure of an everyday one', async () => {
    const vague = (await classify(`title=${encodeURIComponent('急招 高薪 包吃住 月入过万')}`)).json();
    expect(vague.uncertain).toBe(true);
    const sure = (await classify(`title=${encodeURIComponent('美团外卖骑手 日结')}`)).json();
    expect(sure.uncertain).toBe(false);
    expect(sure.matches[0].code).toBe('4-10-08-01');
  });

  it('uses the description for a vague title', async () => {
    const res = await classify(`title=${encodeURIComponent('技术员')}&description=${encodeURIComponent('负责注塑机的调试与模具更换，处理注塑产品缺陷')}`);
    expect(res.json().matches.slice(0, 5).map((m: { name: string }) => m.name).join()).toMatch(/注塑|塑料|模具/);
  });

  it('answers 400 naming the field for a missing, empty or too long title', async () => {
    for (const q of ['', 'title=', `title=${'工'.repeat(101)}`]) {
      const res = await classify(q);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().errors[0].field).toBe('title');
    }
  });
});
