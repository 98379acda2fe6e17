import { Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { dataSourceOptions, type DatabaseEnv, createRegistry } from '@samflyt/domain';
import { JobDispatcher, WorkflowEngine, WorkflowRegistry } from '@samflyt/engine';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { TimerLagHistogram } from '../metrics/worker-metrics';

/** The worker's ioredis connection (`maxRetriesPerRequest: null`, as BullMQ requires). */
export const REDIS = Symbol('samflyt.worker.redis');

const logger = new Logger('Engine');

/** Closes the dispatcher's queues and the connection after the app's own hooks stopped using them. */
@Injectable()
class EngineConnections implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly dispatcher: JobDispatcher,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.dispatcher.close();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/**
 * The engine as the worker runs it: TypeORM on DATABASE_URL with a pool sized to the worker's
 * concurrency, the workflow registry, one Redis connection, the BullMQ dispatcher (for the timers
 * and e-mails a fired timer causes, and the reconciler) and the engine. The API wires the same
 * pieces in apps/api/src/engine with its own Redis policy (fail fast, keep serving without Redis).
 */
@Module({})
export class WorkerEngineModule {
  static forRoot(env: DatabaseEnv, poolSize: number): DynamicModule {
    return {
      module: WorkerEngineModule,
      global: true,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(env.DATABASE_URL, poolSize))],
      providers: [
        {
          provide: REDIS,
          useFactory: () => {
            const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
            // ioredis reconnects by itself; without a listener an outage would end the process.
            redis.on('error', (error: Error) => logger.warn(`Redis: ${error.message}`));
            return redis;
          },
        },
        { provide: WorkflowRegistry, useFactory: createRegistry },
        {
          provide: JobDispatcher,
          inject: [REDIS],
          useFactory: (redis: Redis) => {
            const dispatcher = new JobDispatcher(redis, { prefix: env.QUEUE_PREFIX });
            for (const queue of [dispatcher.timers, dispatcher.outbox]) {
              queue.on('error', (error: Error) => logger.warn(`${queue.name}: ${error.message}`));
            }
            return dispatcher;
          },
        },
        {
          provide: WorkflowEngine,
          inject: [getDataSourceToken(), WorkflowRegistry, JobDispatcher, TimerLagHistogram],
          useFactory: (
            dataSource: DataSource,
            registry: WorkflowRegistry,
            dispatcher: JobDispatcher,
            timerLag: TimerLagHistogram,
          ) =>
            new WorkflowEngine(dataSource, registry, dispatcher, {
              onDispatchError: (error) =>
                logger.warn(`Committed, but not enqueued (the reconciler will): ${String(error)}`),
              onTimerFired: (lagSeconds) => timerLag.observe(lagSeconds),
            }),
        },
        EngineConnections,
        TimerLagHistogram,
      ],
      exports: [TypeOrmModule, REDIS, WorkflowRegistry, JobDispatcher, WorkflowEngine, TimerLagHistogram],
    };
  }
}
