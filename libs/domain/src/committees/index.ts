export {
  committeeDocumentSchema,
  organisationsDocumentSchema,
  parseDocumentText as parseCommitteeDocumentText,
  type CommitteeDocument,
  type DocumentFormat,
  type MemberInput,
  type OrganisationInput,
  type OrganisationsDocument,
} from './committee-document';
export * from './committee-document.error';
export {
  importCommittee,
  importOrganisations,
  type CommitteeImportSummary,
  type OrganisationsImportSummary,
  type UpsertCounts,
  type UpsertOutcome,
} from './committee-import';
export * from './committee.service';
export * from './demo-committees';
export * from './membership-roles';
