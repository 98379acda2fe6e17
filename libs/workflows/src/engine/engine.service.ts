import { randomUUID } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import type { z } from 'zod';
import { SYSTEM_ACTOR, isSystem, type Actor } from './actor';
import { effectsOf, type NotifyParams } from './effects';
import type {
  Dispatcher,
  EngineOptions,
  InstanceView,
  JournalView,
  TimerOutcome,
  TimerView,
  WorkflowEvent,
} from './engine.types';
import type { DispatchWork } from './job-dispatcher';
import { WorkflowRegistry } from './registry';
import { handledEvents, persist, restore, stateToString } from './snapshots';
import { requestHash } from './stable-json';
import { planTimers, writeTransition, type PlannedMessage, type TransitionRows } from './transition-writes';
import type { Projection, WorkflowDefinition } from './workflow-definition';
import { FieldError, WorkflowErrorCode, WorkflowException, constraintError, invalidInput } from './workflow.exception';

export * from './engine.types';

interface InstanceRow {
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

interface PendingTimer {
  id: string;
  group: string;
  name: string;
  event: WorkflowEvent;
  dueAt: string;
}

/** What the instance holds besides its row, read after the row lock so it is current. */
interface Surroundings {
  pending: PendingTimer[];
  replay: { hash: string; response: unknown } | null;
}

interface Idempotency {
  scope: string;
  key: string;
  hash: string;
}

const INSTANCE_COLUMNS =
  'id, workflow, version, state, status, snapshot, revision, created_at, updated_at, now() AS tx_now';

/**
 * Runs registered machines durably. One Postgres transaction per event: lock, restore, check,
 * transition, and one statement writing snapshot + journal + timers + outbox + idempotency record;
 * enqueue to BullMQ after commit.
 */
export class WorkflowEngine {
  private readonly now: () => Date;

  constructor(
    private readonly dataSource: DataSource,
    readonly registry: WorkflowRegistry,
    private readonly dispatcher: Dispatcher | null,
    private readonly options: EngineOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async start(
    workflow: string,
    rawInput: unknown,
    actor: Actor,
    opts: { idempotencyKey?: string } = {},
  ): Promise<InstanceView> {
    const definition = this.registry.latest(workflow);
    if (!definition.canStart(actor)) {
      throw new WorkflowException(WorkflowErrorCode.Forbidden, `You may not start a ${workflow}`);
    }
    const input = parse(definition.input, rawInput, 'input');
    const machineInput = definition.prepareInput ? definition.prepareInput(input, actor) : input;
    const idempotency = opts.idempotencyKey
      ? { scope: `start:${workflow}:${actor.id}`, key: opts.idempotencyKey, hash: requestHash({ input: rawInput }) }
      : null;

    const result = await this.transaction(async (q) => {
      let txNow: Date;
      if (idempotency) {
        // No instance row to lock yet: serialize starts with the same key, so a concurrent
        // duplicate waits for the first to commit and replays its answer.
        const [lock] = await q.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0)), now() AS tx_now`, [
          `${idempotency.scope}\n${idempotency.key}`,
        ]);
        txNow = lock.tx_now;
        const replay = await this.replay(q, idempotency);
        if (replay) return { view: replay as InstanceView, work: undefined };
      } else {
        [{ tx_now: txNow }] = await q.query(`SELECT now() AS tx_now`);
      }
      const [snapshot, actions] = initialTransition(definition.machine, machineInput);
      const row: InstanceRow = {
        id: randomUUID(),
        workflow: definition.name,
        version: definition.version,
        state: stateToString(snapshot.value),
        status: snapshot.status,
        snapshot: null,
        revision: 0,
        created_at: txNow,
        updated_at: txNow,
        tx_now: txNow,
      };
      const event = { type: 'workflow.started' };
      return this.write(q, definition, row, snapshot, snapshot, actions, event, actor, [], null, idempotency, 201);
    });
    await this.afterCommit(result.work);
    if (result.work) this.options.onApplied?.(workflow, 'workflow.started');
    return result.view;
  }

  async send(
    instanceId: string,
    event: WorkflowEvent,
    actor: Actor,
    opts: { idempotencyKey?: string; expectedRevision?: number } = {},
  ): Promise<InstanceView> {
    const idempotency = opts.idempotencyKey
      ? { scope: `instance:${instanceId}`, key: opts.idempotencyKey, hash: requestHash({ event, actor: actor.id }) }
      : null;
    const result = await this.transaction(async (q) => {
      const row = await this.lock(q, instanceId);
      const { pending, replay } = await this.surroundings(q, row.id, idempotency);
      if (replay) return { view: this.replayed(replay, idempotency!), work: undefined };
      const definition = this.registry.get(row.workflow, row.version);
      const snapshot = restore(definition.machine, row.snapshot);
      const checked = this.check(definition, snapshot, row, event, actor);
      if (opts.expectedRevision !== undefined && opts.expectedRevision !== row.revision) {
        throw new WorkflowException(
          WorkflowErrorCode.RevisionMismatch,
          `The instance is at revision ${row.revision}, not ${opts.expectedRevision}; read it again`,
          { revision: row.revision },
        );
      }
      const [next, actions] = transition(definition.machine, snapshot, checked);
      return this.write(q, definition, row, snapshot, next, actions, checked, actor, pending, null, idempotency, 200);
    });
    await this.afterCommit(result.work);
    if (result.work) this.options.onApplied?.(result.view.workflow, event.type);
    return result.view;
  }

  /**
   * Fires a durable timer through the same path as a user's event. Safe to call any number of
   * times, from any number of workers: only a pending, due timer of a current state entry fires.
   * Every change to an instance's timers happens under its row lock, so the timer read after the
   * lock is the truth.
   */
  async fireTimer(timerId: string): Promise<TimerOutcome> {
    if (!UUID.test(timerId)) return 'unknown';
    const result = await this.transaction(async (q) => {
      const [row] = (await q.query(
        `SELECT ${INSTANCE_COLUMNS} FROM workflow_instances
          WHERE id = (SELECT instance_id FROM workflow_timers WHERE id = $1 AND status = 'pending') FOR UPDATE`,
        [timerId],
      )) as InstanceRow[];
      if (!row) return { outcome: await this.whyNotPending(q, timerId) };
      const { pending } = await this.surroundings(q, row.id, null);
      const timer = pending.find((t) => t.id === timerId);
      if (!timer) return { outcome: 'not-pending' as const };
      if (new Date(timer.dueAt).getTime() > this.now().getTime()) return { outcome: 'not-due' as const };

      const definition = this.registry.get(row.workflow, row.version);
      const snapshot = restore(definition.machine, row.snapshot);
      if (!handledEvents(snapshot).includes(timer.event.type) || !snapshot.can(timer.event)) {
        await q.query(`UPDATE workflow_timers SET status = 'cancelled', cancelled_at = now() WHERE id = $1`, [timerId]);
        return { outcome: 'not-accepted' as const };
      }
      const [next, actions] = transition(definition.machine, snapshot, timer.event);
      const { work } = await this.write(
        q,
        definition,
        row,
        snapshot,
        next,
        actions,
        timer.event,
        SYSTEM_ACTOR,
        pending,
        timerId,
        null,
        200,
      );
      const lag = (row.tx_now.getTime() - new Date(timer.dueAt).getTime()) / 1000;
      return { outcome: 'fired' as const, work, workflow: row.workflow, event: timer.event.type, lag };
    });
    await this.afterCommit(result.work);
    if (result.outcome === 'fired') {
      this.options.onApplied?.(result.workflow!, result.event!);
      this.options.onTimerFired?.(Math.max(0, result.lag!));
    }
    return result.outcome;
  }

  async view(instanceId: string, actor: Actor): Promise<InstanceView> {
    return this.transaction(async (q) => {
      const row = await this.read(q, instanceId);
      const definition = this.registry.get(row.workflow, row.version);
      const snapshot = restore(definition.machine, row.snapshot);
      this.mayRead(definition, snapshot, actor);
      const { pending } = await this.surroundings(q, row.id, null);
      return this.viewOf(definition, row, snapshot, actor, pending);
    });
  }

  async history(instanceId: string, actor: Actor): Promise<JournalView[]> {
    return this.transaction(async (q) => {
      const row = await this.read(q, instanceId);
      const definition = this.registry.get(row.workflow, row.version);
      this.mayRead(definition, restore(definition.machine, row.snapshot), actor);
      const rows = (await q.query(
        `SELECT seq, event_type, payload, actor, at, from_state, to_state
           FROM workflow_journal WHERE instance_id = $1 ORDER BY seq`,
        [instanceId],
      )) as {
        seq: number;
        event_type: string;
        payload: Record<string, unknown>;
        actor: Actor;
        at: Date;
        from_state: string | null;
        to_state: string;
      }[];
      return rows.map((r) => ({
        seq: r.seq,
        event: r.event_type,
        payload: r.payload,
        actor: { id: r.actor.id, name: r.actor.name },
        at: r.at.toISOString(),
        fromState: r.from_state,
        toState: r.to_state,
      }));
    });
  }

  allowedEvents(definition: WorkflowDefinition, snapshot: AnyMachineSnapshot, actor: Actor): string[] {
    return handledEvents(snapshot).filter((type) => {
      const allow = Object.hasOwn(definition.events, type) ? definition.events[type].allow : undefined;
      return allow !== undefined && allow(actor, snapshot.context);
    });
  }

  // --- the transaction's steps -------------------------------------------------------------

  /** Validates the event and the actor's right to send it in this state; returns the event to apply. */
  private check(
    definition: WorkflowDefinition,
    snapshot: AnyMachineSnapshot,
    row: InstanceRow,
    event: WorkflowEvent,
    actor: Actor,
  ): WorkflowEvent {
    // Own keys only: a type such as `constructor` or `__proto__` must not find Object.prototype's members.
    const rule = Object.hasOwn(definition.events, event.type) ? definition.events[event.type] : undefined;
    if (!rule) {
      const known = Object.keys(definition.events).join(', ');
      throw invalidInput([
        { field: 'type', message: `unknown event "${event.type}"; ${definition.name} knows ${known}` },
      ]);
    }
    const { type, ...payload } = event;
    const parsed = parse(rule.schema, payload, '') as Record<string, unknown>;
    if (!rule.allow) {
      throw new WorkflowException(WorkflowErrorCode.Forbidden, `"${type}" is sent only by the system`);
    }
    if (!rule.allow(actor, snapshot.context)) {
      throw new WorkflowException(WorkflowErrorCode.Forbidden, `You may not send "${type}" to this ${definition.name}`);
    }
    const checked = { type, ...parsed };
    if (!handledEvents(snapshot).includes(type)) {
      const allowedEvents = this.allowedEvents(definition, snapshot, actor);
      throw new WorkflowException(
        WorkflowErrorCode.EventNotAllowed,
        `"${type}" is not allowed in state "${row.state}"; allowed: ${allowedEvents.join(', ') || 'none'}`,
        { state: row.state, allowedEvents },
      );
    }
    if (!snapshot.can(checked)) {
      throw new WorkflowException(
        WorkflowErrorCode.RuleViolated,
        `"${type}" is not accepted in state "${row.state}": its conditions are not met`,
        { state: row.state },
      );
    }
    return checked;
  }

  /**
   * Everything an accepted event writes: one statement for the engine's rows, then the
   * definition's projection. Builds the answer (the view) without reading back.
   */
  private async write(
    q: QueryRunner,
    definition: WorkflowDefinition,
    row: InstanceRow,
    before: AnyMachineSnapshot,
    next: AnyMachineSnapshot,
    actions: ReadonlyArray<{ type: string; params?: unknown }>,
    event: WorkflowEvent,
    actor: Actor,
    pending: PendingTimer[],
    firedTimerId: string | null,
    idempotency: Idempotency | null,
    status: number,
  ): Promise<{ view: InstanceView; work: DispatchWork | undefined }> {
    const isStart = row.revision === 0;
    const revision = row.revision + 1;
    const toState = stateToString(next.value);
    const effects = effectsOf(actions);
    const { disarmGroups, timers } = planTimers(effects, this.now());
    const newRow: InstanceRow = { ...row, state: toState, status: next.status, revision, updated_at: row.tx_now };
    const stillPending = pending.filter((t) => t.id !== firedTimerId && !disarmGroups.includes(t.group));
    const view = this.viewOf(definition, newRow, next, actor, [
      ...stillPending,
      ...timers.map((t) => ({ id: t.id, group: t.group, name: t.name, event: t.event, dueAt: t.dueAt.toISOString() })),
    ]);
    const messages = effects.flatMap((e) =>
      e.type === 'notify' ? this.render(definition, row.id, next.context, e.params) : [],
    );
    const rows: TransitionRows = {
      instance: isStart
        ? { kind: 'insert', id: row.id, workflow: row.workflow, version: row.version, createdBy: actor.id }
        : { kind: 'update', id: row.id },
      state: toState,
      status: next.status,
      snapshot: persist(definition.machine, next),
      revision,
      journal: { event, actor, fromState: isStart ? null : row.state, idempotencyKey: idempotency?.key ?? null },
      disarmGroups,
      firedTimerId,
      timers,
      messages,
      idempotency: idempotency ? { ...idempotency, status, response: view } : null,
    };
    const { messageIds } = await writeTransition(q, rows);
    await this.project(q, definition, {
      instanceId: row.id,
      revision,
      event,
      actor,
      before: isStart ? null : before.context,
      after: next.context,
      fromState: isStart ? null : row.state,
      toState,
    });
    return { view, work: { timers: timers.map((t) => ({ id: t.id, dueAt: t.dueAt })), messages: messageIds } };
  }

  private render(
    definition: WorkflowDefinition,
    instanceId: string,
    context: unknown,
    params: NotifyParams,
  ): PlannedMessage[] {
    const render = Object.hasOwn(definition.templates, params.template)
      ? definition.templates[params.template]
      : undefined;
    if (!render) throw new Error(`${definition.name} has no template "${params.template}"`);
    return params.to.map((recipient) => ({
      id: randomUUID(),
      idempotencyKey: `${definition.name}:${instanceId}/${params.key}/recipient:${recipient.email.toLowerCase()}`,
      recipient: recipient.email,
      recipientName: recipient.name ?? null,
      message: render(context, { ...params.data, recipient }),
    }));
  }

  private async project(
    q: QueryRunner,
    definition: WorkflowDefinition,
    projection: Omit<Projection<unknown>, 'query' | 'workflow'>,
  ): Promise<void> {
    if (!definition.project) return;
    try {
      await definition.project({
        ...projection,
        workflow: definition.name,
        query: (sql, params) => q.query(sql, params),
      });
    } catch (error) {
      throw constraintError(error);
    }
  }

  private async replay(q: QueryRunner, idempotency: Idempotency): Promise<unknown | null> {
    const [found] = (await q.query(
      `SELECT request_hash AS hash, response FROM idempotency_records WHERE scope = $1 AND key = $2`,
      [idempotency.scope, idempotency.key],
    )) as { hash: string; response: unknown }[];
    return found ? this.replayed(found, idempotency) : null;
  }

  private replayed(found: { hash: string; response: unknown }, idempotency: Idempotency): InstanceView {
    if (found.hash !== idempotency.hash) {
      throw new WorkflowException(
        WorkflowErrorCode.IdempotencyKeyReused,
        'This Idempotency-Key was used for a different request; use a new key for a new request',
      );
    }
    return found.response as InstanceView;
  }

  // --- reading ----------------------------------------------------------------------------

  private async lock(q: QueryRunner, id: string): Promise<InstanceRow> {
    return this.read(q, id, ' FOR UPDATE');
  }

  private async read(q: QueryRunner, id: string, suffix = ''): Promise<InstanceRow> {
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
  private async surroundings(
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

  private async whyNotPending(q: QueryRunner, timerId: string): Promise<TimerOutcome> {
    const [timer] = await q.query(`SELECT status FROM workflow_timers WHERE id = $1`, [timerId]);
    return timer ? 'not-pending' : 'unknown';
  }

  private mayRead(definition: WorkflowDefinition, snapshot: AnyMachineSnapshot, actor: Actor): void {
    if (!isSystem(actor) && !definition.canRead(actor, snapshot.context)) {
      throw new WorkflowException(WorkflowErrorCode.Forbidden, `You may not read this ${definition.name}`);
    }
  }

  private viewOf(
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
      allowedEvents: this.allowedEvents(definition, snapshot, actor),
      timers,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  }

  // --- plumbing ---------------------------------------------------------------------------

  private async transaction<T>(fn: (q: QueryRunner) => Promise<T>): Promise<T> {
    const q = this.dataSource.createQueryRunner();
    await q.connect();
    await q.startTransaction();
    try {
      const result = await fn(q);
      await q.commitTransaction();
      return result;
    } catch (error) {
      await q.rollbackTransaction();
      throw error;
    } finally {
      await q.release();
    }
  }

  private async afterCommit(work: DispatchWork | undefined): Promise<void> {
    if (!this.dispatcher || !work || (work.timers.length === 0 && work.messages.length === 0)) return;
    try {
      await this.dispatcher.dispatch(work);
    } catch (error) {
      // The rows are committed; the reconciler enqueues them when Redis is back.
      this.options.onDispatchError?.(error);
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parse<T>(schema: z.ZodType<T>, value: unknown, prefix: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || prefix || '(body)',
    message: issue.message,
  }));
  throw invalidInput(errors);
}
