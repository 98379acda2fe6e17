import { Column, Entity, PrimaryColumn } from 'typeorm';

export const MEMBER_ROLES = ['leder', 'nestleder', 'medlem', 'vara', 'observatør', 'sekretariat'] as const;
export type MembershipRole = (typeof MEMBER_ROLES)[number];

export const PARTIES = ['kommune', 'sykehus', 'fastlege', 'bruker', 'ansatt', 'annen'] as const;
export type MembershipParty = (typeof PARTIES)[number];

/** A person's seat in a committee for a period: role, party, whom they represent, vote or not. */
@Entity({ name: 'memberships' })
export class MembershipEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'committee_id' })
  committeeId: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  @Column('text')
  role: MembershipRole;

  @Column('text')
  party: MembershipParty;

  /** Whom the seat represents, as the minutes write it: `Trøndelag sør-vest`, `St. Olavs hospital (NSF)`. */
  @Column('text', { nullable: true })
  represents: string | null;

  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @Column('boolean', { name: 'has_vote' })
  hasVote: boolean;

  /** For a vara: the person (member of the same committee) they substitute for. */
  @Column('uuid', { name: 'vara_for_person_id', nullable: true })
  varaForPersonId: string | null;

  @Column('date', { name: 'valid_from' })
  validFrom: string;

  @Column('date', { name: 'valid_to', nullable: true })
  validTo: string | null;
}
