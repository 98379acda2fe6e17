import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A member's inhabilitet in one case (forvaltningsloven § 6): recorded per case and member, so the
 * member is left out of every vote on that case.
 */
@Entity({ name: 'inhabil_declarations' })
export class InhabilDeclarationEntity {
  @PrimaryColumn('uuid', { name: 'case_id' })
  caseId: string;

  @PrimaryColumn('uuid', { name: 'person_id' })
  personId: string;

  @Column('text')
  reason: string;

  /** The actor who recorded it: the member themself or the secretariat. */
  @Column('text', { name: 'declared_by' })
  declaredBy: string;

  @Column('timestamptz', { name: 'declared_at' })
  declaredAt: Date;
}
