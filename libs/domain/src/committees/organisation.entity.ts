import { Column, Entity, PrimaryColumn } from 'typeorm';

export const ORGANISATION_KINDS = [
  'kommune',
  'helseforetak',
  'regionalt-helseforetak',
  'brukerorganisasjon',
  'fastlegerepresentasjon',
  'statlig',
  'fylkeskommune',
  'utdanning',
  'annen',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** The municipal regions the minutes use. */
export const MUNICIPAL_REGIONS = [
  'Trøndelag sør-vest',
  'Trondheimsområdet',
  'Fjellregionen',
  'Fosenregionen',
  'Værnesregionen',
] as const;
export type MunicipalRegion = (typeof MUNICIPAL_REGIONS)[number];

@Entity({ name: 'organisations' })
export class OrganisationEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text', { unique: true })
  name: string;

  @Column('text')
  kind: OrganisationKind;

  /** Norwegian organisasjonsnummer (9 digits) or kommunenummer (4 digits), when known. */
  @Column('text', { nullable: true })
  number: string | null;

  @Column('text', { nullable: true })
  region: MunicipalRegion | null;
}
