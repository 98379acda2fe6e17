import { getDataSourceToken } from '@nestjs/typeorm';
import { WorkflowEngine } from '@samflyt/engine';
import type { DataSource } from 'typeorm';
import { bearer, expectProblem, startApi, type ApiHarness } from '../support/api';
import {
  attendance17April,
  importAsu,
  insertAttendance,
  insertMeeting,
  startCase,
  voters17April,
  voteCounts,
  type Asu,
  type Person,
} from './support';

describe('votes API', () => {
  let api: ApiHarness;
  let ds: DataSource;
  let engine: WorkflowEngine;
  let asu: Asu;
  let meetingId: string;
  let caseNumber = 70;

  const token = (p: Person, roles: string[] = []) => bearer({ sub: p.id, name: p.name, roles, email: p.email });
  const secretariat = () => token(asu.person('Solveig Cruikshank Tofte'), ['secretariat']);
  const member = (name: string) => token(asu.person(name), ['committee:ASU', 'committee:ASU:vote']);
  const outsider = bearer({ sub: '00000000-0000-4000-8000-0000000000ff', name: 'Ola Utenfor', roles: [] });
  const newCase = (title = 'Sak til avstemning') => startCase(engine, asu.secretariat, { number: caseNumber++, title });
  const open = (caseId: string, body: Record<string, unknown> = { mode: 'meeting', meetingId }) =>
    api.http().post(`/cases/${caseId}/votes`).set(secretariat()).send(body);

  beforeAll(async () => {
    api = await startApi('votes-api');
    ds = api.app.get<DataSource>(getDataSourceToken());
    engine = api.app.get(WorkflowEngine);
    asu = await importAsu(ds);
    meetingId = await insertMeeting(ds, asu.committeeId, '2024-04-17T11:00:00Z');
    await insertAttendance(ds, asu, meetingId, attendance17April);
  });
  afterAll(() => api.close());

  it('the secretariat opens a vote; the eligible voters are derived from the 17.04.24 attendance', async () => {
    const caseId = await newCase();
    expectProblem(
      await api.http().post(`/cases/${caseId}/votes`).set(member('Ingjerd Astad')).send({ mode: 'meeting', meetingId }),
      403,
      'forbidden',
    );
    const res = await open(caseId);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/votes/${res.body.id}`);
    expect(res.body).toMatchObject({
      caseRef: `${caseNumber - 1}/24`,
      committeeCode: 'ASU',
      rule: 'consensus',
      state: 'open',
    });
    expect(res.body.eligible.map((v: { name: string }) => v.name).sort()).toEqual([...voters17April].sort());
    expect(res.body.votingSeats).toBe(16);
    // Voters cannot be typed in: the body has no such field, and the generic start is closed to votes.
    const typed = await open(caseId, { mode: 'meeting', meetingId, voters: [] });
    expect(expectProblem(typed, 400, 'invalid-input').errors).toEqual([
      { field: 'voters', message: 'property voters should not exist' },
    ]);
    expectProblem(
      await api.http().post('/workflows/vote/instances').set(secretariat()).send({ input: {} }),
      403,
      'forbidden',
    );
    // One open vote per case.
    expectProblem(await open(caseId), 409, 'conflict');
  });

  it('ballots: once per voter, only by eligible voters; who voted is shown, not how, until closed', async () => {
    const caseId = await newCase();
    const vote = (await open(caseId)).body;
    const ballots = `/votes/${vote.id}/ballots`;

    const first = await api.http().post(ballots).set(member('Wenche P. Dehli')).send({ choice: 'for' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ voted: 1, ballots: null, result: null });
    const dehli = asu.person('Wenche P. Dehli');
    expect(first.body.eligible.find((v: { personId: string }) => v.personId === dehli.id).hasVoted).toBe(true);

    const before = await voteCounts(ds);
    // A second ballot, even a different choice: the primary key says no.
    const second = await api.http().post(ballots).set(member('Wenche P. Dehli')).send({ choice: 'against' });
    expect(expectProblem(second, 409, 'conflict').detail).toBe(
      'This voter has already voted in this vote; a ballot is cast once and cannot be changed',
    );
    // A non-member, an observer (employee representative) and a vara for an observer.
    for (const who of [outsider, member('Torkild Skaar'), member('Helena Bertilsson')]) {
      const res = await api.http().post(ballots).set(who).send({ choice: 'for' });
      expect(expectProblem(res, 403, 'forbidden').detail).toMatch(/^You are not among the 14 eligible voters/);
    }
    // A voter may not cast someone else's ballot; the secretariat may not vote itself.
    expectProblem(
      await api
        .http()
        .post(ballots)
        .set(member('Albert Verhagen'))
        .send({ choice: 'for', voterId: asu.person('Ingjerd Astad').id }),
      403,
      'forbidden',
    );
    expectProblem(await api.http().post(ballots).set(secretariat()).send({ choice: 'for' }), 403, 'forbidden');
    expect(
      expectProblem(await api.http().post(ballots).set(member('Ingjerd Astad')).send({ choice: 'ja' }), 400).errors,
    ).toEqual([{ field: 'choice', message: 'choice must be one of the following values: for, against, abstain' }]);
    expect(await voteCounts(ds)).toEqual(before);

    // A login found by its e-mail (the token's sub is not a person id) votes as that person.
    const lurud = asu.person('Britt-Elin Lurud');
    const byEmail = bearer({ sub: 'id-porten:09876543210', name: lurud.name, roles: [], email: lurud.email });
    expect((await api.http().post(ballots).set(byEmail).send({ choice: 'against' })).status).toBe(201);
    expect(
      await ds.query(`SELECT recorded_by FROM ballots WHERE vote_id = $1 AND person_id = $2`, [vote.id, lurud.id]),
    ).toEqual([{ recorded_by: lurud.id }]);

    // A show of hands, recorded by the secretariat.
    const recorded = await api
      .http()
      .post(ballots)
      .set(secretariat())
      .send({ choice: 'abstain', voterId: asu.person('Trine Wigtil').id });
    expect(recorded.status).toBe(201);
    expect(recorded.body.voted).toBe(3);

    // Reading: the committee and the vote's people; not an outsider.
    expect((await api.http().get(`/votes/${vote.id}`).set(member('Erik Eide'))).status).toBe(200);
    expectProblem(await api.http().get(`/votes/${vote.id}`).set(outsider), 403, 'forbidden');
    expectProblem(await api.http().get('/votes/00000000-0000-4000-8000-000000000000').set(secretariat()), 404);
    expectProblem(await api.http().get('/votes/nope').set(secretariat()), 404);
  });

  it('the secretariat closes a meeting vote; the result with counts per side and the rule is the minutes text', async () => {
    const caseId = await newCase('Fagrådsstruktur');
    const [{ instance_id: caseInstance }] = await ds.query(`SELECT instance_id FROM cases WHERE id = $1`, [caseId]);
    await engine.send(caseInstance, { type: 'case.scheduled', meetingId }, asu.secretariat);
    const vote = (await open(caseId, { mode: 'meeting', meetingId, rule: 'party-majority' })).body;
    expectProblem(
      await api.http().post(`/votes/${vote.id}/decide-case`).set(secretariat()).send({}),
      409,
      'event-not-allowed',
    );
    for (const name of voters17April.slice(0, 10)) {
      expect(
        (await api.http().post(`/votes/${vote.id}/ballots`).set(member(name)).send({ choice: 'for' })).status,
      ).toBe(201);
    }
    expectProblem(await api.http().post(`/votes/${vote.id}/close`).set(member('Ingjerd Astad')), 403, 'forbidden');
    const closed = await api.http().post(`/votes/${vote.id}/close`).set(secretariat());
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      state: 'closed',
      rule: 'party-majority',
      result: { adopted: true, total: { for: 10, against: 0, abstain: 0, missing: 4 } },
    });
    expect(closed.body.ballots).toHaveLength(10);
    expect(closed.body.ballots[0]).toMatchObject({ choice: 'for' });
    expect(closed.body.minutesText).toBe(
      [
        'Avstemning i møtet, vedtaksregel: flertall på både kommunesiden og sykehussiden.',
        'Stemmeberettigede: 14 av 16 stemmeseter.',
        'Vedtatt (flertall på både kommunesiden og sykehussiden). Totalt: 10 for, 0 mot, 0 avsto, 4 avga ikke stemme. ' +
          'Kommunesiden: 4 for, 0 mot, 0 avsto, 2 avga ikke stemme. Sykehussiden: 6 for, 0 mot, 0 avsto.',
      ].join('\n'),
    );
    // The result goes into the case's vedtak (and so the minutes), taken from the vote.
    expectProblem(
      await api.http().post(`/votes/${vote.id}/decide-case`).set(member('Ingjerd Astad')).send({}),
      403,
      'forbidden',
    );
    const decided = await api.http().post(`/votes/${vote.id}/decide-case`).set(secretariat()).send({});
    expect(decided.status).toBe(200);
    expect(decided.body).toEqual({
      caseId,
      resolution: 'ASU slutter seg til forslaget.',
      voteResult: closed.body.minutesText,
    });
    // A decided case takes no more votes.
    expect(expectProblem(await open(caseId), 409, 'event-not-allowed').detail).toBe(
      `Case ${closed.body.caseRef} is decided; there is nothing left to vote on`,
    );
    const [kase] = await ds.query(`SELECT resolution FROM cases WHERE id = $1`, [caseId]);
    expect(kase.resolution).toBe(`ASU slutter seg til forslaget.\n\n${closed.body.minutesText}`);
    const listed = await api.http().get(`/cases/${caseId}/votes`).set(member('Erik Eide'));
    expect(listed.body.map((v: { id: string; state: string }) => [v.id, v.state])).toEqual([[vote.id, 'closed']]);

    // After the close: a clear 409 and nothing changed.
    const before = await voteCounts(ds);
    const late = await api
      .http()
      .post(`/votes/${vote.id}/ballots`)
      .set(member('Toril Indergård'))
      .send({ choice: 'against' });
    expect(expectProblem(late, 409, 'event-not-allowed').detail).toMatch(/^The vote is closed/);
    expectProblem(await api.http().post(`/votes/${vote.id}/close`).set(secretariat()), 409, 'event-not-allowed');
    expect(await voteCounts(ds)).toEqual(before);
  });

  it('no quorum → 422 naming the rule and the numbers, nothing written', async () => {
    const thin = await insertMeeting(ds, asu.committeeId, '2024-05-02T11:00:00Z');
    await insertAttendance(ds, asu, thin, [
      { name: 'Ingjerd Astad', status: 'present' },
      { name: 'Vegard Vestvik', status: 'present' },
      { name: 'Trine Wigtil', status: 'remote' },
      { name: 'Erik Eide', status: 'present' },
    ]);
    const caseId = await newCase();
    const before = await voteCounts(ds);
    const res = await open(caseId, { mode: 'meeting', meetingId: thin, rule: 'simple-majority' });
    const problem = expectProblem(res, 422, 'rule-violated');
    // 2 May 2024: Martinsen has left and Blokkum joins; still 16 seats with a vote.
    expect(problem.detail).toBe(
      'Quorum is not met under the simple-majority rule (simpelt flertall): 3 eligible voter(s) of 16 seats with a vote, 8 required',
    );
    expect(await voteCounts(ds)).toEqual(before);
  });

  it('a written round: a vote after the deadline is 409 and changes nothing', async () => {
    const caseId = await newCase();
    const deadline = new Date(Date.now() + 3 * 24 * 3600_000).toISOString();
    const res = await open(caseId, { mode: 'written', deadline, reminderOffsets: ['P1D'] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ mode: 'written', meetingId: null, deadline });
    expectProblem(await open(await newCase(), { mode: 'written', deadline: 'snart' }), 400, 'invalid-input');
    expectProblem(await open(await newCase(), { mode: 'meeting', meetingId, deadline }), 400, 'invalid-input');
    expectProblem(await api.http().post(`/votes/${res.body.id}/close`).set(secretariat()), 422, 'rule-violated');

    await ds.query(`UPDATE votes SET deadline = now() - interval '1 second' WHERE id = $1`, [res.body.id]);
    const before = await voteCounts(ds);
    const late = await api
      .http()
      .post(`/votes/${res.body.id}/ballots`)
      .set(member('Ingjerd Astad'))
      .send({ choice: 'for' });
    expect(expectProblem(late, 409, 'event-not-allowed').detail).toMatch(/^The deadline for this vote passed at /);
    expect(await voteCounts(ds)).toEqual(before);
  });

  it('inhabilitet: declared by the member or the secretariat, left out of the next vote', async () => {
    const caseId = await newCase('Tilskudd til prosjekt i Fosenregionen');
    const url = `/cases/${caseId}/inhabil`;
    const braseth = asu.person('Sissel Braseth');
    expectProblem(
      await api.http().post(url).set(member('Ingjerd Astad')).send({ personId: braseth.id, reason: 'x' }),
      403,
      'forbidden',
    );
    const declared = await api
      .http()
      .post(url)
      .set(member('Sissel Braseth'))
      .send({ reason: 'Styreleder i søkerorganisasjonen' });
    expect(declared.status).toBe(201);
    expect(declared.body).toMatchObject({ personId: braseth.id, name: 'Sissel Braseth', declaredBy: braseth.id });
    expectProblem(
      await api.http().post(url).set(secretariat()).send({ personId: braseth.id, reason: 'igjen' }),
      409,
      'conflict',
    );
    expectProblem(await api.http().post(url).set(outsider).send({ reason: 'x' }), 422, 'rule-violated');
    expectProblem(await api.http().post(url).set(secretariat()).send({ reason: '' }), 400, 'invalid-input');
    expect((await api.http().get(url).set(member('Erik Eide'))).body.map((d: { name: string }) => d.name)).toEqual([
      'Sissel Braseth',
    ]);

    const vote = (await open(caseId)).body;
    expect(vote.eligible.map((v: { name: string }) => v.name)).not.toContain('Sissel Braseth');
    expect(vote.excluded).toContainEqual({ personId: braseth.id, name: 'Sissel Braseth', reason: 'inhabil' });
    expectProblem(
      await api.http().post(`/votes/${vote.id}/ballots`).set(member('Sissel Braseth')).send({ choice: 'for' }),
      403,
      'forbidden',
    );
    expectProblem(
      await api
        .http()
        .post(`/cases/00000000-0000-4000-8000-000000000000/inhabil`)
        .set(secretariat())
        .send({ reason: 'x' }),
      404,
    );
  });

  it('the generic instance endpoints take no events for a vote: voters act through the votes API', async () => {
    const vote = (await open(await newCase())).body;
    const astad = asu.person('Ingjerd Astad');
    const before = await voteCounts(ds);
    // The generic endpoint answers with the whole context (every choice): a voter may not use it.
    for (const [who, body] of [
      [member('Ingjerd Astad'), { type: 'vote.cast', voterId: astad.id, choice: 'for' }],
      [secretariat(), { type: 'ballot.recorded', voterId: astad.id, choice: 'for' }],
      [secretariat(), { type: 'vote.closed' }],
    ] as const) {
      const res = await api
        .http()
        .post(`/instances/${vote.instanceId}/events`)
        .set(who)
        .set('Idempotency-Key', `generic-${body.type}`)
        .send(body);
      expectProblem(res, 403, 'forbidden');
    }
    // The raw instance (with every choice) is for the secretariat; voters read GET /votes/{id}.
    expectProblem(await api.http().get(`/instances/${vote.instanceId}`).set(member('Ingjerd Astad')), 403, 'forbidden');
    expect((await api.http().get(`/instances/${vote.instanceId}`).set(secretariat())).status).toBe(200);
    expect(await voteCounts(ds)).toEqual(before);
  });
});
