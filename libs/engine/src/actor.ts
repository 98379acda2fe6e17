/** Who caused an event: a person (from the bearer token) or the system (timers). */
export interface Actor {
  id: string;
  name: string;
  roles: string[];
  email?: string;
  /**
   * Service-internal authority: the domain service acting for this person (e.g. `grants-api`), set only by that
   * service in code. No token claim ever fills it, so a caller cannot skip a service through the generic endpoints.
   */
  via?: readonly string[];
}

export const SYSTEM_ACTOR: Actor = Object.freeze({ id: 'system', name: 'samflyt', roles: ['system'] }) as Actor;

export const isSystem = (actor: Actor): boolean => actor.id === SYSTEM_ACTOR.id;

/** Whether the domain service `service` acts for this actor (see Actor.via). */
export const actsVia = (actor: Actor, service: string): boolean => actor.via?.includes(service) ?? false;

/** The actor as `service` passes it on to the engine. */
export const withVia = (actor: Actor, service: string): Actor => ({
  ...actor,
  via: [...new Set([...(actor.via ?? []), service])],
});

export const hasRole = (actor: Actor, ...roles: string[]): boolean => roles.some((r) => actor.roles.includes(r));
