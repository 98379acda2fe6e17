import { hasRole, type Actor } from '@samflyt/engine';

/** The secretariat of the helsefellesskap: plans meetings, keeps cases, opens votes. */
export const isSecretariat = (actor: Actor): boolean => hasRole(actor, 'secretariat');

/** The secretariat, an administrator, or a member of the committee (`committee:ASU`, from memberships). */
export const mayReadCommittee = (actor: Actor, committeeCode: string): boolean =>
  hasRole(actor, 'secretariat', 'admin', `committee:${committeeCode}`);
