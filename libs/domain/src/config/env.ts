import { plainToInstance } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const POSTGRES_URL = /^postgres(ql)?:\/\/\S+$/;
const REDIS_URL = /^rediss?:\/\/\S+$/;
const SMTP_URL = /^smtps?:\/\/\S+$/;

export class PostgresEnv {
  @Matches(POSTGRES_URL, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;
}

/** Postgres and Redis: what every process needs. */
export class DatabaseEnv extends PostgresEnv {
  @Matches(REDIS_URL, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL: string;

  /** BullMQ key prefix; lets several systems (or test runs) share one Redis. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'QUEUE_PREFIX must be 1-40 letters, digits, _ or -' })
  QUEUE_PREFIX: string = 'samflyt';
}

export class ApiEnv extends DatabaseEnv {
  @IsString()
  @MinLength(16, { message: 'JWT_SECRET must be at least 16 characters' })
  JWT_SECRET: string;

  @IsOptional()
  @IsInt({ message: 'PORT must be an integer' })
  @Min(1)
  @Max(65535)
  PORT: number = 3000;
}

export class WorkerEnv extends DatabaseEnv {
  @Matches(SMTP_URL, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL: string;

  @IsString()
  @IsNotEmpty({ message: 'MAIL_FROM must be an address such as "samflyt <noreply@example.no>"' })
  @Matches(/@/, { message: 'MAIL_FROM must contain an e-mail address' })
  MAIL_FROM: string;

  /** Port for the worker's own /metrics; 0 turns it off. */
  @IsOptional()
  @IsInt({ message: 'WORKER_METRICS_PORT must be an integer' })
  @Min(0)
  @Max(65535)
  WORKER_METRICS_PORT: number = 0;

  /**
   * Timer jobs run at once per worker process; the Postgres pool is sized from it.
   * (loadEnv reports the first constraint, that of the decorator nearest the property: keep @IsInt there.)
   */
  @IsOptional()
  @Max(500, { message: 'WORKER_TIMER_CONCURRENCY must be at most 500' })
  @Min(1, { message: 'WORKER_TIMER_CONCURRENCY must be at least 1' })
  @IsInt({ message: 'WORKER_TIMER_CONCURRENCY must be an integer' })
  WORKER_TIMER_CONCURRENCY: number = 32;

  /** E-mails sent at once per worker process. */
  @IsOptional()
  @Max(100, { message: 'WORKER_OUTBOX_CONCURRENCY must be at most 100' })
  @Min(1, { message: 'WORKER_OUTBOX_CONCURRENCY must be at least 1' })
  @IsInt({ message: 'WORKER_OUTBOX_CONCURRENCY must be an integer' })
  WORKER_OUTBOX_CONCURRENCY: number = 8;

  /** How often the reconciler re-enqueues pending timers and messages and fires overdue timers. */
  @IsOptional()
  @Min(100, { message: 'RECONCILE_INTERVAL_MS must be at least 100' })
  @IsInt({ message: 'RECONCILE_INTERVAL_MS must be an integer' })
  RECONCILE_INTERVAL_MS: number = 30_000;

  /** Start even when Redis may evict BullMQ's keys (maxmemory-policy other than noeviction). */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'ALLOW_REDIS_EVICTION must be true or false' })
  ALLOW_REDIS_EVICTION: 'true' | 'false' = 'false';
}

/** Thrown at start-up; the message names every wrong variable. */
export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment: ${problems.join('; ')}`);
    this.name = 'EnvError';
  }
}

/** Validates process.env (or a given record) into a typed config; throws EnvError naming each bad variable. */
export function loadEnv<T extends object>(cls: new () => T, env: Record<string, string | undefined> = process.env): T {
  const config = plainToInstance(cls, env, { enableImplicitConversion: true, excludeExtraneousValues: false });
  const errors = validateSync(config as object, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) {
    throw new EnvError(
      errors.map((e) => {
        const value = env[e.property];
        const why = Object.values(e.constraints ?? {})[0] ?? 'is invalid';
        return value === undefined || value === '' ? `${e.property} is missing (${why})` : why;
      }),
    );
  }
  return config;
}
