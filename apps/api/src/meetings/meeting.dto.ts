import { ApiProperty } from '@nestjs/swagger';
import type { MeetingRow, MeetingView } from '@samflyt/domain';
import {
  AGENDA_KINDS,
  ATTENDANCE,
  attendanceRequest,
  cancelMeetingRequest,
  createMeetingRequest,
  replaceAgendaRequest,
} from '@samflyt/workflows';
import { createZodDto } from 'nestjs-zod';
import { TimerDto } from '../instances/instance.dto';

export class CreateMeetingDto extends createZodDto(createMeetingRequest) {}
export class ReplaceAgendaDto extends createZodDto(replaceAgendaRequest) {}
export class AttendanceInputDto extends createZodDto(attendanceRequest) {}
export class CancelMeetingDto extends createZodDto(cancelMeetingRequest) {}

export class PersonRefDto {
  @ApiProperty({ format: 'uuid' })
  personId: string;

  @ApiProperty({ example: 'Ingjerd Astad' })
  name: string;
}

export class InvitedDto extends PersonRefDto {
  @ApiProperty({ example: 'ingjerd.astad@example.no' })
  email: string;
}

export class CaseTrackDto {
  @ApiProperty({ format: 'uuid' })
  meetingId: string;

  @ApiProperty({ format: 'date-time' })
  startsAt: string;

  @ApiProperty({ enum: ['scheduled', 'postponed', 'decided', 'withdrawn'] })
  outcome: string;
}

export class AgendaItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 1 })
  position: number;

  @ApiProperty({ enum: AGENDA_KINDS })
  kind: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  caseId: string | null;

  @ApiProperty({ type: String, nullable: true, example: '15/24' })
  caseRef: string | null;

  @ApiProperty({ type: String, nullable: true })
  title: string | null;

  @ApiProperty({ type: String, nullable: true })
  details: string | null;

  @ApiProperty({ type: String, nullable: true, example: '16:15' })
  startsAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: '16:30' })
  endsAt: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 15 })
  durationMinutes: number | null;

  @ApiProperty({ type: String, nullable: true })
  responsible: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'onAgenda', description: "The case's state now" })
  caseState: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'postponed',
    description: 'What happened to the case at this meeting',
  })
  outcome: string | null;

  @ApiProperty({ type: [CaseTrackDto], description: "The case's meetings, oldest first" })
  caseHistory: CaseTrackDto[];
}

export class AttendanceDto {
  @ApiProperty({ format: 'uuid' })
  personId: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ATTENDANCE })
  status: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  standsInForPersonId: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When answered before the meeting' })
  respondedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When recorded at the meeting' })
  recordedAt: string | null;
}

export class MeetingSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'ASU' })
  committee: string;

  @ApiProperty({ format: 'date-time' })
  startsAt: string;

  @ApiProperty({ format: 'date-time' })
  endsAt: string;

  @ApiProperty()
  place: string;

  @ApiProperty({ enum: ['planned', 'published', 'noticed', 'held', 'approved', 'cancelled'] })
  state: string;
}

export class MeetingDto extends MeetingSummaryDto {
  @ApiProperty({ type: PersonRefDto, nullable: true })
  chair: PersonRefDto | null;

  @ApiProperty({ type: PersonRefDto, nullable: true })
  minuteTaker: PersonRefDto | null;

  @ApiProperty({ type: String, nullable: true })
  nextMeetingNote: string | null;

  @ApiProperty({ example: 7 })
  noticeDays: number;

  @ApiProperty({ format: 'uuid', description: 'The meeting workflow instance (/instances/{id})' })
  instanceId: string;

  @ApiProperty()
  revision: number;

  @ApiProperty({ type: [String] })
  allowedEvents: string[];

  @ApiProperty({ type: [TimerDto], description: 'The notice and reminders, while pending' })
  timers: TimerDto[];

  @ApiProperty({ type: [InvitedDto], description: 'Who is called to the meeting' })
  invited: InvitedDto[];

  @ApiProperty({ type: [AgendaItemDto] })
  agenda: AgendaItemDto[];

  @ApiProperty({ type: [AttendanceDto] })
  attendance: AttendanceDto[];
}

export const toMeetingSummaryDto = (m: MeetingRow): MeetingSummaryDto => ({
  id: m.id,
  committee: m.committeeCode,
  startsAt: m.startsAt.toISOString(),
  endsAt: m.endsAt.toISOString(),
  place: m.place,
  state: m.state,
});

export const toMeetingDto = (m: MeetingView): MeetingDto => ({
  id: m.id,
  committee: m.committee.code,
  startsAt: m.startsAt,
  endsAt: m.endsAt,
  place: m.place,
  state: m.state,
  chair: m.chair,
  minuteTaker: m.minuteTaker,
  nextMeetingNote: m.nextMeetingNote,
  noticeDays: m.noticeDays,
  instanceId: m.instanceId,
  revision: m.revision,
  allowedEvents: m.allowedEvents,
  timers: m.timers,
  invited: m.invited,
  agenda: m.agenda,
  attendance: m.attendance,
});
