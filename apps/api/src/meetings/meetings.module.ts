import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AgendaService, CaseService, MeetingService, MeetingsRepository, MinutesService } from '@samflyt/domain';
import { WorkflowEngine } from '@samflyt/engine';
import type { DataSource } from 'typeorm';
import { MeetingsController } from './meetings.controller';
import { MinutesController } from './minutes.controller';

const db = getDataSourceToken();

/** The meeting and case services (plain classes in libs/domain) over the API's data source and engine. */
@Module({
  controllers: [MeetingsController, MinutesController],
  providers: [
    { provide: MeetingsRepository, inject: [db], useFactory: (ds: DataSource) => new MeetingsRepository(ds) },
    {
      provide: MeetingService,
      inject: [db, WorkflowEngine],
      useFactory: (ds: DataSource, e: WorkflowEngine) => new MeetingService(ds, e),
    },
    {
      provide: AgendaService,
      inject: [WorkflowEngine, MeetingsRepository],
      useFactory: (e: WorkflowEngine, repo: MeetingsRepository) => new AgendaService(e, repo),
    },
    {
      provide: CaseService,
      inject: [db, WorkflowEngine, AgendaService],
      useFactory: (ds: DataSource, e: WorkflowEngine, agenda: AgendaService) => new CaseService(ds, e, agenda),
    },
    {
      provide: MinutesService,
      inject: [db, WorkflowEngine],
      useFactory: (ds: DataSource, e: WorkflowEngine) => new MinutesService(ds, e),
    },
  ],
  exports: [CaseService],
})
export class MeetingsModule {}
