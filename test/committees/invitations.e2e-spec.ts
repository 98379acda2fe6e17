import { insertCommittee, type Committee } from '../meetings/support';
import { bearer, expectProblem, people, startApi, tokenFor, type ApiHarness } from '../support/api';
import { startLocalIssuer, type LocalIssuer } from '../support/local-issuer';
import { mailsTo } from '../support/mail';
import { pollUntil } from '../support/wait';
import { killAllWorkers, startWorker, workerEnvOf } from '../support/worker-process';

jest.setTimeout(120_000);

const AUDIENCE = 'https://api.samflyt.test';
const WEB = 'https://samflyt.example.no';
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const LINK = new RegExp(`${WEB.replace(/[.]/g, '\\.')}/invitasjon#([A-Za-z0-9_-]{43})`);

/**
 * Linking a login to a person by invitation: the secretariat invites, the e-mail carries a single-use link with the
 * token in the fragment, the first login through it binds (issuer, subject) to the person. The attacks on it
 * (a used, expired, revoked or someone else's token; a login bound elsewhere) are refused and write nothing.
 */
describe('invitations link a login to a person', () => {
  let api: ApiHarness;
  let issuer: LocalIssuer;
  let asu: Committee;
  const sek = bearer(people.secretariat);
  let n = 0;
  /** An OIDC login (no e-mail, as ID-porten) that no person has yet. */
  const login = (subject = `pid-${++n}-${Date.now()}`) => ({
    subject,
    token: issuer.token({ name: 'X' }, { subject }),
  });
  const me = (token: string) => api.http().get('/persons/me').set(auth(token));
  const invite = async (personId: string) => {
    const res = await api.http().post(`/persons/${personId}/invitations`).set(sek).expect(201);
    const [row] = (
      await api.pg.query(`SELECT body FROM outbox_messages WHERE idempotency_key = $1`, [
        `person-invitation:${res.body.id}`,
      ])
    ).rows;
    return { id: res.body.id as string, token: LINK.exec(row.body)![1] };
  };
  const accept = (token: string, bearerToken: string) =>
    api.http().post('/invitations/accept').set(auth(bearerToken)).send({ token });
  /** Every row the invitations could write. */
  const written = async () =>
    (
      await api.pg.query(`SELECT
        (SELECT md5(coalesce(string_agg(issuer || subject || person_id, ',' ORDER BY issuer, subject), '')) FROM person_identities) AS identities,
        (SELECT md5(coalesce(string_agg(id || status, ',' ORDER BY id), '')) FROM person_invitations) AS invitations,
        (SELECT count(*)::int FROM person_identity_events) AS events,
        (SELECT count(*)::int FROM outbox_messages) AS outbox`)
    ).rows[0];

  beforeAll(async () => {
    issuer = await startLocalIssuer(AUDIENCE);
    process.env.PUBLIC_WEB_URL = WEB; // read at start-up like the hearing links' base
    api = await startApi('invitations', { OIDC_ISSUER: issuer.issuer, OIDC_AUDIENCE: AUDIENCE });
    asu = await insertCommittee(api.pg);
  });
  afterAll(async () => {
    delete process.env.PUBLIC_WEB_URL;
    await killAllWorkers();
    await api?.close();
    await issuer?.close();
  });

  it('invite → the e-mail brings the link → the first login through it finds the person, roles from her seat', async () => {
    const wold = asu.people['Jan Roger Wold'];
    const caller = login();
    expectProblem(await me(caller.token), 404);
    const res = await api.http().post(`/persons/${wold}/invitations`).set(sek).expect(201);
    expect(res.body).toMatchObject({ personId: wold, email: asu.email('Jan Roger Wold') });
    expect(Date.parse(res.body.expiresAt) - Date.parse(res.body.createdAt)).toBe(7 * 86_400_000);
    // The token is stored only as its hash.
    const [stored] = (await api.pg.query(`SELECT token_hash FROM person_invitations WHERE id = $1`, [res.body.id]))
      .rows;
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);

    await startWorker(workerEnvOf(api.env));
    const [mail] = await pollUntil(
      'the invitation mail',
      () => mailsTo(asu.email('Jan Roger Wold')),
      (m) => m.length > 0,
      { timeoutMs: 20_000 },
    );
    expect(mail.subject).toBe('Invitasjon til innlogging i samflyt');
    const token = LINK.exec((mail as unknown as { text: string }).text)![1];
    expect(token).not.toContain(stored.token_hash);

    const accepted = await accept(token, caller.token).expect(200);
    expect(accepted.body).toMatchObject({ personId: wold, issuer: issuer.issuer, subject: caller.subject });
    const found = await me(caller.token).expect(200);
    expect(found.body.person.id).toBe(wold);
    expect(found.body.roles).toEqual(expect.arrayContaining(['committee:ASU', 'committee:ASU:vote']));
    expect(found.body.roles).not.toContain('secretariat');

    const identities = await api.http().get(`/persons/${wold}/identities`).set(sek).expect(200);
    expect(identities.body).toMatchObject({
      identities: [{ issuer: issuer.issuer, subject: caller.subject }],
      openInvitation: null,
    });
    const events = await api.pg.query(
      `SELECT type, issuer, subject, actor_id FROM person_identity_events WHERE person_id = $1 ORDER BY id`,
      [wold],
    );
    expect(events.rows).toEqual([
      { type: 'invitation.sent', issuer: null, subject: null, actor_id: people.secretariat.sub },
      { type: 'identity.linked', issuer: issuer.issuer, subject: caller.subject, actor_id: caller.subject },
    ]);
  });

  it('an invitation accepted once is refused the second time, to the same and to another login; nothing written', async () => {
    const { token } = await invite(asu.people['Wenche P. Dehli']);
    const first = login();
    await accept(token, first.token).expect(200);
    const before = await written();
    for (const caller of [first, login()]) {
      expectProblem(await accept(token, caller.token), 404);
    }
    expect(await written()).toEqual(before);
  });

  it('two logins accepting the same invitation at once: one is linked, the other refused', async () => {
    const person = asu.people['Jan Roger Wold'];
    const { token } = await invite(person);
    const callers = [login(), login(), login()];
    const results = await Promise.all(callers.map((c) => accept(token, c.token)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 404, 404]);
    const winner = callers[results.findIndex((r) => r.status === 200)];
    const linked = await api.pg.query(`SELECT subject FROM person_identities WHERE subject = ANY($1)`, [
      callers.map((c) => c.subject),
    ]);
    expect(linked.rows).toEqual([{ subject: winner.subject }]);
  });

  it('an expired invitation is refused like an unknown one; nothing written', async () => {
    const { id, token } = await invite(asu.people['Ingjerd Astad']);
    await api.pg.query(`UPDATE person_invitations SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
    const caller = login();
    const before = await written();
    const expired = expectProblem(await accept(token, caller.token), 404);
    const unknown = expectProblem(await accept('A'.repeat(43), caller.token), 404);
    expect(expired.detail).toBe(unknown.detail);
    expect(await written()).toEqual(before);
    expectProblem(await me(caller.token), 404);
  });

  it('inviting again revokes the earlier link: it is refused, the new one works', async () => {
    const person = asu.people['Tom Christian Martinsen'];
    const old = await invite(person);
    const fresh = await invite(person);
    const caller = login();
    const before = await written();
    expectProblem(await accept(old.token, caller.token), 404);
    expect(await written()).toEqual(before);
    await accept(fresh.token, caller.token).expect(200);
    expect((await me(caller.token).expect(200)).body.person.id).toBe(person);
  });

  it("a used invitation of someone else cannot bind the attacker's login", async () => {
    const { token } = await invite(asu.people['Tone Shetelig Løvvik']);
    await accept(token, login().token).expect(200);
    const mallory = login('mallory');
    const before = await written();
    expectProblem(await accept(token, mallory.token), 404);
    expect(await written()).toEqual(before);
    expectProblem(await me(mallory.token), 404);
  });

  it('a login already linked to another person is 409; the invitation stays open and nothing is written', async () => {
    const [a, b] = Object.values(asu.people).slice(-2);
    const caller = login();
    await accept((await invite(a)).token, caller.token).expect(200);
    const second = await invite(b);
    const before = await written();
    expectProblem(await accept(second.token, caller.token), 409);
    expect(await written()).toEqual(before);
    expect((await me(caller.token).expect(200)).body.person.id).toBe(a);
    // Still open: another login can take it.
    await accept(second.token, login().token).expect(200);
  });

  it('the secretariat unlinks an identity (journaled); the login finds no one until invited again', async () => {
    const person = asu.people['Wenche P. Dehli'];
    const caller = login();
    await accept((await invite(person)).token, caller.token).expect(200);
    await api
      .http()
      .delete(`/persons/${person}/identities`)
      .set(sek)
      .query({ issuer: issuer.issuer, subject: caller.subject })
      .expect(204);
    expectProblem(await me(caller.token), 404);
    const [last] = (
      await api.pg.query(
        `SELECT type, subject FROM person_identity_events WHERE person_id = $1 ORDER BY id DESC LIMIT 1`,
        [person],
      )
    ).rows;
    expect(last).toEqual({ type: 'identity.unlinked', subject: caller.subject });
    const before = await written();
    expectProblem(
      await api
        .http()
        .delete(`/persons/${person}/identities`)
        .set(sek)
        .send({ issuer: issuer.issuer, subject: caller.subject }),
      404,
    );
    expectProblem(await api.http().delete(`/persons/${person}/identities`).set(sek).send({ issuer: 'x' }), 400);
    expect(await written()).toEqual(before);
    await accept((await invite(person)).token, caller.token).expect(200);
    expect((await me(caller.token).expect(200)).body.person.id).toBe(person);
  });

  it('only the secretariat and admin invite, list and unlink; a member is 403, no token 401', async () => {
    const person = asu.people['Jan Roger Wold'];
    const member = auth(tokenFor({ sub: person, name: 'Jan Roger Wold', roles: ['secretariat', 'admin'] }));
    const before = await written();
    for (const headers of [member, auth(issuer.token({ roles: ['secretariat'] }, { subject: 'x' }))]) {
      expectProblem(await api.http().post(`/persons/${person}/invitations`).set(headers), 403);
      expectProblem(await api.http().get(`/persons/${person}/identities`).set(headers), 403);
      expectProblem(
        await api.http().delete(`/persons/${person}/identities`).set(headers).query({ issuer: 'a', subject: 'b' }),
        403,
      );
    }
    expectProblem(await api.http().post(`/persons/${person}/invitations`), 401);
    expectProblem(
      await api
        .http()
        .post('/invitations/accept')
        .send({ token: 'A'.repeat(43) }),
      401,
    );
    expect(await written()).toEqual(before);
    await api.http().get(`/persons/${person}/identities`).set(bearer(people.admin)).expect(200);
  });
});
