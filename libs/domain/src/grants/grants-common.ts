import {
  DomainError,
  hasRole,
  type Actor,
  type InstanceView,
  type WorkflowEngine,
  type WorkflowEvent,
} from '@samflyt/engine';
import { GRANTS_API_ROLE } from '@samflyt/workflows';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, offsetOf, type PageRequest } from '../paging';

/** The grant workflows take people's events only from the grants services (see GRANTS_API_ROLE). */
export const viaGrants = (actor: Actor): Actor => ({
  ...actor,
  roles: [...new Set([...actor.roles, GRANTS_API_ROLE])],
});

export const isSecretariat = (actor: Actor): boolean => hasRole(actor, 'secretariat');

export const pageOf = (r: Partial<PageRequest>): { page: number; pageSize: number; offset: number } => {
  const page = Math.max(1, Math.floor(r.page ?? 1));
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(r.pageSize ?? DEFAULT_PAGE_SIZE)));
  return { page, pageSize, offset: offsetOf({ page, pageSize }) };
};

/** Sends an event through the engine as the grants API, with the engine's refusal said in the process's terms. */
export async function sendVia(
  engine: WorkflowEngine,
  instanceId: string,
  event: WorkflowEvent,
  actor: Actor,
  idempotencyKey?: string,
  explain?: (error: DomainError) => DomainError | null,
): Promise<InstanceView> {
  try {
    return await engine.send(instanceId, event, viaGrants(actor), { idempotencyKey });
  } catch (error) {
    if (error instanceof DomainError && explain) throw explain(error) ?? error;
    throw error;
  }
}
