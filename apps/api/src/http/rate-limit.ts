import {
  applyDecorators,
  Injectable,
  Logger,
  Module,
  SetMetadata,
  type ExecutionContext,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import {
  getOptionsToken,
  getStorageToken,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { ApiEnv } from '@samflyt/domain';
import { withTimeout } from '@samflyt/engine';
import { Redis } from 'ioredis';
import { ApiProblems } from '../problems/api-problems.decorator';
import { TooManyRequestsError } from '../problems/too-many-requests';

/** The named limits: `public` for `/respond/*` and `/public/*`, `upload` for every upload. */
export type RateLimitName = 'public' | 'upload';

const RATE_LIMITS = 'samflyt:rate-limits';
const MINUTE_MS = 60_000;
const REDIS_TIMEOUT_MS = 1_000;

/**
 * Counts this route's requests under the named limit, per client address, in Redis (so every API process shares
 * the count). On a class and a method both apply. Refused: 429 problem+json with `Retry-After`.
 */
export const RateLimit = (name: RateLimitName): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(RATE_LIMITS, [name]), ApiProblems(429));

const reflector = new Reflector();
const limitsOf = (context: ExecutionContext): RateLimitName[] =>
  reflector.getAllAndMerge<RateLimitName[]>(RATE_LIMITS, [context.getHandler(), context.getClass()]);

/**
 * The throttler's counts in Redis under `<QUEUE_PREFIX>:throttle:`. While Redis is away the API keeps serving (as it
 * does for everything else) and the limits are not applied: one warning, no 500, no request held.
 */
@Injectable()
export class RateLimitStorage implements ThrottlerStorage, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly redis: Redis;
  private readonly counts: ThrottlerStorageRedisService;
  private lastError = '';

  constructor(env: ApiEnv) {
    this.redis = new Redis(env.REDIS_URL, {
      keyPrefix: `${env.QUEUE_PREFIX}:throttle:`,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    this.redis.on('error', (error: Error) => this.warn(error));
    this.redis.on('ready', () => (this.lastError = ''));
    this.counts = new ThrottlerStorageRedisService(this.redis);
  }

  async onModuleInit(): Promise<void> {
    // Counting from the first request; a Redis that is down does not stop the API from starting.
    await withTimeout(this.redis.connect(), 2_000, 'Redis did not answer').catch((error: Error) => this.warn(error));
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    name: string,
  ): ReturnType<ThrottlerStorage['increment']> {
    try {
      return await withTimeout(
        this.counts.increment(key, ttl, limit, blockDuration, name),
        REDIS_TIMEOUT_MS,
        'Redis did not answer',
      );
    } catch (error) {
      this.warn(error instanceof Error ? error : new Error(String(error)));
      return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }

  private warn(error: Error): void {
    if (error.message === this.lastError) return;
    this.lastError = error.message;
    this.logger.warn(`Rate limits not counted (Redis: ${error.message})`);
  }
}

/** Applies the limits a route names with @RateLimit, before authentication (failed guesses count too). */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new TooManyRequestsError(Math.max(1, detail.timeToBlockExpire), detail.limit);
  }
}

/** Import before AuthModule: its guard then runs before the JWT guard. */
@Module({
  providers: [
    RateLimitStorage,
    { provide: getStorageToken(), useExisting: RateLimitStorage },
    {
      provide: getOptionsToken(),
      inject: [ApiEnv],
      useFactory: (env: ApiEnv): ThrottlerModuleOptions => ({
        setHeaders: false,
        // One count per client address and limit across all the limit's routes (not one per route).
        generateKey: (_context: ExecutionContext, tracker: string, name: string) => `${name}:${tracker}`,
        throttlers: (
          [
            ['public', env.RATE_LIMIT_PUBLIC_PER_MINUTE],
            ['upload', env.RATE_LIMIT_UPLOAD_PER_MINUTE],
          ] as const
        ).map(([name, limit]) => ({
          name,
          ttl: MINUTE_MS,
          limit,
          skipIf: (context: ExecutionContext) => !limitsOf(context).includes(name),
        })),
      }),
    },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
})
export class RateLimitModule {}
