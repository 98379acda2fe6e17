import { WorkflowRegistry } from '@samflyt/engine';
import {
  applicationWorkflow,
  assignmentWorkflow,
  caseWorkflow,
  hearingWorkflow,
  meetingWorkflow,
  roundWorkflow,
  voteWorkflow,
} from '@samflyt/workflows';
import { projectHearing } from './hearings';

/**
 * Every process samflyt runs: each pure definition (libs/workflows) with the projection that writes its domain rows.
 * A changed machine with running instances is registered as a new version beside the old.
 */
export function createRegistry(): WorkflowRegistry {
  return new WorkflowRegistry()
    .register(assignmentWorkflow)
    .register(caseWorkflow)
    .register(meetingWorkflow)
    .register(voteWorkflow)
    .register(roundWorkflow)
    .register(applicationWorkflow)
    .register({ ...hearingWorkflow, project: projectHearing });
}
