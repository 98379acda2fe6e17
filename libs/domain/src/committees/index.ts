export {
  importCommittee,
  importOrganisations,
  type CommitteeImportSummary,
  type OrganisationsImportSummary,
  type UpsertCounts,
  type UpsertOutcome,
} from './committee-import';
export * from './committee.service';
export * from './committees.repository';
export * from './demo-committees';
export * from './membership-roles';
export * from './person-identities.repository';
export * from './person-invitations';
export * from './person-invitations.repository';
