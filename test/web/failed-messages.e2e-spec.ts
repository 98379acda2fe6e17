import { randomUUID } from 'node:crypto';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { startApi, type ApiHarness } from '../support/api';
import { importAsu, type Asu } from '../votes/support';
import { checkView, devLogin, launchBrowser, norwegianPage, startWebServer, type WebServer } from './support';

/**
 * The secretariat's view of delivery in chromium: a failed e-mail says why in Norwegian, the address is corrected
 * («Rett adressen og send på nytt»), a bad one is refused naming the field, and the message is pending again with
 * the resend journaled.
 */
describe('failed e-mails in the web app (browser)', () => {
  let api: ApiHarness;
  let web: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let asu: Asu;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    api = await startApi('web-failed-messages');
    asu = await importAsu(api.app.get<DataSource>(getDataSourceToken()));
    const base = await api.app.getUrl();
    [web, browser] = await Promise.all([startWebServer(base.replace('[::1]', '127.0.0.1')), launchBrowser()]);
    ({ context, page } = await norwegianPage(browser, pageErrors));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await web?.stop();
    await api?.close();
  });

  it('shows why an e-mail failed, and the secretariat corrects the address and sends it again', async () => {
    const id = randomUUID();
    await api.pg.query(
      `INSERT INTO outbox_messages (id, idempotency_key, channel, recipient, recipient_name, subject, body, status,
                                    last_error, failed_at)
       VALUES ($1, $2, 'email', 'kari.nordmann(a)kommune', 'Kari Nordmann', 'Påminnelse: frist 30. september',
               'Hei Kari', 'failed', 'no valid recipient address: "kari.nordmann(a)kommune"', now())`,
      [id, `test:${id}`],
    );
    await devLogin(page, web.url, asu.person('Solveig Cruikshank Tofte').email);
    await page.goto(`${web.url}/sekretariat/utsendelser?status=failed`);
    const table = page.getByRole('table', { name: 'Utsendelser, nyeste først' });
    await table.waitFor();
    expect(await table.innerText()).toContain('Adressen er ikke en gyldig e-postadresse');
    await page.getByRole('button', { name: 'Rett adressen og send på nytt …' }).click();
    const field = page.getByLabel('E-postadresse');
    await field.waitFor();
    await checkView(page, '40-feilet-e-post');

    await field.fill('kari.nordmann@kommune');
    await page.getByRole('button', { name: 'Send på nytt', exact: true }).click();
    await page.getByText('E-postadresse', { exact: false }).nth(1).waitFor();
    expect(await page.getByRole('alert').first().innerText()).toMatch(/E-postadresse/);
    const { rows: still } = await api.pg.query(`SELECT status FROM outbox_messages WHERE id = $1`, [id]);
    expect(still[0].status).toBe('failed');

    await field.fill('kari.nordmann@kommune.no');
    await page.getByRole('button', { name: 'Send på nytt', exact: true }).click();
    // Pending again: the list of failed messages reloads without it.
    await field.waitFor({ state: 'detached' });
    expect(await table.innerText()).not.toContain('Kari Nordmann');
    const { rows } = await api.pg.query(
      `SELECT o.status, o.recipient, e.previous_recipient, e.actor->>'name' AS by
         FROM outbox_messages o JOIN outbox_message_events e ON e.message_id = o.id WHERE o.id = $1`,
      [id],
    );
    expect(rows).toEqual([
      {
        status: 'pending',
        recipient: 'kari.nordmann@kommune.no',
        previous_recipient: 'kari.nordmann(a)kommune',
        by: 'Solveig Cruikshank Tofte',
      },
    ]);
    expect(pageErrors).toEqual([]);
  });
});
