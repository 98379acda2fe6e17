import { ApiEnv, EnvError, WorkerEnv, isProduction, loadEnv } from './env';

const database = { DATABASE_URL: 'postgres://u@localhost/db', REDIS_URL: 'redis://localhost:6379' };
const worker = { ...database, SMTP_URL: 'smtp://localhost:25', MAIL_FROM: 'samflyt <noreply@example.no>' };
const api = { ...database, JWT_SECRET: 'a-secret-of-sixteen+' };

const problemsOf = (load: () => unknown): string[] => {
  try {
    load();
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  throw new Error('the environment was accepted');
};

describe('loadEnv', () => {
  it('fills in the defaults and reads numbers from text', () => {
    expect(loadEnv(WorkerEnv, { ...worker, WORKER_TIMER_CONCURRENCY: '64' })).toEqual({
      ...worker,
      SAMFLYT_ENV: 'development',
      QUEUE_PREFIX: 'samflyt',
      WORKER_METRICS_PORT: 0,
      WORKER_METRICS_HOST: '127.0.0.1',
      WORKER_TIMER_CONCURRENCY: 64,
      WORKER_OUTBOX_CONCURRENCY: 8,
      RECONCILE_INTERVAL_MS: 30_000,
      ALLOW_REDIS_EVICTION: 'false',
      LOG_LEVEL: 'info',
    });
    expect(loadEnv(ApiEnv, { ...api, PORT: '8080' })).toMatchObject({
      PORT: 8080,
      QUEUE_PREFIX: 'samflyt',
      RATE_LIMIT_PUBLIC_PER_MINUTE: 60,
      RATE_LIMIT_UPLOAD_PER_MINUTE: 20,
      API_TRUST_PROXY: 0,
    });
  });

  it('keeps only the variables of the config', () => {
    expect(loadEnv(ApiEnv, { ...api, HOME: '/root' })).not.toHaveProperty('HOME');
  });

  it('names a missing variable, and a malformed one by what it must be, each once', () => {
    const { SMTP_URL: _, ...withoutSmtp } = worker;
    expect(
      problemsOf(() =>
        loadEnv(WorkerEnv, { ...withoutSmtp, REDIS_URL: 'http://localhost', WORKER_TIMER_CONCURRENCY: '1.5' }),
      ),
    ).toEqual([
      'REDIS_URL must be a redis:// URL',
      'SMTP_URL is missing (SMTP_URL must be an smtp:// or smtps:// URL)',
      'WORKER_TIMER_CONCURRENCY must be an integer from 1 to 500',
    ]);
  });

  it('counts an empty variable as missing', () => {
    expect(problemsOf(() => loadEnv(ApiEnv, { ...api, JWT_SECRET: '' }))).toEqual([
      'JWT_SECRET is missing (JWT_SECRET must be at least 16 characters)',
    ]);
  });

  it('refuses values outside a range and words that are no numbers', () => {
    expect(problemsOf(() => loadEnv(ApiEnv, { ...api, PORT: 'eighty' }))).toEqual([
      'PORT must be an integer from 1 to 65535',
    ]);
    expect(problemsOf(() => loadEnv(WorkerEnv, { ...worker, RECONCILE_INTERVAL_MS: '10' }))).toEqual([
      'RECONCILE_INTERVAL_MS must be an integer of at least 100',
    ]);
    expect(problemsOf(() => loadEnv(ApiEnv, { ...api, RATE_LIMIT_PUBLIC_PER_MINUTE: '0' }))).toEqual([
      'RATE_LIMIT_PUBLIC_PER_MINUTE must be an integer of at least 1',
    ]);
    expect(problemsOf(() => loadEnv(ApiEnv, { ...api, INVITATION_TTL_DAYS: '365' }))).toEqual([
      'INVITATION_TTL_DAYS must be an integer from 1 to 90',
    ]);
    expect(loadEnv(ApiEnv, api).INVITATION_TTL_DAYS).toBe(7);
    expect(problemsOf(() => loadEnv(WorkerEnv, { ...worker, WORKER_METRICS_HOST: 'http://x' }))).toEqual([
      'WORKER_METRICS_HOST must be a host name or IP address',
    ]);
    expect(problemsOf(() => loadEnv(WorkerEnv, { ...worker, ALLOW_REDIS_EVICTION: 'yes' }))).toEqual([
      'ALLOW_REDIS_EVICTION must be true or false',
    ]);
  });

  it('wants OIDC_AUDIENCE with OIDC_ISSUER, and an http(s) issuer', () => {
    expect(problemsOf(() => loadEnv(ApiEnv, { ...api, OIDC_ISSUER: 'https://idp.example.no' }))).toEqual([
      'OIDC_AUDIENCE is missing (OIDC_AUDIENCE must be set (the aud of access tokens for the API))',
    ]);
    expect(
      problemsOf(() => loadEnv(ApiEnv, { ...api, OIDC_ISSUER: 'idp.example.no', OIDC_AUDIENCE: 'samflyt' })),
    ).toEqual(['OIDC_ISSUER must be an http(s) URL']);
    expect(
      loadEnv(ApiEnv, { ...api, OIDC_ISSUER: 'https://idp.example.no', OIDC_AUDIENCE: 'samflyt-api' }),
    ).toMatchObject({ OIDC_ISSUER: 'https://idp.example.no', OIDC_AUDIENCE: 'samflyt-api' });
  });

  describe('production (SAMFLYT_ENV=production)', () => {
    const oidc = { OIDC_ISSUER: 'https://idp.example.no', OIDC_AUDIENCE: 'samflyt-api' };
    const production = { ...database, SAMFLYT_ENV: 'production' };

    it('is off unless asked for, and only development or production', () => {
      expect(isProduction(loadEnv(ApiEnv, api))).toBe(false);
      expect(isProduction(loadEnv(ApiEnv, { ...production, ...oidc }))).toBe(true);
      expect(problemsOf(() => loadEnv(WorkerEnv, { ...worker, SAMFLYT_ENV: 'prod' }))).toEqual([
        'SAMFLYT_ENV must be development or production',
      ]);
    });

    it('requires OIDC, naming both variables', () => {
      expect(problemsOf(() => loadEnv(ApiEnv, production))).toEqual([
        'OIDC_ISSUER is missing (OIDC_ISSUER must be set in production (the identity provider))',
        'OIDC_AUDIENCE is missing (OIDC_AUDIENCE must be set (the aud of access tokens for the API))',
      ]);
    });

    it('needs no JWT_SECRET, and refuses a known or short one', () => {
      expect(loadEnv(ApiEnv, { ...production, ...oidc }).JWT_SECRET).toBeUndefined();
      for (const secret of ['change-me-in-production-please', api.JWT_SECRET, 'x'.repeat(31)])
        expect(problemsOf(() => loadEnv(ApiEnv, { ...production, ...oidc, JWT_SECRET: secret }))).toEqual([
          expect.stringMatching(/^JWT_SECRET (is a known|must be at least 32)/),
        ]);
      expect(loadEnv(ApiEnv, { ...production, ...oidc, JWT_SECRET: 'k'.repeat(8) + 'Qz7'.repeat(10) })).toBeTruthy();
    });
  });

  it('reads the admin and secretariat lists as issuer|subject or subject entries', () => {
    const env = loadEnv(ApiEnv, { ...api, ADMIN_SUBJECTS: ' https://idp.example.no|abc , drift ' });
    expect(env).toMatchObject({ ADMIN_SUBJECTS: ['https://idp.example.no|abc', 'drift'], SECRETARIAT_SUBJECTS: [] });
    expect(problemsOf(() => loadEnv(ApiEnv, { ...api, SECRETARIAT_SUBJECTS: 'a|b|c' }))).toEqual([
      'SECRETARIAT_SUBJECTS entries must be issuer|subject or subject',
    ]);
  });
});
