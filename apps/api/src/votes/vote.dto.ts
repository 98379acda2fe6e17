import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { isoDuration, uuidSchema } from '@samflyt/engine';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { InhabilDeclarationView, VoteView } from '@samflyt/domain';
import { CHOICES, VOTE_MODES, VOTE_RULES, type Choice, type DecisionRule, type VoteMode } from '@samflyt/workflows';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

const openVote = z.strictObject({
  mode: z
    .enum(VOTE_MODES)
    .meta({ description: '`meeting`: closed by the secretariat; `written`: closes at its deadline' }),
  deadline: z.string().max(40).optional().meta({
    example: '2024-06-14',
    description: 'Written rounds only (required there): a date (end of that day in Oslo) or a date-time with offset',
  }),
  rule: z.enum(VOTE_RULES).optional().meta({ description: "Defaults to the committee's decision rule" }),
  reminderOffsets: z
    .array(isoDuration)
    .max(10)
    .optional()
    .meta({
      example: ['P2D', 'PT12H'],
      description:
        'Written rounds: reminders this long before the deadline, to those who have not voted (default P2D, PT12H)',
    }),
  meetingId: uuidSchema.optional().meta({ description: 'A vote in a meeting: defaults to the meeting the case is on' }),
});
export class OpenVoteDto extends createZodDto(openVote) {}

const ballot = z.strictObject({
  choice: z.enum(CHOICES),
  voterId: uuidSchema.optional().meta({
    description: "The secretariat recording a voter's ballot in a meeting (show of hands); voters leave it out",
  }),
});
export class BallotDto extends createZodDto(ballot) {}

export class CancelVoteDto {
  @ApiProperty({ example: 'Åpnet i feil sak' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

export class DecideCaseFromVoteDto {
  @ApiPropertyOptional({
    description: 'The vedtak, when it differs from the forslag til vedtak (amended in the meeting)',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(20_000)
  resolution?: string;
}

export class CaseDecisionDto {
  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The vedtak' })
  resolution: string | null;

  @ApiProperty({ description: "The vote's result text, appended to the vedtak in the minutes" })
  voteResult: string;
}

export class DeclareInhabilDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The member; defaults to the caller. The secretariat may name any member.',
  })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiProperty({ example: 'Styremedlem i søkerorganisasjonen (fvl. § 6 første ledd bokstav e)' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
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

  @ApiProperty({ enum: VOTE_RULES })
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
