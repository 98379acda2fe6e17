import { UnrecoverableError } from 'bullmq';
import { freePort } from '../../scripts/lib/services';
import { TimerLagHistogram, WorkerMetrics } from '../../apps/worker/src/metrics/worker-metrics';
import { Mailer } from '../../apps/worker/src/outbox/mailer';
import { OutboxService, messageIdOf } from '../../apps/worker/src/outbox/outbox.service';
import { EngineStatsRepository, JobName } from '@samflyt/engine';
import { requireEnv } from '../support/database';
import { startWorker } from '../support/worker-process';
import { assigneeEmail, harnessForEachTest, startAssignments, waitForIdleQueues, type Harness } from './harness';
import { startSmtpSink, type SmtpSink } from './smtp-sink';
import { mailsTo } from '../support/mail';
import { pollUntil } from '../support/wait';

interface Row {
  id: string;
  idempotency_key: string;
  status: string;
  attempts: number;
  last_error: string | null;
  message_id: string | null;
  sent_at: Date | null;
}

const DAY_MS = 24 * 3600 * 1000;

describe('outbox: e-mail over SMTP', () => {
  let h: Harness;
  const sinks: SmtpSink[] = [];

  harnessForEachTest('outbox', (created) => (h = created));

  afterEach(() => Promise.all(sinks.splice(0).map((s) => s.stop())));

  const rows = async (): Promise<Row[]> =>
    (await h.dataSource.query(
      `SELECT id, idempotency_key, status, attempts, last_error, message_id, sent_at FROM outbox_messages ORDER BY created_at`,
    )) as Row[];

  const sink = async (refuse?: (attempt: number) => number | null) => {
    const s = await startSmtpSink(refuse);
    sinks.push(s);
    return s;
  };

  it('retries with backoff while the server refuses, then sends once; a sent row is never sent again', async () => {
    // 451 (try again later) twice, then accept.
    const smtp = await sink((n) => (n <= 2 ? 451 : null));
    const worker = await startWorker({ ...h.workerEnv, SMTP_URL: smtp.url });
    await startAssignments(h, 1, { dueInMs: DAY_MS });

    await pollUntil('a refused attempt recorded', rows, ([r]) => r?.attempts === 1);
    const [refused] = await rows();
    expect(refused).toMatchObject({ status: 'pending', attempts: 1, sent_at: null });
    expect(refused.last_error).toContain('451');

    const [sent] = await pollUntil('the message sent', rows, ([r]) => r?.status === 'sent', { timeoutMs: 20_000 });
    expect(sent).toMatchObject({ status: 'sent', attempts: 3, message_id: messageIdOf(sent.id) });
    expect(sent.sent_at).toBeInstanceOf(Date);
    // Exponential backoff from jobs.ts: 2 s, then 4 s.
    const [a, b, c] = smtp.attempts.map((x) => x.at);
    expect(b - a).toBeGreaterThanOrEqual(1_900);
    expect(c - b).toBeGreaterThanOrEqual(3_900);
    expect(smtp.accepted).toEqual([
      {
        messageId: messageIdOf(sent.id),
        to: [assigneeEmail(h, 0)],
        subject: expect.stringMatching(/^Nytt oppdrag: /),
        idempotencyKey: sent.idempotency_key,
      },
    ]);

    // Delivered again: the same job id (a no-op while the job is stored) and a new one (runs, sends nothing).
    await h.dispatcher.dispatch({ timers: [], messages: [sent.id] });
    await h.dispatcher.outbox.add(JobName.SendMessage, { messageId: sent.id }, { jobId: `${sent.id}-again` });
    await waitForIdleQueues(h, { only: 'outbox' });
    expect((await h.dispatcher.outbox.getJob(`${sent.id}-again`))?.returnvalue).toBe('already-sent');
    expect(smtp.accepted).toHaveLength(1);
    expect((await rows())[0]).toMatchObject({ status: 'sent', attempts: 3 });
    await worker.stop();
  });

  it('keeps a message pending while the SMTP server is down; a worker started against a working one sends it', async () => {
    const closed = `smtp://127.0.0.1:${await freePort()}`;
    const down = await startWorker({ ...h.workerEnv, SMTP_URL: closed }, 'smtp-down');
    await startAssignments(h, 1, { dueInMs: DAY_MS });
    const [failing] = await pollUntil('a failed attempt', rows, ([r]) => r?.attempts >= 1);
    expect(failing).toMatchObject({ status: 'pending' });
    expect(failing.last_error).toMatch(/ECONNREFUSED/);
    await down.kill();

    const up = await startWorker({ ...h.workerEnv, SMTP_URL: requireEnv('SMTP_URL') }, 'smtp-up');
    const [sent] = await pollUntil('the message sent', rows, ([r]) => r?.status === 'sent', { timeoutMs: 20_000 });
    const caught = await mailsTo(assigneeEmail(h, 0));
    expect(caught).toHaveLength(1);
    expect(caught[0].messageId).toBe(messageIdOf(sent.id));
    expect(caught[0].headers['x-samflyt-idempotency-key']).toBe(sent.idempotency_key);
    await up.stop();
  });

  describe('OutboxService on its last attempt and on a permanent refusal', () => {
    const mailers: Mailer[] = [];
    afterEach(() => mailers.splice(0).forEach((m) => m.onApplicationShutdown()));

    const service = (smtpUrl: string) => {
      const mailer = new Mailer(smtpUrl, requireEnv('MAIL_FROM'));
      mailers.push(mailer);
      return new OutboxService(
        h.dataSource,
        mailer,
        new WorkerMetrics(
          new TimerLagHistogram(),
          new EngineStatsRepository(h.dataSource),
          h.dispatcher.timers,
          h.dispatcher.outbox,
        ),
      );
    };

    it('marks the row failed when the last attempt fails', async () => {
      await startAssignments(h, 1, { dueInMs: DAY_MS });
      const [row] = await rows();
      const outbox = service(`smtp://127.0.0.1:${await freePort()}`);
      await expect(outbox.send(row.id, { final: false })).rejects.toThrow(/ECONNREFUSED/);
      expect((await rows())[0]).toMatchObject({ status: 'pending', attempts: 1 });
      await expect(outbox.send(row.id, { final: true })).rejects.toThrow(/ECONNREFUSED/);
      expect((await rows())[0]).toMatchObject({ status: 'failed', attempts: 2 });
    });

    it('fails at once, without retries, when the server refuses the recipient permanently (5xx)', async () => {
      await startAssignments(h, 1, { dueInMs: DAY_MS });
      const [row] = await rows();
      const smtp = await sink(() => 550);
      await expect(service(smtp.url).send(row.id, { final: false })).rejects.toBeInstanceOf(UnrecoverableError);
      expect((await rows())[0]).toMatchObject({ status: 'failed', attempts: 1 });
      expect((await rows())[0].last_error).toContain('550');
    });
  });
});
