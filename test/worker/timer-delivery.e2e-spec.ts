import { JobName } from '@samflyt/engine';
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
    expect((await mailsTo(assigneeEmail(h, 0))).map((m) => m.subject.split(':')[0]).sort()).toEqual([
      'Fristen er passert',
      'Nytt oppdrag',
    ]);
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
