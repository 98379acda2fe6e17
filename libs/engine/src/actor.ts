/** Who caused an event: a person (from the bearer token) or the system (timers). */
export interface Actor {
  id: string;
  name: string;
  roles: string[];
  email?: string;
}

export const SYSTEM_ACTOR: Actor = Object.freeze({ id: 'system', name: 'samflyt', roles: ['system'] }) as Actor;

export const isSystem = (actor: Actor): boolean => actor.id === SYSTEM_ACTOR.id;

export const hasRole = (actor: Actor, ...roles: string[]): boolean => roles.some((r) => actor.roles.includes(r));
