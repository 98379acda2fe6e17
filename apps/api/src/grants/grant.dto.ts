import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ApplicationRow, LetterRow, Page, ReportRow, RoundRow } from '@samflyt/domain';
import { FIELD_TYPES, type InnstillingLine } from '@samflyt/workflows';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

// ---- inputs ------------------------------------------------------------------------------

export class FormFieldDto {
  @ApiProperty({ example: 'malgruppe' }) key: string;
  @ApiProperty({ example: 'Målgruppe' }) label: string;
  @ApiPropertyOptional() help?: string;
  @ApiProperty({ enum: FIELD_TYPES }) type: string;
  @ApiProperty() required: boolean;
  @ApiPropertyOptional() maxLength?: number;
  @ApiPropertyOptional() min?: number;
  @ApiPropertyOptional() max?: number;
  @ApiPropertyOptional({ type: [String] }) options?: string[];
  @ApiPropertyOptional({ type: [String], example: ['application/pdf'] }) allowedTypes?: string[];
  @ApiPropertyOptional({ example: 5_000_000 }) maxBytes?: number;
}

export class CriterionDto {
  @ApiProperty({ example: 'gevinst' }) key: string;
  @ApiProperty({ example: 'Forventet gevinst' }) title: string;
  @ApiProperty() description: string;
  @ApiProperty({ example: 3 }) weight: number;
  @ApiProperty({ example: 1 }) scaleMin: number;
  @ApiProperty({ example: 5 }) scaleMax: number;
}

export class ReportRequirementDto {
  @ApiProperty({ example: 'sluttrapport' }) key: string;
  @ApiProperty({ example: 'Sluttrapport' }) title: string;
  @ApiProperty({
    example: 'P12M',
    description: 'A date, a date-time with offset, or a duration after the tilskuddsbrev',
  })
  due: string;
}

/** Checked in full (types, ranges, cross-field rules) by the round's schema: 400 naming the field. */
export class RoundSettingsDto {
  @ApiProperty({ example: 'Rekrutterings- og samhandlingstilskudd 2025' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  title?: string;
  @ApiProperty({ description: 'Utlysningstekst (Markdown)' })
  @IsOptional()
  @IsString()
  @MaxLength(50_000)
  callText?: string;
  @ApiProperty({ type: [FormFieldDto] }) @IsOptional() @IsArray() form?: unknown[];
  @ApiProperty({ type: [CriterionDto] }) @IsOptional() @IsArray() criteria?: unknown[];
  @ApiProperty({ example: 5_000_000, description: 'NOK' }) @IsOptional() @IsInt() budget?: number;
  @ApiProperty({ example: 500_000 }) @IsOptional() @IsInt() minAmount?: number;
  @ApiProperty({ example: 2_000_000 }) @IsOptional() @IsInt() maxAmount?: number;
  @ApiPropertyOptional({ nullable: true, description: '0–100; below it nothing is funded' })
  @IsOptional()
  @IsNumber()
  qualityThreshold?: number | null;
  @ApiProperty({ example: '2025-01-15T09:00:00+01:00' }) @IsOptional() @IsString() @MaxLength(40) opensAt?: string;
  @ApiProperty({ example: '2025-03-01T12:00:00+01:00' }) @IsOptional() @IsString() @MaxLength(40) closesAt?: string;
  @ApiProperty({ example: '2025-03-21' }) @IsOptional() @IsString() @MaxLength(40) scoringDeadline?: string;
  @ApiProperty({ example: 'AU-UTVIDET' }) @IsOptional() @IsString() @MaxLength(30) reviewingCommittee?: string;
  @ApiProperty({ example: 'ASU' }) @IsOptional() @IsString() @MaxLength(30) decidingCommittee?: string;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() appealable?: boolean;
  @ApiPropertyOptional({ default: 'P21D' }) @IsOptional() @IsString() @MaxLength(40) appealPeriod?: string;
  @ApiProperty({ description: 'Vilkår in the tilskuddsbrev' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  conditions?: string;
  @ApiPropertyOptional({ type: [ReportRequirementDto] }) @IsOptional() @IsArray() reporting?: unknown[];
  @ApiPropertyOptional({ type: [String], default: ['P7D', 'P1D'] })
  @IsOptional()
  @IsArray()
  applicantReminderOffsets?: string[];
  @ApiPropertyOptional({ type: [String], default: ['P3D', 'P1D'] })
  @IsOptional()
  @IsArray()
  scorerReminderOffsets?: string[];
  @ApiPropertyOptional({ type: [String], default: ['P14D', 'P3D'] })
  @IsOptional()
  @IsArray()
  reportReminderOffsets?: string[];
}

export class ReasonDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2_000) reason: string;
}

export class ApproveRoundDto {
  @ApiProperty({ example: 'ASU sak 45/24' }) @IsString() @MinLength(1) @MaxLength(500) reference: string;
}

export class ScoreDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() applicationId: string;
  @ApiProperty({ example: { gevinst: 4, forankring: 5 }, description: 'criterion key → score on its scale' })
  @IsObject()
  scores: Record<string, number>;
  @ApiProperty() @IsString() @MaxLength(10_000) comment: string;
}

export class RecusalDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() applicationId: string;
  @ApiProperty({ example: 'Styremedlem i søkerorganisasjonen' })
  @IsString()
  @MinLength(1)
  @MaxLength(2_000)
  reason: string;
}

export class AdjustmentDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() applicationId: string;
  @ApiProperty({ description: 'NOK; 0: not recommended' }) @IsInt() @Min(0) @Max(1_000_000_000) amount: number;
  @ApiPropertyOptional({ nullable: true, description: 'New place in the ranking' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  rank?: number | null;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(5_000) reason: string;
}

export class SubmitInnstillingDto {
  @ApiProperty({ example: 2025, description: 'Year of the case number NN/YY' })
  @IsInt()
  @Min(2000)
  @Max(2099)
  year: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) responsible?: string;
}

export class AwardDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() applicationId: string;
  @ApiProperty() @IsInt() @Min(0) amount: number;
}

export class RecordDecisionDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(20_000) resolution: string;
  @ApiProperty({ type: [AwardDto] }) @IsArray() @Type(() => AwardDto) awards: AwardDto[];
}

export class CreateApplicationDto {
  @ApiProperty({ example: 'Felles rekrutteringsteam for sykepleiere' }) @IsString() @MaxLength(500) title: string;
  @ApiProperty({ example: 1_500_000 }) @IsInt() @Min(0) @Max(1_000_000_000) requestedAmount: number;
  @ApiPropertyOptional({ description: 'field key → text or number' }) @IsOptional() @IsObject() answers?: Record<
    string,
    string | number
  >;
}

export class UpdateApplicationDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(1_000_000_000) requestedAmount?: number;
  @ApiPropertyOptional() @IsOptional() @IsObject() answers?: Record<string, string | number>;
}

export const CHECK_OUTCOMES = ['complete', 'info-requested', 'rejected'] as const;

export class FormalCheckDto {
  @ApiProperty({ enum: CHECK_OUTCOMES }) @IsIn(CHECK_OUTCOMES) outcome: (typeof CHECK_OUTCOMES)[number];
  @ApiPropertyOptional({ description: 'info-requested: what is missing; rejected: the reason' })
  @IsOptional()
  @IsString()
  @MaxLength(5_000)
  message?: string;
  @ApiPropertyOptional({ description: 'info-requested: the deadline' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  deadline?: string;
}

export class ProvideInfoDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(10_000) message: string;
  @ApiPropertyOptional() @IsOptional() @IsObject() answers?: Record<string, string | number>;
}

export class AppealDto {
  @ApiProperty({ description: 'The klage: what is appealed, the change wanted, and why' })
  @IsString()
  @MinLength(1)
  @MaxLength(20_000)
  text: string;
}

export class AppealCaseDto {
  @ApiProperty({ example: 2025 }) @IsInt() @Min(2000) @Max(2099) year: number;
  @ApiProperty({ description: 'Proposed: the klage is upheld' }) @IsBoolean() upheld: boolean;
  @ApiProperty({ description: 'Proposed amount when upheld (NOK)' })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  amount: number;
  @ApiProperty({ description: 'Forslag til vedtak' }) @IsString() @MinLength(1) @MaxLength(20_000) resolution: string;
}

export class AppealDecisionDto {
  @ApiProperty() @IsBoolean() upheld: boolean;
  @ApiProperty() @IsInt() @Min(0) @Max(1_000_000_000) amount: number;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(20_000) resolution: string;
}

export class ReportDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(50_000) text: string;
}

export class WithdrawDto extends ReasonDto {}

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

export class RoundPageDto {
  @ApiProperty({ type: [RoundDto] }) items: RoundDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
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

export class ApplicationPageDto {
  @ApiProperty({ type: [ApplicationDto] }) items: ApplicationDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
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
