import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A meeting of a committee. Written by the `meeting` workflow's projection; its state is the instance's. */
@Entity({ name: 'meetings' })
export class MeetingEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'committee_id' })
  committeeId: string;

  @Column('timestamptz', { name: 'starts_at' })
  startsAt: Date;

  @Column('timestamptz', { name: 'ends_at' })
  endsAt: Date;

  @Column('text')
  place: string;

  /** Møteleder. */
  @Column('uuid', { name: 'chair_person_id', nullable: true })
  chairPersonId: string | null;

  /** Referent. */
  @Column('uuid', { name: 'minute_taker_person_id', nullable: true })
  minuteTakerPersonId: string | null;

  /** «Neste møte» as the minutes write it: `19.06.24`. */
  @Column('text', { name: 'next_meeting_note', nullable: true })
  nextMeetingNote: string | null;

  @Column('uuid', { name: 'instance_id', nullable: true, unique: true })
  instanceId: string | null;
}

export const AGENDA_ITEM_KINDS = ['case', 'break', 'other'] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];

/** One line of the sakliste: a case, a break, or another point («Hvordan har møtet vært?»). */
@Entity({ name: 'agenda_items' })
export class AgendaItemEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'meeting_id' })
  meetingId: string;

  /** 1, 2, …; unique per meeting. */
  @Column('int')
  position: number;

  @Column('text')
  kind: AgendaItemKind;

  /** Required when kind is `case` (a CHECK), empty otherwise. */
  @Column('uuid', { name: 'case_id', nullable: true })
  caseId: string | null;

  /** The sakliste's wording; for a case, null means the case's title. */
  @Column('text', { nullable: true })
  title: string | null;

  /** Sub-points under the title, one per line. */
  @Column('text', { nullable: true })
  details: string | null;

  /** Local (Oslo) time of day, `13:10:00`; null means right after the item before. */
  @Column('time', { name: 'starts_at', nullable: true })
  startsAt: string | null;

  @Column('int', { name: 'duration_minutes', nullable: true })
  durationMinutes: number | null;

  /** «Ansvarlig» as the sakliste writes it. */
  @Column('text', { nullable: true })
  responsible: string | null;
}

export const ATTENDANCE_STATUSES = ['present', 'remote', 'absent'] as const;
export type AttendanceStatusValue = (typeof ATTENDANCE_STATUSES)[number];

/**
 * Whether a person attends a meeting: answered in advance (`responded_at`) and/or recorded at the
 * meeting (`recorded_at`). A vara standing in names the member in `stands_in_for_person_id`.
 */
@Entity({ name: 'attendance' })
export class AttendanceEntity {
  @PrimaryColumn('uuid', { name: 'meeting_id' })
  meetingId: string;

  @PrimaryColumn('uuid', { name: 'person_id' })
  personId: string;

  @Column('text')
  status: AttendanceStatusValue;

  @Column('uuid', { name: 'stands_in_for_person_id', nullable: true })
  standsInForPersonId: string | null;

  @Column('timestamptz', { name: 'responded_at', nullable: true })
  respondedAt: Date | null;

  @Column('timestamptz', { name: 'recorded_at', nullable: true })
  recordedAt: Date | null;
}
