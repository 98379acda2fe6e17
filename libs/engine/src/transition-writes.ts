import { randomUUID } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import type { Actor } from './actor';
import type { Effect, TimerSpec } from './effects';
import type { InstanceSummary, RenderedMessage } from './workflow-definition';

/** The rows one accepted event writes, collected first and then written in one statement. */
export interface TransitionRows {
  instance:
    | { kind: 'insert'; id: string; workflow: string; version: number; createdBy: string }
    | { kind: 'update'; id: string };
  state: string;
  status: string;
  snapshot: unknown;
  revision: number;
  summary: InstanceSummary;
  journal: {
    event: { type: string; [key: string]: unknown };
    actor: Actor;
    fromState: string | null;
    idempotencyKey: string | null;
  };
  /** Pending timers of these groups are cancelled (but never `firedTimerId`, which is marked fired). */
  disarmGroups: string[];
  firedTimerId: string | null;
  timers: ArmedTimer[];
  messages: PlannedMessage[];
  idempotency: { scope: string; key: string; hash: string; status: number; response: unknown } | null;
  /** The request's (or the fired timer's) correlation id, on the journal row, the timers and the messages. */
  correlationId: string | null;
}

export interface ArmedTimer {
  id: string;
  group: string;
  name: string;
  event: TimerSpec['event'];
  dueAt: Date;
  /** Someone's deadline (the definition's `deadlineTimers`), not a reminder. */
  deadline: boolean;
}

export interface PlannedMessage {
  id: string;
  idempotencyKey: string;
  recipient: string;
  recipientName: string | null;
  message: RenderedMessage;
}

/**
 * The net effect of a transition's actions in order: a disarm cancels the group's timers that were
 * pending before the event and any armed earlier in the same transition.
 */
export function planTimers(
  effects: Effect[],
  now: Date,
  deadlineTimers: readonly string[],
): { disarmGroups: string[]; timers: ArmedTimer[] } {
  const disarmGroups = new Set<string>();
  let timers: ArmedTimer[] = [];
  for (const effect of effects) {
    if (effect.type === 'disarmTimers') {
      disarmGroups.add(effect.params.group);
      timers = timers.filter((t) => t.group !== effect.params.group);
    } else if (effect.type === 'armTimers') {
      for (const spec of effect.params.timers) {
        const dueAt = new Date(spec.at);
        if (Number.isNaN(dueAt.getTime())) throw new Error(`Timer ${spec.name} has an invalid time "${spec.at}"`);
        if (spec.skipIfPast && dueAt.getTime() < now.getTime()) continue;
        const deadline = deadlineTimers.includes(spec.name);
        timers.push({
          id: randomUUID(),
          group: effect.params.group,
          name: spec.name,
          event: spec.event,
          dueAt,
          deadline,
        });
      }
    }
  }
  return { disarmGroups: [...disarmGroups], timers };
}

/**
 * Writes instance, journal, timers, outbox and idempotency record in one round trip: a statement
 * of data-modifying CTEs. They all see the snapshot from before the statement, so the disarm
 * cancels only timers that were pending before this event. Returns the ids of the messages
 * inserted (a message whose key exists already is not sent again).
 */
export async function writeTransition(q: QueryRunner, rows: TransitionRows): Promise<{ messageIds: string[] }> {
  const values: unknown[] = [];
  const $ = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const id = $(rows.instance.id);
  const ctes: string[] = [];
  const { title, caseRef, responsible } = rows.summary;
  if (rows.instance.kind === 'insert') {
    ctes.push(`i AS (INSERT INTO workflow_instances
        (id, workflow, version, state, status, snapshot, revision, created_by, title, case_ref, responsible)
      VALUES (${id}, ${$(rows.instance.workflow)}, ${$(rows.instance.version)}, ${$(rows.state)}, ${$(rows.status)},
              ${$(rows.snapshot)}, ${$(rows.revision)}, ${$(rows.instance.createdBy)}, ${$(title)}, ${$(caseRef)},
              ${$(responsible)}))`);
  } else {
    ctes.push(`i AS (UPDATE workflow_instances SET state = ${$(rows.state)}, status = ${$(rows.status)},
      snapshot = ${$(rows.snapshot)}, revision = ${$(rows.revision)}, title = ${$(title)}, case_ref = ${$(caseRef)},
      responsible = ${$(responsible)}, updated_at = now() WHERE id = ${id})`);
  }
  const { event, actor, fromState, idempotencyKey } = rows.journal;
  const { type, ...payload } = event;
  const correlation = `${$(rows.correlationId)}::text`;
  ctes.push(`j AS (INSERT INTO workflow_journal (instance_id, seq, event_type, payload, actor, from_state, to_state, idempotency_key, correlation_id)
    VALUES (${id}, ${$(rows.revision)}, ${$(type)}, ${$(payload)}, ${$({ id: actor.id, name: actor.name, roles: actor.roles })},
            ${$(fromState)}, ${$(rows.state)}, ${$(idempotencyKey)}, ${correlation}))`);
  if (rows.firedTimerId) {
    ctes.push(
      `f AS (UPDATE workflow_timers SET status = 'fired', fired_at = now() WHERE id = ${$(rows.firedTimerId)})`,
    );
  }
  if (rows.disarmGroups.length > 0) {
    ctes.push(`d AS (UPDATE workflow_timers SET status = 'cancelled', cancelled_at = now()
      WHERE instance_id = ${id} AND status = 'pending' AND timer_group = ANY(${$(rows.disarmGroups)}::text[])
        AND id IS DISTINCT FROM ${$(rows.firedTimerId)}::uuid)`);
  }
  if (rows.timers.length > 0) {
    const tuples = rows.timers.map(
      (t) =>
        `(${$(t.id)}::uuid, ${id}::uuid, ${$(t.group)}, ${$(t.name)}, ${$(t.event)}::jsonb, ${$(t.dueAt)}::timestamptz, 'pending', ${$(rows.revision)}::int, ${$(t.deadline)}::boolean, ${correlation})`,
    );
    ctes.push(`a AS (INSERT INTO workflow_timers
        (id, instance_id, timer_group, name, event, due_at, status, armed_revision, deadline, correlation_id)
      VALUES ${tuples.join(', ')})`);
  }
  if (rows.messages.length > 0) {
    const tuples = rows.messages.map(
      (m) =>
        `(${$(m.id)}::uuid, ${id}::uuid, ${$(m.idempotencyKey)}, 'email', ${$(m.recipient)}, ${$(m.recipientName)}, ${$(m.message.subject)}, ${$(m.message.text)}, 'pending', ${correlation}, ${$(m.message.letter ?? null)}::jsonb)`,
    );
    ctes.push(`o AS (INSERT INTO outbox_messages (id, instance_id, idempotency_key, channel, recipient, recipient_name, subject, body, status, correlation_id, letter)
      VALUES ${tuples.join(', ')} ON CONFLICT (idempotency_key) DO NOTHING RETURNING id)`);
  }
  if (rows.idempotency) {
    const r = rows.idempotency;
    ctes.push(`r AS (INSERT INTO idempotency_records (scope, key, request_hash, status, response)
      VALUES (${$(r.scope)}, ${$(r.key)}, ${$(r.hash)}, ${$(r.status)}, ${$(r.response)}))`);
  }
  const messages = rows.messages.length > 0 ? `(SELECT coalesce(array_agg(id), '{}') FROM o)` : `'{}'::uuid[]`;
  const [result] = (await q.query(`WITH ${ctes.join(',\n')} SELECT ${messages} AS message_ids`, values)) as {
    message_ids: string[];
  }[];
  return { messageIds: result.message_ids };
}

/**
 * Events a projection sends to other instances (`Projection.signal`): one timer row each, due now,
 * in the sender's transaction, so the signal is as durable as the event that caused it. The name
 * says where it came from: `signal:<sender instance>:<sender revision>:<n>`.
 */
export async function writeSignals(
  q: QueryRunner,
  fromInstanceId: string,
  fromRevision: number,
  signals: { instanceId: string; event: { type: string; [key: string]: unknown } }[],
  correlationId: string | null = null,
): Promise<{ id: string; dueAt: Date }[]> {
  const values: unknown[] = [correlationId];
  const tuples = signals.map((s, n) => {
    values.push(randomUUID(), s.instanceId, `signal:${fromInstanceId}:${fromRevision}:${n}`, s.event);
    const i = values.length;
    return `($${i - 3}::uuid, $${i - 2}::uuid, 'signal', $${i - 1}, $${i}::jsonb, now(), 'pending',
      (SELECT revision FROM workflow_instances WHERE id = $${i - 2}::uuid), $1::text)`;
  });
  const rows = (await q.query(
    `INSERT INTO workflow_timers (id, instance_id, timer_group, name, event, due_at, status, armed_revision, correlation_id)
     VALUES ${tuples.join(', ')} RETURNING id, due_at`,
    values,
  )) as { id: string; due_at: Date }[];
  return rows.map((r) => ({ id: r.id, dueAt: r.due_at }));
}
