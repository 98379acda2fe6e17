import { killAllWorkers, startWorker } from '../support/worker-process';
import {
  assigneeEmail,
  countBy,
  createHarness,
  journalCounts,
  startAssignments,
  waitForIdleQueues,
  type Harness,
} from './harness';
import { startRedisServer, type RedisServer } from './redis-server';
import { mailKinds, mailsTo } from '../support/mail';
import { pollUntil } from '../support/wait';

const INSTANCES = 20;

describe('FLUSHALL on Redis with timers pending', () => {
  let redis: RedisServer;
  let h: Harness;

  beforeAll(async () => {
    // A Redis of this file's own: FLUSHALL on the shared one would wipe other files' queues.
    redis = await startRedisServer(['--maxmemory-policy', 'noeviction']);
    h = await createHarness('redis-flush', { redisUrl: redis.url });
  });

  afterAll(async () => {
    await killAllWorkers();
    await h.close();
    await redis.stop();
  });

  it('loses no timer: after the reconciler has run, every timer fires, once, and each e-mail goes out once', async () => {
    const worker = await startWorker(h.workerEnv);
    const ids = await startAssignments(h, INSTANCES, { dueInMs: 30_000, reminderOffsets: ['PT20S'] });
    expect(await h.dispatcher.timers.getJobCounts('delayed')).toEqual({ delayed: 2 * INSTANCES });

    await h.redis.flushall();
    expect(await h.dispatcher.timers.getJobCounts('delayed')).toEqual({ delayed: 0 });

    // The reconciler (every second here) puts the delayed jobs back from Postgres before they are due. The due times
    // leave a loaded machine room: a reminder that falls due before the check would no longer count as delayed.
    await pollUntil(
      'delayed timer jobs restored',
      () => h.dispatcher.timers.getJobCounts('delayed'),
      (c) => c.delayed === 2 * INSTANCES,
      { timeoutMs: 15_000, intervalMs: 100 },
    );
    await worker.waitFor(new RegExp(`re-enqueued ${2 * INSTANCES} pending timers`), 1_000);

    await pollUntil(
      'every timer fired',
      () => countBy(h, 'workflow_timers'),
      (c) => c.fired === 2 * INSTANCES,
      {
        timeoutMs: 60_000,
      },
    );
    // Per instance: assignment, reminder, overdue to the assignee, overdue to the owner.
    await pollUntil(
      'every e-mail sent',
      () => countBy(h, 'outbox_messages'),
      (c) => c.sent === 4 * INSTANCES,
    );
    await waitForIdleQueues(h);

    expect(await countBy(h, 'workflow_timers')).toEqual({ fired: 2 * INSTANCES });
    const reminders = await journalCounts(h, 'reminder.due');
    const deadlines = await journalCounts(h, 'deadline.passed');
    for (const id of ids) {
      expect([id, reminders.get(id), deadlines.get(id)]).toEqual([id, 1, 1]);
    }
    for (let i = 0; i < INSTANCES; i++) {
      const subjects = await mailKinds(assigneeEmail(h, i));
      expect(subjects).toEqual(['Fristen er passert', 'Nytt oppdrag', 'Påminnelse']);
    }
    const toOwner = await mailsTo(h.secretariat.email!);
    expect(toOwner).toHaveLength(INSTANCES);
    expect(new Set(toOwner.map((m) => m.headers['x-samflyt-idempotency-key'])).size).toBe(INSTANCES);
    await worker.stop();
  });
});
