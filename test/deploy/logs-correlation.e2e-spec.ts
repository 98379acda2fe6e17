import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '@samflyt/domain';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import request from 'supertest';
import { freePort } from '../../scripts/lib/services';
import { people, tokenFor, type ApiHarness } from '../support/api';
import { freshDatabase, requireEnv } from '../support/database';
import { pollUntil } from '../support/wait';
import { createHearing, loadOrganisations, tokenFor as linkKeyFor } from '../hearings/support';
import { startRedisServer, type RedisServer } from '../worker/redis-server';
import { startSmtpSink, type SmtpSink } from '../worker/smtp-sink';

const ROOT = join(__dirname, '..', '..');

/** A built process (api or worker) whose stdout and stderr go to a file, as an operator would collect them. */
interface LoggedProcess {
  file: string;
  log(): string;
  stop(): Promise<void>;
}

async function startLogged(name: string, main: string, env: NodeJS.ProcessEnv, ready: RegExp): Promise<LoggedProcess> {
  const file = join(logDir, `${name}.log`);
  const fd = openSync(file, 'a');
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, main)], { env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const log = () => readFileSync(file, 'utf8');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  children.push(child);
  await pollUntil(
    `${name} to start`,
    async () => (child.exitCode === null ? log() : `exited:\n${log()}`),
    (t) => {
      if (t.startsWith('exited:')) throw new Error(`${name} ${t}`);
      return ready.test(t);
    },
  );
  return {
    file,
    log,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

let logDir: string;
const children: ChildProcess[] = [];

interface LogLine {
  msg?: string;
  correlationId?: string;
  req?: { url?: string; method?: string };
  res?: { statusCode?: number };
  [key: string]: unknown;
}
const lines = (text: string): LogLine[] =>
  text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine);

/**
 * A hearing sent through the api, its e-mails and a reminder sent by the worker, an answer through a personal link,
 * an invitation sent — api and worker as processes with their logs in files, credentials in every URL. One request's
 * X-Request-Id finds its log line, the journal row, the timers and jobs it scheduled and the e-mails sent; no
 * password, token, hearing link key or invitation token appears in either log.
 */
describe('logs: one correlation id from request to e-mail, and nothing secret', () => {
  let redis: RedisServer;
  let sink: SmtpSink;
  let db: { url: string; drop(): Promise<void> };
  let pg: Client;
  let api: LoggedProcess;
  let worker: LoggedProcess;
  let base: string;
  const redisPassword = `redispw${randomBytes(6).toString('hex')}`;
  const smtpPassword = `smtppw${randomBytes(6).toString('hex')}`;
  // The test run's secret: the hearing helpers sign their tokens with it.
  const jwtSecret = requireEnv('JWT_SECRET');

  beforeAll(async () => {
    logDir = mkdtempSync(join(tmpdir(), 'samflyt-logs-'));
    db = await freshDatabase('logs-correlation');
    await runMigrations(db.url);
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    redis = await startRedisServer();
    const admin = new Redis(redis.url);
    await admin.config('SET', 'requirepass', redisPassword);
    admin.disconnect();
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    children.forEach((c) => c.exitCode === null && c.kill('SIGKILL'));
    await pg?.end();
    await sink?.stop();
    await redis?.stop();
    await db?.drop();
  });

  it('follows X-Request-Id into the journal, timers, outbox and the worker, and logs no secret', async () => {
    const redisUrl = Object.assign(new URL(redis.url), { password: redisPassword }).toString();
    const smtp = Object.assign(new URL(sink.url), { username: 'samflyt-mail', password: smtpPassword }).toString();
    const prefix = `logs-${randomBytes(4).toString('hex')}`;
    const port = await freePort();
    const common = {
      ...process.env,
      NO_COLOR: '1',
      LOG_FORMAT: 'json',
      DATABASE_URL: db.url,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
    };
    api = await startLogged(
      'api',
      'dist/apps/api/src/main.js',
      { ...common, JWT_SECRET: jwtSecret, PORT: String(port), PUBLIC_WEB_URL: 'http://web.test' },
      /samflyt api on/,
    );
    worker = await startLogged(
      'worker',
      'dist/apps/worker/src/main.js',
      { ...common, SMTP_URL: smtp, RECONCILE_INTERVAL_MS: '1000' },
      /worker ready/,
    );
    base = `http://127.0.0.1:${port}`;
    const token = tokenFor(people.secretariat, {}, jwtSecret);
    const auth = { Authorization: `Bearer ${token}` };
    const harness = { env: { DATABASE_URL: db.url }, pg, http: () => request(base) } as unknown as ApiHarness;
    const orgs = await loadOrganisations(harness);
    const hearingId = (
      await createHearing(harness, orgs, {
        deadline: new Date(Date.now() + 40_000).toISOString(),
        reminderOffsets: ['PT34S'],
      })
    ).id;

    // The request whose id is followed; a malformed id is replaced by a new one.
    const requestId = `req-${randomBytes(8).toString('hex')}`;
    const sent = await request(base).post(`/hearings/${hearingId}/send`).set(auth).set('X-Request-Id', requestId);
    expect(sent.status).toBe(200);
    expect(sent.headers['x-request-id']).toBe(requestId);
    const generated = await request(base).get('/dashboard/deadlines').set(auth).set('X-Request-Id', 'a b<script>');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    // Its transition: the journal row, the reminder timers and the e-mails carry the id.
    const { rows: journal } = await pg.query<{ event_type: string; correlation_id: string }>(
      `SELECT j.event_type, j.correlation_id FROM workflow_journal j JOIN hearings h ON h.instance_id = j.instance_id
        WHERE h.id = $1 ORDER BY j.seq`,
      [hearingId],
    );
    expect(journal.filter((j) => j.correlation_id === requestId).map((j) => j.event_type)).toEqual(['hearing.sent']);
    const { rows: timers } = await pg.query<{ id: string; name: string }>(
      `SELECT id, name FROM workflow_timers WHERE correlation_id = $1`,
      [requestId],
    );
    expect(timers.length).toBeGreaterThan(0);
    const { rows: messages } = await pg.query<{ id: string }>(
      `SELECT id FROM outbox_messages WHERE correlation_id = $1`,
      [requestId],
    );
    expect(messages.length).toBeGreaterThanOrEqual(24);

    // A recipient answers through its personal link; a link key in a query string is logged without it.
    const linkKey = await linkKeyFor(harness, orgs.email['Trondheim kommune']);
    await request(base)
      .post('/respond/answer')
      .set('X-Hearing-Token', linkKey)
      .send({ text: 'Trondheim støtter forslaget.' })
      .expect(201);
    await request(base).get(`/respond?token=${linkKey}`).set('X-Hearing-Token', linkKey);
    await request(base).get(`/instances/${hearingId}?access_token=${token}`).set('Cookie', `samflyt=${token}`);

    // An invitation to log in: its token is in the e-mail only, and in the body of the accept request.
    const { rows: persons } = await pg.query<{ id: string }>(`SELECT id FROM persons ORDER BY id LIMIT 1`);
    await request(base).post(`/persons/${persons[0].id}/invitations`).set(auth).expect(201);
    const { rows: invitation } = await pg.query<{ body: string }>(
      `SELECT body FROM outbox_messages WHERE body LIKE '%/invitasjon#%' ORDER BY created_at DESC LIMIT 1`,
    );
    const invitationToken = /\/invitasjon#([A-Za-z0-9_-]{43})/.exec(invitation[0].body)![1];
    await request(base).post('/invitations/accept').set(auth).send({ token: invitationToken });

    // The worker sends every e-mail of the request, and fires its reminders under the same id.
    await pollUntil(
      'the e-mails of the request sent, and a reminder fired',
      async () =>
        (
          await pg.query<{ unsent: number; fired: number }>(
            `SELECT (SELECT count(*) FROM outbox_messages WHERE correlation_id = $1 AND status <> 'sent')::int AS unsent,
                    (SELECT count(*) FROM workflow_timers WHERE correlation_id = $1 AND status = 'fired')::int AS fired`,
            [requestId],
          )
        ).rows[0],
      (r) => r.unsent === 0 && r.fired > 0,
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    await pollUntil(
      'the reminders sent',
      async () =>
        (
          await pg.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM outbox_messages WHERE correlation_id = $1 AND subject LIKE 'Påminnelse%' AND status = 'sent'`,
            [requestId],
          )
        ).rows[0].n,
      (n) => n > 0,
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    // The reminder's transition journals with the id of the request that armed it.
    const { rows: later } = await pg.query<{ event_type: string }>(
      `SELECT j.event_type FROM workflow_journal j JOIN hearings h ON h.instance_id = j.instance_id
        WHERE h.id = $1 AND j.correlation_id = $2 AND j.actor->>'id' <> $3`,
      [hearingId, requestId, people.secretariat.sub],
    );
    expect(later.length).toBeGreaterThan(0);
    await api.stop();
    await worker.stop();

    const apiLog = api.log();
    const workerLog = worker.log();
    // The request's line in the api log, with its id.
    expect(
      lines(apiLog).some((l) => l.correlationId === requestId && l.req?.url === `/hearings/${hearingId}/send`),
    ).toBe(true);
    // The worker's line of each e-mail sent, with the id.
    const sentLines = lines(workerLog).filter(
      (l) => l.correlationId === requestId && /^Outbox message .* sent/.test(l.msg ?? ''),
    );
    for (const { id } of messages) expect(sentLines.some((l) => l.msg!.includes(id))).toBe(true);
    expect(lines(workerLog).some((l) => l.correlationId === requestId && /^Timer .* fired/.test(l.msg ?? ''))).toBe(
      true,
    );

    // Nothing secret in either log file.
    const pgPassword = decodeURIComponent(new URL(db.url).password);
    const secrets: Record<string, string> = {
      'bearer token': token,
      'bearer token signature': token.split('.')[2],
      'hearing link key': linkKey,
      'invitation token': invitationToken,
      'Redis password': redisPassword,
      'SMTP password': smtpPassword,
      'JWT secret': jwtSecret,
      ...(pgPassword ? { 'Postgres password': pgPassword } : {}),
    };
    for (const [file, text] of [
      [api.file, apiLog],
      [worker.file, workerLog],
    ]) {
      const leaked = Object.entries(secrets)
        .filter(([, secret]) => text.includes(secret))
        .map(([what]) => what);
      expect([file, leaked]).toEqual([file, []]);
    }
    // No e-mail body either: its greeting and its link.
    expect(workerLog).not.toContain('/hoering/svar');
    expect(apiLog).not.toContain('/hoering/svar');
  });
});
