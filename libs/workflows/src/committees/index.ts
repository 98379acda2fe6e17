export * from './committee-access';
export {
  committeeDocumentSchema,
  organisationSchema,
  organisationsDocumentSchema,
  overlaps,
  parseDocumentText as parseCommitteeDocumentText,
  validate as validateCommitteeDocument,
  type CommitteeDocument,
  type MemberInput,
  type OrganisationInput,
  type OrganisationsDocument,
} from './committee-document';
export * from './committee-document.error';
export * from './committee.model';
export * from './committee.schemas';
