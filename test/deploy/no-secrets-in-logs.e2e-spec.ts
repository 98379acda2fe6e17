import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../../scripts/lib/services';
import { tokenFor, people } from '../support/api';
import { pollUntil } from '../support/wait';
import { killAllWorkers, startWorker } from '../support/worker-process';
import { startChild } from '../web/support';
import { createHarness, startAssignments, type Harness } from '../worker/harness';
import { startRedisServer, type RedisServer } from '../worker/redis-server';
import { startSmtpSink, type SmtpSink } from '../worker/smtp-sink';

/**
 * The api and the worker started as processes with credentials in DATABASE_URL, REDIS_URL and SMTP_URL, then used:
 * what they print (start-up lines, warnings, error logs) must hold no password, secret, token or hearing link key.
 */
describe('nothing secret in the logs of the api and the worker', () => {
  let h: Harness;
  let redis: RedisServer;
  let sink: SmtpSink;
  const redisPassword = `redispw${randomBytes(6).toString('hex')}`;
  const smtpPassword = `smtppw${randomBytes(6).toString('hex')}`;
  const jwtSecret = `jwt-secret-${randomBytes(12).toString('hex')}`;
  const linkKey = randomBytes(24).toString('base64url');
  let redisUrl: string;
  /** The Postgres password of the test database's URL, if it has one. */
  let pgPassword: string;

  beforeAll(async () => {
    h = await createHarness('no-secrets-in-logs');
    pgPassword = decodeURIComponent(new URL(h.databaseUrl).password);
    redis = await startRedisServer();
    const admin = new Redis(redis.url);
    await admin.config('SET', 'requirepass', redisPassword);
    admin.disconnect();
    const u = new URL(redis.url);
    u.password = redisPassword;
    redisUrl = u.toString();
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await killAllWorkers();
    await sink?.stop();
    await redis?.stop();
    await h?.close();
  });

  const secrets = () => [redisPassword, smtpPassword, jwtSecret, linkKey, ...(pgPassword ? [pgPassword] : [])];
  const leaked = (output: string) => secrets().filter((s) => output.includes(s));

  it('the worker: start-up, and sending an e-mail with a hearing link (SMTP_URL asking for its debug log)', async () => {
    await startAssignments(h, 1, { dueInMs: 24 * 3600 * 1000 });
    // The message body carries a personal link, as hearing invitations do.
    await h.dataSource.query(`UPDATE outbox_messages SET body = body || $1`, [
      // The key on a line of its own: quoted-printable keeps it whole in the SMTP conversation.
      `\n\nSvar her:\n${linkKey}\n`,
    ]);
    const smtp = new URL(sink.url);
    smtp.username = 'samflyt-mail';
    smtp.password = smtpPassword;
    smtp.search = '?logger=true&debug=true';
    const worker = await startWorker({ ...h.workerEnv, REDIS_URL: redisUrl, SMTP_URL: smtp.toString() });
    await pollUntil(
      'the e-mail sent',
      async () => sink.accepted.length,
      (n) => n >= 1,
      { timeoutMs: 30_000 },
    );
    await worker.stop();
    expect(worker.output()).toContain('worker ready');
    expect(leaked(worker.output())).toEqual([]);
    // Nor the SMTP conversation (the server's replies, the message as sent).
    expect(worker.output()).not.toMatch(/\bS: 2\d\d[ -]/);
  });

  it('the api: start-up, bearer tokens, hearing link tokens and ?token= in requests, errors', async () => {
    const port = await freePort();
    const api = await startChild(
      'api',
      [join(__dirname, '../../dist/apps/api/src/main.js')],
      {
        ...process.env,
        NO_COLOR: '1',
        DATABASE_URL: h.databaseUrl,
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: h.prefix,
        JWT_SECRET: jwtSecret,
        PORT: String(port),
      },
      /samflyt api on/,
    );
    try {
      const base = `http://127.0.0.1:${port}`;
      const token = tokenFor(people.secretariat, {}, jwtSecret);
      const forged = tokenFor(people.admin, {}, 'another-secret-of-16+chars');
      expect(
        (await fetch(`${base}/dashboard/deadlines`, { headers: { Authorization: `Bearer ${token}` } })).status,
      ).toBe(200);
      expect((await fetch(`${base}/instances/x`, { headers: { Authorization: `Bearer ${forged}` } })).status).toBe(401);
      expect((await fetch(`${base}/respond`, { headers: { 'X-Hearing-Token': linkKey } })).status).toBe(401);
      await fetch(`${base}/instances/${randomUUID()}?token=${linkKey}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      await fetch(`${base}/admin/queues?token=${token}`);
      const output = api.output();
      expect(output).toContain('samflyt api on');
      expect(leaked(output)).toEqual([]);
      for (const t of [token, forged]) expect(output).not.toContain(t.split('.')[2]);
    } finally {
      await api.stop();
    }
    expect(leaked(api.output())).toEqual([]);
  });
});
