import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { bearer, expectProblem, people, startApi, type ApiHarness } from '../support/api';
import { requireEnv, uniquePrefix } from '../support/database';

/**
 * Rate limits on the endpoints anyone can reach (`/respond/*`, `/public/*`) and on uploads: counted per client
 * address in Redis, so two API processes share one count; the refusal is 429 problem+json with Retry-After.
 */
describe('Rate limits', () => {
  const prefix = uniquePrefix('rate-limits');
  const low = { QUEUE_PREFIX: prefix, RATE_LIMIT_PUBLIC_PER_MINUTE: '5', RATE_LIMIT_UPLOAD_PER_MINUTE: '3' };
  let a: ApiHarness;
  let b: ApiHarness;

  beforeAll(async () => {
    [a, b] = await Promise.all([startApi('rate-limit-a', low), startApi('rate-limit-b', low)]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    const redis = new Redis(requireEnv('REDIS_URL'));
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  /** Each test counts from zero: a fresh limit window for every address. */
  beforeEach(async () => {
    const redis = new Redis(requireEnv('REDIS_URL'));
    const keys = await redis.keys(`${prefix}:throttle:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  function expectTooMany(res: Awaited<ReturnType<ReturnType<ApiHarness['http']>['get']>>): void {
    const problem = expectProblem(res, 429, 'too-many-requests');
    expect(problem.detail).toContain('at most');
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  }

  it('requests to /public/* spread over two API processes hit 429 at the shared limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await (i % 2 ? b : a).http().get('/public/hearings')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expectTooMany(await a.http().get('/public/hearings'));
    expectTooMany(await b.http().get(`/public/hearings/${randomUUID()}`));
  });

  it('guessing hearing links on /respond/*: the refused guesses count, then 429 before the link is checked', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await (i % 2 ? b : a).http().get('/respond').set('X-Hearing-Token', randomUUID())).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expectTooMany(await b.http().get('/respond').set('X-Hearing-Token', randomUUID()));
  });

  it('uploads: the upload limit, before the body is read, on a staff upload endpoint too', async () => {
    const upload = (api: ApiHarness) =>
      api
        .http()
        .post(`/hearings/${randomUUID()}/attachments`)
        .set(bearer(people.secretariat))
        .attach('file', Buffer.from('%PDF-1.4 test'), 'notat.pdf');
    const statuses = [(await upload(a)).status, (await upload(b)).status, (await upload(a)).status];
    expect(statuses).not.toContain(429);
    expectTooMany(await upload(b));
    // A route with no limit is not counted.
    expect((await a.http().get('/hearings').set(bearer(people.secretariat))).status).toBe(200);
  });

  it('a forged X-Forwarded-For does not get a fresh count (no proxy trusted by default)', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await a.http().get('/public/hearings').set('X-Forwarded-For', `203.0.113.${i}`)).status).toBe(200);
    }
    expectTooMany(await a.http().get('/public/hearings').set('X-Forwarded-For', '203.0.113.99'));
  });

  it('routes without a limit are never refused', async () => {
    for (let i = 0; i < 8; i++) expect((await a.http().get('/health')).status).not.toBe(429);
  });
});

describe('Rate limits behind a trusted proxy (API_TRUST_PROXY=1)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('rate-limit-proxy', { API_TRUST_PROXY: '1', RATE_LIMIT_PUBLIC_PER_MINUTE: '2' });
  });
  afterAll(() => api?.close());

  it('counts the client the proxy names, each on its own', async () => {
    const from = (ip: string) => api.http().get('/public/hearings').set('X-Forwarded-For', ip);
    expect([(await from('198.51.100.1')).status, (await from('198.51.100.1')).status]).toEqual([200, 200]);
    expectProblem(await from('198.51.100.1'), 429, 'too-many-requests');
    expect((await from('198.51.100.2')).status).toBe(200);
  });
});

describe('Rate limits while Redis is away', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    // Nothing listens on port 1: the API starts and serves; the limits are not counted (and not a 500).
    api = await startApi('rate-limit-no-redis', {
      REDIS_URL: 'redis://127.0.0.1:1',
      RATE_LIMIT_PUBLIC_PER_MINUTE: '1',
    });
  });
  afterAll(() => api?.close());

  it('serves /public/* without counting', async () => {
    for (let i = 0; i < 3; i++) expect((await api.http().get('/public/hearings')).status).toBe(200);
  });
});
