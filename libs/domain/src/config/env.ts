import { z } from 'zod';

/** Text matching `pattern`; the message names the variable and its rule (`must …`). */
const matching = (name: string, pattern: RegExp, rule: string) => {
  const message = `${name} ${rule}`;
  return z.string({ error: message }).regex(pattern, message);
};

/** A whole number in [min, max], written in digits (as `Number()` reads them), with a default when unset. */
const integer = (name: string, min: number, max: number | null, fallback: number) => {
  const message = `${name} must be an integer ${max === null ? `of at least ${min}` : `from ${min} to ${max}`}`;
  const int = z.coerce.number({ error: message }).int(message).min(min, message);
  return (max === null ? int : int.max(max, message)).default(fallback);
};

/** Log settings (config/logging.ts): the level, and JSON lines or readable ones (development only). */
export const logEnv = {
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'LOG_LEVEL must be fatal, error, warn, info, debug, trace or silent',
    })
    .default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'LOG_FORMAT must be json or pretty' }).optional(),
};

const postgresEnv = z.object({
  DATABASE_URL: matching('DATABASE_URL', /^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// URL'),
});

/**
 * `development` (the default: `npm start`, `npm test`) or `production`. Production has no development login,
 * refuses HS256 development tokens, never seeds demo data, and refuses unsafe configuration at start-up.
 */
const samflytEnv = z
  .enum(['development', 'production'], { error: 'SAMFLYT_ENV must be development or production' })
  .default('development');

/** True when the process runs as a deployment (SAMFLYT_ENV=production). */
export const isProduction = (env: { SAMFLYT_ENV?: string } = process.env): boolean => env.SAMFLYT_ENV === 'production';

/** Secrets shipped in this repository (compose file, README, tests): never good enough for production. */
const KNOWN_SECRETS = new Set([
  'change-me-in-production-please',
  'samflyt-test-jwt-secret-not-for-production',
  'a-secret-of-sixteen+',
]);

/** Why `secret` is unsafe for production, or null: shorter than 32 characters, or one shipped in this repository. */
export function unsafeSecret(name: string, secret: string): string | null {
  if (KNOWN_SECRETS.has(secret) || /change-?me|not-for-production|example/i.test(secret))
    return `${name} is a known or example value; production needs a random secret of 32+ characters`;
  if (secret.length < 32) return `${name} must be at least 32 characters in production`;
  return null;
}

/** Postgres and Redis: what every process needs. */
const databaseEnv = postgresEnv.extend({
  SAMFLYT_ENV: samflytEnv,
  REDIS_URL: matching('REDIS_URL', /^rediss?:\/\/\S+$/, 'must be a redis:// URL'),
  /** BullMQ key prefix; lets several systems (or test runs) share one Redis. */
  QUEUE_PREFIX: matching('QUEUE_PREFIX', /^[A-Za-z0-9_-]{1,40}$/, 'must be 1-40 letters, digits, _ or -').default(
    'samflyt',
  ),
  ...logEnv,
  /** The sender block of letters: the secretariat's organisation, its organisasjonsnummer and contact (settings). */
  LETTER_SENDER_ORGANISATION: z
    .string()
    .max(200, 'LETTER_SENDER_ORGANISATION must be at most 200 characters')
    .optional(),
  LETTER_SENDER_ORGNR: matching('LETTER_SENDER_ORGNR', /^\d{9}$/, 'must be 9 digits (organisasjonsnummer)').optional(),
  LETTER_SENDER_ADDRESS: z.string().max(300, 'LETTER_SENDER_ADDRESS must be at most 300 characters').optional(),
  LETTER_SENDER_EMAIL: matching('LETTER_SENDER_EMAIL', /^[^\s@]+@[^\s@]+$/, 'must be an e-mail address').optional(),
  LETTER_SENDER_PHONE: z.string().max(40, 'LETTER_SENDER_PHONE must be at most 40 characters').optional(),
});

const OIDC_AUDIENCE = /^\S{1,300}$/;

/** Comma-separated `issuer|subject` (or bare `subject`, any accepted issuer) entries. */
const subjectList = (name: string) =>
  z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.string().regex(/^[^\s|]{1,300}(\|[^\s|]{1,200})?$/, `${name} entries must be issuer|subject or subject`),
      ),
    );

const apiEnv = databaseEnv
  .extend({
    /** HS256 secret of development tokens; not used in production (where those tokens are refused). */
    JWT_SECRET: z.string().optional(),
    PORT: integer('PORT', 1, 65535, 3000),
    /**
     * OpenID Connect: with OIDC_ISSUER set, bearer tokens signed by that issuer (keys from its JWKS) are accepted
     * beside the HS256 development tokens.
     */
    OIDC_ISSUER: matching('OIDC_ISSUER', /^https?:\/\/\S+$/, 'must be an http(s) URL').optional(),
    /** The audience (`aud`) the issuer's access tokens carry for this API; required with OIDC_ISSUER. */
    OIDC_AUDIENCE: z.string().optional(),
    /** Requests a minute from one address to `/respond/*` and `/public/*` (counted in Redis, shared by every API). */
    RATE_LIMIT_PUBLIC_PER_MINUTE: integer('RATE_LIMIT_PUBLIC_PER_MINUTE', 1, null, 60),
    /** Uploads a minute from one address, on every upload endpoint. */
    RATE_LIMIT_UPLOAD_PER_MINUTE: integer('RATE_LIMIT_UPLOAD_PER_MINUTE', 1, null, 20),
    /**
     * Proxies in front of the API whose `X-Forwarded-For` names the client (Express `trust proxy` hops); 0 trusts
     * none, and the rate limits count the connecting address.
     */
    API_TRUST_PROXY: integer('API_TRUST_PROXY', 0, 10, 0),
    /**
     * Whether the OIDC issuer's `email` claim may find a person by e-mail (only with `email_verified: true`):
     * `true`, or a comma-separated list of issuer URLs. Off by default: persons are found by linked identity.
     */
    OIDC_EMAIL_TRUSTED: z.string().optional(),
    /** Logins that have the role admin (roles never come from a token's claims). */
    ADMIN_SUBJECTS: subjectList('ADMIN_SUBJECTS'),
    /** Logins that have the role secretariat without a sekretariat seat in a committee. */
    SECRETARIAT_SUBJECTS: subjectList('SECRETARIAT_SUBJECTS'),
    /** Days an invitation to link a login to a person (`/invitasjon#…`) can be accepted. */
    INVITATION_TTL_DAYS: integer('INVITATION_TTL_DAYS', 1, 90, 7),
  })
  .superRefine((env, ctx) => {
    const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (env.SAMFLYT_ENV === 'production') {
      if (!env.OIDC_ISSUER) problem('OIDC_ISSUER', 'OIDC_ISSUER must be set in production (the identity provider)');
      if (env.JWT_SECRET) {
        const unsafe = unsafeSecret('JWT_SECRET', env.JWT_SECRET);
        if (unsafe) problem('JWT_SECRET', unsafe);
      }
    } else if (!env.JWT_SECRET || env.JWT_SECRET.length < 16) {
      problem('JWT_SECRET', 'JWT_SECRET must be at least 16 characters');
    }
    if ((env.OIDC_ISSUER || env.SAMFLYT_ENV === 'production') && !OIDC_AUDIENCE.test(env.OIDC_AUDIENCE ?? '')) {
      ctx.addIssue({
        code: 'custom',
        path: ['OIDC_AUDIENCE'],
        message: 'OIDC_AUDIENCE must be set (the aud of access tokens for the API)',
      });
    }
  });

const workerEnv = databaseEnv.extend({
  SMTP_URL: matching('SMTP_URL', /^smtps?:\/\/\S+$/, 'must be an smtp:// or smtps:// URL'),
  MAIL_FROM: matching('MAIL_FROM', /@/, 'must contain an e-mail address'),
  /** Port for the worker's own /metrics; 0 turns it off. */
  WORKER_METRICS_PORT: integer('WORKER_METRICS_PORT', 0, 65535, 0),
  /** Address the worker's /metrics listens on: loopback unless set (e.g. `0.0.0.0` for a scraper elsewhere). */
  WORKER_METRICS_HOST: matching(
    'WORKER_METRICS_HOST',
    /^[0-9A-Za-z.:-]{1,253}$/,
    'must be a host name or IP address',
  ).default('127.0.0.1'),
  /** Timer jobs run at once per worker process; the Postgres pool is sized from it. */
  WORKER_TIMER_CONCURRENCY: integer('WORKER_TIMER_CONCURRENCY', 1, 500, 32),
  /** E-mails sent at once per worker process. */
  WORKER_OUTBOX_CONCURRENCY: integer('WORKER_OUTBOX_CONCURRENCY', 1, 100, 8),
  /** How often the reconciler re-enqueues pending timers and messages and fires overdue timers. */
  RECONCILE_INTERVAL_MS: integer('RECONCILE_INTERVAL_MS', 100, null, 30_000),
  /** Start even when Redis may evict BullMQ's keys (maxmemory-policy other than noeviction). */
  ALLOW_REDIS_EVICTION: z
    .enum(['true', 'false'], { error: 'ALLOW_REDIS_EVICTION must be true or false' })
    .default('false'),
});

/**
 * A class to name a validated environment by: Nest injects by class (`constructor(env: WorkerEnv)`), and `loadEnv`
 * reads the schema from it. Its instances are the schema's output; they are made only by `loadEnv`.
 */
function envClass<S extends z.ZodType<object>>(schema: S) {
  return class {
    static readonly schema = schema;
  } as unknown as { readonly schema: S } & (new () => z.output<S>);
}

export class PostgresEnv extends envClass(postgresEnv) {}
export class DatabaseEnv extends envClass(databaseEnv) {}
export class ApiEnv extends envClass(apiEnv) {}
export class WorkerEnv extends envClass(workerEnv) {}

/** Thrown at start-up; the message names every wrong variable. */
export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment: ${problems.join('; ')}`);
    this.name = 'EnvError';
  }
}

/** Validates process.env (or a given record) into a typed config; throws EnvError naming each bad variable. */
export function loadEnv<T>(config: { schema: z.ZodType<T> }, env: Record<string, string | undefined> = process.env): T {
  const parsed = config.schema.safeParse(env);
  if (parsed.success) return parsed.data;
  // The first rule a variable breaks says what it must be.
  const problems = new Map<string, string>();
  for (const issue of parsed.error.issues) {
    const name = String(issue.path[0] ?? '(environment)');
    if (!problems.has(name)) problems.set(name, issue.message);
  }
  throw new EnvError(
    [...problems].map(([name, why]) =>
      env[name] === undefined || env[name] === '' ? `${name} is missing (${why})` : why,
    ),
  );
}
