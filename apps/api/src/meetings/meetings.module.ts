import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import {
  AgendaService,
  CasesRepository,
  MeetingService,
  MeetingsRepository,
  MinutesRepository,
  MinutesService,
} from '@samflyt/domain';
import { WorkflowEngine } from '@samflyt/engine';
import type { DataSource } from 'typeorm';
import { MeetingsController } from './meetings.controller';
import { MinutesController } from './minutes.controller';

const db = getDataSourceToken();

/** The meeting services (plain classes in libs/domain) over the API's data source and engine. */
@Module({
  controllers: [MeetingsController, MinutesController],
  providers: [
    { provide: MeetingsRepository, inject: [db], useFactory: (ds: DataSource) => new MeetingsRepository(ds) },
    { provide: CasesRepository, inject: [db], useFactory: (ds: DataSource) => new CasesRepository(ds) },
    {
      provide: MeetingService,
      inject: [MeetingsRepository, WorkflowEngine],
      useFactory: (repo: MeetingsRepository, e: WorkflowEngine) => new MeetingService(repo, e),
    },
    {
      provide: AgendaService,
      inject: [WorkflowEngine, MeetingsRepository, CasesRepository],
      useFactory: (e: WorkflowEngine, meetings: MeetingsRepository, cases: CasesRepository) =>
        new AgendaService(e, meetings, cases),
    },
    {
      provide: MinutesService,
      inject: [MeetingsRepository, db, WorkflowEngine],
      useFactory: (meetings: MeetingsRepository, ds: DataSource, e: WorkflowEngine) =>
        new MinutesService(meetings, new MinutesRepository(ds), e),
    },
  ],
  exports: [AgendaService, MeetingsRepository, CasesRepository],
})
export class MeetingsModule {}
