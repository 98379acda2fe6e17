import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { WorkerEnv } from '@samflyt/domain';
import {
  EngineStatsRepository,
  OutboxRepository,
  QueueName,
  TimersRepository,
  queueTelemetry,
  type Queryable,
} from '@samflyt/engine';
import type { Redis } from 'ioredis';
import { REDIS, WorkerEngineModule } from './engine/worker-engine.module';
import { loggingModule } from './logging';
import { MetricsServer } from './metrics/metrics-server';
import { WorkerHealth } from './metrics/worker-health';
import { WorkerMetrics } from './metrics/worker-metrics';
import { Mailer } from './outbox/mailer';
import { OutboxProcessor } from './outbox/outbox.processor';
import { OutboxService } from './outbox/outbox.service';
import { RECONCILER_FIRE_CONCURRENCY, ReconcilerService } from './reconciler/reconciler.service';
import { TimerService } from './timers/timer.service';
import { TimersProcessor } from './timers/timers.processor';
import { WorkerLifecycle } from './worker-lifecycle';

/** A connection per concurrent job, per overdue timer the reconciler fires, and a few to spare. */
export const poolSizeFor = (env: WorkerEnv): number =>
  env.WORKER_TIMER_CONCURRENCY + env.WORKER_OUTBOX_CONCURRENCY + RECONCILER_FIRE_CONCURRENCY + 4;

/** The worker process: BullMQ processors for timers and the outbox, the reconciler, metrics. No controllers. */
@Module({})
export class WorkerModule {
  static forRoot(env: WorkerEnv): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        loggingModule(env),
        WorkerEngineModule.forRoot(env, poolSizeFor(env)),
        BullModule.forRootAsync({
          inject: [REDIS],
          // Options, not the instance: each BullMQ queue and worker opens and closes its own connections.
          useFactory: (redis: Redis) => ({
            connection: { ...redis.options },
            prefix: env.QUEUE_PREFIX,
            telemetry: queueTelemetry(), // tracing on: a job's span joins the trace that added it
          }),
        }),
        BullModule.registerQueue({ name: QueueName.Timers }, { name: QueueName.Outbox }),
      ],
      providers: [
        { provide: WorkerEnv, useValue: env },
        {
          provide: Mailer,
          useFactory: () => new Mailer(env.SMTP_URL, env.MAIL_FROM, env.WORKER_OUTBOX_CONCURRENCY),
        },
        ...[TimersRepository, OutboxRepository, EngineStatsRepository].map((repository) => ({
          provide: repository,
          inject: [getDataSourceToken()],
          useFactory: (db: Queryable) => new repository(db),
        })),
        WorkerMetrics,
        WorkerHealth,
        MetricsServer,
        TimerService,
        TimersProcessor,
        OutboxService,
        OutboxProcessor,
        ReconcilerService,
        WorkerLifecycle,
      ],
    };
  }
}
