import type { Projection } from '@samflyt/engine';
import type { AssignmentContext } from '@samflyt/workflows';

/** An assignment created from a case's vedtak is linked to the case; an unknown case is refused by the foreign key. */
export async function projectAssignment(p: Projection<AssignmentContext>): Promise<void> {
  if (p.event.type === 'workflow.started' && p.after.caseId) {
    await p.query(`INSERT INTO case_assignments (case_id, instance_id) VALUES ($1, $2)`, [
      p.after.caseId,
      p.instanceId,
    ]);
  }
}
