import { getDataSourceToken } from '@nestjs/typeorm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { bearer, startApi, type ApiHarness } from '../support/api';
import { importAsu, type Asu } from '../votes/support';
import { checkView, devLogin, launchBrowser, logout, norwegianPage, startWebServer, type WebServer } from './support';

/**
 * The web application in Debian's chromium, over a real API and database: the public page, the development login,
 * an ASU member reading a meeting's sakliste and voting in a written round, the secretariat's dashboard with an
 * overdue assignment, a process history, a refused page and an API problem shown in Norwegian. axe-core checks each
 * view; screenshots go to test-results/screenshots.
 */
describe('web application (browser)', () => {
  let api: ApiHarness;
  let web: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let asu: Asu;
  let ds: DataSource;
  let meetingId: string;
  let agendaCaseTitle: string;
  let voteId: string;
  let overdueId: string;
  const pageErrors: string[] = [];

  const secretariat = () => {
    const p = asu.person('Solveig Cruikshank Tofte');
    return bearer({ sub: p.id, name: p.name, roles: [], email: p.email });
  };
  const post = async (path: string, body: unknown, expected = 201) => {
    const res = await api
      .http()
      .post(path)
      .set(secretariat())
      .send(body as object);
    if (res.status !== expected) throw new Error(`${path}: ${res.status} ${res.text}`);
    return res.body;
  };

  beforeAll(async () => {
    api = await startApi('web-app');
    ds = api.app.get<DataSource>(getDataSourceToken());
    asu = await importAsu(ds);
    const base = await api.app.getUrl();
    [web, browser] = await Promise.all([startWebServer(base.replace('[::1]', '127.0.0.1')), launchBrowser()]);

    // A meeting with a case on its sakliste, and another case in a written round.
    agendaCaseTitle = 'Fagrådsstruktur i helsefellesskapet';
    const onAgenda = await post('/committees/ASU/cases', {
      title: agendaCaseTitle,
      proposedResolution: 'ASU slutter seg til forslaget til fagrådsstruktur.',
    });
    const meeting = await post('/committees/ASU/meetings', {
      startsAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 10 * 86_400_000 + 3 * 3600_000).toISOString(),
      place: 'Trondheim, 1930 M11',
    });
    meetingId = meeting.id;
    await api
      .http()
      .put(`/meetings/${meetingId}/agenda`)
      .set(secretariat())
      .send({ items: [{ kind: 'case', caseId: onAgenda.id, responsible: 'Sekretariatet' }] })
      .expect(200);
    const written = await post('/committees/ASU/cases', {
      title: 'Rekrutterings- og samhandlingstilskudd: kriterier',
      proposedResolution: 'ASU vedtar kriteriene slik AU har foreslått.',
    });
    const vote = await post(`/cases/${written.id}/votes`, {
      mode: 'written',
      deadline: new Date(Date.now() + 5 * 86_400_000).toISOString(),
      reminderOffsets: ['P1D'],
    });
    voteId = vote.id;
    // An assignment whose deadline passed an hour ago and that nobody has delivered.
    const wold = asu.person('Jan Roger Wold');
    const overdue = await post('/workflows/assignment/instances', {
      input: {
        title: 'Utarbeide utlysningstekst og kriterier',
        caseRef: '30/24',
        body: 'Utvidet AU',
        assignee: { id: wold.id, name: wold.name, email: wold.email },
        dueAt: new Date(Date.now() - 3600_000).toISOString(),
        reminderOffsets: ['P1D'],
      },
    });
    overdueId = overdue.id;

    ({ context, page } = await norwegianPage(browser, pageErrors));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await web?.stop();
    await api?.close();
  });

  afterEach(() => {
    // A script error would leave a user with a blank or half-drawn page.
    expect(pageErrors).toEqual([]);
  });

  it('the public front page needs no login, and is accessible', async () => {
    await page.goto(web.url);
    await page.getByRole('heading', { level: 1, name: 'Velkommen til samflyt' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Åpne utlysninger' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Logg inn' }).first().isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('nb');
    await checkView(page, '01-forside');
  });

  it('a page that needs a login or a role says so in Norwegian, never a blank page', async () => {
    await page.goto(`${web.url}/sekretariat`);
    await page.getByTestId('need-login').waitFor();
    expect(await page.getByTestId('need-login').innerText()).toContain('krever innlogging');
    await checkView(page, '02-krever-innlogging');

    await page.goto(`${web.url}/logg-inn`);
    // The demo persons arrive from the API after the page renders: wait for them before counting.
    await page.getByRole('radio').nth(3).waitFor();
    expect(await page.getByRole('radio').count()).toBeGreaterThan(3);
    await checkView(page, '03-logg-inn');

    await devLogin(page, web.url, asu.person('Ingjerd Astad').email);
    await page.goto(`${web.url}/sekretariat`);
    await page.getByTestId('not-allowed').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Ingen tilgang');
    expect(await page.getByTestId('not-allowed').innerText()).toContain('Den er for sekretariatet');
    // The menu offers what she may use and not the secretariat's pages.
    const menu = page.getByRole('navigation', { name: 'Hovedmeny' });
    expect(await menu.getByRole('link', { name: 'Mine avstemninger' }).isVisible()).toBe(true);
    expect(await menu.getByRole('link', { name: 'Frister' }).count()).toBe(0);
    expect(await menu.getByRole('link', { name: 'Importer utvalg' }).count()).toBe(0);
    await checkView(page, '04-ingen-tilgang');
  });

  it('an ASU member reads the sakliste of a meeting and votes in a written round', async () => {
    await page.goto(`${web.url}/utvalg`);
    await page
      .getByRole('link', { name: /Administrativt samarbeidsutvalg|ASU/ })
      .first()
      .click();
    await page.getByRole('heading', { level: 2, name: 'Møter' }).waitFor();
    await checkView(page, '05-utvalg-asu');

    await page.goto(`${web.url}/moter/${meetingId}`);
    await page.getByRole('heading', { level: 2, name: 'Sakliste' }).waitFor();
    const agenda = page.getByRole('table', { name: 'Saker og punkter i rekkefølge' });
    expect(await agenda.innerText()).toContain(agendaCaseTitle);
    expect(await page.locator('h1').innerText()).toMatch(/^Møte i ASU \d{1,2}\. [a-zæøå]+ \d{4}$/);
    await checkView(page, '06-mote-sakliste');
    await agenda.getByRole('link', { name: agendaCaseTitle }).click();
    await page.getByRole('heading', { level: 2, name: 'Forslag til vedtak' }).waitFor();
    await checkView(page, '07-saksfremlegg');

    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Mine avstemninger' }).click();
    const row = page.getByRole('row', { name: /kriterier/ });
    await row.waitFor();
    expect(await row.innerText()).toContain('Ikke avgitt');
    expect(await row.innerText()).toMatch(/\d{1,2}\. [a-zæøå]+ \d{4} kl\. \d{2}\.\d{2}/);
    await checkView(page, '08-mine-avstemninger');
    await row.getByRole('link').click();
    await page.getByRole('button', { name: 'Avgi stemme' }).waitFor();
    await checkView(page, '09-avstemning');
    await page.getByRole('button', { name: 'Avgi stemme' }).click();
    expect(await page.getByRole('alert').innerText()).toContain('Velg hvordan du stemmer');
    await page.getByLabel('For forslaget').check();
    await page.getByRole('button', { name: 'Avgi stemme' }).click();
    await page.getByTestId('ballot-receipt').waitFor();
    await checkView(page, '10-stemme-registrert');

    const ballots = await ds.query(`SELECT person_id, choice FROM ballots WHERE vote_id = $1`, [voteId]);
    expect(ballots).toEqual([{ person_id: asu.person('Ingjerd Astad').id, choice: 'for' }]);
    await logout(page);
  });

  it('the secretariat dashboard shows the overdue assignment; its history is a timeline', async () => {
    await devLogin(page, web.url, asu.person('Solveig Cruikshank Tofte').email);
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Frister' }).click();
    await page.getByTestId('overdue-summary').waitFor();
    expect(await page.getByTestId('overdue-summary').innerText()).toContain('1 frist er overskredet');
    const row = page.locator('tr[data-overdue="true"]');
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain('Utarbeide utlysningstekst og kriterier');
    expect(await row.innerText()).toContain('Forfalt');
    expect(await row.innerText()).toContain('Jan Roger Wold');
    // The meeting in ten days and the written round in five are due within 30 days.
    const table = await page.getByRole('table', { name: 'Frister, forfalte først' }).innerText();
    expect(table).toContain('Møte');
    expect(table).toContain('Skriftlig avstemning');
    await checkView(page, '11-sekretariat-frister');

    await page.getByRole('switch', { name: 'Bare forfalte' }).check();
    await page.waitForURL(/overdue=true/);
    // Only the overdue item is left once the list has reloaded.
    // A locator wait, not waitForFunction: the app's Content-Security-Policy forbids the eval that a string predicate needs.
    await page.locator('tbody tr').nth(1).waitFor({ state: 'detached', timeout: 10_000 });
    expect(await page.locator('tbody tr[data-overdue="true"]').count()).toBe(1);

    await row.getByRole('link', { name: 'Utarbeide utlysningstekst og kriterier' }).click();
    await page.waitForURL(`**/prosesser/${overdueId}`);
    const timeline = page.getByTestId('timeline');
    await timeline.waitFor();
    expect(await timeline.innerText()).toContain('Startet');
    expect(await timeline.innerText()).toContain('Solveig Cruikshank Tofte');
    await checkView(page, '12-prosess-historikk');

    await page.getByRole('link', { name: 'E-post sendt i denne prosessen' }).click();
    await page.getByRole('table', { name: 'Utsendelser, nyeste først' }).waitFor();
    expect(await page.getByRole('table', { name: 'Utsendelser, nyeste først' }).innerText()).toContain(
      asu.person('Jan Roger Wold').email,
    );
    await checkView(page, '13-utsendelser');

    await page.goto(`${web.url}/sekretariat/prosesser`);
    await page.getByRole('table', { name: 'Prosesser, sist endret først' }).waitFor();
    await checkView(page, '14-prosesser');
  });

  it('an API problem+json is shown in Norwegian, naming the field, and nothing is created', async () => {
    const before = await api.fingerprint();
    await page.goto(`${web.url}/sekretariat/nytt-oppdrag`);
    await page.getByRole('button', { name: 'Opprett oppdraget' }).waitFor();
    await checkView(page, '15-nytt-oppdrag');
    // The form knows the schema's own rules and names the missing fields before sending.
    await page.getByRole('button', { name: 'Opprett oppdraget' }).click();
    expect(await page.getByText('må fylles ut').count()).toBeGreaterThan(0);

    await page.getByLabel('Tittel', { exact: true }).fill('Sammendrag av høringssvar');
    await page.getByLabel('Person-id').fill('jan.roger.wold');
    await page.getByLabel('Navn').fill('Jan Roger Wold');
    await page.getByLabel('E-post').fill('jan.roger.wold@fjellregionen.test');
    await page.getByLabel('Frist', { exact: true }).fill('snart');
    await page.getByRole('button', { name: 'Opprett oppdraget' }).click();
    const problem = page.getByTestId('problem');
    await problem.waitFor();
    const text = await problem.innerText();
    expect(text).toContain('Noe må rettes');
    expect(text).toContain('Frist: må være en dato (ÅÅÅÅ-MM-DD) eller et tidspunkt');
    await checkView(page, '16-feilmelding-fra-api');
    expect(await api.fingerprint()).toEqual(before);

    await page.goto(`${web.url}/saker/00000000-0000-4000-8000-000000000000`);
    await page.getByTestId('problem').waitFor();
    expect(await page.getByTestId('problem').innerText()).toContain('Fant ikke siden');
    await checkView(page, '17-fant-ikke');
  });

  it('the secretariat imports a committee document: a field error in Norwegian first, then the committee', async () => {
    await devLogin(page, web.url, asu.person('Solveig Cruikshank Tofte').email);
    await page.goto(`${web.url}/utvalg`);
    await page.getByRole('link', { name: /Sett opp eller oppdater et utvalg/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Importer utvalg' }).waitFor();
    const doc = (email: string) =>
      'code: FR-LEGEMIDLER\nname: Fagråd for legemidler\nkind: fagrad\nparent: ASU\nmembers:\n' +
      `  - name: Kari Nordmann\n    email: ${email}\n    role: leder\n    party: kommune\n    vote: true\n` +
      '    from: 2024-01-01\n';
    const before = await api.fingerprint();
    await page.getByLabel('Utvalgsdokumentet').fill(doc('kari.nordmann'));
    expect(await page.getByTestId('preview').innerText()).toContain('Fagråd for legemidler');
    await page.getByRole('button', { name: 'Kontroller og importer' }).click();
    const problem = page.getByTestId('problem');
    await problem.waitFor();
    expect(await problem.innerText()).toContain(
      'Medlem nr. 1 e-post (members[0].email): må være en gyldig e-postadresse',
    );
    await checkView(page, '18-importer-utvalg-feil');
    expect(await api.fingerprint()).toEqual(before);
    expect(await ds.query(`SELECT code FROM committees WHERE code = 'FR-LEGEMIDLER'`)).toEqual([]);

    // The corrected document, chosen as a file.
    await page.locator('#fil').setInputFiles({
      name: 'fagrad.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(doc('kari.nordmann@trondheim.test')),
    });
    await page.getByRole('button', { name: 'Kontroller og importer' }).click();
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-result').innerText()).toContain('Utvalget FR-LEGEMIDLER er opprettet');
    await checkView(page, '19-importer-utvalg-ok');
    await page.getByRole('link', { name: 'se alle utvalg' }).click();
    await page.getByRole('link', { name: 'Fagråd for legemidler (FR-LEGEMIDLER)' }).waitFor();
  });
  it('the secretariat invites a member to log in from the member list, sees the linked login and unlinks it', async () => {
    const wold = asu.person('Jan Roger Wold');
    await devLogin(page, web.url, asu.person('Solveig Cruikshank Tofte').email);
    await page.goto(`${web.url}/utvalg/ASU`);
    await page.getByRole('button', { name: 'Innlogging for Jan Roger Wold' }).click();
    await page.getByText('Ingen innlogging er knyttet til Jan Roger Wold.').waitFor();
    await page.getByRole('button', { name: 'Inviter til innlogging' }).click();
    await page.getByText(`Invitasjonen er sendt til ${wold.email}.`).waitFor();
    await page.getByText(/^Invitasjon sendt .*, gjelder til/).waitFor();
    await checkView(page, '23-inviter-til-innlogging');

    // Wold accepts with a login of his own (a development token in development).
    const [mail] = await ds.query(
      `SELECT body FROM outbox_messages WHERE recipient = $1 AND idempotency_key LIKE 'person-invitation:%'`,
      [wold.email],
    );
    const token = /\/invitasjon#([\w-]+)/.exec(mail.body)![1];
    await api
      .http()
      .post('/invitations/accept')
      .set(bearer({ sub: 'wold-login', name: 'Jan Roger Wold', roles: [] }))
      .send({ token })
      .expect(200);

    await page.reload();
    await page.getByRole('button', { name: 'Innlogging for Jan Roger Wold' }).click();
    await page.getByText(/samflyt-dev – wold-login/).waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Fjern kobling' }).click();
    await page.getByText('Ingen innlogging er knyttet til Jan Roger Wold.').waitFor();
    expect(
      await ds.query(`SELECT type FROM person_identity_events WHERE person_id = $1 ORDER BY id`, [wold.id]),
    ).toEqual([{ type: 'invitation.sent' }, { type: 'identity.linked' }, { type: 'identity.unlinked' }]);
  });
});
