import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import {
  ApiEnv,
  GrantRoundService,
  GrantRoundsRepository,
  LettersRepository,
  LettersService,
  LetterTemplatesService,
  letterSenderOf,
} from '@samflyt/domain';
import { WorkflowEngine } from '@samflyt/engine';
import type { DataSource } from 'typeorm';
import { AuthModule } from '../auth/auth.module';
import { MembershipRoles } from '../auth/membership-roles.service';
import { LettersController, LetterTemplatesController } from './letters.controller';

@Module({
  imports: [AuthModule],
  controllers: [LettersController, LetterTemplatesController],
  providers: [
    MembershipRoles,
    {
      provide: LettersRepository,
      inject: [getDataSourceToken()],
      useFactory: (db: DataSource) => new LettersRepository(db),
    },
    {
      provide: GrantRoundsRepository,
      inject: [getDataSourceToken()],
      useFactory: (db: DataSource) => new GrantRoundsRepository(db),
    },
    {
      provide: GrantRoundService,
      inject: [GrantRoundsRepository, WorkflowEngine],
      useFactory: (rounds: GrantRoundsRepository, engine: WorkflowEngine) => new GrantRoundService(rounds, engine),
    },
    {
      provide: LettersService,
      inject: [LettersRepository, WorkflowEngine],
      useFactory: (letters: LettersRepository, engine: WorkflowEngine) => new LettersService(letters, engine),
    },
    {
      provide: LetterTemplatesService,
      inject: [LettersRepository, GrantRoundService, ApiEnv],
      useFactory: (letters: LettersRepository, rounds: GrantRoundService, env: ApiEnv) =>
        new LetterTemplatesService(letters, rounds, letterSenderOf(env)),
    },
  ],
})
export class LettersModule {}
