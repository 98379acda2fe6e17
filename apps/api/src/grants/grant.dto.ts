import { ApiProperty } from '@nestjs/swagger';
import type { ApplicationRow, LetterRow, Page, ReportRow, ReviewStatus, RoundRow } from '@samflyt/domain';
import {
  adjustmentRequest,
  appealCaseRequest,
  appealDecisionRequest,
  appealRequest,
  approveRoundRequest,
  createApplicationRequest,
  formalCheckRequest,
  provideInfoRequest,
  recordDecisionRequest,
  recusalRequest,
  reportRequest,
  roundSettings,
  roundSettingsPatch,
  scoreRequest,
  submitInnstillingRequest,
  updateApplicationRequest,
  type InnstillingLine,
} from '@samflyt/workflows';
import { createZodDto } from 'nestjs-zod';
import { PageInfoDto } from '../http/page.dto';
import { pagedQuery, textParam, uuidParam } from '../http/query';

// ---- inputs ------------------------------------------------------------------------------

/** A round's whole set-up, checked in full (types, ranges, rules across fields): 400 naming the field. */
export class RoundSettingsDto extends createZodDto(roundSettings) {}
/** Changes to a draft round's set-up: the result is checked as a whole. */
export class RoundSettingsPatchDto extends createZodDto(roundSettingsPatch) {}
export class ApproveRoundDto extends createZodDto(approveRoundRequest) {}
export class ScoreDto extends createZodDto(scoreRequest) {}
export class RecusalDto extends createZodDto(recusalRequest) {}
export class AdjustmentDto extends createZodDto(adjustmentRequest) {}
export class SubmitInnstillingDto extends createZodDto(submitInnstillingRequest) {}
export class RecordDecisionDto extends createZodDto(recordDecisionRequest) {}
export class CreateApplicationDto extends createZodDto(createApplicationRequest) {}
export class UpdateApplicationDto extends createZodDto(updateApplicationRequest) {}
export class FormalCheckDto extends createZodDto(formalCheckRequest) {}
export class ProvideInfoDto extends createZodDto(provideInfoRequest) {}
export class AppealDto extends createZodDto(appealRequest) {}
export class AppealCaseDto extends createZodDto(appealCaseRequest) {}
export class AppealDecisionDto extends createZodDto(appealDecisionRequest) {}
export class ReportDto extends createZodDto(reportRequest) {}

export class RoundQueryDto extends createZodDto(pagedQuery({ state: textParam().optional() })) {}
export class ApplicationQueryDto extends createZodDto(
  pagedQuery({ roundId: uuidParam.optional(), state: textParam().optional(), organisationId: uuidParam.optional() }),
) {}

// ---- outputs -----------------------------------------------------------------------------

export class RoundDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) instanceId: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: 'open' }) state: string;
  @ApiProperty({ type: RoundSettingsDto }) settings: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, description: 'The ASU reference that approved the round' })
  approval: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) decisionCaseId: string | null;
  @ApiProperty({ type: String, nullable: true }) cancelledReason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ScorerRefDto {
  @ApiProperty({ description: 'Person id' }) personId: string;
  @ApiProperty() name: string;
}

export class ScorerProgressDto extends ScorerRefDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Applications not yet scored (recusals excluded)' })
  missing: string[];
}

export class RecusalViewDto extends ScorerRefDto {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ description: 'Why the scorer is inhabil' }) reason: string;
}

export class ScorerScoreDto {
  @ApiProperty({ description: 'Person id of the scorer' }) scorerId: string;
  @ApiProperty({ description: '0–100' }) score: number;
}

export class ActorRefDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class AdjustmentViewDto {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ description: 'NOK; 0: not recommended' }) amount: number;
  @ApiProperty({ type: Number, nullable: true, description: 'New place in the ranking' }) rank: number | null;
  @ApiProperty() reason: string;
  @ApiProperty({ type: ActorRefDto, description: 'Who made the change' }) by: ActorRefDto;
  @ApiProperty({ description: 'The proposed amount before the change' }) fromAmount: number;
  @ApiProperty({ description: 'The place before the change' }) fromRank: number;
}

export class InnstillingLineDto {
  @ApiProperty() rank: number;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() title: string;
  @ApiProperty() organisation: string;
  @ApiProperty() requested: number;
  @ApiProperty({ description: 'When the søknad was submitted (ISO 8601)' }) submittedAt: string;
  @ApiProperty({ type: Number, nullable: true, description: '0–100; null when nobody scored it' })
  score: number | null;
  @ApiProperty({ type: Number, nullable: true }) spread: number | null;
  @ApiProperty() disagreement: boolean;
  @ApiProperty() proposedAmount: number;
  @ApiProperty() amount: number;
  @ApiProperty({ enum: ['funded', 'trimmed', 'no-room', 'below-threshold', 'unscored'] }) reason: string;
  @ApiProperty({ type: [ScorerScoreDto], description: 'Per scorer: person id and score (0–100)' })
  scorerScores: ScorerScoreDto[];
  @ApiProperty({ type: AdjustmentViewDto, nullable: true, description: "AU's change, if any" })
  adjustment: AdjustmentViewDto | null;
}

export class ReviewDto {
  @ApiProperty() state: string;
  @ApiProperty({ type: [ScorerRefDto], description: 'Scorers (persons) of the round' }) scorers: ScorerRefDto[];
  @ApiProperty({ type: [ScorerProgressDto], description: 'Per scorer: applications still to score' })
  missing: ScorerProgressDto[];
  @ApiProperty({ type: [RecusalViewDto] }) recusals: RecusalViewDto[];
  @ApiProperty({ type: [ScorerProgressDto], description: 'Scorers who had applications left when scoring closed' })
  nonScorers: ScorerProgressDto[];
  @ApiProperty({ type: [InnstillingLineDto], description: 'Empty until scoring has closed' })
  innstilling: InnstillingLineDto[];
  @ApiProperty() budget: number;
  @ApiProperty() total: number;
}

export class RoundPageDto extends PageInfoDto {
  @ApiProperty({ type: [RoundDto] }) items: RoundDto[];
}

export class ApplicantDto {
  @ApiProperty({ description: 'Person id' }) personId: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class ApplicantOrganisationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class GrantDecisionDto {
  @ApiProperty() granted: boolean;
  @ApiProperty({ description: 'NOK granted (0 for an avslag)' }) amount: number;
  @ApiProperty({ description: 'Why (for an avslag: rules, facts, main considerations)' }) reasons: string;
  @ApiProperty() resolution: string;
  @ApiProperty({ type: String, nullable: true, example: '12/25' }) caseRef: string | null;
  @ApiProperty({ description: 'Day of the letter (ISO 8601)' }) letterAt: string;
}

export class AppealOutcomeDto {
  @ApiProperty() upheld: boolean;
  @ApiProperty({ description: 'NOK' }) amount: number;
  @ApiProperty() resolution: string;
}

export class AppealViewDto {
  @ApiProperty({ description: 'The klage' }) text: string;
  @ApiProperty({ description: 'When the klage was registered (ISO 8601)' }) registeredAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The klage case' }) caseId: string | null;
  @ApiProperty({ type: String, nullable: true, example: '13/25' }) caseRef: string | null;
  @ApiProperty({ type: AppealOutcomeDto, nullable: true, description: 'The secretariat’s proposal' })
  proposal: AppealOutcomeDto | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the decision must be recorded by hand' })
  needsRecording: string | null;
  @ApiProperty({ type: AppealOutcomeDto, nullable: true, description: 'The klagevedtak' })
  outcome: AppealOutcomeDto | null;
}

export class ApplicationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ format: 'uuid' }) instanceId: string;
  @ApiProperty({ type: ApplicantDto }) applicant: ApplicantDto;
  @ApiProperty({ type: ApplicantOrganisationDto }) organisation: ApplicantOrganisationDto;
  @ApiProperty() title: string;
  @ApiProperty() requestedAmount: number;
  @ApiProperty({ description: 'field key → text, number or attachment reference' }) answers: Record<string, unknown>;
  @ApiProperty({ example: 'draft' }) state: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'NOK' }) grantedAmount: number | null;
  @ApiProperty({ type: GrantDecisionDto, nullable: true }) decision: GrantDecisionDto | null;
  @ApiProperty({ type: AppealViewDto, nullable: true }) appeal: AppealViewDto | null;
  @ApiProperty({ type: String, nullable: true }) rejectionReason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ApplicationPageDto extends PageInfoDto {
  @ApiProperty({ type: [ApplicationDto] }) items: ApplicationDto[];
}

export class LetterDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['tilskuddsbrev', 'avslag', 'avvisning', 'klagevedtak'] }) kind: string;
  @ApiProperty() subject: string;
  @ApiProperty() body: string;
  @ApiProperty() recipient: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ReportViewDto {
  @ApiProperty() key: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ type: String, nullable: true }) text: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty() accepted: boolean;
}

/** A line of the innstilling as the API shows it: the adjuster named by id and name only. */
export const toInnstillingLineDto = (l: InnstillingLine): InnstillingLineDto => ({
  ...l,
  adjustment: l.adjustment ? { ...l.adjustment, by: { id: l.adjustment.by.id, name: l.adjustment.by.name } } : null,
});

export const toRoundDto = (r: RoundRow): RoundDto => ({
  id: r.id,
  instanceId: r.instance_id,
  title: r.title,
  state: r.state,
  settings: r.settings,
  approval: r.approval,
  decisionCaseId: r.decision_case_id,
  cancelledReason: r.cancelled_reason,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export const toRoundPage = (p: Page<RoundRow>): RoundPageDto => ({ ...p, items: p.items.map(toRoundDto) });

export const toApplicationDto = (a: ApplicationRow): ApplicationDto => ({
  id: a.id,
  roundId: a.round_id,
  instanceId: a.instance_id,
  applicant: { personId: a.applicant_person_id, name: a.applicant_name, email: a.applicant_email },
  organisation: { id: a.organisation_id, name: a.organisation_name },
  title: a.title,
  requestedAmount: Number(a.requested_amount),
  answers: a.answers,
  state: a.state,
  submittedAt: a.submitted_at?.toISOString() ?? null,
  grantedAmount: a.granted_amount === null ? null : Number(a.granted_amount),
  decision: a.decision as GrantDecisionDto | null,
  appeal: a.appeal as AppealViewDto | null,
  rejectionReason: a.rejection_reason,
  createdAt: a.created_at.toISOString(),
  updatedAt: a.updated_at.toISOString(),
});

export const toApplicationPage = (p: Page<ApplicationRow>): ApplicationPageDto => ({
  ...p,
  items: p.items.map(toApplicationDto),
});

export const toLetterDto = (l: LetterRow): LetterDto => ({
  id: l.id,
  kind: l.kind,
  subject: l.subject,
  body: l.body,
  recipient: l.recipient,
  createdAt: l.created_at.toISOString(),
});

export const toReportDto = (r: ReportRow): ReportViewDto => ({
  key: r.key,
  title: r.title,
  dueAt: r.due_at.toISOString(),
  text: r.text,
  submittedAt: r.submitted_at?.toISOString() ?? null,
  accepted: r.accepted,
});

export const toReviewDto = (r: ReviewStatus): ReviewDto => ({
  ...r,
  innstilling: r.innstilling.map(toInnstillingLineDto),
});
