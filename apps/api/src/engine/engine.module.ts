import { Global, Logger, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { WorkflowEngine, WorkflowRegistry } from '@samflyt/engine';
import { createRegistry } from '@samflyt/domain';
import type { DataSource } from 'typeorm';
import { ApiMetrics } from '../metrics/api-metrics';
import { QueueConnection } from './queue-connection';

const logger = new Logger('Engine');

/** The workflow engine and what it stands on, shared by every controller. */
@Global()
@Module({
  providers: [
    QueueConnection,
    { provide: WorkflowRegistry, useFactory: () => createRegistry() },
    {
      provide: WorkflowEngine,
      inject: [getDataSourceToken(), WorkflowRegistry, QueueConnection, ApiMetrics],
      useFactory: (dataSource: DataSource, registry: WorkflowRegistry, queues: QueueConnection, metrics: ApiMetrics) =>
        new WorkflowEngine(dataSource, registry, queues, {
          onDispatchError: (error) => {
            metrics.dispatchFailed();
            logger.warn(
              `Committed, but not enqueued (the worker's reconciler will): ${error instanceof Error ? error.message : String(error)}`,
            );
          },
          onApplied: (workflow, event) => metrics.eventApplied(workflow, event),
        }),
    },
  ],
  exports: [QueueConnection, WorkflowRegistry, WorkflowEngine],
})
export class EngineModule {}
