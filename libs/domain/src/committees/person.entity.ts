import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'persons' })
export class PersonEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  /** Unique, compared lower-case. Also the subject of a person's login. */
  @Column('text', { unique: true })
  email: string;

  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @Column('text', { nullable: true })
  title: string | null;
}
