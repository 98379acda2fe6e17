import { createHash, randomBytes } from 'node:crypto';
import { expectProblem, startApi, type ApiHarness } from '../support/api';
import { killAllWorkers, startWorker, workerEnvOf } from '../support/worker-process';
import { call3024, insertGrantsWorld, scorerNames, uniform, type GrantsWorld } from './support';
import { mailsTo } from '../support/mail';
import { expectArchivable, expectInOrder, inspectPdf } from '../support/pdf';
import { pollUntil } from '../support/wait';

jest.setTimeout(240_000);

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const iso = (ms: number) => new Date(Date.now() + ms).toISOString();

/**
 * Sak 30/24 end to end through the HTTP API and a real worker: six applications from five kommuner
 * and the hospital, six scorers of whom one is inhabil for one application and one never scores,
 * the deadline closing scoring, ranking and allocation against the hand-computed table, ASU's vote,
 * letters at the SMTP peer, one klage, and a funded project reminded of a report and escalated.
 */
describe('a grant round from call to follow-up', () => {
  let api: ApiHarness;
  let w: GrantsWorld;
  const tag = randomBytes(3).toString('hex');

  beforeAll(async () => {
    api = await startApi('grants');
    w = await insertGrantsWorld(api.pg, tag);
    await startWorker(workerEnvOf(api.env));
  });
  afterAll(async () => {
    await killAllWorkers();
    await api?.close();
  });

  const http = () => api.http();
  const sek = () => auth(w.secretariatToken);
  const round = async (id: string) => (await http().get(`/grant-rounds/${id}`).set(sek())).body;
  const waitRound = (id: string, state: string, timeoutMs = 40_000) =>
    pollUntil(
      `round ${state}`,
      () => round(id),
      (r) => r.state === state,
      { timeoutMs },
    );
  const application = async (id: string) => (await http().get(`/grant-applications/${id}`).set(sek())).body;
  const waitApp = (id: string, state: string, timeoutMs = 40_000) =>
    pollUntil(
      `application ${state}`,
      () => application(id),
      (a) => a.state === state,
      { timeoutMs },
    );
  const subjects = async (email: string) => (await mailsTo(email)).map((m) => m.subject);

  it('runs sak 30/24', async () => {
    // --- set-up: the call -------------------------------------------------------------------
    const closesIn = 20_000;
    const settings = call3024(closesIn, {
      title: `Rekrutterings- og samhandlingstilskudd 2025 ${tag}`,
      scoringDeadline: iso(closesIn + 30_000),
      appealable: true,
      appealPeriod: 'PT10S',
      reporting: [{ key: 'fremdrift', title: 'Fremdriftsrapport', due: 'PT30S' }],
      applicantReminderOffsets: ['PT10S'],
      scorerReminderOffsets: ['PT10S'],
      reportReminderOffsets: ['PT12S'],
    });
    const created = await http().post('/grant-rounds').set(sek()).send(settings);
    expect(created.status).toBe(201);
    const roundId = created.body.id as string;
    // A draft is not public.
    expect((await http().get(`/grant-rounds/${roundId}`)).status).toBe(404);
    expect(
      (await http().post(`/grant-rounds/${roundId}/approve`).set(sek()).send({ reference: 'ASU sak 30/24' })).status,
    ).toBe(200);
    await waitRound(roundId, 'open'); // opensAt has passed: the worker opens it at once
    const published = await http().get(`/grant-rounds/${roundId}`);
    expect(published.status).toBe(200);
    expect(published.body.settings.criteria).toHaveLength(3);
    expect((await http().get('/grant-rounds')).body.items.map((r: { id: string }) => r.id)).toContain(roundId);

    // --- applications -----------------------------------------------------------------------
    const requested = [1_500_000, 1_000_000, 900_000, 400_000, 600_000, 300_000, 500_000];
    const apps: string[] = [];
    for (const [i, a] of w.applicants.entries()) {
      const res = await http()
        .post(`/grant-rounds/${roundId}/applications`)
        .set(auth(a.token))
        .send({
          title: `Prosjekt ${a.org}`,
          requestedAmount: requested[i],
          answers: { beskrivelse: 'Tverrfaglig team', kommuner: 3 },
        });
      expect(res.status).toBe(201);
      apps.push(res.body.id);
    }
    // A user organisation is not an applicant.
    expectProblem(
      await http()
        .post(`/grant-rounds/${roundId}/applications`)
        .set(auth(w.outsider.token))
        .send({ title: 'X', requestedAmount: 1 }),
      403,
    );
    // Incomplete: the required choice is missing.
    const incomplete = expectProblem(
      await http().post(`/grant-applications/${apps[0]}/submit`).set(auth(w.applicants[0].token)),
      422,
    );
    expect(incomplete.detail).toContain('answers.tema');
    // A wrong type and an oversized attachment are refused.
    expectProblem(
      await http()
        .patch(`/grant-applications/${apps[0]}`)
        .set(auth(w.applicants[0].token))
        .send({ answers: { tema: 'Noe annet' } }),
      400,
    );
    const badType = await http()
      .put(`/grant-applications/${apps[0]}/attachments/budsjett`)
      .set(auth(w.applicants[0].token))
      .attach('file', Buffer.from('hei'), { filename: 'b.txt', contentType: 'text/plain' });
    expect(expectProblem(badType, 400).errors?.[0].field).toBe('file');
    const big = await http()
      .put(`/grant-applications/${apps[0]}/attachments/budsjett`)
      .set(auth(w.applicants[0].token))
      .attach('file', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3000, 1)]), {
        filename: 'b.pdf',
        contentType: 'application/pdf',
      });
    // Over the field's own cap (2000 bytes): 413 naming the file and that cap.
    expect(expectProblem(big, 413, 'payload-too-large')).toMatchObject({
      limit: 2000,
      errors: [{ field: 'file', message: expect.stringContaining('2000 bytes') }],
    });
    // Over the endpoint's 10 MB: refused while reading, the same way.
    const huge = await http()
      .put(`/grant-applications/${apps[0]}/attachments/budsjett`)
      .set(auth(w.applicants[0].token))
      .attach('file', Buffer.alloc(10 * 1024 * 1024 + 1, 1), { filename: 'b.pdf', contentType: 'application/pdf' });
    expect(expectProblem(huge, 413, 'payload-too-large')).toMatchObject({
      limit: 10 * 1024 * 1024,
      errors: [{ field: 'file', message: expect.stringContaining('10 MB') }],
    });
    const stored0 = await api.pg.query(`SELECT count(*)::int AS n FROM grant_attachments WHERE application_id = $1`, [
      apps[0],
    ]);
    expect(stored0.rows).toEqual([{ n: 0 }]);
    const pdf = await http()
      .put(`/grant-applications/${apps[0]}/attachments/budsjett`)
      .set(auth(w.applicants[0].token))
      .attach('file', Buffer.from('%PDF-1.4 budsjett'), { filename: 'budsjett.pdf', contentType: 'application/pdf' });
    expect(pdf.status).toBe(200);
    const attachmentId = pdf.body.answers.budsjett.attachmentId as string;
    const stored = await api.pg.query(`SELECT size, content_type FROM grant_attachments WHERE id = $1`, [attachmentId]);
    expect(stored.rows).toEqual([{ size: 17, content_type: 'application/pdf' }]);

    // Six submit; Skaun keeps a draft.
    for (let i = 0; i < 6; i++) {
      const a = w.applicants[i];
      expect(
        (
          await http()
            .patch(`/grant-applications/${apps[i]}`)
            .set(auth(a.token))
            .send({ answers: { tema: i % 2 ? 'Samhandling' : 'Rekruttering' } })
        ).status,
      ).toBe(200);
      const sent = await http().post(`/grant-applications/${apps[i]}/submit`).set(auth(a.token));
      expect(sent.status).toBe(200);
      expect(sent.body.state).toBe('submitted');
    }
    // An applicant does not read another's application; the list has only their own.
    expectProblem(await http().get(`/grant-applications/${apps[1]}`).set(auth(w.applicants[0].token)), 404);
    const own = await http().get('/grant-applications').set(auth(w.applicants[0].token));
    expect(own.body.items.map((a: { id: string }) => a.id)).toEqual([apps[0]]);
    expect(
      (await http().get(`/grant-applications/${apps[0]}/attachments/${attachmentId}`).set(auth(w.applicants[1].token)))
        .status,
    ).toBe(404);

    for (const id of apps.slice(0, 6)) {
      expect(
        (await http().post(`/grant-applications/${id}/formal-check`).set(sek()).send({ outcome: 'complete' })).status,
      ).toBe(200);
    }

    // --- closing ----------------------------------------------------------------------------
    await waitRound(roundId, 'closed');
    const late = expectProblem(
      await http().post(`/grant-applications/${apps[6]}/submit`).set(auth(w.applicants[6].token)),
      409,
    );
    expect(late.detail).toContain(settings.closesAt.slice(0, 16));
    expect((await waitApp(apps[6], 'notSubmitted')).state).toBe('notSubmitted');
    // The draft reminder went only to Skaun; every submitter got a receipt.
    expect((await subjects(w.applicants[6].email)).filter((s) => s.startsWith('Påminnelse'))).toHaveLength(1);
    for (const a of w.applicants.slice(0, 6)) {
      const s = await subjects(a.email);
      expect(s.filter((x) => x.startsWith('Påminnelse'))).toHaveLength(0);
      expect(s.filter((x) => x.startsWith('Kvittering'))).toHaveLength(1);
    }

    // --- scoring ----------------------------------------------------------------------------
    expect((await http().post(`/grant-rounds/${roundId}/review`).set(sek())).status).toBe(200);
    await pollUntil(
      'applications under review',
      () => Promise.all(apps.slice(0, 6).map(application)),
      (all) => all.every((a) => a.state === 'underReview'),
    );
    // Scores per application and scorer (uniform sheets: s → 100·(s−1)/4); scorer 5 is inhabil for app 3, scorer 6 never scores.
    const table = [
      [5, 5, 5, 4, 5], // Trondheim: 100,100,100,75,100 → 95, spread 25
      [4, 4, 4, 4, 4], // St. Olavs: 75
      [4, 4, 3, 3, null], // Malvik: 75,75,50,50 → 62.5 (Siri inhabil)
      [3, 3, 3, 3, 3], // Melhus: 50
      [2, 2, 2, 2, 3], // Røros: 25,25,25,25,50 → 30
      [3, 3, 4, 3, 3], // Oppdal: 50,50,75,50,50 → 55
    ];
    const inhabil = scorerNames[4];
    const recusal = await http()
      .post(`/grant-rounds/${roundId}/recusals`)
      .set(auth(w.token(w.au, inhabil)))
      .send({ applicationId: apps[2], reason: 'Gift med prosjektlederen i Malvik' });
    expect(recusal.status).toBe(201);
    const before = await api.fingerprint();
    const blocked = expectProblem(
      await http()
        .post(`/grant-rounds/${roundId}/scores`)
        .set(auth(w.token(w.au, inhabil)))
        .send({ applicationId: apps[2], scores: uniform(5), comment: 'x' }),
      403,
    );
    expect(blocked.detail).toContain('inhabil');
    // An ASU member is not a scorer of this round.
    expectProblem(
      await http()
        .post(`/grant-rounds/${roundId}/scores`)
        .set(auth(w.token(w.asu, 'Ingjerd Astad')))
        .send({ applicationId: apps[0], scores: uniform(5), comment: 'x' }),
      403,
    );
    // A score off the scale.
    expectProblem(
      await http()
        .post(`/grant-rounds/${roundId}/scores`)
        .set(auth(w.token(w.au, scorerNames[0])))
        .send({ applicationId: apps[0], scores: uniform(6), comment: 'x' }),
      400,
    );
    expect(await api.fingerprint()).toEqual(before);
    for (const [i, row] of table.entries()) {
      for (const [s, score] of row.entries()) {
        if (score === null) continue;
        const res = await http()
          .post(`/grant-rounds/${roundId}/scores`)
          .set(auth(w.token(w.au, scorerNames[s])))
          .send({ applicationId: apps[i], scores: uniform(score), comment: `Vurdering ${score}` });
        expect(res.status).toBe(201);
      }
    }
    const status = (
      await http()
        .get(`/grant-rounds/${roundId}/review`)
        .set(auth(w.token(w.au, scorerNames[0])))
    ).body;
    expect(
      status.missing.filter((m: { missing: string[] }) => m.missing.length > 0).map((m: { name: string }) => m.name),
    ).toEqual([scorerNames[5]]);

    // The deadline closes scoring with the scores there are.
    await api.advanceTimers(settings.scoringDeadline);
    await waitRound(roundId, 'recommendation', 60_000);
    for (const [s, name] of scorerNames.entries()) {
      const reminders = (await subjects(w.au.email(name))).filter((x) => x.startsWith('Påminnelse: vurdering'));
      expect({ name, reminders: reminders.length }).toEqual({ name, reminders: s === 5 ? 1 : 0 });
    }
    const review = (await http().get(`/grant-rounds/${roundId}/review`).set(sek())).body;
    expect(review.nonScorers.map((n: { name: string }) => n.name)).toEqual([scorerNames[5]]);
    const org = (id: string) => w.applicants[apps.indexOf(id)].org;
    expect(
      review.innstilling.map((l: any) => [
        l.rank,
        org(l.applicationId),
        l.score,
        l.spread,
        l.disagreement,
        l.amount,
        l.reason,
      ]),
    ).toEqual([
      [1, 'Trondheim kommune', 95, 25, true, 1_200_000, 'funded'],
      [2, 'St. Olavs hospital HF', 75, 0, false, 1_000_000, 'funded'],
      [3, 'Malvik kommune', 62.5, 25, true, 800_000, 'trimmed'],
      [4, 'Oppdal kommune', 55, 25, true, 0, 'no-room'],
      [5, 'Melhus kommune', 50, 0, false, 0, 'no-room'],
      [6, 'Røros kommune', 30, 25, true, 0, 'no-room'],
    ]);
    const md = await http().get(`/grant-rounds/${roundId}/innstilling.md`).set(sek());
    expect(md.text).toContain(`${inhabil} var inhabil i «Prosjekt Malvik kommune»`);
    expect(md.text).toContain(`${scorerNames[5]} – vurderte ikke 6 søknad(er)`);
    const pdfDoc = await http().get(`/grant-rounds/${roundId}/innstilling.pdf`).set(sek()).buffer(true);
    expect(pdfDoc.headers['content-type']).toContain('application/pdf');
    const facts = await inspectPdf(pdfDoc.body as Buffer);
    expectArchivable(facts, /^Innstilling: /);
    expectInOrder(facts.tagged, [
      'Rangering og foreslått fordeling',
      'Trondheim kommune',
      'St. Olavs hospital HF',
      'Malvik kommune',
      `${inhabil} var inhabil i «Prosjekt Malvik kommune»`,
    ]);
    expectProblem(await http().get(`/grant-rounds/${roundId}/innstilling.md`).set(auth(w.applicants[0].token)), 403);

    // --- decision: a case on ASU's agenda, a written vote ------------------------------------
    const submitted = await http().post(`/grant-rounds/${roundId}/innstilling`).set(sek()).send({ year: 2025 });
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe('decision');
    const caseId = submitted.body.decisionCaseId as string;
    const meeting = await http()
      .post('/committees/ASU/meetings')
      .set(sek())
      .send({ startsAt: iso(86_400_000), endsAt: iso(90_000_000), place: 'Teams' });
    expect(meeting.status).toBe(201);
    expect(
      (await http().post(`/cases/${caseId}/schedule`).set(sek()).send({ meetingId: meeting.body.id })).status,
    ).toBeLessThan(300);
    const voteDeadline = iso(8_000);
    const vote = await http()
      .post(`/cases/${caseId}/votes`)
      .set(sek())
      .send({ mode: 'written', deadline: voteDeadline, reminderOffsets: [] });
    expect(vote.status).toBe(201);
    // An AU member who is not in ASU does not vote.
    expectProblem(
      await http()
        .post(`/votes/${vote.body.id}/ballots`)
        .set(auth(w.token(w.au, scorerNames[0])))
        .send({ choice: 'for' }),
      403,
    );
    for (const v of vote.body.eligible as { personId: string; name: string }[]) {
      const res = await http()
        .post(`/votes/${vote.body.id}/ballots`)
        .set(auth(w.token(w.asu, v.name)))
        .send({ choice: 'for' });
      expect(res.status).toBe(201);
    }
    await api.advanceTimers(voteDeadline);
    await pollUntil(
      'the vote closed',
      async () => (await http().get(`/votes/${vote.body.id}`).set(sek())).body.state,
      (s) => s === 'closed',
    );
    expect((await http().post(`/votes/${vote.body.id}/decide-case`).set(sek()).send({})).status).toBe(200);
    await waitRound(roundId, 'awarded');

    // --- letters ------------------------------------------------------------------------------
    await pollUntil(
      'decisions',
      () => Promise.all(apps.slice(0, 6).map(application)),
      (all) => all.every((a) => a.decision),
    );
    const oppdal = apps[5];
    const appeal = await http()
      .post(`/grant-applications/${oppdal}/appeal`)
      .set(auth(w.applicants[5].token))
      .send({ text: 'Prosjektet dekker fire kommuner i Fjellregionen og bør prioriteres.' });
    expect(appeal.status).toBe(200);
    expect(appeal.body.state).toBe('appealed');
    const letters = await pollUntil(
      'letters by e-mail',
      () => Promise.all(w.applicants.slice(0, 6).map((a) => subjects(a.email))),
      (all) => all.every((s) => s.some((x) => /^(Tilskuddsbrev|Avslag)/.test(x))),
    );
    expect(letters.map((s) => s.find((x) => /^(Tilskuddsbrev|Avslag)/.test(x))!.split(':')[0])).toEqual([
      'Tilskuddsbrev',
      'Tilskuddsbrev',
      'Tilskuddsbrev',
      'Avslag',
      'Avslag',
      'Avslag',
    ]);
    const grantedLetter = (await http().get(`/grant-applications/${apps[2]}/letters`).set(auth(w.applicants[2].token)))
      .body[0];
    expect(grantedLetter.kind).toBe('tilskuddsbrev');
    expect(grantedLetter.body).toContain('kr 800 000');
    expect(grantedLetter.body).toContain('Klageadgang');
    const declined = (await http().get(`/grant-applications/${apps[4]}/letters`).set(auth(w.applicants[4].token)))
      .body[0];
    expect(declined.kind).toBe('avslag');
    expect(declined.body).toContain('rangert som nr. 6 av 6');

    // --- the letters as documents: attached as PDF/A, kept with their checksum, read by addressee and secretariat ---
    const grantee = w.applicants[2];
    const mail = await pollUntil(
      'the tilskuddsbrev with its PDF',
      async () => (await mailsTo(grantee.email)).find((m) => m.subject.startsWith('Tilskuddsbrev')),
      (m) => m !== undefined,
    );
    expect(mail!.text).toContain('vedlagt følger tilskuddsbrev');
    expect(mail!.attachments).toHaveLength(1);
    const [attached] = mail!.attachments;
    expect(attached.contentType).toBe('application/pdf');
    const granteeApp = await application(apps[2]);
    const listed = await http().get(`/instances/${granteeApp.instanceId}/letters`).set(auth(grantee.token));
    expect(listed.status).toBe(200);
    const document = listed.body.find((l: { kind: string }) => l.kind === 'tilskuddsbrev');
    expect(document).toMatchObject({ checksumSha256: attached.sha256, templateVersion: 0, addressee: grantee.name });
    const [kept] = (
      await api.pg.query<{ checksum_sha256: string; computed: string }>(
        `SELECT checksum_sha256, encode(sha256(bytes), 'hex') AS computed FROM letters WHERE id = $1`,
        [document.id],
      )
    ).rows;
    expect(kept).toEqual({ checksum_sha256: attached.sha256, computed: attached.sha256 });
    // The secretariat's copy carries the very same document.
    const copy = (await mailsTo(w.secretariatEmail)).find((m) => m.subject === mail!.subject);
    expect(copy?.attachments.map((a) => a.sha256)).toEqual([attached.sha256]);
    // No UPDATE path: the database refuses to change a letter.
    await expect(api.pg.query(`UPDATE letters SET subject = 'endret' WHERE id = $1`, [document.id])).rejects.toThrow(
      /never changed/,
    );
    const download = await http()
      .get(`/letters/${document.id}/pdf`)
      .set(auth(grantee.token))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toMatch(/^application\/pdf/);
    expect(
      createHash('sha256')
        .update(download.body as Buffer)
        .digest('hex'),
    ).toBe(attached.sha256);
    const letterFacts = await inspectPdf(download.body as Buffer);
    expectArchivable(letterFacts, document.subject);
    expectInOrder(letterFacts.tagged, [
      'Vår ref.',
      'Deres ref.',
      'Dato',
      'Tilskuddsbrev',
      'kr 800 000',
      'Vilkår',
      'Hjemmel og begrunnelse',
      'forvaltningsloven',
      'Klageadgang',
      '§ 29',
      'Med hilsen',
    ]);
    expect(letterFacts.text).toMatch(/Side 1 av \d/);
    expect((await http().get(`/letters/${document.id}/pdf`).set(sek())).status).toBe(200);
    // Another applicant cannot see the application: 404, as for the application itself.
    expectProblem(await http().get(`/letters/${document.id}/pdf`).set(auth(w.applicants[4].token)), 404);
    // A scorer may read the application, but the letter is the addressee's: 403.
    expectProblem(
      await http()
        .get(`/letters/${document.id}/pdf`)
        .set(auth(w.token(w.au, scorerNames[0]))),
      403,
    );
    expect(
      (
        await http()
          .get(`/instances/${granteeApp.instanceId}/letters`)
          .set(auth(w.token(w.au, scorerNames[0])))
      ).body,
    ).toEqual([]);

    // --- the klage: a new case, decided as proposed -----------------------------------------
    const appealCase = await http().post(`/grant-applications/${oppdal}/appeal/case`).set(sek()).send({
      year: 2025,
      upheld: true,
      amount: 300_000,
      resolution: 'Klagen tas til følge. Oppdal kommune tildeles kr 300 000.',
    });
    expect(appealCase.status).toBe(200);
    const klageCase = appealCase.body.appeal.caseId as string;
    expect(
      (await http().post(`/cases/${klageCase}/schedule`).set(sek()).send({ meetingId: meeting.body.id })).status,
    ).toBeLessThan(300);
    expect((await http().post(`/cases/${klageCase}/decide`).set(sek()).send({})).status).toBeLessThan(300);
    const funded = await waitApp(oppdal, 'funded');
    expect(funded.grantedAmount).toBe(300_000);
    await pollUntil(
      'klagevedtak',
      () => subjects(w.applicants[5].email),
      (s) => s.some((x) => x.startsWith('Vedtak i klagesak')),
    );

    // The appeal period (PT10S) of the others passes.
    await api.advanceTimers(iso(10_000));

    // --- follow-up: reports -----------------------------------------------------------------
    await waitApp(apps[0], 'funded');
    await waitApp(apps[1], 'funded');
    expect(
      (
        await http()
          .put(`/grant-applications/${apps[0]}/reports/fremdrift`)
          .set(auth(w.applicants[0].token))
          .send({ text: 'Teamet er i gang.' })
      ).status,
    ).toBe(200);
    // The reports are due (PT30S): the hospital is reminded, then its missing report escalated.
    await api.advanceTimers(iso(30_000));
    const hospital = w.applicants[1];
    const escalated = await pollUntil(
      'report reminder and escalation',
      () => subjects(hospital.email),
      (s) => s.some((x) => x.startsWith('Rapport ikke levert')),
      { timeoutMs: 60_000 },
    );
    expect(escalated.filter((x) => x.startsWith('Påminnelse: Fremdriftsrapport'))).toHaveLength(1);
    expect((await subjects(w.secretariatEmail)).filter((x) => x.startsWith('Rapport ikke levert'))).toContain(
      `Rapport ikke levert: Fremdriftsrapport for «Prosjekt ${hospital.org}»`,
    );
    // Trondheim reported in time: no escalation.
    expect((await subjects(w.applicants[0].email)).filter((x) => x.startsWith('Rapport ikke levert'))).toHaveLength(0);
    expect((await http().post(`/grant-applications/${apps[0]}/reports/fremdrift/accept`).set(sek())).body.state).toBe(
      'closed',
    );

    // --- export ---------------------------------------------------------------------------------
    const csv = await http().get(`/grant-rounds/${roundId}/export.csv`).set(sek());
    expect(csv.status).toBe(200);
    expect(csv.text.split('\n')[0]).toContain('criterion_gevinst');
    expect(csv.text).toContain('Prosjekt Malvik kommune');
    expectProblem(await http().get(`/grant-rounds/${roundId}/export.csv`).set(auth(w.applicants[0].token)), 403);
  });
});
