import { DomainError, type Actor, type InstanceView, type WorkflowEngine, type WorkflowEvent } from '@samflyt/engine';
import { viaGrants } from './grants-access';

/** Sends an event through the engine as the grants API, with the engine's refusal said in the process's terms. */
export async function sendViaGrants(
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
