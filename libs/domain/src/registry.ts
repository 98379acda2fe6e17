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
import { projectAssignment } from './assignments';
import { projectCase } from './cases';
import { projectApplication, projectRound } from './grants';
import { projectHearing } from './hearings';
import { projectMeeting } from './meetings';
import { projectVote } from './votes';

/**
 * Every process samflyt runs: each pure definition (libs/workflows) with the projection that writes its domain rows.
 * A changed machine with running instances is registered as a new version beside the old.
 */
export function createRegistry(): WorkflowRegistry {
  return new WorkflowRegistry()
    .register({ ...assignmentWorkflow, project: projectAssignment })
    .register({ ...caseWorkflow, project: projectCase })
    .register({ ...meetingWorkflow, project: projectMeeting })
    .register({ ...voteWorkflow, project: projectVote })
    .register({ ...roundWorkflow, project: projectRound })
    .register({ ...applicationWorkflow, project: projectApplication })
    .register({ ...hearingWorkflow, project: projectHearing });
}
