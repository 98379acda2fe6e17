import { bearer, expectProblem, people, startApi, type ApiHarness } from '../support/api';
import { HOSPITAL, asRecipient, createHearing, loadOrganisations, tokenFor, type Organisations } from './support';

/**
 * A joint answer names another recipient only with its consent: through a personal link the named co-signer is
 * pending until it confirms through its own link (and the answer is not its answer until then); the secretariat,
 * registering an answer that came by letter, names co-signers directly. Never after the co-signer's own deadline.
 * Naming, removing and naming again asks the co-signer once per answer (one e-mail).
 */
describe('co-signing a joint answer needs the co-signer’s consent', () => {
  let api: ApiHarness;
  let orgs: Organisations;
  let hearingId: string;
  const link: Record<string, string> = {};
  const deadline = new Date(Date.now() + 100 * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    api = await startApi('hearing-cosign-consent');
    orgs = await loadOrganisations(api);
    ({ id: hearingId } = await createHearing(api, orgs, { deadline }));
    await api.http().post(`/hearings/${hearingId}/send`).set(bearer(people.secretariat)).expect(200);
    for (const name of ['Trondheim kommune', 'Malvik kommune', 'Melhus kommune', 'Oppdal kommune', HOSPITAL]) {
      link[name] = await tokenFor(api, orgs.email[name]);
    }
  });
  afterAll(() => api?.close());

  const mails = async (name: string, subject: string) =>
    (
      await api.pg.query<{ subject: string }>(
        `SELECT subject FROM outbox_messages WHERE recipient = $1 AND subject LIKE $2`,
        [orgs.email[name], `%${subject}%`],
      )
    ).rows.length;
  const answer = (from: string, coSigners: string[], text = 'Felles svar fra kommunene.') =>
    api
      .http()
      .post('/respond/answer')
      .set(asRecipient(link[from]))
      .send({ text, coSigners: coSigners.map((n) => orgs.id[n]) });

  it('a named co-signer is pending: the answer is not its answer, and it may still answer on its own', async () => {
    const given = await answer('Trondheim kommune', ['Malvik kommune', 'Melhus kommune']);
    expect(given.status).toBe(201);
    expect(given.body.coSigners).toEqual([]);
    expect(given.body.pendingCoSigners.map((o: { name: string }) => o.name)).toEqual([
      'Malvik kommune',
      'Melhus kommune',
    ]);
    const malvik = await api.http().get('/respond').set(asRecipient(link['Malvik kommune'])).expect(200);
    expect(malvik.body).toMatchObject({ role: null, answer: null, canAnswer: true });
    expect(malvik.body.coSignatureRequests).toEqual([
      { answerId: given.body.id, lead: { id: orgs.id['Trondheim kommune'], name: 'Trondheim kommune' } },
    ]);
    // It reads what it is asked to sign.
    await api.http().get(`/respond/answers/${given.body.id}`).set(asRecipient(link['Malvik kommune'])).expect(200);
    const signed = await api.pg.query(`SELECT organisation_id FROM hearing_answer_signatories WHERE answer_id = $1`, [
      given.body.id,
    ]);
    expect(signed.rows.map((r) => r.organisation_id)).toEqual([orgs.id['Trondheim kommune']]);
    // Melhus answers on its own instead: it was never on the joint answer.
    await api
      .http()
      .post('/respond/answer')
      .set(asRecipient(link['Melhus kommune']))
      .send({ text: 'Melhus svarer selv.' })
      .expect(201);
    const late = await api
      .http()
      .post(`/respond/answers/${given.body.id}/confirm-signature`)
      .set(asRecipient(link['Melhus kommune']));
    expectProblem(late, 409);
  });

  it('the co-signer confirms through its own link; then the answer counts for it', async () => {
    const [{ id: answerId }] = (
      await api.pg.query(`SELECT id FROM hearing_answers WHERE organisation_id = $1`, [orgs.id['Trondheim kommune']])
    ).rows;
    // Another recipient cannot confirm for Malvik, nor the lead for its co-signer.
    const before = await api.fingerprint();
    for (const other of [HOSPITAL, 'Trondheim kommune']) {
      expectProblem(
        await api.http().post(`/respond/answers/${answerId}/confirm-signature`).set(asRecipient(link[other])),
        404,
      );
    }
    expectProblem(
      await api.http().post(`/respond/answers/${answerId}/confirm-signature`).set(bearer(people.secretariat)),
      401,
    );
    expect(await api.fingerprint()).toEqual(before);

    const res = await api
      .http()
      .post(`/respond/answers/${answerId}/confirm-signature`)
      .set(asRecipient(link['Malvik kommune']))
      .expect(200);
    expect(res.body).toMatchObject({ role: 'co-signer', answer: { id: answerId }, canAnswer: false });
    expect(res.body.answer.coSigners.map((o: { name: string }) => o.name)).toEqual(['Malvik kommune']);
    expectProblem(
      await api.http().post('/respond/answer').set(asRecipient(link['Malvik kommune'])).send({ text: 'Eget.' }),
      409,
    );
    expect(await mails('Trondheim kommune', 'har bekreftet det felles høringssvaret')).toBe(1);
    // The lead changes its answer: Malvik stays signed without asking again.
    const changed = await answer('Trondheim kommune', ['Malvik kommune'], 'Endret felles svar.');
    expect(changed.status).toBe(201);
    expect(changed.body.coSigners.map((o: { name: string }) => o.name)).toEqual(['Malvik kommune']);
  });

  it('naming, removing and naming again asks the co-signer once (one e-mail per co-signer per answer)', async () => {
    for (const coSigners of [
      ['Malvik kommune', 'Oppdal kommune'],
      ['Malvik kommune'],
      ['Malvik kommune', 'Oppdal kommune'],
      ['Malvik kommune'],
      ['Malvik kommune', 'Oppdal kommune'],
    ]) {
      expect((await answer('Trondheim kommune', coSigners)).status).toBe(201);
    }
    // Besides the invitation to the hearing: the one request to confirm, nothing for each change.
    const { rows } = await api.pg.query<{ subject: string }>(
      `SELECT subject FROM outbox_messages WHERE recipient = $1 AND subject NOT LIKE 'Høring:%'`,
      [orgs.email['Oppdal kommune']],
    );
    expect(rows.map((r) => r.subject)).toEqual([
      'Trondheim kommune ber dere signere et felles høringssvar – Ny fagrådsstruktur',
    ]);
  });

  it('the secretariat registers a joint answer from a letter with its co-signers signing', async () => {
    const res = await api
      .http()
      .post(`/hearings/${hearingId}/answers`)
      .set(bearer(people.secretariat))
      .send({
        organisationId: orgs.id['Røros kommune'],
        text: 'Brev fra Røros og Holtålen.',
        coSigners: [orgs.id['Holtålen kommune']],
      });
    expect(res.status).toBe(201);
    expect(res.body.coSigners.map((o: { name: string }) => o.name)).toEqual(['Holtålen kommune']);
    expect(res.body.pendingCoSigners).toEqual([]);
  });

  it('never names, nor lets confirm, a co-signer after its own deadline', async () => {
    // St. Olavs names Frøya, whose deadline then passes (the hearing's, with no extension for it).
    const named = await answer(HOSPITAL, ['Frøya kommune'], 'Svar fra sykehuset.');
    expect(named.status).toBe(201);
    const froya = await tokenFor(api, orgs.email['Frøya kommune']);
    await api.pg.query(`UPDATE hearings SET deadline = now() - interval '1 minute' WHERE id = $1`, [hearingId]);
    const before = await api.fingerprint();
    const confirm = await api
      .http()
      .post(`/respond/answers/${named.body.id}/confirm-signature`)
      .set(asRecipient(froya));
    expect(expectProblem(confirm, 422).detail).toContain('until the deadline');
    // The secretariat cannot name one past its deadline either.
    const registered = await api
      .http()
      .post(`/hearings/${hearingId}/answers`)
      .set(bearer(people.secretariat))
      .send({
        organisationId: orgs.id['Midtre Gauldal kommune'],
        text: 'Sent brev.',
        coSigners: [orgs.id['Frøya kommune']],
      });
    expect(expectProblem(registered, 422).detail).toContain('coSigners');
    expect(await api.fingerprint()).toEqual(before);
  });
});
