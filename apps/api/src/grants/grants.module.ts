import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import {
  GrantApplicationService,
  GrantApplicationsRepository,
  GrantCaseworkService,
  GrantReviewService,
  GrantRoundService,
  GrantRoundsRepository,
} from '@samflyt/domain';
import { WorkflowEngine } from '@samflyt/engine';
import type { DataSource } from 'typeorm';
import { AuthModule } from '../auth/auth.module';
import { MembershipRoles } from '../auth/membership-roles.service';
import { OptionalAuthGuard } from '../auth/optional-actor';
import { GrantApplicationsController } from './grant-applications.controller';
import { GrantRoundsController } from './grant-rounds.controller';

@Module({
  imports: [AuthModule],
  controllers: [GrantRoundsController, GrantApplicationsController],
  providers: [
    MembershipRoles,
    OptionalAuthGuard,
    {
      provide: GrantRoundsRepository,
      inject: [getDataSourceToken()],
      useFactory: (db: DataSource) => new GrantRoundsRepository(db),
    },
    {
      provide: GrantApplicationsRepository,
      inject: [getDataSourceToken()],
      useFactory: (db: DataSource) => new GrantApplicationsRepository(db),
    },
    {
      provide: GrantRoundService,
      inject: [GrantRoundsRepository, WorkflowEngine],
      useFactory: (rounds: GrantRoundsRepository, engine: WorkflowEngine) => new GrantRoundService(rounds, engine),
    },
    {
      provide: GrantReviewService,
      inject: [GrantRoundService, GrantRoundsRepository, GrantApplicationsRepository, WorkflowEngine],
      useFactory: (
        rounds: GrantRoundService,
        roundRows: GrantRoundsRepository,
        applications: GrantApplicationsRepository,
        engine: WorkflowEngine,
      ) => new GrantReviewService(rounds, roundRows, applications, engine),
    },
    {
      provide: GrantApplicationService,
      inject: [GrantApplicationsRepository, GrantRoundService, WorkflowEngine],
      useFactory: (applications: GrantApplicationsRepository, rounds: GrantRoundService, engine: WorkflowEngine) =>
        new GrantApplicationService(applications, rounds, engine),
    },
    {
      provide: GrantCaseworkService,
      inject: [GrantApplicationService, GrantRoundsRepository, WorkflowEngine],
      useFactory: (applications: GrantApplicationService, rounds: GrantRoundsRepository, engine: WorkflowEngine) =>
        new GrantCaseworkService(applications, rounds, engine),
    },
  ],
})
export class GrantsModule {}
