/** The vocabularies of committees, memberships and organisations: the values the database's CHECK constraints allow. */

export const COMMITTEE_KINDS = ['asu', 'au', 'au-utvidet', 'fagrad', 'forhandlingsutvalg', 'psu', 'annet'] as const;
export type CommitteeKind = (typeof COMMITTEE_KINDS)[number];

export const DECISION_RULES = ['consensus', 'simple-majority', 'party-majority'] as const;
export type CommitteeDecisionRule = (typeof DECISION_RULES)[number];

export const MEMBER_ROLES = ['leder', 'nestleder', 'medlem', 'vara', 'observatør', 'sekretariat'] as const;
export type MembershipRole = (typeof MEMBER_ROLES)[number];

export const PARTIES = ['kommune', 'sykehus', 'fastlege', 'bruker', 'ansatt', 'annen'] as const;
export type MembershipParty = (typeof PARTIES)[number];

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
