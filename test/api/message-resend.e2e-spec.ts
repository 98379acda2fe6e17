import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { bearer, expectProblem, people, startApi, type ApiHarness, type Person } from '../support/api';
import { mailsTo } from '../support/mail';
import { roleMatrixTests, type MatrixRow } from '../support/role-matrix';
import { pollUntil } from '../support/wait';
import { killAllWorkers, startWorker, workerEnvOf } from '../support/worker-process';

type Role = 'secretariat' | 'admin' | 'assignee' | 'other' | 'anonymous';
const roles: readonly Role[] = ['secretariat', 'admin', 'assignee', 'other', 'anonymous'];
const cast: Record<Exclude<Role, 'anonymous'>, Person> = people;

/** A message the worker gave up on: no valid address, as the outbox records it. */
async function failedMessage(pg: Client, recipient = 'kari.nordmann(a)kommune'): Promise<string> {
  const id = randomUUID();
  await pg.query(
    `INSERT INTO outbox_messages (id, idempotency_key, channel, recipient, recipient_name, subject, body, status,
                                  last_error, failed_at)
     VALUES ($1, $2, 'email', $3, 'Kari Nordmann', 'Påminnelse: frist', 'Hei Kari', 'failed', $4, now())`,
    [id, `test:${id}`, recipient, `no valid recipient address: ${JSON.stringify(recipient)}`],
  );
  return id;
}

describe('the secretariat mends failed e-mails: why it failed, a corrected address, sent again (journaled)', () => {
  let api: ApiHarness;
  const ctx = { message: '', events: '' };

  beforeAll(async () => {
    api = await startApi('message-resend');
  });
  afterAll(async () => {
    await killAllWorkers();
    await api?.close();
  });

  roleMatrixTests<typeof ctx, Role, MatrixRow<typeof ctx, Role>>(
    'has a row for every endpoint under /dashboard/messages/{id}',
    {
      roles,
      ctx,
      api: () => api,
      covers: (path) => path.startsWith('/dashboard/messages/'),
      as: (req, role) => (role === 'anonymous' ? req : req.set(bearer(cast[role]))),
      refusal: (role) => (role === 'anonymous' ? [401] : [403]),
      upload: { filename: 'x.pdf', content: '%PDF-1.4' },
      rows: [
        {
          op: 'POST /dashboard/messages/{id}/resend',
          before: async (c) => void (c.message = await failedMessage(api.pg)),
          url: (c) => `/dashboard/messages/${c.message}/resend`,
          body: () => ({ recipient: 'kari.nordmann@kommune.no' }),
          allowed: ['secretariat'],
          status: 200,
        },
        {
          op: 'GET /dashboard/messages/{id}/events',
          url: (c) => `/dashboard/messages/${c.message}/events`,
          allowed: ['secretariat'],
          status: 200,
        },
      ],
    },
  );

  it('shows why a message failed, takes a corrected address, journals it, and the worker sends it once', async () => {
    const id = await failedMessage(api.pg, 'kari.nordmann(a)kommune');
    const listed = await api
      .http()
      .get('/dashboard/messages?status=failed')
      .set(bearer(people.secretariat))
      .expect(200);
    expect(listed.body.items.find((m: { id: string }) => m.id === id)).toMatchObject({
      status: 'failed',
      lastError: 'no valid recipient address: "kari.nordmann(a)kommune"',
    });

    const address = `kari-${id.slice(0, 8)}@kommune.no`;
    const res = await api
      .http()
      .post(`/dashboard/messages/${id}/resend`)
      .set(bearer(people.secretariat))
      .send({ recipient: address })
      .expect(200);
    expect(res.body).toMatchObject({ id, recipient: address, status: 'pending', lastError: null });
    const events = await api.http().get(`/dashboard/messages/${id}/events`).set(bearer(people.secretariat)).expect(200);
    expect(events.body).toEqual([
      {
        event: 'resent',
        actor: { id: people.secretariat.sub, name: people.secretariat.name },
        previousRecipient: 'kari.nordmann(a)kommune',
        recipient: address,
        previousError: 'no valid recipient address: "kari.nordmann(a)kommune"',
        at: expect.any(String),
      },
    ]);

    const worker = await startWorker(workerEnvOf(api.env));
    await pollUntil(
      'the corrected message sent',
      () => mailsTo(address),
      (m) => m.length === 1,
    );
    const row = async () =>
      (await api.pg.query(`SELECT status, recipient FROM outbox_messages WHERE id = $1`, [id])).rows[0] as object;
    expect(await pollUntil('the row sent', row, (r) => (r as { status: string }).status === 'sent')).toEqual({
      status: 'sent',
      recipient: address,
    });
    // Sending again what has gone out is refused; nothing changes.
    const before = await api.fingerprint();
    expectProblem(
      await api.http().post(`/dashboard/messages/${id}/resend`).set(bearer(people.secretariat)).send({}),
      409,
      'conflict',
    );
    expect(await api.fingerprint()).toEqual(before);
    await worker.stop();
    expect(await mailsTo(address)).toHaveLength(1);
  });

  it('refuses an address that cannot be delivered (400 naming recipient) and an unknown message (404), writing nothing', async () => {
    const id = await failedMessage(api.pg);
    const before = await api.fingerprint();
    for (const recipient of ['kari.nordmann(a)kommune', 'kari@kommune', 'a b@kommune.no', 42]) {
      const problem = expectProblem(
        await api.http().post(`/dashboard/messages/${id}/resend`).set(bearer(people.secretariat)).send({ recipient }),
        400,
      );
      expect(problem.errors?.map((e) => e.field)).toEqual(['recipient']);
    }
    expectProblem(
      await api.http().post(`/dashboard/messages/${randomUUID()}/resend`).set(bearer(people.secretariat)).send({}),
      404,
      'not-found',
    );
    expect(await api.fingerprint()).toEqual(before);
  });
});
