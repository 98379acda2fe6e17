import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import {
  GrantApplicationsRepository,
  GrantReviewService,
  GrantRoundService,
  GrantRoundsRepository,
  HearingSummaryService,
  HearingsRepository,
  MeetingsRepository,
  MinutesRepository,
  MinutesService,
} from '@samflyt/domain';
import { WorkflowEngine } from '@samflyt/engine';
import type { DataSource } from 'typeorm';
import { ArchiveController } from './archive.controller';
import { ArchiveDocuments } from './archive-documents';

/** The deposit reads through its own instances of the plain domain services that render the generated PDFs. */
@Module({
  controllers: [ArchiveController],
  providers: [
    {
      provide: ArchiveDocuments,
      inject: [getDataSourceToken(), WorkflowEngine],
      useFactory: (ds: DataSource, engine: WorkflowEngine) => {
        const rounds = new GrantRoundsRepository(ds);
        const reviews = new GrantReviewService(
          new GrantRoundService(rounds, engine),
          rounds,
          new GrantApplicationsRepository(ds),
          engine,
        );
        const meetings = new MeetingsRepository(ds);
        return new ArchiveDocuments(
          ds,
          reviews,
          new HearingSummaryService(new HearingsRepository(ds), engine),
          new MinutesService(meetings, new MinutesRepository(ds), engine),
        );
      },
    },
  ],
})
export class ArchiveModule {}
