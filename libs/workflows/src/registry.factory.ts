import { assignmentWorkflow } from './assignments';
import { WorkflowRegistry } from './engine/registry';

/** Every process samflyt runs. A changed machine with running instances is registered as a new version beside the old. */
export function createRegistry(): WorkflowRegistry {
  return new WorkflowRegistry().register(assignmentWorkflow);
}
