import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One ballot per voter and vote: the primary key is the rule, not a check before the insert. */
@Entity({ name: 'ballots' })
export class BallotEntity {
  @PrimaryColumn('uuid', { name: 'vote_id' })
  voteId: string;

  @PrimaryColumn('uuid', { name: 'person_id' })
  personId: string;

  @Column('text')
  choice: 'for' | 'against' | 'abstain';

  /** The voter, or the secretariat recording a show of hands in a meeting. */
  @Column('text', { name: 'recorded_by' })
  recordedBy: string;

  @Column('timestamptz', { name: 'cast_at' })
  castAt: Date;
}
