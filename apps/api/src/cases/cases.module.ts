import { Module } from '@nestjs/common';
import { AgendaService, CaseService, CasesRepository, MeetingsRepository } from '@samflyt/domain';
import { WorkflowEngine } from '@samflyt/engine';
import { MeetingsModule } from '../meetings/meetings.module';
import { CasesController } from './cases.controller';

/** The case service: it puts cases on meetings' saklister through the meetings' agenda service. */
@Module({
  imports: [MeetingsModule],
  controllers: [CasesController],
  providers: [
    {
      provide: CaseService,
      inject: [CasesRepository, MeetingsRepository, WorkflowEngine, AgendaService],
      useFactory: (cases: CasesRepository, meetings: MeetingsRepository, e: WorkflowEngine, agenda: AgendaService) =>
        new CaseService(cases, meetings, e, agenda),
    },
  ],
  exports: [CaseService],
})
export class CasesModule {}
