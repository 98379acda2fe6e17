import { actsVia, hasRole, type Actor } from '@samflyt/engine';

/**
 * People act on rounds and applications only through the grants API (its services set `via` to this):
 * they derive what the machines are told (the scorers from memberships, the applications under
 * review, the time of a submission), check forms and files, and say "cannot" in the process's terms.
 */
export const GRANTS_API_VIA = 'grants-api';

export const viaGrantsApi = (actor: Actor): boolean => actsVia(actor, GRANTS_API_VIA);
export const grantsSecretariat = (actor: Actor): boolean => viaGrantsApi(actor) && hasRole(actor, 'secretariat');
export const committeeMember = (actor: Actor, code: string): boolean =>
  viaGrantsApi(actor) && hasRole(actor, `committee:${code}`);
