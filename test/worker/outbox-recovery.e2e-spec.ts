import { randomUUID } from 'node:crypto';
import { OUTBOX_MAX_REQUEUES, QueueName } from '@samflyt/engine';
import { UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { startWorker } from '../support/worker-process';
import { harnessForEachTest, startAssignments, waitForIdleQueues, type Harness } from './harness';
import { startSmtpSink, type SmtpSink } from './smtp-sink';
import { pollUntil } from '../support/wait';

interface Row {
  id: string;
  idempotency_key: string;
  recipient: string;
  status: string;
  attempts: number;
  requeues: number;
  last_error: string | null;
  failed_at: Date | null;
}

const DAY_MS = 24 * 3600 * 1000;

describe('outbox: recovery of jobs that failed for good, and messages that can never go out', () => {
  let h: Harness;
  const sinks: SmtpSink[] = [];

  harnessForEachTest('outbox-recovery', (created) => (h = created));
  afterEach(() => Promise.all(sinks.splice(0).map((s) => s.stop())));

  const rows = async (): Promise<Row[]> =>
    (await h.dataSource.query(
      `SELECT id, idempotency_key, recipient, status, attempts, requeues, last_error, failed_at
         FROM outbox_messages ORDER BY created_at, id`,
    )) as Row[];

  /** Every outbox job of the harness fails for good, as when every attempt met a database that was away. */
  const failEveryOutboxJob = async (count: number): Promise<void> => {
    const connection = new Redis(h.redisUrl, { maxRetriesPerRequest: null });
    const worker = new Worker(
      QueueName.Outbox,
      () => Promise.reject(new UnrecoverableError('the database was away on every attempt')),
      { connection, prefix: h.prefix },
    );
    try {
      await pollUntil(
        'outbox jobs failed for good',
        () => h.dispatcher.outbox.getJobCounts('failed'),
        (c) => c.failed === count,
      );
    } finally {
      await worker.close();
      connection.disconnect();
    }
  };

  it('re-queues a pending message whose BullMQ job failed for good, and sends it once; the round is counted in Postgres', async () => {
    await startAssignments(h, 3, { dueInMs: DAY_MS });
    await failEveryOutboxJob(3);
    expect((await rows()).map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);

    const smtp = await startSmtpSink();
    sinks.push(smtp);
    const worker = await startWorker({ ...h.workerEnv, SMTP_URL: smtp.url });
    const sent = await pollUntil('every message sent', rows, (r) => r.every((m) => m.status === 'sent'));
    await worker.waitFor(/re-queued 3 pending messages whose job had failed for good/, 5_000);
    expect(sent.map((r) => r.requeues)).toEqual([1, 1, 1]);
    await waitForIdleQueues(h, { only: 'outbox' });
    // Two more reconciler runs (every second here) change nothing: no message goes out twice.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(smtp.accepted.map((m) => m.idempotencyKey).sort()).toEqual(sent.map((r) => r.idempotency_key).sort());
    await worker.stop();
  });

  it('does not loop hot: a message waits out its backoff, and one that used up its rounds is marked failed with the reason', async () => {
    await startAssignments(h, 2, { dueInMs: DAY_MS });
    await failEveryOutboxJob(2);
    const [waiting, spent] = await rows();
    await h.dataSource.query(
      `UPDATE outbox_messages SET requeues = 2, requeue_after = now() + interval '1 hour' WHERE id = $1`,
      [waiting.id],
    );
    await h.dataSource.query(`UPDATE outbox_messages SET requeues = $2, last_error = 'timeout' WHERE id = $1`, [
      spent.id,
      OUTBOX_MAX_REQUEUES,
    ]);

    const smtp = await startSmtpSink();
    sinks.push(smtp);
    const worker = await startWorker({ ...h.workerEnv, SMTP_URL: smtp.url });
    await pollUntil('the spent message failed', rows, (r) => r.find((m) => m.id === spent.id)?.status === 'failed');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const after = await rows();
    expect(after.find((m) => m.id === spent.id)).toMatchObject({
      status: 'failed',
      requeues: OUTBOX_MAX_REQUEUES,
      last_error: `delivery given up after ${OUTBOX_MAX_REQUEUES} rounds of retries: timeout`,
      failed_at: expect.any(Date),
    });
    // Still waiting out its pause: pending, its job still failed, nothing sent.
    expect(after.find((m) => m.id === waiting.id)).toMatchObject({ status: 'pending', requeues: 2 });
    expect(await h.dispatcher.outbox.getJobState(waiting.id)).toBe('failed');
    expect(smtp.attempts).toHaveLength(0);
    await worker.stop();
  });

  it('marks a message with no valid recipient address failed at once, with the reason, and never retries it', async () => {
    const id = randomUUID();
    await h.dataSource.query(
      `INSERT INTO outbox_messages (id, idempotency_key, channel, recipient, recipient_name, subject, body, status)
       VALUES ($1, $2, 'email', 'kari.nordmann(a)kommune', 'Kari Nordmann', 'Påminnelse', 'Tekst', 'pending')`,
      [id, `test:${id}`],
    );
    const smtp = await startSmtpSink();
    sinks.push(smtp);
    const worker = await startWorker({ ...h.workerEnv, SMTP_URL: smtp.url });
    const [row] = await pollUntil('the message failed', rows, ([r]) => r?.status === 'failed', { timeoutMs: 10_000 });
    expect(row).toMatchObject({
      attempts: 0,
      last_error: 'no valid recipient address: "kari.nordmann(a)kommune"',
      failed_at: expect.any(Date),
    });
    await waitForIdleQueues(h, { only: 'outbox' });
    const job = await h.dispatcher.outbox.getJob(id);
    expect({ state: await job?.getState(), value: job?.returnvalue }).toEqual({
      state: 'completed',
      value: 'invalid-recipient',
    });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(smtp.attempts).toHaveLength(0);
    expect((await rows())[0]).toMatchObject({ status: 'failed', attempts: 0 });
    await worker.stop();
  });
});
