import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { getDataSourceToken } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { sign } from 'jsonwebtoken';
import type { Browser } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { freePort } from '../../scripts/lib/process-utils';
import { bearer, expectProblem, people, startApi, type ApiHarness } from '../support/api';
import { requireEnv } from '../support/database';
import { importAsu, type Asu } from '../votes/support';
import { checkView, launchBrowser, startChild, startWebServer, type WebServer } from './support';

const AUDIENCE = 'https://api.samflyt.test';
const KEY_PREFIX = `samflyt-test-web-oidc-${process.pid}`;

/**
 * OpenID Connect against a real provider (oidc-provider in a child process): the authorization code flow with
 * PKCE through the web server, the API accepting the provider's RS256 access token via its JWKS and deriving the
 * person's roles from her memberships, and refusing tokens the provider did not sign.
 */
describe('OIDC login (oidc-provider, browser)', () => {
  let api: ApiHarness;
  let web: WebServer;
  let provider: { stop: () => Promise<void>; output: () => string };
  let browser: Browser;
  let asu: Asu;
  let issuer: string;

  beforeAll(async () => {
    const [providerPort, webPort] = await Promise.all([freePort(), freePort()]);
    issuer = `http://127.0.0.1:${providerPort}`;
    const webUrl = `http://127.0.0.1:${webPort}`;
    provider = await startChild(
      'oidc-provider',
      [join(__dirname, 'oidc-provider.mjs'), String(providerPort), `${webUrl}/auth/callback`, AUDIENCE],
      process.env,
      /oidc-provider on/,
    );
    // The test provider verifies e-mail logins (email_verified: true): trusted for e-mail, she is found by hers.
    api = await startApi('web-oidc', { OIDC_ISSUER: issuer, OIDC_AUDIENCE: AUDIENCE, OIDC_EMAIL_TRUSTED: 'true' });
    asu = await importAsu(api.app.get<DataSource>(getDataSourceToken()));
    const apiUrl = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    [web, browser] = await Promise.all([
      startWebServer(apiUrl, {
        WEB_PORT: String(webPort),
        PUBLIC_WEB_URL: webUrl,
        OIDC_ISSUER: issuer,
        OIDC_CLIENT_ID: 'samflyt-web',
        OIDC_SCOPES: 'openid profile email samflyt',
        WEB_KEY_PREFIX: KEY_PREFIX,
        JWT_SECRET: '',
      }),
      launchBrowser(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await api?.close();
    await provider?.stop();
  });

  it('logs in at the provider with code flow and PKCE; the API knows her as the ASU leader', async () => {
    const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
    const page = await context.newPage();
    try {
      await page.goto(`${web.url}/logg-inn?returnTo=/avstemninger`);
      expect(await page.getByText('Utviklingsinnlogging').count()).toBe(0);
      await checkView(page, '20-oidc-logg-inn');
      await page.getByRole('link', { name: 'Logg inn' }).last().click();
      // The provider's own pages (its development interactions): any login and password.
      await page.waitForURL(`${issuer}/**`, { waitUntil: 'domcontentloaded' });
      await page.locator('input[name=login]').fill(asu.person('Ingjerd Astad').email);
      await page.locator('input[name=password]').fill('hemmelig');
      await page.locator('button[type=submit]').click();
      await page.locator('button[type=submit]').filter({ hasText: 'Continue' }).click();
      await page.waitForURL(`${web.url}/avstemninger`);
      await page.getByTestId('logged-in-as').waitFor();
      expect(await page.getByTestId('logged-in-as').innerText()).toContain('Ingjerd Astad');
      // Roles from her memberships, through the provider's token: the voter's menu is there.
      const menu = page.getByRole('navigation', { name: 'Hovedmeny' });
      expect(await menu.getByRole('link', { name: 'Mine avstemninger' }).isVisible()).toBe(true);
      await checkView(page, '21-oidc-innlogget');
      expect(provider.output()).toMatch(/oidc-provider on/);
    } finally {
      await context.close();
    }
  });

  it('the authorization request used PKCE (S256) and the session cookie is HttpOnly', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      const response = await page.request.get(`${web.url}/auth/login`, { maxRedirects: 0 });
      expect(response.status()).toBe(303);
      const location = new URL(response.headers().location);
      expect(location.origin).toBe(issuer);
      expect(location.searchParams.get('code_challenge_method')).toBe('S256');
      expect(location.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(location.searchParams.get('state')).toBeTruthy();
      expect(response.headers()['set-cookie']).toMatch(/samflyt_login=[^;]+; Path=\/auth; HttpOnly; SameSite=Lax/);
      // The pending login waits in Redis for ten minutes at most.
      const redis = new Redis(requireEnv('REDIS_URL'));
      try {
        const id = /samflyt_login=([^;]+)/.exec(response.headers()['set-cookie'])![1];
        const ttl = await redis.pttl(`${KEY_PREFIX}:login:${id}`);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(600_000);
      } finally {
        redis.disconnect();
      }
      // The development login is off when OIDC is configured.
      expect((await page.request.post(`${web.url}/auth/dev-login`, { form: { person: 'secretariat' } })).status()).toBe(
        404,
      );
    } finally {
      await context.close();
    }
  });

  it('a returnTo with a tab (/%09/evil.example) lands on this site after the provider login', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      const callback = page.waitForResponse((r) => r.url().startsWith(`${web.url}/auth/callback`), { timeout: 30_000 });
      // What a link to /logg-inn?returnTo=/%09/evil.example hands on: the page passes the decoded value.
      await page.goto(`${web.url}/auth/login?returnTo=${encodeURIComponent('/\t/evil.example')}`);
      await page.waitForURL(`${issuer}/**`, { waitUntil: 'domcontentloaded' });
      await page.locator('input[name=login]').fill(asu.person('Ingjerd Astad').email);
      await page.locator('input[name=password]').fill('hemmelig');
      await page.locator('button[type=submit]').click();
      await page.locator('button[type=submit]').filter({ hasText: 'Continue' }).click();
      const location = (await callback).headers().location;
      expect(new URL(location, web.url).origin).toBe(new URL(web.url).origin);
      expect(location).toBe('/');
    } finally {
      await context.close();
    }
  });

  it('an invitation link: the token leaves the address, the provider login returns to /invitasjon and is linked', async () => {
    const ingjerd = asu.person('Ingjerd Astad').id;
    const invited = await api
      .http()
      .post(`/persons/${ingjerd}/invitations`)
      .set(bearer(people.secretariat))
      .expect(201);
    const { rows } = await api.pg.query(`SELECT body FROM outbox_messages WHERE idempotency_key = $1`, [
      `person-invitation:${invited.body.id}`,
    ]);
    const link = /(http\S+\/invitasjon#[\w-]+)/.exec(rows[0].body)![1];
    const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
    const page = await context.newPage();
    try {
      // The link's origin is PUBLIC_WEB_URL of the API (here its default); the same path and fragment on the web app.
      await page.goto(`${web.url}${new URL(link).pathname}${new URL(link).hash}`);
      await page.getByRole('heading', { name: 'Invitasjon til innlogging' }).waitFor();
      expect(page.url()).toBe(`${web.url}/invitasjon`);
      await page.getByRole('link', { name: 'Logg inn' }).last().click();
      await page.waitForURL(`${web.url}/logg-inn**`);
      await page.getByRole('link', { name: 'Logg inn' }).last().click();
      await page.waitForURL(`${issuer}/**`, { waitUntil: 'domcontentloaded' });
      // A login with no e-mail (as ID-porten): the register knows no one by it until the invitation binds it.
      await page.locator('input[name=login]').fill('ingjerd-idporten');
      await page.locator('input[name=password]').fill('hemmelig');
      await page.locator('button[type=submit]').click();
      await page.locator('button[type=submit]').filter({ hasText: 'Continue' }).click();
      await page.waitForURL(`${web.url}/invitasjon`);
      await page.getByText('Innloggingen din er nå knyttet til Ingjerd Astad').waitFor();
      const me = await page.request.get(`${web.url}/api/persons/me`);
      expect(me.status()).toBe(200);
      expect(((await me.json()) as { person: { id: string } }).person.id).toBe(ingjerd);
      // Used up: opening the link again (a fresh load, not a jump within the page) says so, in Norwegian.
      await page.goto(`${web.url}/`);
      await page.goto(`${web.url}${new URL(link).pathname}${new URL(link).hash}`);
      await page.getByText('Invitasjonen er allerede brukt').waitFor();
    } finally {
      await context.close();
    }
  });

  it("the API refuses a token for its audience signed with a key that is not the issuer's", async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = sign({ email: asu.person('Ingjerd Astad').email }, privateKey, {
      algorithm: 'RS256',
      keyid: 'samflyt-test',
      issuer,
      audience: AUDIENCE,
      subject: 'ingjerd',
      expiresIn: '5m',
    });
    const res = await api.http().get('/persons/me').set('Authorization', `Bearer ${forged}`);
    expect(expectProblem(res, 401, 'unauthorized').detail).toMatch(/invalid signature/);
    const otherAudience = sign({}, privateKey, { algorithm: 'RS256', issuer: 'https://elsewhere.test', subject: 'x' });
    expectProblem(
      await api.http().get('/persons/me').set('Authorization', `Bearer ${otherAudience}`),
      401,
      'unauthorized',
    );
  });
});
