import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { GrantApplicationService, GrantRoundService } from '@samflyt/domain';
import { WorkflowEngine } from '@samflyt/engine';
import type { DataSource } from 'typeorm';
import { AuthModule } from '../auth/auth.module';
import { MembershipRoles } from '../auth/membership-roles.service';
import { GrantApplicationsController } from './grant-applications.controller';
import { GrantRoundsController } from './grant-rounds.controller';
import { OptionalAuthGuard } from '../auth/optional-actor';

@Module({
  imports: [AuthModule],
  controllers: [GrantRoundsController, GrantApplicationsController],
  providers: [
    MembershipRoles,
    OptionalAuthGuard,
    {
      provide: GrantRoundService,
      inject: [getDataSourceToken(), WorkflowEngine],
      useFactory: (db: DataSource, engine: WorkflowEngine) => new GrantRoundService(db, engine),
    },
    {
      provide: GrantApplicationService,
      inject: [getDataSourceToken(), WorkflowEngine, GrantRoundService],
      useFactory: (db: DataSource, engine: WorkflowEngine, rounds: GrantRoundService) =>
        new GrantApplicationService(db, engine, rounds),
    },
  ],
})
export class GrantsModule {}
