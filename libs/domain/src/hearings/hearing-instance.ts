import type { WorkflowEngine } from '@samflyt/engine';
import type { HearingContext } from '@samflyt/workflows';
import { HEARINGS_API } from './hearing-access';
import type { HearingRow } from './hearings.repository';

/** A hearing's workflow context, read by the hearings API (the instance itself is the secretariat's). */
export async function hearingContext(
  engine: WorkflowEngine,
  row: Pick<HearingRow, 'instanceId'>,
): Promise<HearingContext> {
  return (await engine.view(row.instanceId, HEARINGS_API)).context as HearingContext;
}
