import { JobName, QueueName } from '@samflyt/engine';
import { Worker } from 'bullmq';
import { freePort } from '../../scripts/lib/services';
import { mailKinds, mailsTo } from '../support/mail';
import { pollUntil, sleep } from '../support/wait';
import { startWorker } from '../support/worker-process';
import {
  assigneeEmail,
  countBy,
  harnessForEachTest,
  journalCounts,
  startAssignments,
  waitForIdleQueues,
  type Harness,
} from './harness';

// A durable timer fires once, however its job is delivered: twice, early, to a worker that dies, or to one that hangs.

describe('a timer delivered more than once', () => {
  let h: Harness;

  harnessForEachTest('timer-delivery', (created) => (h = created));

  it('changes the instance once and sends one e-mail when its job is delivered twice, and early', async () => {
    const worker = await startWorker(h.workerEnv);
    const [id] = await startAssignments(h, 1, { dueInMs: 3_000 });
    const [timer] = (await h.engine.view(id, h.secretariat)).timers;
    expect(timer.event).toBe('deadline.passed');
    const delay = new Date(timer.dueAt).getTime() - Date.now();

    // The dispatcher's job (jobId = timer id) plus two more deliveries of the same timer: one at
    // the same instant, racing it, and one long before the due time.
    await h.dispatcher.timers.add(JobName.FireTimer, { timerId: timer.id }, { jobId: `${timer.id}-again`, delay });
    await h.dispatcher.timers.add(JobName.FireTimer, { timerId: timer.id }, { jobId: `${timer.id}-early` });

    // The early one is put back until the due time, not fired and not dropped.
    await sleep(500);
    expect((await h.dispatcher.timers.getJob(`${timer.id}-early`))?.finishedOn).toBeUndefined();
    expect((await journalCounts(h, 'deadline.passed')).get(id)).toBeUndefined();

    await pollUntil(
      'deadline.passed',
      () => journalCounts(h, 'deadline.passed'),
      (c) => c.get(id) === 1,
    );
    await pollUntil(
      'e-mails sent',
      () => countBy(h, 'outbox_messages'),
      (c) => c.sent === 3,
    );
    await waitForIdleQueues(h);

    const outcomes = await Promise.all(
      [timer.id, `${timer.id}-again`, `${timer.id}-early`].map(async (jobId) => {
        const job = await h.dispatcher.timers.getJob(jobId);
        return job?.returnvalue as string;
      }),
    );
    expect(outcomes.sort()).toEqual(['fired', 'not-pending', 'not-pending']);
    const view = await h.engine.view(id, h.secretariat);
    expect([view.state, view.revision]).toEqual(['overdue', 2]);
    expect((await journalCounts(h, 'deadline.passed')).get(id)).toBe(1);
    expect(await mailKinds(assigneeEmail(h, 0))).toEqual(['Fristen er passert', 'Nytt oppdrag']);
    expect(await mailsTo(h.secretariat.email!)).toHaveLength(1);
    await worker.stop();
  });

  it('changes the instance once when fired by many callers at the same moment', async () => {
    const [id] = await startAssignments(h, 1, { dueInMs: 300 });
    const [timer] = (await h.engine.view(id, h.secretariat)).timers;
    while (Date.now() <= new Date(timer.dueAt).getTime()) await sleep(50);

    const outcomes = await Promise.all(Array.from({ length: 10 }, () => h.engine.fireTimer(timer.id)));

    expect(outcomes.filter((o) => o === 'fired')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'not-pending')).toHaveLength(9);
    expect((await journalCounts(h, 'deadline.passed')).get(id)).toBe(1);
    // The assignment e-mail and one overdue notice each to the assignee and the owner.
    expect(await countBy(h, 'outbox_messages')).toEqual({ pending: 3 });
  });
});

describe('worker crash and restart', () => {
  let h: Harness;

  harnessForEachTest('worker-crash', (created) => (h = created));

  it('fires a timer once when the worker was SIGKILLed before the due time and started again after it', async () => {
    const first = await startWorker(h.workerEnv, 'first');
    const dueAt = Date.now() + 8_000;
    const [id] = await startAssignments(h, 1, { dueInMs: dueAt - Date.now(), reminderOffsets: ['PT5S'] });
    const assignee = assigneeEmail(h, 0);

    // The first worker sends the assignment and the reminder (due 3 s from now) ...
    await pollUntil(
      'the reminder e-mail',
      () => mailKinds(assignee),
      (s) => s.includes('Påminnelse'),
      { timeoutMs: 15_000 },
    );
    // ... and dies before the deadline: no shutdown hooks, the deadline's delayed job stays in Redis.
    expect(Date.now()).toBeLessThan(dueAt);
    await first.kill();

    while (Date.now() < dueAt + 1_000) await sleep(100);
    // Nobody fired it while no worker ran.
    expect((await journalCounts(h, 'deadline.passed')).get(id)).toBeUndefined();

    const metricsPort = await freePort();
    const second = await startWorker({ ...h.workerEnv, WORKER_METRICS_PORT: String(metricsPort) }, 'second');
    await pollUntil(
      'deadline.passed in the journal',
      () => journalCounts(h, 'deadline.passed'),
      (c) => c.get(id) === 1,
      {
        timeoutMs: 15_000,
      },
    );
    await pollUntil(
      'all e-mails sent',
      () => countBy(h, 'outbox_messages'),
      (c) => c.sent === 4 && !c.pending,
    );
    await waitForIdleQueues(h);

    const view = await h.engine.view(id, h.secretariat);
    expect(view.state).toBe('overdue');
    expect((await journalCounts(h, 'deadline.passed')).get(id)).toBe(1);
    expect((await journalCounts(h, 'reminder.due')).get(id)).toBe(1);
    expect(await countBy(h, 'workflow_timers')).toEqual({ fired: 2 });
    // One of each e-mail at the SMTP peer: assignment, reminder, overdue to the assignee; overdue to the owner.
    expect(await mailKinds(assignee)).toEqual(['Fristen er passert', 'Nytt oppdrag', 'Påminnelse']);
    expect(await mailKinds(h.secretariat.email!)).toEqual(['Fristen er passert']);

    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/samflyt_timer_outcomes_total\{outcome="fired",source="job"\} 1/);
    expect(metrics).toMatch(/samflyt_timer_lag_seconds_count 1/);
    expect(metrics).toMatch(/samflyt_outbox_messages\{status="sent"\} 4/);
    await second.stop();
  });

  it('fires a timer whose job is stuck in a live worker that never finishes it, through the reconciler', async () => {
    // A BullMQ worker that takes the timer job and hangs, renewing its lock: BullMQ never
    // redelivers it (the shape of a stuck delayed or active job, BullMQ #2466 and #2648).
    let taken!: () => void;
    const tookJob = new Promise<void>((resolve) => (taken = resolve));
    const connection = h.redis.duplicate();
    const stuck = new Worker(
      QueueName.Timers,
      () => {
        taken();
        return new Promise(() => undefined);
      },
      { connection, prefix: h.prefix },
    );
    try {
      const [id] = await startAssignments(h, 1, { dueInMs: 1_000 });
      await tookJob;
      const worker = await startWorker(h.workerEnv);
      const fired = Date.now();
      await pollUntil(
        'deadline.passed in the journal',
        () => journalCounts(h, 'deadline.passed'),
        (c) => c.get(id) === 1,
        {
          timeoutMs: 25_000,
        },
      );
      // The reconciler fires timers overdue by more than its grace (10 s), whatever Redis says.
      expect(Date.now() - fired).toBeLessThan(20_000);
      await pollUntil(
        'all e-mails sent',
        () => countBy(h, 'outbox_messages'),
        (c) => c.sent === 3,
      );
      expect(await mailKinds(assigneeEmail(h, 0))).toEqual(['Fristen er passert', 'Nytt oppdrag']);
      expect(worker.output()).toMatch(/fired 1 overdue timers/);
      await worker.stop();
    } finally {
      await stuck.close(true);
      connection.disconnect();
    }
  });
});
