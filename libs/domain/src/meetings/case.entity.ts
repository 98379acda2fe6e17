import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A sak: numbered `NN/YY` per committee and year. Written by the `case` workflow's projection. */
@Entity({ name: 'cases' })
export class CaseEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'committee_id' })
  committeeId: string;

  @Column('int')
  year: number;

  /** In order per committee and year, allocated in the case's start transaction. */
  @Column('int')
  number: number;

  @Column('text')
  title: string;

  /** Forslag til vedtak. */
  @Column('text', { name: 'proposed_resolution' })
  proposedResolution: string;

  /** Vedtak, with the vote result appended when there was a vote. */
  @Column('text', { nullable: true })
  resolution: string | null;

  /** Referat from the meeting it is (or was last) on. */
  @Column('text', { name: 'minutes_text', nullable: true })
  minutesText: string | null;

  /** Saksansvarlig. */
  @Column('text', { nullable: true })
  responsible: string | null;

  /** Saksbehandler. */
  @Column('text', { name: 'case_officer', nullable: true })
  caseOfficer: string | null;

  @Column('uuid', { name: 'instance_id', unique: true })
  instanceId: string;

  /** The meeting it is on now (after a postponement: the later one). */
  @Column('uuid', { name: 'meeting_id', nullable: true })
  meetingId: string | null;
}

export const CASE_MEETING_OUTCOMES = ['scheduled', 'postponed', 'decided', 'withdrawn'] as const;
export type CaseMeetingOutcome = (typeof CASE_MEETING_OUTCOMES)[number];

/** A case's track through meetings: on the 17.04 meeting «postponed», on the 19.06 one «decided». */
@Entity({ name: 'case_meetings' })
export class CaseMeetingEntity {
  @PrimaryColumn('uuid', { name: 'case_id' })
  caseId: string;

  @PrimaryColumn('uuid', { name: 'meeting_id' })
  meetingId: string;

  @Column('text')
  outcome: CaseMeetingOutcome;

  /** What was resolved at that meeting: the vedtak, «Saken utsettes til …», or the withdrawal. */
  @Column('text', { nullable: true })
  resolution: string | null;

  @Column('text', { name: 'minutes_text', nullable: true })
  minutesText: string | null;
}

/** An innspill to a case, given at a meeting. */
@Entity({ name: 'case_inputs' })
export class CaseInputEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('uuid', { name: 'meeting_id', nullable: true })
  meetingId: string | null;

  @Column('text')
  text: string;

  @Column('text', { nullable: true })
  author: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** The last case number used per committee and year. */
@Entity({ name: 'case_numbers' })
export class CaseNumberEntity {
  @PrimaryColumn('uuid', { name: 'committee_id' })
  committeeId: string;

  @PrimaryColumn('int')
  year: number;

  @Column('int')
  last: number;
}

/** An assignment (oppdrag) created from the vedtak of a case. */
@Entity({ name: 'case_assignments' })
export class CaseAssignmentEntity {
  @PrimaryColumn('uuid', { name: 'case_id' })
  caseId: string;

  @PrimaryColumn('uuid', { name: 'instance_id' })
  instanceId: string;
}
