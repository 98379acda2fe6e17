import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRegistry, dataSourceOptions, runMigrations } from '@samflyt/domain';
import { JobDispatcher, WorkflowEngine, type Actor } from '@samflyt/engine';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { freePort } from '../../scripts/lib/services';
import { people, tokenFor } from '../support/api';
import { uniquePrefix } from '../support/database';
import { baseBackup, startOwnPostgres, type OwnPostgres } from '../support/own-postgres';
import { pollUntil } from '../support/wait';
import { API_MAIN, killAllWorkers, spawnWorker, startWorker } from '../support/worker-process';
import { startRedisServer, type RedisServer } from '../worker/redis-server';
import { startSmtpSink, type SmtpSink } from '../worker/smtp-sink';

const PER_BATCH = 10;

/**
 * The recovery drill of the README's "Backups and recovery": a database with timers pending and e-mails unsent is
 * backed up while it runs, the server and its Redis are lost, the backup is restored into a fresh PostgreSQL beside
 * an empty Redis, and api and worker are started against them as an operator would.
 */
describe('recovery drill: back up, lose everything, restore into a fresh Postgres with an empty Redis', () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    await killAllWorkers();
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  });

  it('fires every pending timer once, sends every unsent message once, and nothing already sent again', async () => {
    const prefix = uniquePrefix('drill');
    const workerEnv = (pg: OwnPostgres, redis: RedisServer, smtp: SmtpSink) => ({
      DATABASE_URL: pg.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
      RECONCILE_INTERVAL_MS: '1000',
      SMTP_URL: smtp.url,
    });

    // --- Before: a system in use. ---
    const source = await startOwnPostgres('drill-source');
    cleanup.push(() => source.destroy());
    await runMigrations(source.url);
    const redisA = await startRedisServer(['--maxmemory-policy', 'noeviction']);
    cleanup.push(() => redisA.stop());
    const smtpA = await startSmtpSink();
    cleanup.push(() => smtpA.stop());
    const dataSource = await new DataSource(dataSourceOptions(source.url, 10)).initialize();
    const redis = new Redis(redisA.url, { maxRetriesPerRequest: null });
    const dispatcher = new JobDispatcher(redis, { prefix });
    const engine = new WorkflowEngine(dataSource, createRegistry(), dispatcher);
    const secretariat: Actor = { id: 'sek-1', name: 'Sekretariatet', roles: ['secretariat'], email: 'sek@drill.no' };
    const start = (batch: string, dueInMs: number, reminder: string) =>
      Promise.all(
        Array.from({ length: PER_BATCH }, async (_, i) => {
          const view = await engine.start(
            'assignment',
            {
              title: `Øvelse ${batch} ${i}`,
              caseRef: '30/24',
              body: 'AU',
              assignee: { id: `au-${batch}-${i}`, name: `AU-medlem ${i}`, email: `${batch}-${i}@drill.no` },
              dueAt: new Date(Date.now() + dueInMs).toISOString(),
              reminderOffsets: [reminder],
            },
            secretariat,
          );
          return view.id;
        }),
      );

    // Batch one: its «Nytt oppdrag» e-mails go out before the backup; its reminder and deadline are pending.
    const workerA = await startWorker(workerEnv(source, redisA, smtpA), 'worker-a');
    const first = await start('a', 55_000, 'PT25S');
    await pollUntil(
      'batch one e-mailed',
      async () => smtpA.accepted.length,
      (n) => n === PER_BATCH,
    );
    await workerA.stop();
    // Batch two: created while no worker runs, so its e-mails are unsent at the backup; its timers come due soon.
    const second = await start('b', 35_000, 'PT15S');

    const atBackup = await counts(dataSource);
    expect(atBackup).toEqual({ timersPending: 4 * PER_BATCH, sent: PER_BATCH, pending: PER_BATCH });
    const sentBefore = new Set(smtpA.accepted.map((m) => m.idempotencyKey));
    const unsentAtBackup = (
      (await dataSource.query(`SELECT idempotency_key FROM outbox_messages WHERE status = 'pending'`)) as {
        idempotency_key: string;
      }[]
    ).map((r) => r.idempotency_key);

    // --- The backup, taken while the server runs. ---
    const backup = await baseBackup(source, 'drill-backup');
    cleanup.push(() => import('node:fs').then((fs) => fs.rmSync(join(backup.dataDir, '..'), { recursive: true })));

    // --- The loss: server, Redis and their data gone. ---
    await dispatcher.close();
    redis.disconnect();
    await dataSource.destroy();
    await source.destroy();
    await redisA.stop();

    // --- The restore: a fresh server on the backup, an empty Redis, api and worker started. ---
    const restoreStarted = Date.now();
    const restored = await startOwnPostgres('drill-restored', { fromDataDir: backup.dataDir });
    cleanup.push(() => restored.destroy());
    const restoreMs = Date.now() - restoreStarted;
    const redisB = await startRedisServer(['--maxmemory-policy', 'noeviction']);
    cleanup.push(() => redisB.stop());
    const empty = new Redis(redisB.url);
    expect(await empty.dbsize()).toBe(0);
    empty.disconnect();
    const smtpB = await startSmtpSink();
    cleanup.push(() => smtpB.stop());
    const pg = new Client({ connectionString: restored.url });
    await pg.connect();
    cleanup.push(() => pg.end());
    expect(await counts(pg)).toEqual(atBackup);

    const port = await freePort();
    const api = spawnWorker(
      { DATABASE_URL: restored.url, REDIS_URL: redisB.url, QUEUE_PREFIX: prefix, PORT: String(port) },
      'api',
      API_MAIN,
    );
    const drainStarted = Date.now();
    const worker = await startWorker(workerEnv(restored, redisB, smtpB), 'worker-b');
    await pollUntil(
      'the e-mails unsent at the backup delivered',
      async () => smtpB.accepted.map((m) => m.idempotencyKey),
      (keys) => unsentAtBackup.every((key) => keys.includes(key)),
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    const backlogMs = Date.now() - drainStarted;
    await api.waitFor(/samflyt api on/);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);

    await pollUntil(
      'every timer fired and every e-mail sent',
      () => counts(pg),
      (c) => c.timersPending === 0 && c.pending === 0,
      { timeoutMs: 90_000, intervalMs: 250 },
    );
    const drainMs = Date.now() - drainStarted;
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // three more reconciler runs: nothing more happens

    const { rows: timers } = await pg.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM workflow_timers GROUP BY status`,
    );
    expect(timers).toEqual([{ status: 'fired', n: 4 * PER_BATCH }]);
    const { rows: journal } = await pg.query<{ instance_id: string; event_type: string; n: number }>(
      `SELECT instance_id, event_type, count(*)::int AS n FROM workflow_journal
        WHERE event_type IN ('reminder.due', 'deadline.passed') GROUP BY 1, 2`,
    );
    for (const id of [...first, ...second]) {
      expect(
        journal
          .filter((j) => j.instance_id === id)
          .map((j) => [j.event_type, j.n])
          .sort(),
      ).toEqual([
        ['deadline.passed', 1],
        ['reminder.due', 1],
      ]);
    }
    // Per instance: «Nytt oppdrag», the reminder, and the overdue notice to the assignee and to the owner.
    const { rows: outbox } = await pg.query<{ idempotency_key: string; status: string }>(
      `SELECT idempotency_key, status FROM outbox_messages`,
    );
    expect(outbox).toHaveLength(4 * 2 * PER_BATCH);
    expect(outbox.every((m) => m.status === 'sent')).toBe(true);
    const sentAfter = smtpB.accepted.map((m) => m.idempotencyKey);
    expect(new Set(sentAfter).size).toBe(sentAfter.length); // each once
    expect(sentAfter.filter((key) => sentBefore.has(key))).toEqual([]); // nothing sent before goes out again
    expect([...sentAfter, ...sentBefore].sort()).toEqual(outbox.map((m) => m.idempotency_key).sort());

    const view = await fetch(`http://127.0.0.1:${port}/instances/${second[0]}`, {
      headers: { Authorization: `Bearer ${tokenFor(people.secretariat)}` },
    });
    expect({ status: view.status, state: ((await view.json()) as { state: string }).state }).toEqual({
      status: 200,
      state: 'overdue',
    });

    const figures = {
      backupBytes: backup.bytes,
      backupMiB: +(backup.bytes / 2 ** 20).toFixed(1),
      backupMs: backup.ms,
      restoreMs,
      backlogMs,
      drainMs,
      timersPendingAtBackup: atBackup.timersPending,
      messagesUnsentAtBackup: atBackup.pending,
      messagesSentAfterRestore: sentAfter.length,
    };
    process.stdout.write(`recovery drill: ${JSON.stringify(figures)}\n`);
    mkdirSync('test-results', { recursive: true });
    writeFileSync(join('test-results', 'recovery-drill.json'), `${JSON.stringify(figures, null, 2)}\n`);
    await worker.stop();
    await api.stop();
  });
});

async function counts(db: { query: (sql: string) => Promise<unknown> }) {
  const result = (await db.query(`SELECT
      (SELECT count(*)::int FROM workflow_timers WHERE status = 'pending') AS "timersPending",
      (SELECT count(*)::int FROM outbox_messages WHERE status = 'sent') AS sent,
      (SELECT count(*)::int FROM outbox_messages WHERE status = 'pending') AS pending`)) as
    { rows: Record<string, number>[] } | Record<string, number>[];
  return Array.isArray(result) ? result[0] : result.rows[0];
}
