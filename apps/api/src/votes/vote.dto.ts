import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { InhabilDeclarationView, VoteView } from '@samflyt/domain';
import {
  ballotRequest,
  cancelVoteRequest,
  CHOICES,
  DECISION_RULES,
  decideCaseFromVoteRequest,
  declareInhabilRequest,
  openVoteRequest,
  VOTE_MODES,
  type Choice,
  type DecisionRule,
  type VoteMode,
} from '@samflyt/workflows';
import { createZodDto } from 'nestjs-zod';

export class OpenVoteDto extends createZodDto(openVoteRequest) {}
export class BallotDto extends createZodDto(ballotRequest) {}
export class CancelVoteDto extends createZodDto(cancelVoteRequest) {}
export class DecideCaseFromVoteDto extends createZodDto(decideCaseFromVoteRequest) {}
export class DeclareInhabilDto extends createZodDto(declareInhabilRequest) {}

export class CaseDecisionDto {
  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The vedtak' })
  resolution: string | null;

  @ApiProperty({ description: "The vote's result text, appended to the vedtak in the minutes" })
  voteResult: string;
}

export class EligibleVoterDto {
  @ApiProperty({ format: 'uuid' })
  personId: string;

  @ApiProperty({ example: 'Wenche P. Dehli' })
  name: string;

  @ApiProperty({ example: 'kommune', description: 'For a vara: the party of the member they vote for' })
  party: string;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  inPlaceOf: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  inPlaceOfName: string | null;

  @ApiProperty()
  hasVoted: boolean;
}

export class ExcludedDto {
  @ApiProperty({ format: 'uuid' })
  personId: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ example: 'inhabil', description: 'absent, no-vote, observer, secretariat, inhabil, vara-…' })
  reason: string;
}

export class BallotViewDto {
  @ApiProperty({ format: 'uuid' })
  personId: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: CHOICES })
  choice: Choice;

  @ApiProperty({ format: 'date-time' })
  castAt: string;
}

export class VoteDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid', description: 'The `vote` workflow instance' })
  instanceId: string;

  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({ example: '30/24' })
  caseRef: string;

  @ApiProperty()
  caseTitle: string;

  @ApiProperty({ example: 'ASU' })
  committeeCode: string;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  meetingId: string | null;

  @ApiProperty({ enum: VOTE_MODES })
  mode: VoteMode;

  @ApiProperty({ enum: DECISION_RULES })
  rule: DecisionRule;

  @ApiProperty({ enum: ['open', 'closed', 'cancelled'] })
  state: string;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' })
  deadline: string | null;

  @ApiProperty({ format: 'date-time' })
  openedAt: string;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' })
  closedAt: string | null;

  @ApiProperty({ description: 'Seats with a vote in the committee: the base of the quorum' })
  votingSeats: number;

  @ApiProperty({ type: [EligibleVoterDto], description: 'Who may vote (derived when the vote opened) and who has' })
  eligible: EligibleVoterDto[];

  @ApiProperty({ type: [ExcludedDto], description: 'Members left out, and why' })
  excluded: ExcludedDto[];

  @ApiProperty({ description: 'Ballots cast so far' })
  voted: number;

  @ApiPropertyOptional({ type: [BallotViewDto], nullable: true, description: 'How each voted: only once closed' })
  ballots: BallotViewDto[] | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Once closed: rule, adopted, total and bySide counts, summary (Norwegian)',
  })
  result: unknown;

  @ApiPropertyOptional({ type: String, nullable: true })
  cancelledReason: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'Once closed: the text for the vedtak and the minutes (Norwegian) — send it as `voteResult` of case.decided',
  })
  minutesText: string | null;
}

export class InhabilDeclarationDto {
  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({ format: 'uuid' })
  personId: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  reason: string;

  @ApiProperty({ description: 'Who recorded it: the member or the secretariat' })
  declaredBy: string;

  @ApiProperty({ format: 'date-time' })
  declaredAt: string;
}

export const toVoteDto = (v: VoteView): VoteDto => ({
  id: v.id,
  instanceId: v.instanceId,
  caseId: v.caseId,
  caseRef: v.caseRef,
  caseTitle: v.caseTitle,
  committeeCode: v.committeeCode,
  meetingId: v.meetingId,
  mode: v.mode,
  rule: v.rule,
  state: v.state,
  deadline: v.deadline,
  openedAt: v.openedAt,
  closedAt: v.closedAt,
  votingSeats: v.votingSeats,
  eligible: v.eligible.map((e) => ({ ...e })),
  excluded: v.excluded.map((e) => ({ ...e })),
  voted: v.voted,
  ballots: v.ballots?.map((b) => ({ ...b })) ?? null,
  result: v.result,
  cancelledReason: v.cancelledReason,
  minutesText: v.minutesText,
});

export const toInhabilDto = (d: InhabilDeclarationView): InhabilDeclarationDto => ({ ...d });
