import { QueueName } from '@samflyt/engine';
import { Worker } from 'bullmq';
import { freePort } from '../../scripts/lib/services';
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
import { mailsTo } from '../support/mail';
import { pollUntil, sleep } from '../support/wait';

const subjects = async (address: string) => (await mailsTo(address)).map((m) => m.subject.split(':')[0]).sort();

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
      () => subjects(assignee),
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
    expect(await subjects(assignee)).toEqual(['Fristen er passert', 'Nytt oppdrag', 'Påminnelse']);
    expect(await subjects(h.secretariat.email!)).toEqual(['Fristen er passert']);

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
      expect(await subjects(assigneeEmail(h, 0))).toEqual(['Fristen er passert', 'Nytt oppdrag']);
      expect(worker.output()).toMatch(/fired 1 overdue timers/);
      await worker.stop();
    } finally {
      await stuck.close(true);
      connection.disconnect();
    }
  });
});
