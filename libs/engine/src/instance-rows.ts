import type { QueryRunner } from 'typeorm';
import type { AnyMachineSnapshot } from 'xstate';
import { isSystem, type Actor } from './actor';
import type { InstanceView, TimerOutcome, TimerView, WorkflowEvent } from './engine.types';
import { allowedEvents } from './event-check';
import { isUuid } from './ids';
import { stateToString } from './snapshots';
import type { WorkflowDefinition } from './workflow-definition';
import { ErrorCode, DomainError } from './errors';

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
  /** The correlation id of the request that armed it; the transition it causes is journaled with it. */
  correlationId?: string | null;
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

export async function lockInstance(q: QueryRunner, id: string): Promise<InstanceRow> {
  return readInstance(q, id, ' FOR UPDATE');
}

export async function readInstance(q: QueryRunner, id: string, suffix = ''): Promise<InstanceRow> {
  if (!isUuid(id)) {
    throw new DomainError(ErrorCode.InstanceNotFound, `No instance with id "${id}"`);
  }
  const [row] = (await q.query(`SELECT ${INSTANCE_COLUMNS} FROM workflow_instances WHERE id = $1${suffix}`, [
    id,
  ])) as InstanceRow[];
  if (!row) throw new DomainError(ErrorCode.InstanceNotFound, `No instance with id "${id}"`);
  return row;
}

const PENDING_TIMERS = (instance: string) => `(SELECT coalesce(json_agg(json_build_object('id', t.id,
    'group', t.timer_group, 'name', t.name, 'event', t.event, 'dueAt', t.due_at,
    'correlationId', t.correlation_id) ORDER BY t.due_at, t.name), '[]'::json)
  FROM workflow_timers t WHERE t.instance_id = ${instance} AND t.status = 'pending')`;

/**
 * Pending timers and the idempotency record, in one round trip, read after the row lock so they
 * are current.
 */
export async function readSurroundings(
  q: QueryRunner,
  instanceId: string,
  idempotency: Idempotency | null,
): Promise<Surroundings> {
  const [found] = (await q.query(
    `SELECT ${PENDING_TIMERS('$1')} AS pending, r.request_hash AS hash, r.response
       FROM (SELECT 1) one
       LEFT JOIN idempotency_records r ON r.scope = $2 AND r.key = $3`,
    [instanceId, idempotency?.scope ?? null, idempotency?.key ?? null],
  )) as { pending: PendingTimer[]; hash: string | null; response: unknown }[];
  return {
    pending: found.pending,
    replay: found.hash !== null ? { hash: found.hash, response: found.response } : null,
  };
}

/**
 * Locks an instance row — by id, or by a pending timer of it — and reads its pending timers and
 * idempotency record in the same round trip. The subqueries see the statement's snapshot, taken
 * before any wait for the lock, while the locked row is its newest version; every engine write to
 * timers or idempotency records also raises the revision, so when the snapshot's revision equals
 * the locked row's, nothing changed while we waited. Otherwise they are read again.
 */
export async function lockWithSurroundings(
  q: QueryRunner,
  by: { instanceId: string } | { pendingTimerId: string },
  idempotency: Idempotency | null,
): Promise<{ row: InstanceRow; surroundings: Surroundings } | null> {
  const where =
    'instanceId' in by
      ? 'i.id = $1'
      : `i.id = (SELECT instance_id FROM workflow_timers WHERE id = $1 AND status = 'pending')`;
  const [found] = (await q.query(
    `SELECT i.id, i.workflow, i.version, i.state, i.status, i.snapshot, i.revision, i.created_at, i.updated_at,
            now() AS tx_now,
            (SELECT s.revision FROM workflow_instances s WHERE s.id = i.id) AS seen_revision,
            ${PENDING_TIMERS('i.id')} AS pending,
            (SELECT r.request_hash FROM idempotency_records r WHERE r.scope = $2 AND r.key = $3) AS replay_hash,
            (SELECT r.response FROM idempotency_records r WHERE r.scope = $2 AND r.key = $3) AS replay_response
       FROM workflow_instances i WHERE ${where} FOR UPDATE OF i`,
    ['instanceId' in by ? by.instanceId : by.pendingTimerId, idempotency?.scope ?? null, idempotency?.key ?? null],
  )) as (InstanceRow & {
    seen_revision: number;
    pending: PendingTimer[];
    replay_hash: string | null;
    replay_response: unknown;
  })[];
  if (!found) return null;
  const { seen_revision, pending, replay_hash, replay_response, ...row } = found;
  if (seen_revision !== row.revision) {
    return { row, surroundings: await readSurroundings(q, row.id, idempotency) };
  }
  return {
    row,
    surroundings: { pending, replay: replay_hash !== null ? { hash: replay_hash, response: replay_response } : null },
  };
}

export async function whyNotPending(q: QueryRunner, timerId: string): Promise<TimerOutcome> {
  const [timer] = await q.query(`SELECT status FROM workflow_timers WHERE id = $1`, [timerId]);
  return timer ? 'not-pending' : 'unknown';
}

const readable = (definition: WorkflowDefinition, snapshot: AnyMachineSnapshot, actor: Actor): boolean =>
  isSystem(actor) || definition.canRead(actor, snapshot.context, stateToString(snapshot.value));

/** 403 for one who may not read the instance, or 404 for one the workflow hides it from (as its own endpoints do). */
export function mayRead(
  definition: WorkflowDefinition,
  snapshot: AnyMachineSnapshot,
  actor: Actor,
  instanceId: string,
): void {
  if (readable(definition, snapshot, actor)) return;
  if (definition.hiddenFrom?.(actor, snapshot.context, stateToString(snapshot.value))) {
    throw new DomainError(ErrorCode.InstanceNotFound, `No instance with id "${instanceId}"`);
  }
  throw new DomainError(ErrorCode.Forbidden, `You may not read this ${definition.name}`);
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
    context: readable(definition, snapshot, actor)
      ? (definition.readableContext?.(snapshot.context) ?? snapshot.context)
      : null,
    revision: row.revision,
    allowedEvents: allowedEvents(definition, snapshot, actor),
    timers,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
