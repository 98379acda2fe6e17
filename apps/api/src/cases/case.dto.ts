import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CaseRow, CaseView } from '@samflyt/domain';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { JournalEntryDto, toJournalEntryDto } from '../instances/instance.dto';

export class CreateCaseDto {
  @ApiProperty({ example: 'Utviklingsprosjekt fra Topplederprogrammet' })
  @IsString()
  @Length(1, 500)
  title: string;

  @ApiProperty({ example: '1. Saken tas til orientering.', description: 'Forslag til vedtak' })
  @IsString()
  @Length(1, 20_000)
  proposedResolution: string;

  @ApiPropertyOptional({ example: 'Ingjerd Astad/Tom Christian Martinsen', description: 'Saksansvarlig' })
  @IsOptional()
  @IsString()
  responsible?: string;

  @ApiPropertyOptional({ example: 'Solveig Cruikshank Tofte', description: 'Saksbehandler' })
  @IsOptional()
  @IsString()
  caseOfficer?: string;

  @ApiPropertyOptional({ example: 2024, description: 'This year (Oslo) by default' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2099)
  year?: number;

  @ApiPropertyOptional({
    example: 15,
    description: 'Only to register an existing case with its number; a taken number is 409',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(999)
  number?: number;
}

/** Where the case goes on the meeting's sakliste (at the end). */
export class AgendaPlacementDto {
  @ApiPropertyOptional({ example: 'Kort orientering m/refleksjonsrunde', description: 'Sub-points, one per line' })
  @IsOptional()
  @IsString()
  details?: string;

  @ApiPropertyOptional({ description: "The sakliste's wording; the case's title by default" })
  @IsOptional()
  @IsString()
  title?: string;

  @ApiPropertyOptional({ example: '16:15' })
  @IsOptional()
  @IsString()
  startsAt?: string;

  @ApiPropertyOptional({ example: 15 })
  @IsOptional()
  @IsInt()
  durationMinutes?: number;

  @ApiPropertyOptional({ example: 'Albert Verhagen Tone Løvvik' })
  @IsOptional()
  @IsString()
  responsible?: string;
}

export class ScheduleCaseDto extends AgendaPlacementDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  meetingId: string;
}

export class PostponeCaseDto extends AgendaPlacementDto {
  @ApiProperty({ format: 'uuid', description: 'A later meeting of the same committee' })
  @IsUUID()
  toMeetingId: string;

  @ApiPropertyOptional({
    example: '1. Saken utsettes til ASU-møte 19.06.24.',
    description: 'What the minutes say; generated when absent',
  })
  @IsOptional()
  @IsString()
  resolution?: string;
}

export class DecideCaseDto {
  @ApiPropertyOptional({ description: 'The vedtak; the forslag til vedtak as it stands when absent' })
  @IsOptional()
  @IsString()
  resolution?: string;

  @ApiPropertyOptional({ example: 'Vedtatt enstemmig.', description: 'Appended to the vedtak' })
  @IsOptional()
  @IsString()
  voteResult?: string;
}

export class WithdrawCaseDto {
  @ApiProperty({ example: 'Saken er løst administrativt.' })
  @IsString()
  @Length(1, 2000)
  reason: string;
}

export class CaseInputDto {
  @ApiProperty({ example: 'Fastlegene opplever at meldte utfordringer ikke blir fulgt opp.' })
  @IsString()
  text: string;

  @ApiPropertyOptional({ example: 'ASU' })
  @IsOptional()
  @IsString()
  author?: string;
}

export class CaseMinutesDto {
  @ApiProperty({ example: 'Avdelingsdirektør i Helseplattformen orienterte om status.', description: 'The referat' })
  @IsString()
  text: string;
}

export class CaseSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '15/24' })
  ref: string;

  @ApiProperty({ example: 'ASU' })
  committee: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ enum: ['draft', 'onAgenda', 'decided', 'withdrawn'] })
  state: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The meeting it is on now' })
  meetingId: string | null;
}

export class CaseMeetingDto {
  @ApiProperty({ format: 'uuid' })
  meetingId: string;

  @ApiProperty({ format: 'date-time' })
  startsAt: string;

  @ApiProperty({ enum: ['scheduled', 'postponed', 'decided', 'withdrawn'] })
  outcome: string;

  @ApiProperty({ type: String, nullable: true })
  resolution: string | null;

  @ApiProperty({ type: String, nullable: true })
  minutesText: string | null;
}

export class CaseInputViewDto {
  @ApiProperty()
  text: string;

  @ApiProperty({ type: String, nullable: true })
  author: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  meetingId: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class CaseAssignmentDto {
  @ApiProperty({ format: 'uuid', description: 'The assignment instance' })
  instanceId: string;

  @ApiProperty({ example: 'assigned' })
  state: string;

  @ApiProperty()
  title: string;
}

export class CaseDto extends CaseSummaryDto {
  @ApiProperty({ example: 2024 })
  year: number;

  @ApiProperty({ example: 15 })
  number: number;

  @ApiProperty({ description: 'Forslag til vedtak' })
  proposedResolution: string;

  @ApiProperty({ type: String, nullable: true, description: 'Vedtak, with the vote result appended' })
  resolution: string | null;

  @ApiProperty({ type: String, nullable: true })
  minutesText: string | null;

  @ApiProperty({ type: String, nullable: true })
  responsible: string | null;

  @ApiProperty({ type: String, nullable: true })
  caseOfficer: string | null;

  @ApiProperty({ type: String, nullable: true })
  withdrawnReason: string | null;

  @ApiProperty({ format: 'uuid' })
  instanceId: string;

  @ApiProperty()
  revision: number;

  @ApiProperty({ type: [String] })
  allowedEvents: string[];

  @ApiProperty({ type: [CaseMeetingDto], description: 'The meetings it has been on, oldest first' })
  meetings: CaseMeetingDto[];

  @ApiProperty({ type: [CaseInputViewDto], description: 'Innspill' })
  inputs: CaseInputViewDto[];

  @ApiProperty({ type: [CaseAssignmentDto], description: 'Assignments created from its vedtak' })
  assignments: CaseAssignmentDto[];

  @ApiProperty({ type: [JournalEntryDto], description: 'Every event on the case' })
  history: JournalEntryDto[];
}

export const toCaseSummaryDto = (c: Omit<CaseRow, 'instanceId'>): CaseSummaryDto => ({
  id: c.id,
  ref: c.ref,
  committee: c.committeeCode,
  title: c.title,
  state: c.state,
  meetingId: c.meetingId,
});

export const toCaseDto = (c: CaseView): CaseDto => ({
  id: c.id,
  ref: c.ref,
  committee: c.committee.code,
  title: c.title,
  state: c.state,
  meetingId: c.meetingId,
  year: c.year,
  number: c.number,
  proposedResolution: c.proposedResolution,
  resolution: c.resolution,
  minutesText: c.minutesText,
  responsible: c.responsible,
  caseOfficer: c.caseOfficer,
  withdrawnReason: c.withdrawnReason,
  instanceId: c.instanceId,
  revision: c.revision,
  allowedEvents: c.allowedEvents,
  meetings: c.meetings,
  inputs: c.inputs,
  assignments: c.assignments,
  history: c.history.map(toJournalEntryDto),
});
