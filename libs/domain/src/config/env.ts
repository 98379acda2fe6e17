import { plainToInstance } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const POSTGRES_URL = /^postgres(ql)?:\/\/\S+$/;
const REDIS_URL = /^rediss?:\/\/\S+$/;
const SMTP_URL = /^smtps?:\/\/\S+$/;

export class DatabaseEnv {
  @Matches(POSTGRES_URL, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;

  @Matches(REDIS_URL, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL: string;
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
