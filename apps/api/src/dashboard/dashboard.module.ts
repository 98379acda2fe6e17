import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DashboardRepository, MessageResendRepository } from '@samflyt/domain';
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
    {
      provide: MessageResendRepository,
      inject: [getDataSourceToken()],
      useFactory: (ds: DataSource) => new MessageResendRepository(ds),
    },
  ],
})
export class DashboardModule {}
