import { hasRole, type Actor } from '@samflyt/engine';

/** States an application passes before the formal check; the reviewing committee sees none of them. */
export const PRIVATE_APPLICATION_STATES = ['draft', 'notSubmitted', 'withdrawn'] as const;

/**
 * Who reads an application: the applicant, the secretariat and operations; the reviewing committee once it is
 * submitted. Both the grants endpoints and the generic instance endpoints ask this; anyone else is told it does not
 * exist (404).
 */
export function mayReadApplicationIn(
  reader: Actor,
  application: { applicantPersonId: string; state: string; reviewingCommittee: string },
): boolean {
  const submitted = !(PRIVATE_APPLICATION_STATES as readonly string[]).includes(application.state);
  return (
    application.applicantPersonId === reader.id ||
    (submitted && hasRole(reader, `committee:${application.reviewingCommittee}`)) ||
    hasRole(reader, 'secretariat', 'admin')
  );
}
