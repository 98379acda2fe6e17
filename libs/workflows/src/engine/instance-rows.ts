import type { QueryRunner } from 'typeorm';
import type { AnyMachineSnapshot } from 'xstate';
import { isSystem, type Actor } from './actor';
import type { InstanceView, TimerOutcome, TimerView, WorkflowEvent } from './engine.types';
import { allowedEvents } from './event-check';
import type { WorkflowDefinition } from './workflow-definition';
import { WorkflowErrorCode, WorkflowException } from './workflow.exception';

export interface InstanceRow {
  id: string;
  workflow: string;
  version: number;
  state: string;
  status: string;
  snapshot: unknown;
  revision: number;
  created_at: Date;
  updated_at: Date;
  /** The transaction's timestamp: what `now()` writes into updated_at, fired_at, … */
  tx_now: Date;
}

export interface PendingTimer {
  id: string;
  group: string;
  name: string;
  event: WorkflowEvent;
  dueAt: string;
}

/** What the instance holds besides its row, read after the row lock so it is current. */
export interface Surroundings {
  pending: PendingTimer[];
  replay: { hash: string; response: unknown } | null;
}

export interface Idempotency {
  scope: string;
  key: string;
  hash: string;
}

export const INSTANCE_COLUMNS =
  'id, workflow, version, state, status, snapshot, revision, created_at, updated_at, now() AS tx_now';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function lockInstance(q: QueryRunner, id: string): Promise<InstanceRow> {
  return readInstance(q, id, ' FOR UPDATE');
}

export async function readInstance(q: QueryRunner, id: string, suffix = ''): Promise<InstanceRow> {
  if (!UUID.test(id)) {
    throw new WorkflowException(WorkflowErrorCode.InstanceNotFound, `No instance with id "${id}"`);
  }
  const [row] = (await q.query(`SELECT ${INSTANCE_COLUMNS} FROM workflow_instances WHERE id = $1${suffix}`, [
    id,
  ])) as InstanceRow[];
  if (!row) throw new WorkflowException(WorkflowErrorCode.InstanceNotFound, `No instance with id "${id}"`);
  return row;
}

/**
 * Pending timers and the idempotency record, in one round trip. Must run after the row lock: a
 * statement's snapshot is taken when it starts, so reading these in the locking statement could
 * miss what the transaction we waited for committed.
 */
export async function readSurroundings(
  q: QueryRunner,
  instanceId: string,
  idempotency: Idempotency | null,
): Promise<Surroundings> {
  const [found] = (await q.query(
    `SELECT
       (SELECT coalesce(json_agg(json_build_object('id', t.id, 'group', t.timer_group, 'name', t.name,
                 'event', t.event, 'dueAt', t.due_at) ORDER BY t.due_at, t.name), '[]'::json)
          FROM workflow_timers t WHERE t.instance_id = $1 AND t.status = 'pending') AS pending,
       r.request_hash AS hash, r.response
     FROM (SELECT 1) one
     LEFT JOIN idempotency_records r ON r.scope = $2 AND r.key = $3`,
    [instanceId, idempotency?.scope ?? null, idempotency?.key ?? null],
  )) as { pending: PendingTimer[]; hash: string | null; response: unknown }[];
  return {
    pending: found.pending,
    replay: found.hash !== null ? { hash: found.hash, response: found.response } : null,
  };
}

export async function whyNotPending(q: QueryRunner, timerId: string): Promise<TimerOutcome> {
  const [timer] = await q.query(`SELECT status FROM workflow_timers WHERE id = $1`, [timerId]);
  return timer ? 'not-pending' : 'unknown';
}

export function mayRead(definition: WorkflowDefinition, snapshot: AnyMachineSnapshot, actor: Actor): void {
  if (!isSystem(actor) && !definition.canRead(actor, snapshot.context)) {
    throw new WorkflowException(WorkflowErrorCode.Forbidden, `You may not read this ${definition.name}`);
  }
}

export function instanceView(
  definition: WorkflowDefinition,
  row: InstanceRow,
  snapshot: AnyMachineSnapshot,
  actor: Actor,
  pending: PendingTimer[],
): InstanceView {
  const timers: TimerView[] = pending
    .map((t) => ({
      id: t.id,
      name: t.name,
      event: t.event.type,
      dueAt: new Date(t.dueAt).toISOString(),
      status: 'pending',
    }))
    .sort((a, b) => (a.dueAt === b.dueAt ? a.name.localeCompare(b.name) : a.dueAt < b.dueAt ? -1 : 1));
  return {
    id: row.id,
    workflow: row.workflow,
    version: row.version,
    state: row.state,
    status: row.status,
    // Someone may be allowed to send an event without being allowed to read the instance.
    context: isSystem(actor) || definition.canRead(actor, snapshot.context) ? snapshot.context : null,
    revision: row.revision,
    allowedEvents: allowedEvents(definition, snapshot, actor),
    timers,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
