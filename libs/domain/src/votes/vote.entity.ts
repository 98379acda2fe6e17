import { Column, Entity, PrimaryColumn } from 'typeorm';

export const VOTE_STATES = ['open', 'closed', 'cancelled'] as const;
export type VoteState = (typeof VOTE_STATES)[number];

/**
 * A vote on a case, run by the `vote` workflow instance and written by its projection. `eligible`
 * is the snapshot of who may vote, taken when the vote opened.
 */
@Entity({ name: 'votes' })
export class VoteEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('uuid', { name: 'meeting_id', nullable: true })
  meetingId: string | null;

  @Column('text')
  mode: 'meeting' | 'written';

  @Column('text')
  rule: 'consensus' | 'simple-majority' | 'party-majority';

  @Column('uuid', { name: 'instance_id', unique: true })
  instanceId: string;

  @Column('timestamptz', { nullable: true })
  deadline: Date | null;

  @Column('jsonb')
  eligible: unknown;

  @Column('jsonb')
  excluded: unknown;

  @Column('int', { name: 'voting_seats' })
  votingSeats: number;

  @Column('text')
  state: VoteState;

  @Column('jsonb', { nullable: true })
  result: unknown;

  @Column('text', { name: 'cancelled_reason', nullable: true })
  cancelledReason: string | null;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt: Date;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;
}
