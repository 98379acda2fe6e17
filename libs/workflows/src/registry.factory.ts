import { assignmentWorkflow } from './assignments';
import { caseWorkflow } from './cases';
import { WorkflowRegistry } from './engine/registry';
import { applicationWorkflow, roundWorkflow } from './grants';
import { hearingWorkflow } from './hearings';
import { meetingWorkflow } from './meetings';
import { voteWorkflow } from './votes';

/** Every process samflyt runs. A changed machine with running instances is registered as a new version beside the old. */
export function createRegistry(): WorkflowRegistry {
  return new WorkflowRegistry()
    .register(assignmentWorkflow)
    .register(caseWorkflow)
    .register(meetingWorkflow)
    .register(voteWorkflow)
    .register(roundWorkflow)
    .register(applicationWorkflow)
    .register(hearingWorkflow);
}
