import { DomainError, ErrorCode, forbidden, hasRole, withVia, type Actor } from '@samflyt/engine';
import { HEARINGS_API_VIA, isSecretariat, mayReadCommittee } from '@samflyt/workflows';
import type { HearingFilter } from './hearings.repository';

/** The actor as the hearing workflow sees it: acting through the hearings API (the workflow's rule). */
export const viaHearingsApi = (actor: Actor): Actor => withVia(actor, HEARINGS_API_VIA);

/** The hearings API itself, reading an instance for a recipient or the public. */
export const HEARINGS_API: Actor = viaHearingsApi({ id: 'hearings-api', name: 'samflyt', roles: ['admin'] });

export function requireSecretariat(actor: Actor, message = 'Only the secretariat runs hearings'): void {
  if (!isSecretariat(actor)) throw forbidden(message);
}

/** The secretariat, an administrator and the owning committee's members read a hearing. */
export function requireReader(committeeCode: string, actor: Actor, what = 'this hearing'): void {
  if (!mayReadCommittee(actor, committeeCode)) throw forbidden(`You may not read ${what}`);
}

/**
 * Committee members read a hearing through the engine as readers of the instance (the instance itself is the
 * secretariat's: it holds the link key).
 */
export const readerOf = (actor: Actor): Actor =>
  hasRole(actor, 'secretariat', 'admin') ? actor : { ...actor, roles: [...actor.roles, 'admin'] };

/** The committees an actor sits in, from its `committee:<code>` roles. */
const committeesOf = (actor: Actor): string[] =>
  actor.roles.flatMap((r) => /^committee:([A-Z0-9-]+)$/.exec(r)?.[1] ?? []);

/**
 * The hearings an actor may list: the secretariat and administrators all; a committee member its committees'
 * (the public list is /public/hearings). Asking for another committee's is refused.
 */
export function listScope(filter: HearingFilter, actor: Actor): HearingFilter {
  if (filter.committee) {
    if (!mayReadCommittee(actor, filter.committee)) {
      throw forbidden(`You may not list the hearings of ${filter.committee}`);
    }
    return filter;
  }
  if (hasRole(actor, 'secretariat', 'admin')) return filter;
  const codes = committeesOf(actor);
  if (codes.length === 0) throw forbidden('You may not list hearings');
  return { ...filter, committees: codes };
}

/** 409: what was asked is not done in the hearing's state (no event of the workflow is, for it). */
export const notInState = (message: string, state: string): DomainError =>
  new DomainError(ErrorCode.EventNotAllowed, message, { state, allowedEvents: [] });
