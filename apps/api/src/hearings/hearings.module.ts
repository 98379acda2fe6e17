import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import {
  ApiEnv,
  CaseService,
  ContactService,
  HearingAnswerService,
  HearingService,
  HearingSummaryService,
} from '@samflyt/domain';
import { WorkflowEngine } from '@samflyt/engine';
import type { DataSource } from 'typeorm';
import { CasesModule } from '../cases/cases.module';
import { HEARING_LINKS, hearingLinkBases } from './hearing-links.config';
import { HearingsController } from './hearings.controller';
import { OrganisationsController } from './organisations.controller';
import { PublicHearingsController } from './public-hearings.controller';
import { RecipientLinkGuard } from './recipient-link.guard';
import { RespondController } from './respond.controller';

const db = getDataSourceToken();

/** Hearings: the secretariat's API, the recipients' personal-link API and the public reading. */
@Module({
  imports: [CasesModule],
  controllers: [HearingsController, RespondController, PublicHearingsController, OrganisationsController],
  providers: [
    { provide: HEARING_LINKS, inject: [ApiEnv], useFactory: (env: ApiEnv) => hearingLinkBases(env) },
    { provide: ContactService, inject: [db], useFactory: (ds: DataSource) => new ContactService(ds) },
    {
      provide: HearingService,
      inject: [db, WorkflowEngine, CaseService],
      useFactory: (ds: DataSource, e: WorkflowEngine, cases: CaseService) => new HearingService(ds, e, cases),
    },
    {
      provide: HearingAnswerService,
      inject: [db, WorkflowEngine],
      useFactory: (ds: DataSource, e: WorkflowEngine) => new HearingAnswerService(ds, e),
    },
    {
      provide: HearingSummaryService,
      inject: [db, WorkflowEngine],
      useFactory: (ds: DataSource, e: WorkflowEngine) => new HearingSummaryService(ds, e),
    },
    RecipientLinkGuard,
  ],
})
export class HearingsModule {}
