import { randomUUID } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import type { z } from 'zod';
import { SYSTEM_ACTOR, isSystem, type Actor } from './actor';
import { effectsOf, type NotifyParams, type TimerSpec } from './effects';
import type { DispatchWork } from './job-dispatcher';
import { WorkflowRegistry } from './registry';
import { handledEvents, persist, restore, stateToString } from './snapshots';
import { requestHash } from './stable-json';
import type { Projection, WorkflowDefinition } from './workflow-definition';
import { FieldError, WorkflowErrorCode, WorkflowException, constraintError, invalidInput } from './workflow.exception';

export interface TimerView {
  id: string;
  name: string;
  event: string;
  dueAt: string;
  status: string;
}

export interface InstanceView {
  id: string;
  workflow: string;
  version: number;
  state: string;
  status: string;
  /** Null when the actor may send events to the instance but not read it. */
  context: unknown;
  revision: number;
  allowedEvents: string[];
  timers: TimerView[];
  createdAt: string;
  updatedAt: string;
}

export interface JournalView {
  seq: number;
  event: string;
  payload: Record<string, unknown>;
  actor: { id: string; name: string };
  at: string;
  fromState: string | null;
  toState: string;
}

export interface WorkflowEvent {
  type: string;
  [key: string]: unknown;
}

export interface Dispatcher {
  dispatch(work: DispatchWork): Promise<void>;
}

export interface EngineOptions {
  now?: () => Date;
  /** Called when enqueueing after commit fails; the reconciler will enqueue later. */
  onDispatchError?: (error: unknown) => void;
  onApplied?: (workflow: string, event: string) => void;
}

export type TimerOutcome = 'fired' | 'unknown' | 'not-pending' | 'not-due' | 'not-accepted';

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
}

interface Applied {
  row: InstanceRow;
  snapshot: AnyMachineSnapshot;
  work: { timers: { id: string; dueAt: Date }[]; messages: string[] };
}

const INSTANCE_COLUMNS = 'id, workflow, version, state, status, snapshot, revision, created_at, updated_at';

/**
 * Runs registered machines durably. One Postgres transaction per event: lock, restore, check,
 * transition, write snapshot + journal + timers + outbox; enqueue to BullMQ after commit.
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
    const scope = `start:${workflow}:${actor.id}`;
    const hash = requestHash({ input: rawInput });

    const result = await this.transaction(async (q) => {
      if (opts.idempotencyKey) {
        // No instance row to lock yet: serialize starts with the same key, so a concurrent
        // duplicate waits for the first to commit and replays its answer.
        await q.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`${scope}\n${opts.idempotencyKey}`]);
        const replay = await this.replay(q, scope, opts.idempotencyKey, hash);
        if (replay) return { view: replay as InstanceView };
      }
      const [snapshot, actions] = initialTransition(definition.machine, machineInput);
      const id = randomUUID();
      const state = stateToString(snapshot.value);
      const [row] = (await q.query(
        `INSERT INTO workflow_instances (id, workflow, version, state, status, snapshot, revision, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7) RETURNING ${INSTANCE_COLUMNS}`,
        [id, definition.name, definition.version, state, snapshot.status, persist(definition.machine, snapshot), actor.id],
      )) as InstanceRow[];
      await this.journal(q, id, 1, { type: 'workflow.started' }, actor, null, state, opts.idempotencyKey ?? null);
      await this.project(q, definition, {
        instanceId: id,
        revision: 1,
        event: { type: 'workflow.started' },
        actor,
        before: null,
        after: snapshot.context,
        fromState: null,
        toState: state,
      });
      const work = await this.effects(q, definition, row, snapshot, actions);
      const view = await this.viewOf(q, definition, row, snapshot, actor);
      if (opts.idempotencyKey) await this.remember(q, scope, opts.idempotencyKey, hash, 201, view);
      return { view, work };
    });
    await this.afterCommit(result.work);
    this.options.onApplied?.(workflow, 'workflow.started');
    return result.view;
  }

  async send(
    instanceId: string,
    event: WorkflowEvent,
    actor: Actor,
    opts: { idempotencyKey?: string; expectedRevision?: number } = {},
  ): Promise<InstanceView> {
    const scope = `instance:${instanceId}`;
    const hash = requestHash({ event, actor: actor.id });
    const result = await this.transaction(async (q) => {
      const row = await this.lock(q, instanceId);
      if (opts.idempotencyKey) {
        const replay = await this.replay(q, scope, opts.idempotencyKey, hash);
        if (replay) return { view: replay as InstanceView };
      }
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
      const applied = await this.apply(q, definition, row, snapshot, checked, actor, opts.idempotencyKey ?? null);
      const view = await this.viewOf(q, definition, applied.row, applied.snapshot, actor);
      if (opts.idempotencyKey) await this.remember(q, scope, opts.idempotencyKey, hash, 200, view);
      return { view, work: applied.work, workflow: row.workflow };
    });
    await this.afterCommit(result.work);
    if (result.work) this.options.onApplied?.(result.view.workflow, event.type);
    return result.view;
  }

  /**
   * Fires a durable timer through the same path as a user's event. Safe to call any number of
   * times, from any number of workers: only a pending, due timer of a current state entry fires.
   */
  async fireTimer(timerId: string): Promise<TimerOutcome> {
    const result = await this.transaction(async (q) => {
      const [peek] = (await q.query(`SELECT instance_id, status FROM workflow_timers WHERE id = $1`, [
        timerId,
      ])) as { instance_id: string; status: string }[];
      if (!peek) return { outcome: 'unknown' as const };
      if (peek.status !== 'pending') return { outcome: 'not-pending' as const };
      const row = await this.lock(q, peek.instance_id);
      const [timer] = (await q.query(
        `SELECT status, due_at, event FROM workflow_timers WHERE id = $1 FOR UPDATE`,
        [timerId],
      )) as { status: string; due_at: Date; event: WorkflowEvent }[];
      if (timer.status !== 'pending') return { outcome: 'not-pending' as const };
      if (timer.due_at.getTime() > this.now().getTime()) return { outcome: 'not-due' as const };

      const definition = this.registry.get(row.workflow, row.version);
      const snapshot = restore(definition.machine, row.snapshot);
      if (!handledEvents(snapshot).includes(timer.event.type) || !snapshot.can(timer.event)) {
        await q.query(`UPDATE workflow_timers SET status = 'cancelled', cancelled_at = now() WHERE id = $1`, [timerId]);
        return { outcome: 'not-accepted' as const };
      }
      await q.query(`UPDATE workflow_timers SET status = 'fired', fired_at = now() WHERE id = $1`, [timerId]);
      const applied = await this.apply(q, definition, row, snapshot, timer.event, SYSTEM_ACTOR, `timer:${timerId}`);
      return { outcome: 'fired' as const, work: applied.work, workflow: row.workflow, event: timer.event.type };
    });
    await this.afterCommit(result.work);
    if (result.outcome === 'fired') this.options.onApplied?.(result.workflow!, result.event!);
    return result.outcome;
  }

  async view(instanceId: string, actor: Actor): Promise<InstanceView> {
    return this.transaction(async (q) => {
      const row = await this.read(q, instanceId);
      const definition = this.registry.get(row.workflow, row.version);
      const snapshot = restore(definition.machine, row.snapshot);
      this.mayRead(definition, snapshot, actor);
      return this.viewOf(q, definition, row, snapshot, actor);
    });
  }

  async history(instanceId: string, actor: Actor): Promise<JournalView[]> {
    const q = this.dataSource.createQueryRunner();
    try {
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
    } finally {
      await q.release();
    }
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
      throw invalidInput([
        { field: 'type', message: `unknown event "${event.type}"; ${definition.name} knows ${Object.keys(definition.events).join(', ')}` },
      ]);
    }
    const { type, ...payload } = event;
    const parsed = parse(rule.schema, payload, '') as Record<string, unknown>;
    const context = snapshot.context;
    if (!rule.allow) {
      throw new WorkflowException(WorkflowErrorCode.Forbidden, `"${type}" is sent only by the system`);
    }
    if (!rule.allow(actor, context)) {
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

  private async apply(
    q: QueryRunner,
    definition: WorkflowDefinition,
    row: InstanceRow,
    snapshot: AnyMachineSnapshot,
    event: WorkflowEvent,
    actor: Actor,
    idempotencyKey: string | null,
  ): Promise<Applied> {
    const [next, actions] = transition(definition.machine, snapshot, event);
    const toState = stateToString(next.value);
    const revision = row.revision + 1;
    // TypeORM answers an UPDATE with [rows, rowCount].
    const [[newRow]] = (await q.query(
      `UPDATE workflow_instances SET state = $2, status = $3, snapshot = $4, revision = $5, updated_at = now()
        WHERE id = $1 RETURNING ${INSTANCE_COLUMNS}`,
      [row.id, toState, next.status, persist(definition.machine, next), revision],
    )) as [InstanceRow[], number];
    const { type, ...payload } = event;
    await this.journal(q, row.id, revision, { type, ...payload }, actor, row.state, toState, idempotencyKey);
    await this.project(q, definition, {
      instanceId: row.id,
      revision,
      event,
      actor,
      before: snapshot.context,
      after: next.context,
      fromState: row.state,
      toState,
    });
    const work = await this.effects(q, definition, newRow, next, actions);
    return { row: newRow, snapshot: next, work };
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

  /** Turns the machine's named actions into timer and outbox rows, in the order they came. */
  private async effects(
    q: QueryRunner,
    definition: WorkflowDefinition,
    row: InstanceRow,
    snapshot: AnyMachineSnapshot,
    actions: ReadonlyArray<{ type: string; params?: unknown }>,
  ): Promise<Applied['work']> {
    const work: Applied['work'] = { timers: [], messages: [] };
    for (const effect of effectsOf(actions)) {
      switch (effect.type) {
        case 'disarmTimers':
          await q.query(
            `UPDATE workflow_timers SET status = 'cancelled', cancelled_at = now()
              WHERE instance_id = $1 AND timer_group = $2 AND status = 'pending'`,
            [row.id, effect.params.group],
          );
          break;
        case 'armTimers':
          work.timers.push(...(await this.arm(q, row, effect.params.group, effect.params.timers)));
          break;
        case 'notify':
          work.messages.push(...(await this.notify(q, definition, row, snapshot.context, effect.params)));
          break;
        default:
          assertUnreachable(effect);
      }
    }
    return work;
  }

  private async arm(
    q: QueryRunner,
    row: InstanceRow,
    group: string,
    timers: TimerSpec[],
  ): Promise<{ id: string; dueAt: Date }[]> {
    const now = this.now().getTime();
    const rows = timers
      .map((t) => ({ ...t, dueAt: new Date(t.at) }))
      .filter((t) => {
        if (Number.isNaN(t.dueAt.getTime())) throw new Error(`Timer ${t.name} has an invalid time "${t.at}"`);
        return !(t.skipIfPast && t.dueAt.getTime() < now);
      })
      .map((t) => ({ id: randomUUID(), ...t }));
    if (rows.length === 0) return [];
    const values: unknown[] = [];
    const tuples = rows.map((t, i) => {
      values.push(t.id, row.id, group, t.name, t.event, t.dueAt, row.revision);
      const o = i * 7;
      return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6}, 'pending', $${o + 7})`;
    });
    await q.query(
      `INSERT INTO workflow_timers (id, instance_id, timer_group, name, event, due_at, status, armed_revision)
       VALUES ${tuples.join(', ')}`,
      values,
    );
    return rows.map((t) => ({ id: t.id, dueAt: t.dueAt }));
  }

  private async notify(
    q: QueryRunner,
    definition: WorkflowDefinition,
    row: InstanceRow,
    context: unknown,
    params: NotifyParams,
  ): Promise<string[]> {
    const render = definition.templates[params.template];
    if (!render) throw new Error(`${definition.name} has no template "${params.template}"`);
    const ids: string[] = [];
    for (const recipient of params.to) {
      const message = render(context, { ...params.data, recipient });
      const key = `${definition.name}:${row.id}/${params.key}/recipient:${recipient.email.toLowerCase()}`;
      const inserted = (await q.query(
        `INSERT INTO outbox_messages (id, instance_id, idempotency_key, channel, recipient, recipient_name, subject, body, status)
         VALUES ($1, $2, $3, 'email', $4, $5, $6, $7, 'pending')
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
        [randomUUID(), row.id, key, recipient.email, recipient.name ?? null, message.subject, message.text],
      )) as { id: string }[];
      ids.push(...inserted.map((r) => r.id));
    }
    return ids;
  }

  private async journal(
    q: QueryRunner,
    instanceId: string,
    seq: number,
    event: WorkflowEvent,
    actor: Actor,
    fromState: string | null,
    toState: string,
    idempotencyKey: string | null,
  ): Promise<void> {
    const { type, ...payload } = event;
    await q.query(
      `INSERT INTO workflow_journal (instance_id, seq, event_type, payload, actor, from_state, to_state, idempotency_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [instanceId, seq, type, payload, { id: actor.id, name: actor.name, roles: actor.roles }, fromState, toState, idempotencyKey],
    );
  }

  private async replay(q: QueryRunner, scope: string, key: string, hash: string): Promise<unknown | null> {
    const [found] = (await q.query(
      `SELECT request_hash, response FROM idempotency_records WHERE scope = $1 AND key = $2`,
      [scope, key],
    )) as { request_hash: string; response: unknown }[];
    if (!found) return null;
    if (found.request_hash !== hash) {
      throw new WorkflowException(
        WorkflowErrorCode.IdempotencyKeyReused,
        'This Idempotency-Key was used for a different request; use a new key for a new request',
      );
    }
    return found.response;
  }

  private async remember(q: QueryRunner, scope: string, key: string, hash: string, status: number, view: unknown) {
    // The instance row lock serializes senders, so a plain insert cannot race for an instance scope;
    // for starts, the primary key makes a concurrent duplicate fail instead of creating twice.
    await q.query(
      `INSERT INTO idempotency_records (scope, key, request_hash, status, response) VALUES ($1, $2, $3, $4, $5)`,
      [scope, key, hash, status, view],
    );
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

  private mayRead(definition: WorkflowDefinition, snapshot: AnyMachineSnapshot, actor: Actor): void {
    if (!isSystem(actor) && !definition.canRead(actor, snapshot.context)) {
      throw new WorkflowException(WorkflowErrorCode.Forbidden, `You may not read this ${definition.name}`);
    }
  }

  allowedEvents(definition: WorkflowDefinition, snapshot: AnyMachineSnapshot, actor: Actor): string[] {
    return handledEvents(snapshot).filter((type) => {
      const allow = definition.events[type]?.allow;
      return allow !== undefined && allow(actor, snapshot.context);
    });
  }

  private async viewOf(
    q: QueryRunner,
    definition: WorkflowDefinition,
    row: InstanceRow,
    snapshot: AnyMachineSnapshot,
    actor: Actor,
  ): Promise<InstanceView> {
    const timers = (await q.query(
      `SELECT id, name, event, due_at, status FROM workflow_timers
        WHERE instance_id = $1 AND status = 'pending' ORDER BY due_at, name`,
      [row.id],
    )) as { id: string; name: string; event: WorkflowEvent; due_at: Date; status: string }[];
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
      timers: timers.map((t) => ({
        id: t.id,
        name: t.name,
        event: t.event.type,
        dueAt: t.due_at.toISOString(),
        status: t.status,
      })),
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

  private async afterCommit(work: Applied['work'] | undefined): Promise<void> {
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

function assertUnreachable(value: never): never {
  throw new Error(`Unhandled effect ${JSON.stringify(value)}`);
}
