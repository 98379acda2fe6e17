import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COMMITTEE_KINDS,
  committeeQuery,
  DECISION_RULES,
  importEnvelope,
  MEMBER_ROLES,
  MUNICIPAL_REGIONS,
  ORGANISATION_KINDS,
  PARTIES,
} from '@samflyt/workflows';
import { createZodDto } from 'nestjs-zod';
import {
  type CommitteeImportSummary,
  type CommitteeSummaryView,
  type CommitteeView,
  type MemberView,
  type OrganisationView,
  type PersonMembershipView,
  type PersonView,
  type UpsertCounts,
} from '@samflyt/domain';

export class OrganisationDto {
  @ApiProperty({ example: 'Trondheim kommune' })
  name: string;

  @ApiProperty({ enum: ORGANISATION_KINDS, example: 'kommune' })
  kind: string;

  @ApiProperty({ type: String, nullable: true, example: '5001', description: 'Kommunenummer or organisasjonsnummer' })
  number: string | null;

  @ApiProperty({ enum: MUNICIPAL_REGIONS, nullable: true, example: 'Trondheimsområdet' })
  region: string | null;
}

export class VaraForDto {
  @ApiProperty({ format: 'uuid' })
  personId: string;

  @ApiProperty({ example: 'Wenche P. Dehli' })
  name: string;

  @ApiPropertyOptional({ example: 'wenche.dehli@trondheim.kommune.test', description: 'Only for the secretariat' })
  email?: string;
}

export class CommitteeSummaryDto {
  @ApiProperty({ example: 'ASU' })
  code: string;

  @ApiProperty({ example: 'Administrativt samarbeidsutvalg' })
  name: string;

  @ApiProperty({ enum: COMMITTEE_KINDS, example: 'asu' })
  kind: string;

  @ApiProperty({ enum: DECISION_RULES, example: 'consensus' })
  decisionRule: string;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Code of the committee this one is under' })
  parent: string | null;

  @ApiProperty({ example: 7, description: 'Days before a meeting the notice (innkalling) goes out' })
  noticeDays: number;

  @ApiProperty({ example: 39, description: 'Seats valid on the date asked for (today by default)' })
  memberCount: number;
}

export class CommitteeMemberDto {
  @ApiProperty({ format: 'uuid' })
  personId: string;

  @ApiProperty({ example: 'Ingjerd Astad' })
  name: string;

  @ApiPropertyOptional({ example: 'ingjerd.astad@trondelag-sor-vest.test', description: 'Only for the secretariat' })
  email?: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  title: string | null;

  @ApiProperty({ enum: MEMBER_ROLES, example: 'leder' })
  role: string;

  @ApiProperty({ enum: PARTIES, example: 'kommune' })
  party: string;

  @ApiProperty({ type: String, nullable: true, example: 'Trøndelag sør-vest' })
  represents: string | null;

  @ApiProperty({ type: OrganisationDto, nullable: true, description: 'The organisation the seat represents' })
  organisation: OrganisationDto | null;

  @ApiProperty({ description: 'A vote of their own (a vara votes only when standing in at a meeting)' })
  vote: boolean;

  @ApiProperty({ type: VaraForDto, nullable: true, description: 'For a vara: the member they stand in for' })
  varaFor: VaraForDto | null;

  @ApiProperty({ format: 'date', example: '2024-01-01' })
  from: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: null })
  to: string | null;
}

export class CommitteeDto {
  @ApiProperty({ example: 'ASU' })
  code: string;

  @ApiProperty({ example: 'Administrativt samarbeidsutvalg' })
  name: string;

  @ApiProperty({ enum: COMMITTEE_KINDS, example: 'asu' })
  kind: string;

  @ApiProperty({ enum: DECISION_RULES, example: 'consensus' })
  decisionRule: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  parent: string | null;

  @ApiProperty({ example: 7 })
  noticeDays: number;

  @ApiProperty({ format: 'date', example: '2024-04-17', description: 'The date the members are valid on' })
  at: string;

  @ApiProperty({
    type: [CommitteeMemberDto],
    description: 'In the order of the minutes: members by party (leader first), observers, varas, the secretariat',
  })
  members: CommitteeMemberDto[];
}

export class PersonDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Trine Wigtil' })
  name: string;

  @ApiProperty({ example: 'trine.wigtil@brukerrepresentant.test' })
  email: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  title: string | null;

  @ApiProperty({ type: OrganisationDto, nullable: true })
  organisation: OrganisationDto | null;
}

export class MembershipCommitteeDto {
  @ApiProperty({ example: 'ASU' })
  code: string;

  @ApiProperty({ example: 'Administrativt samarbeidsutvalg' })
  name: string;

  @ApiProperty({ enum: COMMITTEE_KINDS, example: 'asu' })
  kind: string;
}

export class PersonMembershipDto {
  @ApiProperty({ type: MembershipCommitteeDto })
  committee: MembershipCommitteeDto;

  @ApiProperty({ enum: MEMBER_ROLES, example: 'medlem' })
  role: string;

  @ApiProperty({ enum: PARTIES, example: 'bruker' })
  party: string;

  @ApiProperty({ type: String, nullable: true })
  represents: string | null;

  @ApiProperty({ type: OrganisationDto, nullable: true })
  organisation: OrganisationDto | null;

  @ApiProperty()
  vote: boolean;

  @ApiProperty({ type: VaraForDto, nullable: true })
  varaFor: VaraForDto | null;

  @ApiProperty({ format: 'date', example: '2024-01-01' })
  from: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  to: string | null;

  @ApiProperty({ description: 'Valid today' })
  current: boolean;
}

export class MeDto {
  @ApiProperty({ type: PersonDto })
  person: PersonDto;

  @ApiProperty({
    type: [String],
    example: ['committee:ASU', 'committee:ASU:vote'],
    description: "The caller's roles: the token's and those of the current memberships",
  })
  roles: string[];

  @ApiProperty({ type: [PersonMembershipDto], description: 'Past, current and future memberships' })
  memberships: PersonMembershipDto[];
}

export class UpsertCountsDto {
  @ApiProperty({ example: 42 })
  created: number;

  @ApiProperty({ example: 0 })
  updated: number;

  @ApiProperty({ example: 0 })
  unchanged: number;
}

export class ImportedCommitteeDto {
  @ApiProperty({ example: 'ASU' })
  code: string;

  @ApiProperty({ enum: ['created', 'updated', 'unchanged'] })
  outcome: string;
}

export class ImportSummaryDto {
  @ApiProperty({ type: ImportedCommitteeDto })
  committee: ImportedCommitteeDto;

  @ApiProperty({ type: UpsertCountsDto })
  organisations: UpsertCountsDto;

  @ApiProperty({ type: UpsertCountsDto })
  persons: UpsertCountsDto;

  @ApiProperty({ type: UpsertCountsDto })
  memberships: UpsertCountsDto;
}

/** `?at=`: the day the memberships are read for. */
export class CommitteeQueryDto extends createZodDto(committeeQuery) {}

/** For the OpenAPI document only: the controller reads the body itself (see import-body.ts). */
export class ImportCommitteeBodyDto extends createZodDto(importEnvelope) {}

const organisationDto = (o: OrganisationView | null): OrganisationDto | null =>
  o && { name: o.name, kind: o.kind, number: o.number, region: o.region };

const varaForDto = (v: MemberView['varaFor'], withEmail: boolean): VaraForDto | null =>
  v && { personId: v.personId, name: v.name, ...(withEmail ? { email: v.email } : {}) };

export const toCommitteeSummaryDto = (c: CommitteeSummaryView): CommitteeSummaryDto => ({
  code: c.code,
  name: c.name,
  kind: c.kind,
  decisionRule: c.decisionRule,
  parent: c.parentCode,
  noticeDays: c.noticeDays,
  memberCount: c.memberCount,
});

/** E-mail addresses only for the secretariat. */
export const toCommitteeDto = (c: CommitteeView, withEmails: boolean): CommitteeDto => ({
  code: c.code,
  name: c.name,
  kind: c.kind,
  decisionRule: c.decisionRule,
  parent: c.parentCode,
  noticeDays: c.noticeDays,
  at: c.at,
  members: c.members.map((m) => ({
    personId: m.person.id,
    name: m.person.name,
    ...(withEmails ? { email: m.person.email } : {}),
    title: m.person.title,
    role: m.role,
    party: m.party,
    represents: m.represents,
    organisation: organisationDto(m.organisation),
    vote: m.hasVote,
    varaFor: varaForDto(m.varaFor, withEmails),
    from: m.validFrom,
    to: m.validTo,
  })),
});

export const toPersonDto = (p: PersonView): PersonDto => ({
  id: p.id,
  name: p.name,
  email: p.email,
  title: p.title,
  organisation: organisationDto(p.organisation),
});

export const toPersonMembershipDto = (m: PersonMembershipView): PersonMembershipDto => ({
  committee: m.committee,
  role: m.role,
  party: m.party,
  represents: m.represents,
  organisation: organisationDto(m.organisation),
  vote: m.hasVote,
  varaFor: varaForDto(m.varaFor, false),
  from: m.validFrom,
  to: m.validTo,
  current: m.current,
});

const counts = (c: UpsertCounts): UpsertCountsDto => ({
  created: c.created,
  updated: c.updated,
  unchanged: c.unchanged,
});

export const toImportSummaryDto = (s: CommitteeImportSummary): ImportSummaryDto => ({
  committee: { code: s.committee.code, outcome: s.committee.outcome },
  organisations: counts(s.organisations),
  persons: counts(s.persons),
  memberships: counts(s.memberships),
});
