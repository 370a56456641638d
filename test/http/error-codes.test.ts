/** Domain errors carry a stable code into their problem documents, through the one error handler. */
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, InvalidParameter, isDomainError, NotFound } from '../../src/domain/errors.js';
import { auth, KEYS, useEmbeddedApp } from '../support/app.js';

const app = useEmbeddedApp();

describe('domain errors', () => {
  it('are @fastify/error errors with a stable code and status', () => {
    const e = new NotFound('no vacancy with id "v-1"');
    expect(e).toBeInstanceOf(Error);
    expect(isDomainError(e)).toBe(true);
    expect(e).toMatchObject({ code: 'ZZH_NOT_FOUND', statusCode: 404, message: 'no vacancy with id "v-1"' });
    expect(new InvalidParameter('bad', { errors: [{ field: 'size', location: 'query', reason: 'bad' }] })).toMatchObject({ statusCode: 400, errors: [{ field: 'size' }] });
    for (const [code, { status }] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^ZZH_[A-Z_]+$/);
      expect(status).toBeGreaterThanOrEqual(400);
    }
  });

  it('a bad search cursor answers 400 with code ZZH_INVALID_PARAMETER and the parameter named', async () => {
    const res = await app().inject({ method: 'GET', url: '/v1/vacancies/search?cursor=nonsense', headers: auth(KEYS.public) });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 400, code: 'ZZH_INVALID_PARAMETER', errors: [{ field: 'cursor', location: 'query' }] });
  });

  it('every problem carries a code: unknown route, missing key, wrong role, schema validation', async () => {
    expect((await app().inject({ method: 'GET', url: '/v1/nothing-here' })).json()).toMatchObject({ status: 404, code: 'ZZH_NOT_FOUND' });
    expect((await app().inject({ method: 'GET', url: '/v1/vacancies/search' })).json()).toMatchObject({ status: 401, code: 'ZZH_UNAUTHORIZED' });
    expect((await app().inject({ method: 'GET', url: '/v1/audit', headers: auth(KEYS.public) })).json()).toMatchObject({ status: 403, code: 'ZZH_FORBIDDEN' });
    expect((await app().inject({ method: 'GET', url: '/v1/vacancies/search?size=-3', headers: auth(KEYS.public) })).json()).toMatchObject({ status: 400, code: expect.stringMatching(/^ZZH_/) });
  });

  it('the OpenAPI Problem schema documents `code`', async () => {
    const doc = (await app().inject({ method: 'GET', url: '/openapi.json' })).json() as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
    expect(doc.components.schemas.Problem!.properties).toHaveProperty('code');
  });
});
