import { WorkflowEngine } from '@samflyt/engine';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freePort } from '../../scripts/lib/process-utils';
import { HOSPITAL, asRecipient, loadOrganisations, tokenFor, type Organisations } from '../hearings/support';
import { startApi, type ApiHarness } from '../support/api';
import { checkView, devLogin, launchBrowser, logout, norwegianPage, startWebServer, type WebServer } from './support';
import { fireTimers } from '../support/clock';

const SECRETARIAT = 'solveig.tofte@helsefellesskap.test';
const ASU_MEMBER = 'ingjerd.astad@trondelag-sor-vest.test';
const TITLE = 'Ny struktur for fagrådene';

/** YYYY-MM-DD, `days` from today in Oslo. */
const dateIn = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date(Date.now() + days * 86_400_000));

/**
 * Hearings in the web app, in Debian's chromium over a real API and database: the secretariat sets one up (the
 * deadline warning shown in Norwegian) and sends it; Trondheim opens the personal link of its e-mail and answers
 * jointly for three kommuner, the receipt naming the two that have yet to confirm; Malvik confirms through its own
 * link, seeing the text it signs (Melhus through the API), and Trondheim changes the answer, now counted for all
 * three; a forged link is refused in Norwegian; the
 * public front page and hearing page, before and after the hearing closed (a withheld answer with its reason); the
 * secretariat's sammendrag and a committee member reading it. axe-core on every view; screenshots saved.
 */
describe('hearings in the web application (browser)', () => {
  let api: ApiHarness;
  let web: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let orgs: Organisations;
  let hearingId: string;
  const pageErrors: string[] = [];
  const requested: { url: string; headers: Record<string, string> }[] = [];

  /** The newest personal link in the e-mails to an organisation's contact. */
  const linkFor = async (organisation: string) => {
    const { rows } = await api.pg.query<{ body: string }>(
      `SELECT body FROM outbox_messages WHERE recipient = $1 AND body LIKE '%#token=%' ORDER BY created_at DESC LIMIT 1`,
      [orgs.email[organisation]],
    );
    return /(https?:\/\/\S+#token=[A-Za-z0-9_-]+)/.exec(rows[0].body)![1];
  };
  const signatories = async () =>
    (
      await api.pg.query<{ name: string; lead: boolean }>(
        `SELECT o.name, s.lead FROM hearing_answer_signatories s JOIN organisations o ON o.id = s.organisation_id
          WHERE s.hearing_id = $1 ORDER BY o.name`,
        [hearingId],
      )
    ).rows;

  const newPage = async () => {
    ({ context, page } = await norwegianPage(browser, pageErrors));
    page.on('request', (r) => requested.push({ url: r.url(), headers: r.headers() }));
  };

  beforeAll(async () => {
    const port = await freePort();
    const webUrl = `http://127.0.0.1:${port}`;
    // The personal links of the e-mails open this web server's answer page (the API reads it at start-up).
    process.env.PUBLIC_WEB_URL = webUrl;
    api = await startApi('web-hearings');
    orgs = await loadOrganisations(api);
    const base = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    [web, browser] = await Promise.all([
      startWebServer(base, { WEB_PORT: String(port), PUBLIC_WEB_URL: webUrl }),
      launchBrowser(),
    ]);
    await newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await web?.stop();
    await api?.close();
    delete process.env.PUBLIC_WEB_URL;
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  it('the secretariat sets up a hearing, sees the deadline warning in Norwegian, and sends it', async () => {
    await devLogin(page, web.url, SECRETARIAT);
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Høringer' }).click();
    await page.getByRole('link', { name: 'Ny høring' }).click();
    await page.getByTestId('recipient-picker').waitFor();
    await page.getByLabel('Tittel', { exact: true }).fill(TITLE);
    await page.getByLabel('Bakgrunn (valgfritt)').fill('ASU sak 12/24');
    await page
      .getByLabel('Høringsnotat')
      .fill('Forhandlingsutvalget foreslår en ny struktur for fagrådene.\n\nStrukturen har tre nivåer.');
    await page.getByLabel('Spørsmål 1').fill('Gir strukturen godt grunnlag for samhandling?');
    await page.getByRole('button', { name: 'Legg til spørsmål' }).click();
    await page.getByLabel('Spørsmål 2').fill('Bør det være eget fagråd for psykisk helse og rus?');
    await page.getByRole('button', { name: 'Velg alle kommuner' }).click();
    await page.getByRole('checkbox', { name: HOSPITAL }).check();
    // Three weeks: under the 6 weeks utredningsinstruksen asks for.
    await page.getByLabel('Høringsfrist').fill(dateIn(21));
    await checkView(page, 'h01-ny-horing');
    await page.getByRole('button', { name: 'Lagre utkast' }).click();

    await page.getByTestId('draft-saved').waitFor();
    hearingId = /\/horinger\/([0-9a-f-]{36})\/behandling/.exec(page.url())![1];
    const warnings = await page.getByTestId('deadline-warnings').innerText();
    expect(warnings).toContain('kortere enn 6 uker');
    expect(warnings).toContain('Vurder høringsfristen');
    expect(await page.getByTestId('hearing-state').innerText()).toContain('Utkast');
    await checkView(page, 'h02-utkast-med-advarsel');

    await page.getByRole('button', { name: 'Send høringen' }).click();
    await page.getByTestId('hearing-state').getByText('Åpen for svar').waitFor();
    expect(await page.getByTestId('hearing-counts').innerText()).toContain(`0 av ${orgs.kommuner.length + 1}`);
    // The deadline is shown Europe/Oslo, the Norwegian way.
    expect(await page.locator('dl.facts').innerText()).toMatch(/\d{1,2}\. \p{L}+ \d{4} kl\. 23\.59/u);
    await checkView(page, 'h03-sendt');

    // Each contact's e-mail links to the web app's answer page, the token in the fragment.
    const { rows } = await api.pg.query<{ body: string }>(
      `SELECT body FROM outbox_messages WHERE recipient = $1 AND body LIKE '%#token=%'`,
      [orgs.email['Trondheim kommune']],
    );
    expect(rows[0].body).toContain(`${web.url}/hoering/svar#token=`);

    await page.goto(`${web.url}/horinger`);
    const list = page.getByTestId('hearing-list');
    await list.getByRole('link', { name: TITLE }).waitFor();
    expect(await list.innerText()).toContain(`0 av ${orgs.kommuner.length + 1}`);
    await checkView(page, 'h04-horinger');

    // The hearing's deadline is on the secretariat's dashboard.
    await page.goto(`${web.url}/sekretariat?kind=hearing`);
    await page.getByRole('cell', { name: 'Høring', exact: true }).first().waitFor();
    expect(await page.locator('table').innerText()).toContain(TITLE);
    await logout(page);
  });

  it('a recipient opens the personal link and answers jointly for three kommuner, then sees the receipt', async () => {
    await context.close();
    await newPage();
    const link = await linkFor('Trondheim kommune');
    const token = link.split('#token=')[1];
    requested.length = 0;
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: `Høring: ${TITLE}` }).waitFor();
    expect(await page.getByText('Du svarer for').innerText()).toContain('Trondheim kommune');
    // The token left the address bar and went only in the header, never in a URL.
    expect(page.url()).toBe(`${web.url}/hoering/svar`);
    await checkView(page, 'h05-svarside');

    await page.getByLabel('Gir strukturen godt grunnlag for samhandling?').fill('Ja, med de endringene vi foreslår.');
    await page.getByLabel('Bør det være eget fagråd for psykisk helse og rus?').fill('Ja.');
    await page.getByLabel('Andre merknader (valgfritt)').fill('Svaret er avgitt på vegne av tre kommuner.');
    await page.getByRole('checkbox', { name: 'Malvik kommune' }).check();
    await page.getByRole('checkbox', { name: 'Melhus kommune' }).check();
    await page.getByRole('button', { name: 'Send høringssvar' }).click();
    const receipt = page.getByTestId('answer-receipt');
    await receipt.waitFor();
    expect(await receipt.innerText()).toContain('Høringssvaret er mottatt');
    // Named co-signers sign only when each confirms through its own link: the receipt says who is awaited.
    expect(await receipt.innerText()).toContain('Venter på bekreftelse fra Malvik kommune og Melhus kommune');
    expect(await receipt.innerText()).not.toContain('Trondheim kommune, Malvik kommune');
    await checkView(page, 'h06-kvittering');
    // Until they confirm, the answer is Trondheim's alone in the database.
    expect(await signatories()).toEqual([{ name: 'Trondheim kommune', lead: true }]);

    expect(requested.filter((r) => r.url.includes(token))).toEqual([]);
    const apiCalls = requested.filter((r) => r.url.includes('/api/respond'));
    expect(apiCalls.length).toBeGreaterThan(2);
    expect(apiCalls.every((r) => r.headers['x-hearing-token'] === token)).toBe(true);
  });

  it('the co-signers confirm through their own links; then Trondheim changes the answer of all three', async () => {
    // Malvik opens its own link and reads the answer it is asked to sign before confirming.
    await context.close();
    await newPage();
    await page.goto(await linkFor('Malvik kommune'));
    const requests = page.getByTestId('co-signature-requests');
    await requests.getByTestId('co-signature-answer').waitFor();
    const asked = await requests.innerText();
    expect(asked).toContain('Trondheim kommune har ført opp Malvik kommune som medunderskriver');
    expect(asked).toContain('Ja, med de endringene vi foreslår.');
    expect(asked).toContain('Svaret er avgitt på vegne av tre kommuner.');
    await checkView(page, 'h06a-bekreft-felles-svar');
    await requests
      .getByRole('button', { name: 'Bekreft at Malvik kommune står på svaret fra Trondheim kommune' })
      .click();
    await page.getByRole('heading', { name: 'Felles svar dere står på' }).waitFor();
    expect(await page.getByTestId('co-signature-requests').count()).toBe(0);

    // Melhus confirms through the API with its own link.
    const [{ id: answerId }] = (
      await api.pg.query<{ id: string }>(
        `SELECT a.id FROM hearing_answers a JOIN organisations o ON o.id = a.organisation_id
          WHERE a.hearing_id = $1 AND o.name = 'Trondheim kommune'`,
        [hearingId],
      )
    ).rows;
    await api
      .http()
      .post(`/respond/answers/${answerId}/confirm-signature`)
      .set(asRecipient(await tokenFor(api, orgs.email['Melhus kommune'])))
      .expect(200);

    // The answer counts for all three in the database.
    expect(await signatories()).toEqual([
      { name: 'Malvik kommune', lead: false },
      { name: 'Melhus kommune', lead: false },
      { name: 'Trondheim kommune', lead: true },
    ]);

    // Until the deadline Trondheim can change the answer: a new version, still signed by all three.
    await context.close();
    await newPage();
    await page.goto(await linkFor('Trondheim kommune'));
    await page.getByRole('button', { name: 'Endre svaret' }).click();
    await page
      .getByLabel('Bør det være eget fagråd for psykisk helse og rus?')
      .fill('Ja, og det bør ha brukerrepresentanter.');
    await page.getByRole('button', { name: 'Send endret svar' }).click();
    const receipt = page.getByTestId('answer-receipt');
    await receipt.waitFor();
    expect(await receipt.innerText()).toContain('Trondheim kommune, Malvik kommune, Melhus kommune');
    expect(await receipt.innerText()).not.toContain('Venter på bekreftelse');
  });

  it('a forged link is refused with a Norwegian message', async () => {
    await page.goto(`${web.url}/hoering/svar#token=eyJmb3JnZWQiOnRydWV9.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`);
    const refused = page.getByTestId('link-refused');
    await refused.waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Lenken kan ikke brukes');
    expect(await refused.innerText()).toMatch(/Lenken er ikke gyldig|mangler/);
    await checkView(page, 'h07-ugyldig-lenke');
  });

  it('the secretariat registers an answer that came by letter, withholds it with a reason, and refuses late answers', async () => {
    await devLogin(page, web.url, SECRETARIAT);
    await page.goto(`${web.url}/horinger/${hearingId}/behandling`);
    await page.getByText('Registrer svar mottatt per brev eller e-post').click();
    const form = page.getByTestId('register-answer');
    await form.getByRole('button', { name: 'Registrer svaret' }).click();
    await form.getByText('Velg høringsinstansen som svarte').waitFor();
    await form.getByLabel('Høringsinstans *').selectOption({ label: HOSPITAL });
    await form.getByLabel('Svar på: Gir strukturen godt grunnlag for samhandling?').fill('Vi støtter forslaget.');
    await checkView(page, 'h09a-registrer-brevsvar');
    await form.getByRole('button', { name: 'Registrer svaret' }).click();
    await form.getByTestId('answer-registered').getByText(HOSPITAL).waitFor();
    const hospital = page.getByTestId('answer-item').filter({ hasText: HOSPITAL });
    await hospital.getByText('Vi støtter forslaget.').waitFor();
    expect(await page.getByTestId('hearing-counts').innerText()).toMatch(/^4 av /);

    // Withheld from publication: the reason is required, then shown; releasing is offered instead.
    await hospital.getByText(`Ikke offentliggjør svaret fra ${HOSPITAL}`).click();
    await hospital.getByRole('button', { name: 'Ikke offentliggjør', exact: true }).click();
    await hospital.getByText('Skriv begrunnelsen').waitFor();
    await hospital
      .getByLabel(`Begrunnelse for ikke å offentliggjøre svaret fra ${HOSPITAL}`)
      .fill('Inneholder taushetsbelagte opplysninger');
    await hospital.getByRole('button', { name: 'Ikke offentliggjør', exact: true }).click();
    await hospital.getByText('Ikke offentliggjort: Inneholder taushetsbelagte opplysninger').waitFor();
    await hospital.getByRole('button', { name: `Offentliggjør svaret fra ${HOSPITAL} likevel` }).waitFor();
    const answers = await api.pg.query<{ withheld_reason: string | null }>(
      `SELECT v.withheld_reason FROM hearing_answers v JOIN organisations o ON o.id = v.organisation_id
        WHERE v.hearing_id = $1 AND o.name = $2`,
      [hearingId, HOSPITAL],
    );
    expect(answers.rows.map((r) => r.withheld_reason)).toEqual(['Inneholder taushetsbelagte opplysninger']);

    // Late answers: taken (marked late) by default; refused, then taken again.
    const late = page.getByTestId('late-answers');
    expect(await late.innerText()).toContain('tar imot svar etter fristen');
    await page.getByRole('button', { name: 'Avvis svar etter fristen' }).click();
    await late.getByText('Høringen tar ikke imot svar etter fristen.').waitFor();
    await page.getByRole('button', { name: 'Ta imot svar etter fristen' }).click();
    await late.getByText(/tar imot svar etter fristen/).waitFor();
    // The panels are set apart (app.css defines .panel with Designsystemet's spacing).
    type Styles = { getComputedStyle(e: unknown): { paddingTop: string } };
    const padding = await late.evaluate(
      (el) => (globalThis as unknown as Styles).getComputedStyle(el.closest('.panel')).paddingTop,
    );
    expect(parseFloat(padding)).toBeGreaterThan(8);
    await checkView(page, 'h09b-svar-holdt-tilbake');
    await logout(page);
  });

  it('the public front page and hearing page, before and after the hearing closed', async () => {
    await page.goto(web.url);
    const section = page.getByTestId('public-hearings');
    await section.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: `Høring: ${TITLE}` }).waitFor();
    expect(await page.getByText('publiseres her når høringsfristen er ute').isVisible()).toBe(true);
    expect(await page.getByRole('listitem').filter({ hasText: 'psykisk helse og rus' }).count()).toBe(1);
    await checkView(page, 'h08-offentlig-apen');

    // St. Olavs' answer by letter was withheld in the browser (above); now the deadline passes.
    const { rows } = await api.pg.query<{ instance_id: string }>(`SELECT instance_id FROM hearings WHERE id = $1`, [
      hearingId,
    ]);
    await fireTimers(api.pg, api.app.get(WorkflowEngine), `instance_id = $1 AND event->>'type' = 'deadline.passed'`, [
      rows[0].instance_id,
    ]);

    await page.reload();
    const answers = page.getByTestId('public-answers');
    await answers.waitFor();
    expect(await answers.innerText()).toContain('Trondheim kommune');
    expect(await answers.innerText()).toContain('Avgitt sammen med: Malvik kommune, Melhus kommune');
    expect(await answers.innerText()).toContain('Inneholder taushetsbelagte opplysninger');
    expect(await page.locator('dl.facts').innerText()).toContain('Høringsfristen er ute');
    await checkView(page, 'h09-offentlig-svar');
  });

  it('the secretariat writes the sammendrag; a committee member reads it without being offered changes', async () => {
    await devLogin(page, web.url, SECRETARIAT);
    await page.goto(`${web.url}/horinger/${hearingId}/behandling`);
    expect(await page.getByTestId('not-answered').innerText()).toContain('Ikke svart:');
    await page.getByRole('button', { name: 'Start sammendraget' }).click();
    const first = page.getByLabel('Sammendrag: Gir strukturen godt grunnlag for samhandling?');
    await first.waitFor();
    await first.fill('Kommunene støtter strukturen, med endringer.');
    await page.getByRole('button', { name: /Lagre sammendraget av «Gir strukturen/ }).click();
    await page.getByText('Lagret.').waitFor();
    expect(await page.getByRole('link', { name: 'PDF' }).getAttribute('href')).toBe(
      `/api/hearings/${hearingId}/summary.pdf`,
    );
    expect(await page.getByTestId('summary-counts').innerText()).toContain('1 felles');
    await checkView(page, 'h10-sammendrag');
    await logout(page);

    await devLogin(page, web.url, ASU_MEMBER);
    await page.goto(`${web.url}/horinger/${hearingId}/behandling`);
    await page.getByText('Kommunene støtter strukturen, med endringer.').waitFor();
    expect(
      await page.getByRole('button', { name: /Start sammendraget|Lagre sammendraget|Send høringen/ }).count(),
    ).toBe(0);
    await checkView(page, 'h11-utvalgsmedlem');
    const csv = await page.request.get(`${web.url}/api/hearings/${hearingId}/summary.csv`);
    expect(csv.status()).toBe(200);
    await logout(page);

    // Presented to ASU as a case, then concluded once ASU has dealt with it.
    await devLogin(page, web.url, SECRETARIAT);
    await page.goto(`${web.url}/horinger/${hearingId}/behandling`);
    expect(await page.getByRole('button', { name: 'Avslutt høringen' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Legg fram som sak' }).click();
    await page.getByRole('heading', { name: 'Avslutt høringen' }).waitFor();
    await page.getByRole('button', { name: 'Avslutt høringen' }).click();
    await page.getByText('Skriv utfallet av behandlingen').waitFor();
    await checkView(page, 'h12-lagt-fram');
    await page.getByLabel('Utfall *').fill('ASU vedtok ny fagrådsstruktur.');
    await page.getByRole('button', { name: 'Avslutt høringen' }).click();
    await page.getByTestId('conclusion').getByText('ASU vedtok ny fagrådsstruktur.').waitFor();
    expect(await page.getByTestId('hearing-state').innerText()).toContain('Ferdigbehandlet');
  });
});
