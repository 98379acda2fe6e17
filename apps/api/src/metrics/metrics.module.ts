import { Global, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { EngineStatsRepository } from '@samflyt/engine';
import type { DataSource } from 'typeorm';
import { ApiMetrics } from './api-metrics';
import { MetricsController } from './metrics.controller';

@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    ApiMetrics,
    {
      provide: EngineStatsRepository,
      inject: [getDataSourceToken()],
      useFactory: (dataSource: DataSource) => new EngineStatsRepository(dataSource),
    },
  ],
  exports: [ApiMetrics],
})
export class MetricsModule {}
