import { WorkflowEngine } from '@samflyt/engine';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApi, type ApiHarness } from '../support/api';
import { killAllWorkers, startWorker, workerEnvOf } from '../support/worker-process';
import { CALL_TEXT_3024, call3024, insertGrantsWorld, uniform, type GrantsWorld } from '../grants/support';
import { checkView, devLogin, launchBrowser, logout, norwegianPage, startWebServer, type WebServer } from './support';
import { pollUntil } from '../support/wait';
import { fireTimers } from '../support/clock';

jest.setTimeout(180_000);

const iso = (ms: number) => new Date(Date.now() + ms).toISOString();
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * The grant views in Debian's chromium over a real API, database and worker: the public call, an applicant who
 * meets a field error, uploads an attachment and submits, a draft refused after the closing time, an AU member who
 * declares inhabilitet on one application and scores another, the ranking with an adjustment and its reason, and
 * the secretariat's set-up, approval, formal check and deadlines. axe-core checks every view.
 */
describe('grants in the web application (browser)', () => {
  let api: ApiHarness;
  let web: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let w: GrantsWorld;
  const tag = randomBytes(3).toString('hex');
  const pageErrors: string[] = [];
  let openRound: string;
  let reviewRound: string;
  let reviewApps: string[];
  let lateDraft: string;
  let submittedId: string;
  const openTitle = `Rekrutterings- og samhandlingstilskudd 2025 ${tag}`;
  const reviewTitle = `Samhandlingsmidler vår ${tag}`;

  const http = () => api.http();
  const sek = () => auth(w.secretariatToken);
  const call = async (method: 'post' | 'get' | 'patch', path: string, token: string, body?: object, status = 200) => {
    const res = await http()[method](path).set(auth(token)).send(body);
    if (res.status !== status) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    return res.body;
  };
  const settings = (title: string, closesIn: number) =>
    call3024(closesIn, {
      title,
      callText: `${CALL_TEXT_3024}\n\n- Rekruttering\n- Samhandling`,
      scoringDeadline: iso(closesIn + 7 * 86_400_000),
      reporting: [{ key: 'sluttrapport', title: 'Sluttrapport', due: 'P12M' }],
    });
  const round = async (id: string) => (await http().get(`/grant-rounds/${id}`).set(sek())).body;

  beforeAll(async () => {
    api = await startApi('web-grants');
    w = await insertGrantsWorld(api.pg, tag);
    await startWorker(workerEnvOf(api.env));
    const base = await api.app.getUrl();
    [web, browser] = await Promise.all([startWebServer(base.replace('[::1]', '127.0.0.1')), launchBrowser()]);

    // An open call, and a call with two applications for AU to score that closes in 12 seconds: time for the set-up
    // below (half a second) and the two tests before the one that waits for it.
    openRound = (await call('post', '/grant-rounds', w.secretariatToken, settings(openTitle, 2 * 86_400_000), 201)).id;
    reviewRound = (await call('post', '/grant-rounds', w.secretariatToken, settings(reviewTitle, 12_000), 201)).id;
    for (const id of [openRound, reviewRound]) {
      await call('post', `/grant-rounds/${id}/approve`, w.secretariatToken, { reference: 'ASU sak 30/24' });
    }
    // opensAt has passed: the worker opens both at once.
    for (const id of [openRound, reviewRound])
      await pollUntil(
        'round open',
        () => round(id),
        (r) => r.state === 'open',
        { timeoutMs: 30_000 },
      );
    reviewApps = [];
    for (const [i, a] of w.applicants.slice(0, 2).entries()) {
      const app = await call(
        'post',
        `/grant-rounds/${reviewRound}/applications`,
        a.token,
        {
          title: `Prosjekt ${a.org}`,
          requestedAmount: [900_000, 700_000][i],
          answers: { beskrivelse: 'Tverrfaglig team', kommuner: 3, tema: 'Samhandling' },
        },
        201,
      );
      await call('post', `/grant-applications/${app.id}/submit`, a.token);
      await call('post', `/grant-applications/${app.id}/formal-check`, w.secretariatToken, { outcome: 'complete' });
      reviewApps.push(app.id);
    }
    // Skaun starts one it never sends.
    lateDraft = (
      await call(
        'post',
        `/grant-rounds/${reviewRound}/applications`,
        w.applicants[6].token,
        { title: 'Skaun sin søknad', requestedAmount: 400_000 },
        201,
      )
    ).id;

    ({ context, page } = await norwegianPage(browser, pageErrors));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await web?.stop();
    await killAllWorkers();
    await api?.close();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  it('shows the open call on the front page and its call page without login', async () => {
    await page.goto(web.url);
    await page.getByTestId('open-calls').getByRole('link', { name: openTitle }).click();
    await page.getByRole('heading', { level: 1, name: openTitle }).waitFor();
    const text = (await page.locator('main').innerText()).replace(/\s/g, ' ');
    expect(text).toContain('Forventet gevinst');
    expect(text).toContain('kr 3 000 000');
    expect(text).toMatch(/Søknadsfrist\s+\d{1,2}\. \w+ \d{4} kl\. \d{2}\.\d{2}/);
    expect(text).toContain('Logg inn');
    await checkView(page, 'tilskudd-01-utlysning');
    await page.goto(web.url);
    await page.getByTestId('open-calls').waitFor();
    await checkView(page, 'tilskudd-00-forside-utlysninger');
  });

  it('lets an applicant start, correct, attach and submit an application, and follow it', async () => {
    const a = w.applicants[0];
    await devLogin(page, web.url, a.email);
    await page.goto(`${web.url}/utlysninger/${openRound}`);
    await page.getByLabel('Prosjekttittel *').fill('Felles rekrutteringsteam for sykepleiere');
    await page.getByLabel('Beløp du søker om (kroner) *').fill('800000');
    await page.getByRole('button', { name: 'Start søknad' }).click();
    await page.getByRole('heading', { name: 'Søknadsskjema', exact: true }).waitFor();
    submittedId = page.url().split('/').pop()!;

    // The required choice is left out: the field says so before anything is sent.
    await page.getByLabel('Prosjektbeskrivelse *').fill('Et tverrfaglig team rekrutterer sammen i seks kommuner.');
    await page.getByLabel('Antall kommuner med *').fill('30');
    await page.getByRole('button', { name: 'Send inn søknaden' }).click();
    await page.getByText('Tema må fylles ut').waitFor();
    await page.getByText('Antall kommuner med kan være høyst 22').waitFor();
    await checkView(page, 'tilskudd-02-soknad-med-feil');

    // The attachment: a Norwegian button (not Chromium's «Choose File»), the input still named by its label.
    const picker = page.locator('.file-picker').first();
    expect(await picker.innerText()).toContain('Velg fil');
    expect(await picker.innerText()).not.toContain('Choose');
    expect(await page.getByLabel('Budsjett (valgfritt)', { exact: true }).getAttribute('id')).toBe('felt-budsjett');
    // A text file is refused by the field, a PDF is stored.
    await page.setInputFiles('#felt-budsjett', {
      name: 'budsjett.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('hei'),
    });
    await page.getByText('Budsjett: filtypen er ikke tillatt').waitFor();
    await page.setInputFiles('#felt-budsjett', {
      name: 'budsjett.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 budsjett'),
    });
    await page.getByTestId('vedlegg-budsjett').getByRole('link', { name: 'budsjett.pdf' }).waitFor();
    await page.getByLabel('Antall kommuner med *').fill('6');
    await page.getByRole('radio', { name: 'Rekruttering' }).check();
    await page.getByRole('button', { name: 'Send inn søknaden' }).click();
    await page.getByTestId('submitted').waitFor();
    const stored = await api.pg.query(`SELECT state, answers FROM grant_applications WHERE id = $1`, [submittedId]);
    expect(stored.rows[0].state).toBe('submitted');
    expect(stored.rows[0].answers.budsjett.filename).toBe('budsjett.pdf');
    await page.getByTestId('timeline').getByText('Søknaden sendt inn').waitFor();
    // The dev login by e-mail carries the register's name: the søknad and its history name the person, not the address.
    const shown = await page.locator('main').innerText();
    expect(shown).toContain(`${a.name}, ${a.org}`);
    expect(await page.getByTestId('timeline').innerText()).toContain(`av ${a.name}`);
    expect(shown).not.toContain(a.email);
    // The history is the applicant's: another applicant gets a 404, the secretariat reads it.
    expect(
      (await http().get(`/grant-applications/${submittedId}/history`).set(auth(w.applicants[1].token))).status,
    ).toBe(404);
    expect((await http().get(`/grant-applications/${submittedId}/history`).set(sek())).status).toBe(200);
    await checkView(page, 'tilskudd-03-soknad-sendt');

    await page.getByRole('link', { name: 'Mine søknader' }).click();
    await page.getByRole('link', { name: 'Felles rekrutteringsteam for sykepleiere' }).waitFor();
    expect(await page.locator('main').innerText()).toContain('sendt inn');
    await checkView(page, 'tilskudd-04-mine-soknader');
    // Not for applicants: the AU member's queue.
    await page.goto(`${web.url}/vurdering`);
    await page.getByTestId('not-allowed').waitFor();
    await logout(page);
  });

  it('refuses a draft after the closing time, naming the time in Norwegian', async () => {
    await pollUntil(
      'review round closed',
      () => round(reviewRound),
      (r) => r.state === 'closed',
      { timeoutMs: 60_000 },
    );
    // The API itself: 409 naming the closing time.
    const late = await http().post(`/grant-applications/${lateDraft}/submit`).set(auth(w.applicants[6].token));
    expect(late.status).toBe(409);
    await devLogin(page, web.url, w.applicants[6].email);
    await page.goto(`${web.url}/soknader/${lateDraft}`);
    const closes = (await round(reviewRound)).settings.closesAt as string;
    const text = await page.getByTestId('too-late').innerText();
    expect(text).toMatch(/søknadsfristen \d{1,2}\. \w+ \d{4} kl\. \d{2}\.\d{2}/);
    const oslo = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Oslo',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(closes));
    expect(text).toContain(`kl. ${oslo.replace(':', '.')}`);
    expect(await page.getByRole('button', { name: 'Send inn søknaden' }).count()).toBe(0);
    await checkView(page, 'tilskudd-05-soknad-etter-frist');
    await logout(page);
  });

  it('lets an AU member declare inhabilitet on one application and score another', async () => {
    await call('post', `/grant-rounds/${reviewRound}/review`, w.secretariatToken);
    await devLogin(page, web.url, w.au.email('Kari Leder'));
    await page.getByRole('link', { name: 'Min vurderingskø' }).click();
    await page.getByRole('link', { name: reviewTitle }).waitFor();
    expect(await page.getByTestId('missing-count').innerText()).toBe('2 søknader');
    await checkView(page, 'tilskudd-06-vurderingsko');

    await page.getByRole('link', { name: reviewTitle }).click();
    const first = page.getByTestId('review-item').filter({ hasText: `Prosjekt ${w.applicants[0].org}` });
    const second = page.getByTestId('review-item').filter({ hasText: `Prosjekt ${w.applicants[1].org}` });
    await first.getByRole('button', { name: 'Meld inhabilitet' }).click();
    await first.getByRole('button', { name: 'Meld meg inhabil' }).click();
    await first.getByText('Velg grunnlaget for inhabiliteten').waitFor();
    await first.getByLabel('Grunnlag *').selectOption({ index: 2 });
    await first.getByLabel('Utdyping (valgfritt)').fill('Styremedlem i Trondheim kommunes helseforetak');
    await first.getByRole('button', { name: 'Meld meg inhabil' }).click();
    await first.getByTestId('recused').waitFor();
    expect(await first.getByRole('button', { name: 'Vurder søknaden' }).count()).toBe(0);

    await second.getByRole('button', { name: 'Vurder søknaden' }).click();
    await second.getByRole('button', { name: 'Lagre vurderingen' }).click();
    await second.getByText('Skriv en kort begrunnelse').waitFor();
    await second.getByLabel('Forventet gevinst (1–5) *').selectOption('4');
    await second.getByLabel('Forankring (1–5) *').selectOption('5');
    await second.getByLabel('Brukermedvirkning (1–5) *').selectOption('3');
    await second.getByLabel('Begrunnelse *').fill('Godt forankret, tydelig gevinst.');
    await second.getByRole('button', { name: 'Lagre vurderingen' }).click();
    await second.getByText('Vurdert', { exact: true }).waitFor();
    expect(await page.getByTestId('my-missing').innerText()).toBe('0');
    await checkView(page, 'tilskudd-07-vurdering');

    const review = (await http().get(`/grant-rounds/${reviewRound}/review`).set(sek())).body;
    const kari = w.au.people['Kari Leder'];
    expect(review.recusals.map((r: { personId: string }) => r.personId)).toEqual([kari]);
    expect(review.missing.find((m: { personId: string }) => m.personId === kari).missing).toEqual([]);
  });

  it('shows the ranking with spread and lets AU adjust the innstilling with a reason', async () => {
    // The other five score; one disagrees strongly on the first application.
    for (const [i, name] of ['Per Sykehus', 'Anne Kommune', 'Bjørn Bruker', 'Siri Sykehus', 'Nils Kommune'].entries()) {
      const token = w.token(w.au, name);
      await call(
        'post',
        `/grant-rounds/${reviewRound}/scores`,
        token,
        { applicationId: reviewApps[0], scores: uniform(i === 0 ? 1 : 5), comment: 'Vurdert' },
        201,
      );
      await call(
        'post',
        `/grant-rounds/${reviewRound}/scores`,
        token,
        { applicationId: reviewApps[1], scores: uniform(4), comment: 'Vurdert' },
        201,
      );
    }
    await call('post', `/grant-rounds/${reviewRound}/close-scoring`, w.secretariatToken);
    await pollUntil(
      'recommendation',
      () => round(reviewRound),
      (r) => r.state === 'recommendation',
      { timeoutMs: 30_000 },
    );

    await page.goto(`${web.url}/vurdering/${reviewRound}/innstilling`);
    await page.getByTestId('ranking-row').first().waitFor();
    expect(await page.getByTestId('ranking-row').count()).toBe(2);
    expect(await page.getByTestId('disagreement').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'PDF' }).getAttribute('href')).toBe(
      `/api/grant-rounds/${reviewRound}/innstilling.pdf`,
    );
    const pdf = await page.request.get(`${web.url}/api/grant-rounds/${reviewRound}/innstilling.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');

    await page.getByRole('button', { name: 'Lagre endringen' }).click();
    await page.getByText('Velg søknaden').first().waitFor();
    await page.getByLabel('Søknad *').selectOption({ label: `2. Prosjekt ${w.applicants[1].org}` });
    await page.getByLabel('Nytt beløp (kroner) *').fill('500000');
    await page.getByLabel('Begrunnelse *').fill('AU vil styrke brukermedvirkningen og reduserer beløpet.');
    await page.getByRole('button', { name: 'Lagre endringen' }).click();
    await page.getByTestId('adjustment-reason').waitFor();
    const adjustment = await page.getByTestId('adjustment-reason').innerText();
    expect(adjustment).toContain('styrke brukermedvirkningen');
    // Names who changed it, not an object.
    expect(adjustment).toMatch(/\([\p{L} .-]+\)$/u);
    await checkView(page, 'tilskudd-08-innstilling');
    await logout(page);
  });

  it('lets an applicant answer the secretariat’s request for more information', async () => {
    const a = w.applicants[2];
    const app = await call(
      'post',
      `/grant-rounds/${openRound}/applications`,
      a.token,
      {
        title: 'Felles legevakt',
        requestedAmount: 600_000,
        answers: { beskrivelse: 'Legevakt for fire kommuner', kommuner: 4, tema: 'Samhandling' },
      },
      201,
    );
    await call('post', `/grant-applications/${app.id}/submit`, a.token);
    const deadline = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(
      new Date(Date.now() + 7 * 86_400_000),
    );
    await call('post', `/grant-applications/${app.id}/formal-check`, w.secretariatToken, {
      outcome: 'info-requested',
      message: 'Legg ved budsjettet for legevakten.',
      deadline,
    });
    await devLogin(page, web.url, a.email);
    await page.goto(`${web.url}/soknader/${app.id}`);
    await page.getByText('Legg ved budsjettet for legevakten.').waitFor();
    await page.getByRole('button', { name: 'Send svar' }).click();
    await page.getByText('Svaret må fylles ut').waitFor();
    await checkView(page, 'tilskudd-14-mer-informasjon');
    await page.getByLabel('Ditt svar til sekretariatet *').fill('Budsjettet er sendt på e-post til sekretariatet.');
    await page.getByRole('button', { name: 'Send svar' }).click();
    await page.getByText('Budsjettet er sendt på e-post til sekretariatet.').waitFor();
    await page.getByRole('button', { name: 'Send svar' }).waitFor({ state: 'detached' });
    const stored = await api.pg.query(`SELECT state FROM grant_applications WHERE id = $1`, [app.id]);
    expect(stored.rows[0].state).toBe('submitted');
    await logout(page);
  });

  it('shows the applicant the tilskuddsbrev and takes the report the grant asks for', async () => {
    await call('post', `/grant-rounds/${reviewRound}/innstilling`, w.secretariatToken, { year: 2025 });
    // A vedtak departing from the innstilling: the first application funded, the second declined.
    await call('post', `/grant-rounds/${reviewRound}/decision`, w.secretariatToken, {
      resolution: `Prosjekt ${w.applicants[0].org} tildeles kr 900 000.`,
      awards: [{ applicationId: reviewApps[0], amount: 900_000 }],
    });
    const a = w.applicants[0];
    await pollUntil(
      'granted with a tilskuddsbrev',
      async () => ({
        state: (await http().get(`/grant-applications/${reviewApps[0]}`).set(auth(a.token))).body.state,
        letters: (await http().get(`/grant-applications/${reviewApps[0]}/letters`).set(auth(a.token))).body,
      }),
      (r) => r.state === 'granted' && r.letters.length > 0,
      { timeoutMs: 30_000 },
    );
    // The klage period passes without a klage (its timer fired now): the funded project owes its report.
    await fireTimers(
      api.pg,
      api.app.get(WorkflowEngine),
      `name = 'appeal-window' AND instance_id = (SELECT instance_id FROM grant_applications WHERE id = $1)`,
      [reviewApps[0]],
    );
    await pollUntil(
      'funded',
      async () => (await http().get(`/grant-applications/${reviewApps[0]}`).set(auth(a.token))).body.state,
      (state) => state === 'funded',
      { timeoutMs: 30_000 },
    );
    await devLogin(page, web.url, a.email);
    await page.goto(`${web.url}/soknader/${reviewApps[0]}`);
    const letters = page.getByTestId('letters');
    await letters.getByText(/^Tilskuddsbrev:/).click();
    await letters.getByText('kr 900 000').first().waitFor();
    expect(await letters.innerText()).toContain('Klageadgang');
    await checkView(page, 'tilskudd-15-tilskuddsbrev');

    await page.getByRole('button', { name: 'Send rapporten' }).click();
    await page.getByText('Rapporten må fylles ut').waitFor();
    await page.getByLabel('Sluttrapport *').fill('Teamet har rekruttert fire sykepleiere.');
    await page.getByRole('button', { name: 'Send rapporten' }).click();
    await page.getByText('Sendt inn, venter på godkjenning.').waitFor();
    await checkView(page, 'tilskudd-16-rapport-sendt');
    const declined = (await http().get(`/grant-applications/${reviewApps[1]}/letters`).set(auth(w.applicants[1].token)))
      .body as { kind: string }[];
    expect(declined.map((l) => l.kind)).toContain('avslag');
    await logout(page);
  });

  it('lets the secretariat set up and approve a round, check an application and see grant deadlines', async () => {
    await devLogin(page, web.url, w.secretariatEmail);
    await page.getByRole('link', { name: 'Tilskudd', exact: true }).click();
    await page.getByRole('link', { name: openTitle }).waitFor();
    await checkView(page, 'tilskudd-09-utlysninger-sekretariat');

    await page.getByRole('link', { name: 'Sett opp en ny utlysning' }).click();
    await page.getByRole('button', { name: 'Lagre utkast til utlysning' }).click();
    await page.getByText('Tittel må fylles ut').waitFor();
    const title = `Kompetansemidler ${tag}`;
    await page.getByLabel('Tittel *').fill(title);
    await page.getByLabel('Utlysningstekst *').fill('Midler til felles kompetansetiltak.');
    await page.getByLabel('Vilkår i tilskuddsbrevet *').fill('Rapport innen ett år.');
    await page.getByLabel('Samlet ramme (kroner) *').fill('1000000');
    await page.getByLabel('Minste beløp per søknad (kroner) *').fill('100000');
    await page.getByLabel('Største beløp per søknad (kroner) *').fill('500000');
    await page.getByLabel('Åpner for søknader *').fill('2030-01-15T09:00');
    await page.getByLabel('Søknadsfrist *').fill('2030-03-01T12:00');
    await page.getByLabel('Frist for AUs vurdering *').fill('2030-03-21T12:00');
    await page.getByLabel('Utvalget som vurderer og innstiller *').selectOption('AU-UTVIDET');
    await page.getByLabel('Felt 1: navn *').fill('Målgruppe');
    await page.getByRole('button', { name: 'Legg til felt' }).click();
    await page.getByLabel('Felt 2: navn *').fill('Tiltak');
    await page.getByLabel('Felt 2: type').selectOption('choice');
    await page.getByLabel('Felt 2: alternativer, ett per linje *').fill('Kurs\nHospitering');
    await page.getByLabel('Kriterium 1: navn *').fill('Nytte');
    await page.getByLabel('Kriterium 1: beskrivelse *').fill('Nytte for tjenestene');
    await checkView(page, 'tilskudd-10-ny-utlysning');
    await page.getByRole('button', { name: 'Lagre utkast til utlysning' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const created = await api.pg.query(`SELECT id, state, settings FROM grant_rounds WHERE title = $1`, [title]);
    expect(created.rows[0].state).toBe('draft');
    expect(created.rows[0].settings.form.map((f: { key: string }) => f.key)).toEqual(['malgruppe', 'tiltak']);
    expect(created.rows[0].settings.opensAt).toMatch(/^2030-01-15T08:00:00/);

    await page.getByLabel('ASUs godkjenning (saksnummer) *').fill('ASU sak 12/25');
    await page.getByRole('button', { name: 'Registrer godkjenning' }).click();
    await page.getByTestId('step-done').waitFor();
    await page.getByText('godkjent, ikke åpnet').first().waitFor();
    await checkView(page, 'tilskudd-11-utlysning-sekretariat');

    // The formal check of the application submitted in the browser.
    await page.goto(`${web.url}/sekretariat/tilskudd/${openRound}`);
    expect(await page.getByRole('link', { name: 'Last ned søknader og poeng (CSV)' }).getAttribute('href')).toBe(
      `/api/grant-rounds/${openRound}/export.csv`,
    );
    await page.getByRole('link', { name: 'Felles rekrutteringsteam for sykepleiere' }).click();
    await page.getByRole('heading', { name: 'Formell kontroll' }).waitFor();
    await page.getByRole('radio', { name: /Be om mer informasjon/ }).check();
    await page.getByRole('button', { name: 'Registrer kontrollen' }).click();
    await page.getByText('Skriv hva som mangler').waitFor();
    await page.getByRole('radio', { name: /Formelt i orden/ }).check();
    await page.getByRole('button', { name: 'Registrer kontrollen' }).click();
    await page.getByText('formelt godkjent').first().waitFor();
    await checkView(page, 'tilskudd-12-soknad-sekretariat');

    // The deadlines dashboard lists the open round's closing time.
    await page.goto(`${web.url}/sekretariat?kind=grant-round`);
    await page.getByText(openTitle).first().waitFor();
    expect(await page.locator('main').innerText()).toContain('Tilskuddsutlysning');
    await checkView(page, 'tilskudd-13-frister');
  });
});
