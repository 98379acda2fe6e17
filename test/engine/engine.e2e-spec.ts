import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transition } from 'xstate';
import {
  WorkflowEngine,
  ErrorCode,
  DomainError,
  WorkflowRegistry,
  restore,
  type WorkflowDefinition,
} from '@samflyt/engine';
import { assignmentMachine, assignmentWorkflow } from '@samflyt/workflows';
import {
  assigneeActor,
  assignmentInput,
  engineHarness,
  outsider,
  secretariat,
  type EngineHarness,
} from '../support/engine';

const DAY = 24 * 3600 * 1000;

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<DomainError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected ${code}, but it succeeded`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  return error as DomainError;
}

describe('WorkflowEngine against Postgres', () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await engineHarness('engine');
  });
  afterAll(() => h.close());

  const rows = async (id: string) => ({
    journal: await h.count('workflow_journal', 'instance_id = $1', [id]),
    timers: await h.count('workflow_timers', 'instance_id = $1', [id]),
    outbox: await h.count('outbox_messages', 'instance_id = $1', [id]),
    revision: (await h.engine.view(id, secretariat)).revision,
  });

  it('starts an instance: snapshot, journal, armed timers and a notice in one transaction', async () => {
    const view = await h.engine.start('assignment', assignmentInput(10 * DAY, ['P7D', 'P1D']), secretariat);
    expect(view).toMatchObject({ workflow: 'assignment', version: 1, state: 'assigned', revision: 1 });
    expect(view.timers.map((t) => t.name)).toEqual(['reminder-P7D', 'reminder-P1D', 'deadline']);
    expect(view.allowedEvents).toEqual(['assignment.cancelled', 'assignment.delivered', 'assignment.rescheduled']);
    const history = await h.engine.history(view.id, secretariat);
    expect(history).toEqual([
      expect.objectContaining({ seq: 1, event: 'workflow.started', fromState: null, toState: 'assigned' }),
    ]);
    const [mail] = await h.dataSource.query(
      `SELECT recipient, subject, status FROM outbox_messages WHERE instance_id = $1`,
      [view.id],
    );
    expect(mail).toEqual({
      recipient: 'kari.nordmann@malvik.test',
      subject: 'Nytt oppdrag: Utarbeide utlysningstekst, søknadsskjema og kriterier',
      status: 'pending',
    });
  });

  it('skips reminders already in the past but keeps the deadline', async () => {
    const view = await h.engine.start('assignment', assignmentInput(2 * DAY, ['P7D', 'P1D']), secretariat);
    expect(view.timers.map((t) => t.name)).toEqual(['reminder-P1D', 'deadline']);
  });

  it('cancels the state timers on exit and journals from → to', async () => {
    const { id } = await h.engine.start('assignment', assignmentInput(10 * DAY, ['P7D']), secretariat);
    const view = await h.engine.send(id, { type: 'assignment.delivered', note: 'Utkast vedlagt' }, assigneeActor);
    expect(view).toMatchObject({ state: 'delivered', revision: 2, timers: [] });
    expect(await h.count('workflow_timers', `instance_id = $1 AND status = 'cancelled'`, [id])).toBe(2);
    const history = await h.engine.history(id, secretariat);
    expect(history[1]).toMatchObject({
      seq: 2,
      event: 'assignment.delivered',
      payload: { note: 'Utkast vedlagt' },
      actor: { id: assigneeActor.id, name: assigneeActor.name },
      fromState: 'assigned',
      toState: 'delivered',
    });
    const [notice] = await h.dataSource.query(
      `SELECT recipient FROM outbox_messages WHERE instance_id = $1 AND subject LIKE 'Levert:%'`,
      [id],
    );
    expect(notice.recipient).toBe(secretariat.email);
  });

  describe('refuses, and writes nothing', () => {
    let id: string;
    let before: Awaited<ReturnType<typeof rows>>;
    beforeAll(async () => {
      id = (await h.engine.start('assignment', assignmentInput(10 * DAY, ['P7D']), secretariat)).id;
      before = await rows(id);
    });
    afterEach(async () => expect(await rows(id)).toEqual(before));

    it('an event the state does not handle: 409 naming the state and the allowed events', async () => {
      const e = await expectCode(
        h.engine.send(id, { type: 'assignment.accepted' }, secretariat),
        ErrorCode.EventNotAllowed,
      );
      expect(e.details).toEqual({
        state: 'assigned',
        allowedEvents: ['assignment.cancelled', 'assignment.delivered', 'assignment.rescheduled'],
      });
    });

    it('an actor without the right', async () => {
      await expectCode(h.engine.send(id, { type: 'assignment.delivered', note: 'x' }, outsider), ErrorCode.Forbidden);
    });

    it('a timer event sent by a person', async () => {
      await expectCode(h.engine.send(id, { type: 'deadline.passed' }, secretariat), ErrorCode.Forbidden);
    });

    it('an unknown event type, naming the field', async () => {
      const e = await expectCode(
        h.engine.send(id, { type: 'assignment.exploded' }, secretariat),
        ErrorCode.InvalidInput,
      );
      expect(e.details.errors?.[0].field).toBe('type');
    });

    it('a malformed payload, naming the field', async () => {
      const e = await expectCode(
        h.engine.send(id, { type: 'assignment.rescheduled', dueAt: '31.06.2024' }, secretariat),
        ErrorCode.InvalidInput,
      );
      expect(e.details.errors).toEqual([expect.objectContaining({ field: 'dueAt' })]);
    });

    it('a stale revision', async () => {
      const e = await expectCode(
        h.engine.send(id, { type: 'assignment.delivered', note: 'x' }, secretariat, { expectedRevision: 7 }),
        ErrorCode.RevisionMismatch,
      );
      expect(e.details.revision).toBe(1);
    });

    it('an outsider reading', async () => {
      await expectCode(h.engine.view(id, outsider), ErrorCode.Forbidden);
      await expectCode(h.engine.history(id, outsider), ErrorCode.Forbidden);
    });
  });

  it('applies an idempotency key once and answers the retry with the first answer', async () => {
    const { id } = await h.engine.start('assignment', assignmentInput(10 * DAY), secretariat);
    const event = { type: 'assignment.delivered', note: 'Levert' };
    const first = await h.engine.send(id, event, assigneeActor, { idempotencyKey: 'k-1' });
    const second = await h.engine.send(id, event, assigneeActor, { idempotencyKey: 'k-1' });
    expect(second).toEqual(first);
    expect(await h.count('workflow_journal', 'instance_id = $1', [id])).toBe(2);
    await expectCode(
      h.engine.send(id, { ...event, note: 'Annet' }, assigneeActor, { idempotencyKey: 'k-1' }),
      ErrorCode.IdempotencyKeyReused,
    );
  });

  it('refuses a start with bad input, naming the fields, and writes nothing', async () => {
    const before = await h.count('workflow_instances');
    const e = await expectCode(
      h.engine.start('assignment', { ...assignmentInput(DAY), dueAt: 'tomorrow', assignee: { id: 'x' } }, secretariat),
      ErrorCode.InvalidInput,
    );
    expect(e.details.errors?.map((x) => x.field).sort()).toEqual([
      'input.assignee.email',
      'input.assignee.name',
      'input.dueAt',
    ]);
    await expectCode(h.engine.start('assignment', assignmentInput(DAY), outsider), ErrorCode.Forbidden);
    await expectCode(h.engine.start('grant', {}, secretariat), ErrorCode.UnknownWorkflow);
    expect(await h.count('workflow_instances')).toBe(before);
  });
});

describe('durable timers through the engine', () => {
  let h: EngineHarness;
  let clock = new Date();
  let engine: WorkflowEngine;
  beforeAll(async () => {
    h = await engineHarness('timers');
    engine = new WorkflowEngine(h.dataSource, h.engine.registry, null, { now: () => clock });
  });
  afterAll(() => h.close());

  it('fires a due timer once, through the same transaction path, as the system', async () => {
    clock = new Date();
    const view = await engine.start('assignment', assignmentInput(DAY, ['PT1H']), secretariat);
    const deadline = view.timers.find((t) => t.name === 'deadline')!;
    expect(await engine.fireTimer(deadline.id)).toBe('not-due');
    clock = new Date(Date.now() + DAY + 1000);
    const outcomes = await Promise.all([engine.fireTimer(deadline.id), engine.fireTimer(deadline.id)]);
    expect(outcomes.sort()).toEqual(['fired', 'not-pending']);
    const after = await engine.view(view.id, secretariat);
    expect(after).toMatchObject({ state: 'overdue', revision: 2, timers: [] });
    const history = await engine.history(view.id, secretariat);
    expect(history[1]).toMatchObject({ event: 'deadline.passed', actor: { id: 'system' }, toState: 'overdue' });
    const overdue = await h.dataSource.query(
      `SELECT recipient FROM outbox_messages WHERE instance_id = $1 AND subject LIKE 'Fristen er passert%' ORDER BY recipient`,
      [view.id],
    );
    expect(overdue.map((r: { recipient: string }) => r.recipient)).toEqual([
      'kari.nordmann@malvik.test',
      secretariat.email,
    ]);
    // The reminder of the state that was left was cancelled with it, and never fires.
    const reminder = view.timers.find((t) => t.name === 'reminder-PT1H')!;
    expect(await engine.fireTimer(reminder.id)).toBe('not-pending');
  });

  it('a reminder keeps the state and sends one notice however often it is delivered', async () => {
    clock = new Date();
    const view = await engine.start('assignment', assignmentInput(DAY, ['PT1H']), secretariat);
    const reminder = view.timers.find((t) => t.name === 'reminder-PT1H')!;
    clock = new Date(Date.now() + DAY);
    expect(await engine.fireTimer(reminder.id)).toBe('fired');
    expect(await engine.fireTimer(reminder.id)).toBe('not-pending');
    expect(await h.count('outbox_messages', `instance_id = $1 AND subject LIKE 'Påminnelse%'`, [view.id])).toBe(1);
    expect((await engine.view(view.id, secretariat)).state).toBe('assigned');
  });
});

describe('machine versions and snapshots', () => {
  const fixture = (name: string) =>
    JSON.parse(readFileSync(join(__dirname, '../fixtures/snapshots', name), 'utf8')) as unknown;

  it('restores a snapshot written by the pinned XState version and continues', () => {
    const snapshot = restore(assignmentMachine, fixture('assignment-v1-delivered.xstate-5.33.3.json'));
    expect(snapshot.value).toBe('delivered');
    const [next, actions] = transition(assignmentMachine, snapshot, {
      type: 'assignment.accepted',
      note: 'Godkjent i AU',
    });
    expect(next.value).toBe('accepted');
    expect(next.status).toBe('done');
    expect(actions).toEqual([
      expect.objectContaining({ type: 'notify', params: expect.objectContaining({ key: 'accepted' }) }),
    ]);
  });

  it('keeps a running instance on the version it started with', async () => {
    const v1Only = new WorkflowRegistry().register(assignmentWorkflow);
    const h = await engineHarness('versions', { registry: v1Only });
    try {
      const old = await h.engine.start('assignment', assignmentInput(10 * DAY), secretariat);
      const v2: WorkflowDefinition = {
        ...assignmentWorkflow,
        version: 2,
        templates: { ...assignmentWorkflow.templates, delivered: () => ({ subject: 'v2', text: 'v2' }) },
      };
      const both = new WorkflowRegistry().register(assignmentWorkflow).register(v2);
      const engine = new WorkflowEngine(h.dataSource, both, null);
      const fresh = await engine.start('assignment', assignmentInput(10 * DAY), secretariat);
      expect([old.version, fresh.version]).toEqual([1, 2]);
      await engine.send(old.id, { type: 'assignment.delivered', note: 'x' }, secretariat);
      const subjects = await h.dataSource.query(
        `SELECT subject FROM outbox_messages WHERE instance_id = $1 AND subject LIKE 'Levert:%'`,
        [old.id],
      );
      expect(subjects).toHaveLength(1);
      expect((await engine.view(old.id, secretariat)).version).toBe(1);
    } finally {
      await h.close();
    }
  });

  it('continues an instance whose stored snapshot is the fixture', async () => {
    const h = await engineHarness('fixture');
    try {
      const { id } = await h.engine.start('assignment', assignmentInput(10 * DAY), secretariat);
      await h.dataSource.query(`UPDATE workflow_instances SET snapshot = $2, state = 'delivered' WHERE id = $1`, [
        id,
        fixture('assignment-v1-delivered.xstate-5.33.3.json'),
      ]);
      const view = await h.engine.send(id, { type: 'assignment.accepted' }, secretariat);
      expect(view).toMatchObject({ state: 'accepted', status: 'done', allowedEvents: [] });
    } finally {
      await h.close();
    }
  });
});
