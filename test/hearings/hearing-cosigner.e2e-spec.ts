import { bearer, expectProblem, people, startApi, type ApiHarness } from '../support/api';
import { HOSPITAL, asRecipient, createHearing, loadOrganisations, tokenFor, type Organisations } from './support';

/** A co-signer withdraws its own signature from a joint answer (sak 31/24: one of the seven kommuner). */
describe('a co-signer withdraws from a joint answer', () => {
  let api: ApiHarness;
  let orgs: Organisations;
  let hearingId: string;
  let answerId: string;
  const link: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi('hearing-cosigner');
    orgs = await loadOrganisations(api);
    const deadline = new Date(Date.now() + 100 * 86_400_000).toISOString().slice(0, 10);
    ({ id: hearingId } = await createHearing(api, orgs, { deadline }));
    await api.http().post(`/hearings/${hearingId}/send`).set(bearer(people.secretariat)).expect(200);
    for (const name of ['Trondheim kommune', 'Malvik kommune', 'Melhus kommune', HOSPITAL]) {
      link[name] = await tokenFor(api, orgs.email[name]);
    }
    const joint = await api
      .http()
      .post('/respond/answer')
      .set(asRecipient(link['Trondheim kommune']))
      .send({
        text: 'Kommunene støtter hovedlinjene i forslaget.',
        answers: [{ questionId: 'struktur', text: 'Ja.' }],
        coSigners: [orgs.id['Malvik kommune'], orgs.id['Melhus kommune']],
      })
      .expect(201);
    answerId = joint.body.id;
    for (const name of ['Malvik kommune', 'Melhus kommune']) {
      await api.http().post(`/respond/answers/${answerId}/confirm-signature`).set(asRecipient(link[name])).expect(200);
    }
  });
  afterAll(() => api?.close());

  const mails = async (name: string) =>
    (
      await api.pg.query<{ subject: string; body: string }>(
        `SELECT subject, body FROM outbox_messages WHERE recipient = $1 ORDER BY created_at, id`,
        [orgs.email[name]],
      )
    ).rows;
  const pendingReminders = async (name: string) =>
    Number(
      (
        await api.pg.query(
          `SELECT count(*) FROM workflow_timers WHERE status = 'pending' AND timer_group = $1 AND instance_id =
             (SELECT instance_id FROM hearings WHERE id = $2)`,
          [`recipient:${orgs.id[name]}`, hearingId],
        )
      ).rows[0].count,
    );

  it('only a co-signer withdraws: the lead changes its answer instead, a stranger has no such answer', async () => {
    const before = await api.fingerprint();
    const url = `/respond/answers/${answerId}/withdraw-signature`;
    const lead = await api.http().post(url).set(asRecipient(link['Trondheim kommune'])).send({});
    expect(expectProblem(lead, 403).detail).toContain('POST /respond/answer');
    expectProblem(await api.http().post(url).set(asRecipient(link[HOSPITAL])).send({}), 404);
    expectProblem(await api.http().post(url).send({}), 401);
    expectProblem(await api.http().post(url).set(bearer(people.secretariat)).send({}), 401);
    const long = await api
      .http()
      .post(url)
      .set(asRecipient(link['Malvik kommune']))
      .send({ reason: 'x'.repeat(2001) });
    expect(expectProblem(long, 400).errors?.[0]).toMatchObject({ field: 'reason' });
    expect(await api.fingerprint()).toEqual(before);
    expect(await pendingReminders('Malvik kommune')).toBe(0);
  });

  it('is a new version without it, the lead is told in Norwegian, its reminders come back and it may answer alone', async () => {
    const res = await api
      .http()
      .post(`/respond/answers/${answerId}/withdraw-signature`)
      .set(asRecipient(link['Malvik kommune']))
      .set('Idempotency-Key', 'malvik-trekker-seg')
      .send({ reason: 'Kommunestyret vil gi eget høringssvar' })
      .expect(200);
    expect(res.body).toMatchObject({ role: null, answer: null, canAnswer: true });
    expect(res.body.possibleCoSigners.map((o: { name: string }) => o.name)).not.toContain('Trondheim kommune');
    // A retry with the same key changes nothing more.
    const again = await api
      .http()
      .post(`/respond/answers/${answerId}/withdraw-signature`)
      .set(asRecipient(link['Malvik kommune']))
      .set('Idempotency-Key', 'malvik-trekker-seg')
      .send({ reason: 'Kommunestyret vil gi eget høringssvar' });
    expect(again.status).toBe(200);

    const versions = await api
      .http()
      .get(`/respond/answers/${answerId}/versions`)
      .set(asRecipient(link['Trondheim kommune']))
      .expect(200);
    expect(versions.body.map((v: { version: number; text: string }) => [v.version, v.text])).toEqual([
      [1, 'Kommunene støtter hovedlinjene i forslaget.'],
      [2, 'Kommunene støtter hovedlinjene i forslaget.'], // Malvik confirmed
      [3, 'Kommunene støtter hovedlinjene i forslaget.'], // Melhus confirmed
      [4, 'Kommunene støtter hovedlinjene i forslaget.'], // Malvik withdrew
    ]);
    expect(versions.body[3]).toMatchObject({
      coSigners: [orgs.id['Melhus kommune']],
      submittedBy: { name: expect.stringContaining('Malvik kommune') },
    });
    const lead = await api.http().get('/respond').set(asRecipient(link['Trondheim kommune'])).expect(200);
    expect(lead.body.answer).toMatchObject({ version: 4, coSigners: [{ name: 'Melhus kommune' }] });
    // Malvik no longer reads the joint answer; Melhus still does.
    await api.http().get(`/respond/answers/${answerId}`).set(asRecipient(link['Malvik kommune'])).expect(404);
    await api.http().get(`/respond/answers/${answerId}`).set(asRecipient(link['Melhus kommune'])).expect(200);
    const staff = await api.http().get(`/hearings/${hearingId}/answers`).set(bearer(people.secretariat)).expect(200);
    expect(staff.body.items[0].coSigners.map((o: { name: string }) => o.name)).toEqual(['Melhus kommune']);

    const [notice] = (await mails('Trondheim kommune')).filter((m) => m.subject.includes('trukket seg'));
    expect(notice.subject).toBe('Malvik kommune har trukket seg fra det felles høringssvaret – Ny fagrådsstruktur');
    expect(notice.body).toContain('Malvik kommune har trukket sin underskrift fra det felles høringssvaret');
    expect(notice.body).toContain('Svaret gjelder nå for Trondheim kommune sammen med Melhus kommune');
    expect(notice.body).toContain('versjon 4');
    expect(notice.body).toContain('Begrunnelse: Kommunestyret vil gi eget høringssvar');
    expect(notice.body).toMatch(/innen sin frist, \d{1,2}\. \p{L}+ \d{4} kl\. 23\.59/u);
    expect(notice.body).not.toMatch(/kl\. \d\d:\d\d/);
    const own = await mails('Malvik kommune');
    expect(own.map((m) => m.subject.split(' ')[0])).toEqual(['Høring:', 'Trondheim', 'Felles', 'Underskriften']);
    expect(own[3].body).toContain('#token=');
    // Every e-mail of the hearing writes times the Norwegian way.
    const all = await api.pg.query<{ body: string }>(`SELECT body FROM outbox_messages`);
    expect(all.rows.filter((m) => /kl\. \d\d:\d\d/.test(m.body))).toEqual([]);

    expect(await pendingReminders('Malvik kommune')).toBe(2);
    await api
      .http()
      .post('/respond/answer')
      .set(asRecipient(link['Malvik kommune']))
      .send({ text: 'Malvik kommune svarer selv.' })
      .expect(201);
    expect(await pendingReminders('Malvik kommune')).toBe(0);
    // Withdrawn once: there is nothing left to withdraw.
    expectProblem(
      await api
        .http()
        .post(`/respond/answers/${answerId}/withdraw-signature`)
        .set(asRecipient(link['Malvik kommune']))
        .send({}),
      404,
    );
  });

  it('is refused after the co-signer’s deadline, and writes nothing', async () => {
    await api.pg.query(`UPDATE hearings SET deadline = now() - interval '1 minute' WHERE id = $1`, [hearingId]);
    const before = await api.fingerprint();
    const late = await api
      .http()
      .post(`/respond/answers/${answerId}/withdraw-signature`)
      .set(asRecipient(link['Melhus kommune']))
      .send({});
    expect(expectProblem(late, 422).detail).toContain('until the deadline');
    expect(await api.fingerprint()).toEqual(before);
  });
});
