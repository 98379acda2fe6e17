import {
  GRANTS_API_ROLE,
  WorkflowErrorCode,
  WorkflowException,
  hasRole,
  type Actor,
  type InstanceView,
  type WorkflowEngine,
  type WorkflowEvent,
} from '@samflyt/workflows';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The grant workflows take people's events only from the grants services (see GRANTS_API_ROLE). */
export const viaGrants = (actor: Actor): Actor => ({
  ...actor,
  roles: [...new Set([...actor.roles, GRANTS_API_ROLE])],
});

export const isSecretariat = (actor: Actor): boolean => hasRole(actor, 'secretariat');

export const forbidden = (message: string): WorkflowException =>
  new WorkflowException(WorkflowErrorCode.Forbidden, message);

export const notFound = (what: string, id: string): WorkflowException =>
  new WorkflowException(WorkflowErrorCode.InstanceNotFound, `No ${what} with id "${id}"`);

export const ruleViolated = (message: string, details: Record<string, unknown> = {}): WorkflowException =>
  new WorkflowException(WorkflowErrorCode.RuleViolated, message, details);

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PageRequest {
  page?: number;
  pageSize?: number;
}

export const pageOf = (r: PageRequest): { page: number; pageSize: number; offset: number } => {
  const page = Math.max(1, Math.floor(r.page ?? 1));
  const pageSize = Math.min(100, Math.max(1, Math.floor(r.pageSize ?? 20)));
  return { page, pageSize, offset: (page - 1) * pageSize };
};

/** Sends an event through the engine as the grants API, with the engine's refusal said in the process's terms. */
export async function sendVia(
  engine: WorkflowEngine,
  instanceId: string,
  event: WorkflowEvent,
  actor: Actor,
  idempotencyKey?: string,
  explain?: (error: WorkflowException) => WorkflowException | null,
): Promise<InstanceView> {
  try {
    return await engine.send(instanceId, event, viaGrants(actor), { idempotencyKey });
  } catch (error) {
    if (error instanceof WorkflowException && explain) throw explain(error) ?? error;
    throw error;
  }
}
