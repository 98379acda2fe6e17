import { hasRole, withVia, type Actor } from '@samflyt/engine';
import { GRANTS_API_VIA, mayReadApplicationIn, PRIVATE_APPLICATION_STATES } from '@samflyt/workflows';
import type { ApplicationVisibility } from './grant-applications.repository';
import type { RoundVisibility } from './grant-rounds.repository';

/** Who reads and does what in grants, decided from the caller's roles and the row alone. */

/** The grant workflows take people's events only from the grants services (see GRANTS_API_VIA). */
export const viaGrants = (actor: Actor): Actor => withVia(actor, GRANTS_API_VIA);

/** A call is public once approved (not while a draft, and not a draft that was cancelled). */
export const PUBLIC_STATES = [
  'approved',
  'open',
  'closed',
  'review',
  'recommendation',
  'decision',
  'awarded',
  'followUp',
  'completed',
] as const;

export const isPublished = (state: string): boolean => (PUBLIC_STATES as readonly string[]).includes(state);

/** The secretariat, operations and the reviewing committee read a round's drafts, scores and innstilling. */
export const mayReadInternals = (actor: Actor | null, reviewingCommittee: string): boolean =>
  actor !== null && hasRole(actor, 'secretariat', 'admin', `committee:${reviewingCommittee}`);

/** The committees the caller is a member of (`committee:ASU` → `ASU`). */
export const committeesOf = (actor: Actor | null): string[] =>
  (actor?.roles ?? []).filter((r) => /^committee:[^:]+$/.test(r)).map((r) => r.slice('committee:'.length));

const readsEverything = (actor: Actor | null): boolean => actor !== null && hasRole(actor, 'secretariat', 'admin');

export const roundVisibility = (actor: Actor | null): RoundVisibility => ({
  all: readsEverything(actor),
  publishedStates: PUBLIC_STATES,
  reviewingCommittees: committeesOf(actor),
});

/** States an application passes before the formal check; the reviewing committee sees none of them. */
export const PRIVATE_STATES = PRIVATE_APPLICATION_STATES;

/** `reader` is the caller as a person of the register (their own applications are theirs by person id). */
export const applicationVisibility = (reader: Actor): ApplicationVisibility => ({
  all: readsEverything(reader),
  applicantPersonId: reader.id,
  reviewingCommittees: committeesOf(reader),
  privateStates: PRIVATE_STATES,
});

/** The applicant, the secretariat and operations; the reviewing committee once it is submitted. */
export function mayReadApplication(
  reader: Actor,
  row: { applicant_person_id: string; state: string; reviewing_committee: string },
): boolean {
  return mayReadApplicationIn(reader, {
    applicantPersonId: row.applicant_person_id,
    state: row.state,
    reviewingCommittee: row.reviewing_committee,
  });
}

/** Organisations whose people apply: the kommuner and the hospital trust. */
export const APPLICANT_KINDS = ['kommune', 'helseforetak'];

export const mayApplyFor = (organisation: { kind: string } | null): boolean =>
  organisation !== null && APPLICANT_KINDS.includes(organisation.kind);
