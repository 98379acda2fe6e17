import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions, type ApiEnv } from '@samflyt/domain';
import { ArchiveModule } from './archive/archive.module';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { CommitteesModule } from './committees/committees.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { ConfigModule } from './config/config.module';
import { EngineModule } from './engine/engine.module';
import { GrantsModule } from './grants/grants.module';
import { HealthModule } from './health/health.module';
import { HearingsModule } from './hearings/hearings.module';
import { InstancesModule } from './instances/instances.module';
import { loggingModule } from './logging/logging.module';
import { LettersModule } from './letters/letters.module';
import { MeetingsModule } from './meetings/meetings.module';
import { MetricsModule } from './metrics/metrics.module';
import { RateLimitModule } from './http/rate-limit';
import { VotesModule } from './votes/votes.module';
import { WorkflowsModule } from './workflows/workflows.module';

@Module({})
export class AppModule {
  static forRoot(env: ApiEnv, options: { quietLogs?: boolean } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        loggingModule(env, options.quietLogs),
        ConfigModule.forRoot(env),
        TypeOrmModule.forRoot({ ...dataSourceOptions(env.DATABASE_URL), retryAttempts: 3, retryDelay: 2_000 }),
        EngineModule,
        MetricsModule,
        RateLimitModule, // before AuthModule: refused guesses of a link or token count too
        AuthModule,
        HealthModule,
        WorkflowsModule,
        InstancesModule,
        MeetingsModule,
        CasesModule,
        CommitteesModule,
        VotesModule,
        GrantsModule,
        DashboardModule,
        HearingsModule,
        ArchiveModule,
        LettersModule,
      ],
    };
  }
}
