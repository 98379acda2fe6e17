import { bearer, expectProblem, people, startApi, type ApiHarness } from '../support/api';
import { HOSPITAL, asRecipient, createHearing, loadOrganisations, tokenFor, type Organisations } from './support';

/**
 * The key that signs the personal answer links never leaves the server: not in the instance the generic API shows,
 * not in the e-mails the secretariat reads. A recipient's link can be re-issued, which revokes the old one; an
 * answer page given with a hearing must be the web app's, so that no link (and its token) points elsewhere.
 */
describe('hearing link keys', () => {
  let api: ApiHarness;
  let orgs: Organisations;
  let hearingId: string;
  let instanceId: string;
  let key: string;
  const deadline = new Date(Date.now() + 100 * 86_400_000).toISOString().slice(0, 10);
  const sek = () => bearer(people.secretariat);

  beforeAll(async () => {
    api = await startApi('hearing-link-keys');
    orgs = await loadOrganisations(api);
    ({ id: hearingId } = await createHearing(api, orgs, { deadline }));
    await api.http().post(`/hearings/${hearingId}/send`).set(sek()).expect(200);
    [{ instance_id: instanceId, link_key: key }] = (
      await api.pg.query<{ instance_id: string; link_key: string }>(
        `SELECT instance_id, link_key FROM hearings WHERE id = $1`,
        [hearingId],
      )
    ).rows;
  });
  afterAll(() => api?.close());

  it('GET /instances/{id} and its history show the hearing without its link key', async () => {
    const res = await api.http().get(`/instances/${instanceId}`).set(sek()).expect(200);
    expect(res.body.context).toMatchObject({ hearingId, title: 'Ny fagrådsstruktur' });
    expect(res.body.context).not.toHaveProperty('linkKey');
    expect(res.text).not.toContain(key);
    const history = await api.http().get(`/instances/${instanceId}/history`).set(sek()).expect(200);
    expect(history.text).not.toContain(key);
  });

  it('/dashboard/messages shows the personal links without their tokens; the e-mail sent keeps them', async () => {
    const res = await api.http().get(`/dashboard/messages?instanceId=${instanceId}&pageSize=100`).set(sek());
    expect(res.status).toBe(200);
    const invitation = res.body.items.find(
      (m: { recipient: string }) => m.recipient === orgs.email['Trondheim kommune'],
    );
    expect(invitation.body).toContain('/hoering/svar#token=…');
    expect(res.text).not.toMatch(/#token=[A-Za-z0-9_-]/);
    // The outbox (what the worker sends) still has the whole link.
    expect(await tokenFor(api, orgs.email['Trondheim kommune'])).toMatch(/^[A-Za-z0-9_-]{100}$/);
  });

  it('re-issuing a link revokes the old one and mails the new one; journaled; others keep theirs', async () => {
    const old = await tokenFor(api, orgs.email[HOSPITAL]);
    const other = await tokenFor(api, orgs.email['Melhus kommune']);
    await api.http().get('/respond').set(asRecipient(old)).expect(200);

    const res = await api.http().post(`/hearings/${hearingId}/recipients/${orgs.id[HOSPITAL]}/link`).set(sek());
    expect(res.status).toBe(200);
    const fresh = await tokenFor(api, orgs.email[HOSPITAL]);
    expect(fresh).not.toBe(old);
    const { rows } = await api.pg.query<{ subject: string; body: string }>(
      `SELECT subject, body FROM outbox_messages WHERE recipient = $1 ORDER BY created_at DESC LIMIT 1`,
      [orgs.email[HOSPITAL]],
    );
    expect(rows[0].subject).toBe('Ny personlig lenke – Ny fagrådsstruktur');
    expect(rows[0].body).toContain('Lenker sendt tidligere virker ikke lenger');

    // The old link is refused as an unknown one; the new one, and other recipients' links, work.
    const refused = await api.http().get('/respond').set(asRecipient(old));
    const unknown = await api
      .http()
      .get('/respond')
      .set(asRecipient(`${old.slice(0, -4)}AAAA`));
    expect(refused.status).toBe(unknown.status);
    expectProblem(refused, 401);
    const before = await api.fingerprint();
    expectProblem(await api.http().post('/respond/answer').set(asRecipient(old)).send({ text: 'Gammel lenke.' }), 401);
    expect(await api.fingerprint()).toEqual(before);
    const now = await api.http().get('/respond').set(asRecipient(fresh)).expect(200);
    expect(now.body.organisation).toMatchObject({ name: HOSPITAL });
    await api.http().get('/respond').set(asRecipient(other)).expect(200);

    const history = await api.http().get(`/instances/${instanceId}/history`).set(sek()).expect(200);
    expect(history.body.at(-1)).toMatchObject({
      event: 'link.reissued',
      payload: { organisationId: orgs.id[HOSPITAL] },
      actor: { id: people.secretariat.sub },
    });
  });

  it('re-issues only for a recipient of a hearing that takes answers, and only for the secretariat', async () => {
    const before = await api.fingerprint();
    const stranger = '00000000-0000-4000-8000-000000000000';
    expectProblem(await api.http().post(`/hearings/${hearingId}/recipients/${stranger}/link`).set(sek()), 404);
    const draft = await createHearing(api, orgs, { title: 'Utkast', deadline });
    const afterDraft = await api.fingerprint();
    expectProblem(await api.http().post(`/hearings/${draft.id}/recipients/${orgs.id[HOSPITAL]}/link`).set(sek()), 409);
    expect(await api.fingerprint()).toEqual(afterDraft);
    expect(afterDraft.journal).toBe(before.journal + 1);
    expectProblem(
      await api.http().post(`/hearings/${hearingId}/recipients/${orgs.id[HOSPITAL]}/link`).set(bearer(people.other)),
      403,
    );
  });

  it('refuses an answer page that is not on the web app (PUBLIC_WEB_URL), naming the field', async () => {
    const before = await api.fingerprint();
    for (const answerPageUrl of [
      'https://evil.example/hoering/svar',
      `http://localhost:${api.env.PORT}.evil.example/hoering/svar`,
      `http://user@localhost:${api.env.PORT}/hoering/svar`,
    ]) {
      const res = await api
        .http()
        .post('/hearings')
        .set(sek())
        .send({ committeeCode: 'ASU', title: 'Lenke ut', proposal: 'Notat.', answerPageUrl });
      expect(expectProblem(res, 422).detail).toContain('answerPageUrl');
    }
    expect(await api.fingerprint()).toEqual(before);
    const ok = await api
      .http()
      .post('/hearings')
      .set(sek())
      .send({
        committeeCode: 'ASU',
        title: 'Lenke hjem',
        proposal: 'Notat.',
        answerPageUrl: `http://localhost:${api.env.PORT}/hoering/svar`,
      });
    expect(ok.status).toBe(201);
  });
});
