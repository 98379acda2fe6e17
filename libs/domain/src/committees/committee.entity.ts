import { Column, Entity, PrimaryColumn } from 'typeorm';

export const COMMITTEE_KINDS = ['asu', 'au', 'au-utvidet', 'fagrad', 'forhandlingsutvalg', 'psu', 'annet'] as const;
export type CommitteeKind = (typeof COMMITTEE_KINDS)[number];

export const DECISION_RULES = ['consensus', 'simple-majority', 'party-majority'] as const;
export type CommitteeDecisionRule = (typeof DECISION_RULES)[number];

@Entity({ name: 'committees' })
export class CommitteeEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** Short name used in case numbers and URLs: `ASU`, `AU`, `AU-UTVIDET`, `FAGRAD-1`. */
  @Column('text', { unique: true })
  code: string;

  @Column('text')
  name: string;

  @Column('text')
  kind: CommitteeKind;

  /** Consensus is the default for partnership committees (DESIGN.md §5). */
  @Column('text', { name: 'decision_rule' })
  decisionRule: CommitteeDecisionRule;

  /** The committee this one prepares for or is part of (the expanded AU under ASU). */
  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId: string | null;

  /** Days before a meeting the notice (innkalling) goes out. */
  @Column('int', { name: 'notice_days' })
  noticeDays: number;
}
