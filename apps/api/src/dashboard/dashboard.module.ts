import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DashboardRepository } from '@samflyt/domain';
import type { DataSource } from 'typeorm';
import { DashboardController } from './dashboard.controller';

@Module({
  controllers: [DashboardController],
  providers: [
    {
      provide: DashboardRepository,
      inject: [getDataSourceToken()],
      useFactory: (ds: DataSource) => new DashboardRepository(ds),
    },
  ],
})
export class DashboardModule {}
