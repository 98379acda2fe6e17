import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ApiEnv } from '@samflyt/domain';
import { JobDispatcher, withTimeout, type DispatchWork, type Dispatcher } from '@samflyt/engine';
import { Redis } from 'ioredis';

const DISPATCH_TIMEOUT_MS = 5_000;
const CLOSE_TIMEOUT_MS = 3_000;

/**
 * The API's one Redis connection and the BullMQ queues it produces to. The API never runs
 * workers. It starts and keeps serving while Redis is down: committed work waits in Postgres for
 * the worker's reconciler, so enqueueing fails fast instead of holding a request.
 */
@Injectable()
export class QueueConnection implements OnApplicationShutdown, Dispatcher {
  readonly redis: Redis;
  readonly dispatcher: JobDispatcher;
  private readonly logger = new Logger('Redis');
  private lastError = '';

  constructor(env: ApiEnv) {
    this.redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null, lazyConnect: true });
    this.redis.on('error', (error: Error) => this.logError(error));
    this.redis.on('ready', () => {
      if (this.lastError) this.logger.log('Redis is reachable again');
      this.lastError = '';
    });
    // Connect now, but do not wait: the API serves (and commits) while Redis is away.
    this.redis.connect().catch((error: Error) => this.logError(error));
    this.dispatcher = new JobDispatcher(this.redis, { prefix: env.QUEUE_PREFIX });
    for (const queue of this.queues) queue.on('error', (error: Error) => this.logError(error));
  }

  get queues() {
    return [this.dispatcher.timers, this.dispatcher.outbox];
  }

  get ready(): boolean {
    return this.redis.status === 'ready';
  }

  async dispatch(work: DispatchWork): Promise<void> {
    if (!this.ready) throw new Error(`Redis is not ready (${this.redis.status}); the reconciler will enqueue`);
    await withTimeout(this.dispatcher.dispatch(work), DISPATCH_TIMEOUT_MS, 'enqueueing to BullMQ timed out');
  }

  async ping(timeoutMs: number): Promise<string> {
    return withTimeout(this.redis.ping(), timeoutMs, `no answer to PING within ${timeoutMs} ms`);
  }

  async onApplicationShutdown(): Promise<void> {
    await withTimeout(this.dispatcher.close(), CLOSE_TIMEOUT_MS, 'closing queues timed out').catch(() => undefined);
    if (this.redis.status === 'ready') {
      await withTimeout(this.redis.quit(), CLOSE_TIMEOUT_MS, 'QUIT timed out').catch(() => this.redis.disconnect());
    } else {
      this.redis.disconnect();
    }
  }

  /** One line per distinct error, not one per reconnect attempt. */
  private logError(error: Error): void {
    if (error.message === this.lastError) return;
    this.lastError = error.message;
    this.logger.warn(`Redis: ${error.message}`);
  }
}
