import { randomUUID } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { SYSTEM_ACTOR, type Actor } from './actor';
import { currentCorrelationId } from './correlation';
import { effectsOf, type NotifyParams } from './effects';
import type { Dispatcher, EngineOptions, InstanceView, JournalView, TimerOutcome, WorkflowEvent } from './engine.types';
import { allowedEvents, checkEvent, parse } from './event-check';
import { isUuid } from './ids';
import {
  instanceView,
  lockWithSurroundings,
  mayRead,
  readInstance,
  readSurroundings,
  whyNotPending,
  type Idempotency,
  type InstanceRow,
  type PendingTimer,
} from './instance-rows';
import type { DispatchWork } from './job-dispatcher';
import { WorkflowRegistry } from './registry';
import { handledEvents, persist, restore, stateToString } from './snapshots';
import { requestHash } from './stable-json';
import {
  planTimers,
  writeSignals,
  writeTransition,
  type PlannedMessage,
  type TransitionRows,
} from './transition-writes';
import type { Projection, WorkflowDefinition } from './workflow-definition';
import { ErrorCode, DomainError, constraintError } from './errors';

export * from './engine.types';

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
      throw new DomainError(ErrorCode.Forbidden, `You may not start a ${workflow}`);
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
      return this.write(q, definition, row, snapshot, snapshot, actions, event, actor, [], null, idempotency, 201, {
        correlationId: currentCorrelationId(),
      });
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
      if (!isUuid(instanceId)) {
        throw new DomainError(ErrorCode.InstanceNotFound, `No instance with id "${instanceId}"`);
      }
      const locked = await lockWithSurroundings(q, { instanceId }, idempotency);
      if (!locked) throw new DomainError(ErrorCode.InstanceNotFound, `No instance with id "${instanceId}"`);
      const { row } = locked;
      const { pending, replay } = locked.surroundings;
      if (replay) return { view: this.replayed(replay, idempotency!), work: undefined };
      const definition = this.registry.get(row.workflow, row.version);
      const snapshot = restore(definition.machine, row.snapshot);
      const checked = checkEvent(definition, snapshot, row, event, actor);
      if (opts.expectedRevision !== undefined && opts.expectedRevision !== row.revision) {
        throw new DomainError(
          ErrorCode.RevisionMismatch,
          `The instance is at revision ${row.revision}, not ${opts.expectedRevision}; read it again`,
          { revision: row.revision },
        );
      }
      const [next, actions] = transition(definition.machine, snapshot, checked);
      return this.write(q, definition, row, snapshot, next, actions, checked, actor, pending, null, idempotency, 200, {
        correlationId: currentCorrelationId(),
      });
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
    if (!isUuid(timerId)) return 'unknown';
    const result = await this.transaction(async (q) => {
      const locked = await lockWithSurroundings(q, { pendingTimerId: timerId }, null);
      if (!locked) return { outcome: await whyNotPending(q, timerId) };
      const { row } = locked;
      const { pending } = locked.surroundings;
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
      // The id of the request that armed the timer, read from its row under the lock: what it causes is part of that.
      const correlationId = timer.correlationId ?? currentCorrelationId();
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
        { correlationId },
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
      const row = await readInstance(q, instanceId);
      const definition = this.registry.get(row.workflow, row.version);
      const snapshot = restore(definition.machine, row.snapshot);
      mayRead(definition, snapshot, actor, row.id);
      const { pending } = await readSurroundings(q, row.id, null);
      return instanceView(definition, row, snapshot, actor, pending);
    });
  }

  allowedEvents(definition: WorkflowDefinition, snapshot: AnyMachineSnapshot, actor: Actor): string[] {
    return allowedEvents(definition, snapshot, actor);
  }

  async history(instanceId: string, actor: Actor): Promise<JournalView[]> {
    return this.transaction(async (q) => {
      const row = await readInstance(q, instanceId);
      const definition = this.registry.get(row.workflow, row.version);
      mayRead(definition, restore(definition.machine, row.snapshot), actor, row.id);
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

  // --- the transaction's steps -------------------------------------------------------------

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
    { correlationId }: { correlationId: string | null },
  ): Promise<{ view: InstanceView; work: DispatchWork | undefined }> {
    const isStart = row.revision === 0;
    const revision = row.revision + 1;
    const toState = stateToString(next.value);
    const effects = effectsOf(actions);
    const { disarmGroups, timers } = planTimers(effects, this.now(), definition.deadlineTimers);
    const newRow: InstanceRow = { ...row, state: toState, status: next.status, revision, updated_at: row.tx_now };
    const stillPending = pending.filter((t) => t.id !== firedTimerId && !disarmGroups.includes(t.group));
    const view = instanceView(definition, newRow, next, actor, [
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
      summary: definition.summary(next.context),
      journal: { event, actor, fromState: isStart ? null : row.state, idempotencyKey: idempotency?.key ?? null },
      disarmGroups,
      firedTimerId,
      timers,
      messages,
      idempotency: idempotency ? { ...idempotency, status, response: view } : null,
      correlationId,
    };
    const { messageIds } = await writeTransition(q, rows);
    const signals = await this.project(q, definition, correlationId, {
      instanceId: row.id,
      revision,
      event,
      actor,
      before: isStart ? null : before.context,
      after: next.context,
      fromState: isStart ? null : row.state,
      toState,
    });
    return {
      view,
      work: {
        timers: [...timers, ...signals].map((t) => ({ id: t.id, dueAt: t.dueAt })),
        messages: messageIds,
        correlationId,
      },
    };
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
    correlationId: string | null,
    projection: Omit<Projection<unknown>, 'query' | 'workflow' | 'signal'>,
  ): Promise<{ id: string; dueAt: Date }[]> {
    if (!definition.project) return [];
    const signals: { instanceId: string; event: WorkflowEvent }[] = [];
    try {
      await definition.project({
        ...projection,
        workflow: definition.name,
        query: (sql, params) => q.query(sql, params),
        signal: (instanceId, event) => void signals.push({ instanceId, event }),
      });
      return signals.length === 0
        ? []
        : await writeSignals(q, projection.instanceId, projection.revision, signals, correlationId);
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
      throw new DomainError(
        ErrorCode.IdempotencyKeyReused,
        'This Idempotency-Key was used for a different request; use a new key for a new request',
      );
    }
    return found.response as InstanceView;
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
      // A connection that broke mid-transaction (Postgres restarting) is already released, so the rollback fails
      // too; the server has rolled back, and the error to answer with (503) is the one that broke it.
      await q.rollbackTransaction().catch(() => undefined);
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
