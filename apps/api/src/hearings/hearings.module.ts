import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import {
  ApiEnv,
  CaseService,
  ContactService,
  HearingAnswerService,
  HearingReadService,
  HearingService,
  HearingSummaryService,
  HearingsRepository,
  MeetingsRepository,
  OrganisationsRepository,
  PublicHearingService,
  RecipientLinkService,
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
    { provide: HearingsRepository, inject: [db], useFactory: (ds: DataSource) => new HearingsRepository(ds) },
    { provide: OrganisationsRepository, inject: [db], useFactory: (ds: DataSource) => new OrganisationsRepository(ds) },
    // The committees and meetings a hearing is presented to, read through the meetings' own repository.
    { provide: MeetingsRepository, inject: [db], useFactory: (ds: DataSource) => new MeetingsRepository(ds) },
    {
      provide: ContactService,
      inject: [OrganisationsRepository],
      useFactory: (organisations: OrganisationsRepository) => new ContactService(organisations),
    },
    {
      provide: HearingReadService,
      inject: [HearingsRepository, WorkflowEngine],
      useFactory: (repo: HearingsRepository, e: WorkflowEngine) => new HearingReadService(repo, e),
    },
    {
      provide: HearingService,
      inject: [
        HearingsRepository,
        OrganisationsRepository,
        WorkflowEngine,
        HearingReadService,
        CaseService,
        MeetingsRepository,
      ],
      useFactory: (
        repo: HearingsRepository,
        organisations: OrganisationsRepository,
        e: WorkflowEngine,
        reads: HearingReadService,
        cases: CaseService,
        meetings: MeetingsRepository,
      ) => new HearingService(repo, organisations, e, reads, cases, meetings),
    },
    {
      provide: HearingAnswerService,
      inject: [HearingsRepository, WorkflowEngine],
      useFactory: (repo: HearingsRepository, e: WorkflowEngine) => new HearingAnswerService(repo, e),
    },
    {
      provide: HearingSummaryService,
      inject: [HearingsRepository, WorkflowEngine],
      useFactory: (repo: HearingsRepository, e: WorkflowEngine) => new HearingSummaryService(repo, e),
    },
    {
      provide: PublicHearingService,
      inject: [HearingsRepository, WorkflowEngine, HearingAnswerService],
      useFactory: (repo: HearingsRepository, e: WorkflowEngine, answers: HearingAnswerService) =>
        new PublicHearingService(repo, e, answers),
    },
    {
      provide: RecipientLinkService,
      inject: [HearingsRepository],
      useFactory: (repo: HearingsRepository) => new RecipientLinkService(repo),
    },
    RecipientLinkGuard,
  ],
})
export class HearingsModule {}
