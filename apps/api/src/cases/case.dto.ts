import { ApiProperty } from '@nestjs/swagger';
import type { CaseRow, CaseView } from '@samflyt/domain';
import {
  caseInputRequest,
  caseMinutesRequest,
  createCaseRequest,
  decideCaseRequest,
  FIRST_CASE_YEAR,
  LAST_CASE_YEAR,
  postponeCaseRequest,
  scheduleCaseRequest,
  withdrawCaseRequest,
} from '@samflyt/workflows';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { intParam } from '../http/query';
import { JournalEntryDto, toJournalEntryDto } from '../instances/instance.dto';

export class CreateCaseDto extends createZodDto(createCaseRequest) {}
export class ScheduleCaseDto extends createZodDto(scheduleCaseRequest) {}
export class PostponeCaseDto extends createZodDto(postponeCaseRequest) {}
export class DecideCaseDto extends createZodDto(decideCaseRequest) {}
export class WithdrawCaseDto extends createZodDto(withdrawCaseRequest) {}
export class CaseInputDto extends createZodDto(caseInputRequest) {}
export class CaseMinutesDto extends createZodDto(caseMinutesRequest) {}

export class CaseListQueryDto extends createZodDto(
  z.strictObject({ year: intParam(FIRST_CASE_YEAR, LAST_CASE_YEAR).optional().meta({ example: 2024 }) }),
) {}

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
