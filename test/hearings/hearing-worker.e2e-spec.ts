import { bearer, expectProblem, people, startApi, type ApiHarness } from '../support/api';
import { killAllWorkers, startWorker, workerEnvOf } from '../support/worker-process';
import {
  HOSPITAL,
  JOINT,
  USER_ORGANISATION,
  asRecipient,
  createHearing,
  loadOrganisations,
  tokenFor,
  type Organisations,
} from './support';
import { mailsTo, type CaughtMail } from '../support/mail';
import { expectArchivable, expectInOrder, inspectPdf } from '../support/pdf';
import { pollUntil } from '../support/wait';

const S = 1_000;

jest.setTimeout(240_000);

/**
 * The acceptance scenario of sak 12/24 and 31/24, through the HTTP API and a real worker process,
 * with seconds for months: the fagråd structure to every kommune, the hospital and a user
 * organisation; the seven-kommune joint answer; two other answers, one late; one extension.
 */
describe('a hearing end to end, with the worker', () => {
  let api: ApiHarness;
  let orgs: Organisations;

  beforeAll(async () => {
    api = await startApi('hearing-worker');
    orgs = await loadOrganisations(api);
    await startWorker(workerEnvOf(api.env));
  });
  afterAll(async () => {
    await killAllWorkers();
    await api?.close();
  });

  const kinds = (mails: CaughtMail[]) => mails.map((m) => m.subject.split(/[: ]/)[0]);

  it('reminds only those without an answer, once per offset, closes at the deadline, and goes to ASU as a case', async () => {
    const secretariat = bearer(people.secretariat);
    const t0 = Date.now();
    const deadline = new Date(t0 + 70 * S).toISOString();
    // Reminders 45 s and 12 s before each recipient's own deadline (14 and 3 days in real life); 25 s before the first,
    // for the answers and confirmations below while the worker renders every høringsbrev.
    const created = await createHearing(api, orgs, { deadline, reminderOffsets: ['PT45S', 'PT12S'] });
    expect(created.warnings.map((w) => w.code)).toEqual(['under-six-weeks']);
    const hearingId = created.id;
    const sent = await api.http().post(`/hearings/${hearingId}/send`).set(secretariat).expect(200);
    expect(sent.body).toMatchObject({ state: 'open', counts: { recipients: 24, answered: 0 } });
    expect(sent.body.warnings.map((w: { code: string }) => w.code)).toEqual(['under-six-weeks']);

    // Frøya gets 20 s more: its reminders move with its deadline (at +45 s and +78 s).
    const extended = new Date(t0 + 90 * S).toISOString();
    await api
      .http()
      .post(`/hearings/${hearingId}/recipients/${orgs.id['Frøya kommune']}/extension`)
      .set(secretariat)
      .send({ deadline: extended, reason: 'Kommunestyret behandler saken etter fristen' })
      .expect(200);

    // The joint answer of the seven kommuner (sak 31/24), given by Trondheim.
    const joint = await api
      .http()
      .post('/respond/answer')
      .set(asRecipient(await tokenFor(api, orgs.email['Trondheim kommune'])))
      .send({
        text: 'Kommunene støtter hovedlinjene i forslaget.',
        answers: [{ questionId: 'psykisk-helse', text: 'Ja, eget fagråd for psykisk helse og rus.' }],
        coSigners: JOINT.slice(1).map((n) => orgs.id[n]),
      })
      .expect(201);
    for (const name of JOINT.slice(1)) {
      await api
        .http()
        .post(`/respond/answers/${joint.body.id}/confirm-signature`)
        .set(asRecipient(await tokenFor(api, orgs.email[name])))
        .expect(200);
    }
    await api
      .http()
      .post('/respond/answer')
      .set(asRecipient(await tokenFor(api, orgs.email[HOSPITAL])))
      .send({
        text: 'St. Olavs hospital slutter seg til forslaget.',
        answers: [{ questionId: 'struktur', text: 'Ja.' }],
      })
      .expect(201);

    const closed = await pollUntil(
      'the hearing to close at its deadline',
      async () => (await api.http().get(`/hearings/${hearingId}`).set(secretariat)).body,
      (h) => h.state === 'closed',
      { timeoutMs: 100 * S, intervalMs: 500 },
    );
    expect(new Date(closed.closedAt).getTime()).toBeGreaterThanOrEqual(new Date(deadline).getTime());

    // After the deadline: Orkland's answer is accepted and marked late.
    const late = await api
      .http()
      .post('/respond/answer')
      .set(asRecipient(await tokenFor(api, orgs.email['Orkland kommune'])))
      .send({ text: 'Beklager sent svar. Orkland støtter forslaget.' })
      .expect(201);
    expect(late.body.late).toBe(true);

    // Frøya's last reminder comes after the hearing closed, 12 s before its own deadline.
    const froya = await pollUntil(
      "Frøya's reminders",
      () => mailsTo(orgs.email['Frøya kommune']),
      (m) => kinds(m).filter((k) => k === 'Påminnelse').length === 2,
      { timeoutMs: 60 * S, intervalMs: 500 },
    );
    expect(kinds(froya).sort()).toEqual(['Høring', 'Påminnelse', 'Påminnelse', 'Utsatt'].sort());

    const expected: Record<string, string[]> = {};
    for (const name of [...orgs.kommuner, HOSPITAL, USER_ORGANISATION]) {
      expected[name] = ['Høring', 'Påminnelse', 'Påminnelse'];
    }
    // Trondheim is told of each co-signer's confirmation; each co-signer was asked, then told it signs.
    expected['Trondheim kommune'] = ['Høring', 'Kvittering', ...JOINT.slice(1).map((n) => n.split(' ')[0])];
    for (const name of JOINT.slice(1)) expected[name] = ['Høring', 'Trondheim', 'Felles'];
    expected[HOSPITAL] = ['Høring', 'Kvittering'];
    expected['Orkland kommune'] = ['Høring', 'Påminnelse', 'Påminnelse', 'Kvittering'];
    expected['Frøya kommune'] = ['Høring', 'Påminnelse', 'Påminnelse', 'Utsatt'];
    const received = await pollUntil(
      'every e-mail',
      async () =>
        Object.fromEntries(
          await Promise.all(
            Object.keys(expected).map(async (name) => [name, kinds(await mailsTo(orgs.email[name])).sort()] as const),
          ),
        ),
      (all) => Object.entries(expected).every(([name, k]) => all[name].length >= k.length),
      { timeoutMs: 30 * S, intervalMs: 500 },
    );
    for (const [name, k] of Object.entries(expected)) expect([name, received[name]]).toEqual([name, [...k].sort()]);

    // The høringsbrev and the kvittering are letters: a PDF/A attached to the e-mail, kept with its checksum, read
    // by the secretariat (the addressee is an organisation, whose contacts have it by e-mail), refused to others.
    const hospitalMails = await mailsTo(orgs.email[HOSPITAL]);
    const letterMails = hospitalMails.filter((m) => /^(Høring|Kvittering)/.test(m.subject));
    expect(letterMails.map((m) => m.attachments.map((a) => a.contentType))).toEqual([
      ['application/pdf'],
      ['application/pdf'],
    ]);
    const hearingInstance = (
      await api.pg.query<{ instance_id: string }>(`SELECT instance_id FROM hearings WHERE id = $1`, [hearingId])
    ).rows[0].instance_id;
    const kept = (
      await api.pg.query<{ id: string; kind: string; checksum_sha256: string; computed: string }>(
        `SELECT id, kind, checksum_sha256, encode(sha256(bytes), 'hex') AS computed FROM letters
          WHERE instance_id = $1 AND addressee_name = $2 ORDER BY created_at`,
        [hearingInstance, HOSPITAL],
      )
    ).rows;
    expect(kept.map((l) => l.kind).sort()).toEqual(['høringsbrev', 'kvittering-høringssvar']);
    for (const l of kept) expect(l.computed).toBe(l.checksum_sha256);
    expect(kept.map((l) => l.checksum_sha256).sort()).toEqual(letterMails.map((m) => m.attachments[0].sha256).sort());
    const brev = kept.find((l) => l.kind === 'høringsbrev')!;
    const letterPdf = await api.http().get(`/letters/${brev.id}/pdf`).set(secretariat);
    expect(letterPdf.status).toBe(200);
    expect(letterPdf.headers['x-checksum-sha256']).toBe(brev.checksum_sha256);
    // Every kommune's contacts got one høringsbrev each, not one per contact or per retry.
    const { rows: perOrganisation } = await api.pg.query(
      `SELECT addressee_name, count(*)::int AS n FROM letters WHERE instance_id = $1 AND kind = 'høringsbrev'
        GROUP BY addressee_name HAVING count(*) > 1`,
      [hearingInstance],
    );
    expect(perOrganisation).toEqual([]);
    expectProblem(await api.http().get(`/letters/${brev.id}/pdf`).set(bearer(people.other)), 403);
    expectProblem(await api.http().get(`/letters/${brev.id}`).set(bearer(people.other)), 403);

    // Reminders at the right offsets: each timer fired at its time, once; an answer cancelled the rest.
    const timers = (
      await api.pg.query<{ name: string; status: string; org: string; due: Date; fired: Date | null }>(
        `SELECT t.name, t.status, t.event->>'organisationId' AS org, t.due_at AS due, t.fired_at AS fired
           FROM workflow_timers t JOIN hearings h ON h.instance_id = t.instance_id
          WHERE h.id = $1 AND t.name LIKE 'reminder-%'`,
        [hearingId],
      )
    ).rows;
    const of = (name: string) => timers.filter((t) => t.org === orgs.id[name]);
    expect(
      of('Hitra kommune')
        .map((t) => [t.name, t.status, t.due.getTime()])
        .sort(),
    ).toEqual(
      [
        ['reminder-PT12S', 'fired', new Date(deadline).getTime() - 12 * S],
        ['reminder-PT45S', 'fired', new Date(deadline).getTime() - 45 * S],
      ].sort(),
    );
    for (const t of of('Hitra kommune')) expect(t.fired!.getTime()).toBeGreaterThanOrEqual(t.due.getTime());
    expect(of('Trondheim kommune').map((t) => t.status)).toEqual(['cancelled', 'cancelled']);
    const froyaTimers = of('Frøya kommune').map((t) => [t.status, t.due.getTime()]);
    expect(froyaTimers.filter(([s]) => s === 'fired').map(([, due]) => due)).toEqual(
      expect.arrayContaining([new Date(extended).getTime() - 45 * S, new Date(extended).getTime() - 12 * S]),
    );
    expect(froyaTimers.filter(([s]) => s === 'cancelled')).toHaveLength(2);
    // One reminder e-mail per recipient and offset: the idempotency keys say so too.
    const { rows: dupes } = await api.pg.query(
      `SELECT recipient, subject, count(*) FROM outbox_messages WHERE subject LIKE 'Påminnelse%'
        GROUP BY recipient, idempotency_key, subject HAVING count(*) > 1`,
    );
    expect(dupes).toEqual([]);
    const owner = await mailsTo(people.secretariat.email);
    expect(owner.some((m) => m.subject === 'Høringsfristen er ute: Ny fagrådsstruktur')).toBe(true);

    // The sammendrag: every answer, every joint signatory, every non-responder, the late one marked.
    await api.http().post(`/hearings/${hearingId}/summary/start`).set(secretariat).expect(200);
    await api
      .http()
      .put(`/hearings/${hearingId}/summary/texts/psykisk-helse`)
      .set(secretariat)
      .send({ text: 'Sju kommuner ønsker eget fagråd for psykisk helse og rus.' })
      .expect(200);
    const summary = (await api.http().get(`/hearings/${hearingId}/summary`).set(secretariat).expect(200)).body;
    expect(summary.counts).toEqual({
      recipients: 24,
      answered: 9,
      notAnswered: 15,
      answers: 3,
      jointAnswers: 1,
      late: 1,
      withheld: 0,
    });
    const jointSummary = summary.answers.find((a: { id: string }) => a.id === joint.body.id);
    expect(jointSummary.signatories.map((s: { name: string }) => s.name)).toEqual([
      'Trondheim kommune',
      ...JOINT.slice(1).sort((a, b) => a.localeCompare(b, 'nb')),
    ]);
    expect(summary.notAnswered.map((r: { name: string }) => r.name).sort()).toEqual(
      [...orgs.kommuner, USER_ORGANISATION].filter((n) => !JOINT.includes(n) && n !== 'Orkland kommune').sort(),
    );
    const psykisk = summary.questions.find((q: { id: string }) => q.id === 'psykisk-helse');
    expect(psykisk).toMatchObject({ summary: expect.stringContaining('Sju kommuner'), answers: [{ late: false }] });
    const markdown = (await api.http().get(`/hearings/${hearingId}/summary.md`).set(secretariat).expect(200)).text;
    expect(markdown).toContain(
      `Trondheim kommune (sammen med ${JOINT.slice(1)
        .sort((a, b) => a.localeCompare(b, 'nb'))
        .join(', ')})`,
    );
    expect(markdown).toContain('Orkland kommune**, mottatt');
    expect(markdown).toMatch(/Orkland kommune\*\*, mottatt .* \(for sent mottatt\)/);
    expect(markdown).toContain('## Ikke svart');
    expect(markdown).toContain('- Frøya kommune');
    const csv = await api.http().get(`/hearings/${hearingId}/summary.csv`).set(secretariat).expect(200);
    expect(csv.text).toContain(';;Frøya kommune;;;;;;Ikke svart');
    const pdf = await api.http().get(`/hearings/${hearingId}/summary.pdf`).set(secretariat).buffer(true).expect(200);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const facts = await inspectPdf(pdf.body as Buffer);
    expectArchivable(facts, /^Sammendrag av høringssvar: /);
    expectInOrder(facts.tagged, [
      'Sammendrag av høringssvar',
      'Høringssvar',
      'Orkland kommune',
      'Ikke svart',
      'Frøya kommune',
    ]);

    // Published: the hearing and its answers are readable without login.
    const published = (await api.http().get(`/public/hearings/${hearingId}`).expect(200)).body;
    expect(published).toMatchObject({ answersPublished: true, state: 'summary' });
    expect(published.answers).toHaveLength(3);

    // Presented: a case on ASU's agenda, with the sammendrag as vedlegg.
    const meeting = await api
      .http()
      .post('/committees/ASU/meetings')
      .set(secretariat)
      .send({ startsAt: '2030-08-30T09:00:00+02:00', endsAt: '2030-08-30T12:00:00+02:00', place: 'Teams' })
      .expect(201);
    const presented = await api
      .http()
      .post(`/hearings/${hearingId}/present`)
      .set(secretariat)
      .send({ meetingId: meeting.body.id })
      .expect(200);
    expect(presented.body).toMatchObject({ state: 'presented', case: { ref: expect.stringMatching(/^\d\d\/\d\d$/) } });
    const agenda = (await api.http().get(`/meetings/${meeting.body.id}`).set(secretariat).expect(200)).body;
    const line = agenda.agenda.find((l: { caseId: string | null }) => l.caseId === presented.body.case.id);
    expect(line).toMatchObject({
      caseRef: presented.body.case.ref,
      title: 'Høring: Ny fagrådsstruktur – sammendrag av høringssvar',
    });
    expect(line.details).toContain('Sammendrag av høringssvarene (9 av 24 høringsinstanser har svart)');
    // No more answers once presented.
    const after = await api
      .http()
      .post('/respond/answer')
      .set(asRecipient(await tokenFor(api, orgs.email['Hitra kommune'])))
      .send({ text: 'For sent.' });
    expect(after.status).toBe(409);
  });
});
