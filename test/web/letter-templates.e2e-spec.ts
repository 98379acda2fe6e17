import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApi, type ApiHarness } from '../support/api';
import { call3024, insertGrantsWorld, type GrantsWorld } from '../grants/support';
import { checkView, devLogin, launchBrowser, norwegianPage, startWebServer, type WebServer } from './support';

jest.setTimeout(180_000);

/**
 * The secretariat's letter texts in Debian's chromium over a real API and database: from the round's page to its
 * letter templates, the avslag changed, an unknown placeholder refused at its field, a new version saved and listed
 * in the history, and the draft previewed as a PDF. axe-core checks every view.
 */
describe('letter templates in the web application (browser)', () => {
  let api: ApiHarness;
  let web: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let w: GrantsWorld;
  let roundId: string;
  const tag = randomBytes(3).toString('hex');
  const pageErrors: string[] = [];
  const title = `Samhandlingsmidler brev ${tag}`;

  beforeAll(async () => {
    api = await startApi('web-letters');
    w = await insertGrantsWorld(api.pg, tag);
    const base = await api.app.getUrl();
    [web, browser] = await Promise.all([startWebServer(base.replace('[::1]', '127.0.0.1')), launchBrowser()]);
    const res = await api
      .http()
      .post('/grant-rounds')
      .set({ Authorization: `Bearer ${w.secretariatToken}` })
      .send(call3024(2 * 86_400_000, { title }));
    if (res.status !== 201) throw new Error(`round: ${res.status} ${res.text}`);
    roundId = res.body.id;
    ({ context, page } = await norwegianPage(browser, pageErrors));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await web?.stop();
    await api?.close();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  it('lists the letters of a round, refuses an unknown placeholder, saves a new version and previews it', async () => {
    await devLogin(page, web.url, w.secretariatEmail);
    await page.goto(`${web.url}/sekretariat/tilskudd/${roundId}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('link', { name: 'Brevmaler' }).click();
    await page.getByRole('heading', { level: 1, name: 'Brevmaler' }).waitFor();
    const table = page.getByRole('table', { name: 'Brevmaler i utlysningen' });
    for (const name of ['Tilskuddsbrev', 'Vedtak om avslag', 'Vedtak i klagesak', 'Anmodning om opplysninger'])
      await table.getByRole('link', { name }).waitFor();
    expect(await table.innerText()).toContain('Innebygd tekst');
    await checkView(page, 'brevmaler-01-liste');

    await table.getByRole('link', { name: 'Vedtak om avslag' }).click();
    await page.getByRole('heading', { level: 1, name: 'Brevmal: Vedtak om avslag' }).waitFor();
    const placeholders = await page.getByTestId('placeholders').innerText();
    expect(placeholders).toContain('{{begrunnelse}}');
    expect(placeholders).toContain('{{soknad}}');
    await page.getByTestId('no-versions').waitFor();
    await checkView(page, 'brevmaler-02-avslag');

    const body = page.getByLabel('Brevtekst *');
    const text =
      'Søknaden «{{soknad}}» fra {{organisasjon}} får dessverre ikke tilskudd.\n\n{{begrunnelse}}\n\n' +
      'Ta kontakt med sekretariatet om {{kontaktperson}} har spørsmål.';
    await body.fill(text);
    await page.getByRole('button', { name: 'Lagre ny versjon' }).click();
    await page.getByTestId('problem').waitFor();
    await page.getByText('har flettefelt som brevet ikke kjenner: {{kontaktperson}}').first().waitFor();
    expect(await body.getAttribute('aria-invalid')).toBe('true');
    await checkView(page, 'brevmaler-03-ukjent-flettefelt');

    await body.fill(text.replace('{{kontaktperson}}', 'dere'));
    await page.getByRole('button', { name: 'Lagre ny versjon' }).click();
    const versions = page.getByTestId('versions');
    await versions.waitFor();
    const history = await versions.innerText();
    expect(history).toMatch(/^1\s+Solveig Cruikshank Tofte\s+\d{1,2}\. \w+ \d{4}/m);
    await page.getByText('Gjeldende: Versjon 1').waitFor();
    expect(await page.getByTestId('problem').count()).toBe(0);
    expect(await body.inputValue()).toContain('om dere har spørsmål');

    const [response, download] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/preview') && r.request().method() === 'POST'),
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Forhåndsvis' }).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^application\/pdf/);
    // What the secretariat gets: the downloaded file is the rendered PDF.
    expect(download.suggestedFilename()).toBe('forhandsvisning-avslag.pdf');
    const pdf = readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    await checkView(page, 'brevmaler-04-lagret');

    // The API kept it: version 1 by the secretariat, the built-in text before it.
    const stored = await api
      .http()
      .get(`/grant-rounds/${roundId}/letter-templates/avslag`)
      .set({ Authorization: `Bearer ${w.secretariatToken}` });
    expect(stored.body).toMatchObject({ version: 1, changedBy: 'Solveig Cruikshank Tofte' });
    expect(stored.body.body).toContain('om dere har spørsmål');
  });
});
