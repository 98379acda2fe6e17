import { createHmac, createPublicKey, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { join } from 'node:path';
import { sign } from 'jsonwebtoken';
import type { Browser, Page } from 'playwright-core';
import { freePort } from '../../scripts/lib/process-utils';
import { TokenService, type VerifiedToken } from '../../apps/api/src/auth/token.service';
import { expectProblem, startApi, type ApiHarness } from '../support/api';
import { checkView, launchBrowser, startChild, startWebServer, type WebServer } from './support';

const AUDIENCE = 'https://api.samflyt.test';
/** The provider's access tokens live 65 s; the web server refreshes them when less than 60 s are left. */
const ACCESS_TTL = 65;

const profiles = [
  {
    profile: 'idporten',
    par: 'auto',
    identity: { subject: 'kari-nordmann', pid: '24079426075', emailVerified: false },
  },
  {
    profile: 'helseid',
    par: 'required',
    identity: { subject: 'kari-nordmann', pid: '24079426075', hprNumber: '565501872', emailVerified: false },
  },
] as const;

/**
 * OpenID Connect against a real provider (oidc-provider in a child process) set up as ID-porten and as HelseID
 * are: no e-mail claim, the national identity number (`pid`, HelseID's identity pid and HPR number), the client
 * authenticating with a signed JWT (private_key_jwt) and the authorization request pushed (PAR; HelseID requires
 * it). The login through the web server, the identity the API verifies, the refresh of an expiring access token,
 * the logout at the provider, and the tokens the API must refuse although they are signed with the issuer's key.
 */
describe.each(profiles)(
  'OIDC against an $profile-like provider (oidc-provider, browser)',
  ({ profile, par, identity }) => {
    let api: ApiHarness;
    let web: WebServer;
    let provider: { stop: () => Promise<void>; output: () => string };
    let browser: Browser;
    let issuer: string;
    const verified: VerifiedToken[] = [];
    // The issuer's own signing key: the attacks below are signed with it, so only the claim checks can refuse them.
    const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const signingJwk = {
      ...signing.privateKey.export({ format: 'jwk' }),
      kid: 'samflyt-test',
      use: 'sig',
      alg: 'RS256',
    };
    const clientKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const clientJwk = { ...clientKey.privateKey.export({ format: 'jwk' }), kid: 'samflyt-web-1', alg: 'RS256' };
    const clientPublicJwk: JsonWebKey & { kid: string; alg: string } = {
      ...createPublicKey(clientKey.privateKey).export({ format: 'jwk' }),
      kid: clientJwk.kid,
      alg: 'RS256',
    };

    beforeAll(async () => {
      const [providerPort, webPort] = await Promise.all([freePort(), freePort()]);
      issuer = `http://127.0.0.1:${providerPort}`;
      const webUrl = `http://127.0.0.1:${webPort}`;
      provider = await startChild(
        'oidc-provider',
        [join(__dirname, 'oidc-provider.mjs'), String(providerPort), `${webUrl}/auth/callback`, AUDIENCE, profile],
        {
          ...process.env,
          OIDC_TEST_SIGNING_JWK: JSON.stringify(signingJwk),
          OIDC_TEST_CLIENT_JWK: JSON.stringify(clientPublicJwk),
          OIDC_TEST_ACCESS_TTL: String(ACCESS_TTL),
          OIDC_TEST_POST_LOGOUT: `${webUrl}/`,
        },
        /oidc-provider on/,
      );
      api = await startApi(`web-oidc-${profile}`, { OIDC_ISSUER: issuer, OIDC_AUDIENCE: AUDIENCE });
      // Every token the API verifies, as verified (a recorder around the real service, not a stand-in).
      const tokens = api.app.get(TokenService);
      const verifyAny = tokens.verifyAny.bind(tokens);
      tokens.verifyAny = async (token) => {
        const result = await verifyAny(token);
        verified.push(result);
        return result;
      };
      const apiUrl = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
      [web, browser] = await Promise.all([
        startWebServer(apiUrl, {
          WEB_PORT: String(webPort),
          PUBLIC_WEB_URL: webUrl,
          OIDC_ISSUER: issuer,
          OIDC_CLIENT_ID: 'samflyt-web',
          OIDC_CLIENT_AUTH: 'private_key_jwt',
          OIDC_CLIENT_PRIVATE_KEY: JSON.stringify(clientJwk),
          OIDC_PAR: par,
          OIDC_SCOPES: 'openid profile samflyt',
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

    /** Logs in at the provider as Kari Nordmann, whom the register does not know yet. */
    async function login(page: Page): Promise<void> {
      const start = await page.request.get(`${web.url}/auth/login?returnTo=/utvalg`, { maxRedirects: 0 });
      expect(start.status()).toBe(303);
      const location = new URL(start.headers().location);
      // PAR: the browser carries only the request_uri; PKCE, scope and state went to the provider directly.
      expect(location.origin).toBe(issuer);
      expect(location.searchParams.get('request_uri')).toMatch(/^urn:ietf:params:oauth:request_uri:/);
      expect(location.searchParams.get('code_challenge')).toBeNull();
      await page.goto(location.href);
      await page.locator('input[name=login]').fill('kari-nordmann');
      await page.locator('input[name=password]').fill('hemmelig');
      await page.locator('button[type=submit]').click();
      await page.locator('button[type=submit]').filter({ hasText: 'Continue' }).click();
    }

    it('logs in with private_key_jwt and PAR; the API verifies her identity; unlinked, she is told whom to contact', async () => {
      const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
      const page = await context.newPage();
      try {
        await login(page);
        await page.waitForURL(`${web.url}/ikke-tilknyttet`);
        await page.getByRole('heading', { name: 'Du er ikke registrert ennå' }).waitFor();
        expect(await page.getByText('Ta kontakt med sekretariatet i helsefellesskapet').isVisible()).toBe(true);
        await checkView(page, `22-oidc-${profile}-ikke-tilknyttet`);
        expect(provider.output()).toMatch(/pushed_authorization_request\.success/);
        expect(provider.output()).toMatch(/grant\.success authorization_code/);
        // The API verified the provider's token and knows who it names, without any e-mail.
        const seen = verified.find((v) => v.identity?.subject === 'kari-nordmann');
        expect(seen?.identity).toEqual({
          issuer,
          ...identity,
          ...(profile === 'helseid' ? { name: 'Kari Nordmann' } : {}),
        });
        expect(seen?.actor).toMatchObject({ roles: [] });
        expect(seen?.actor.email).toBeUndefined();
      } finally {
        await context.close();
      }
    });

    it('refreshes an expiring access token in the proxy, and logs out at the provider', async () => {
      const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
      const page = await context.newPage();
      try {
        await login(page);
        await page.waitForURL(`${web.url}/ikke-tilknyttet`);
        const before = verified.filter((v) => v.identity).at(-1)!;
        const refreshes = (provider.output().match(/grant\.success refresh_token/g) ?? []).length;
        // Less than 60 s of the 65 s are left: the next API call goes with a refreshed token.
        await new Promise((resolve) => setTimeout(resolve, (ACCESS_TTL - 60) * 1000 + 1000));
        const me = await page.request.get(`${web.url}/api/persons/me`);
        expect(me.status()).toBe(404); // authenticated (not 401), but the register has no person for her yet
        expect((provider.output().match(/grant\.success refresh_token/g) ?? []).length).toBeGreaterThan(refreshes);
        const after = verified.at(-1)!;
        expect(after.identity).toEqual(before.identity);
        expect(after.claims?.jti).not.toBe(before.claims?.jti);
        expect(after.expiresAt!).toBeGreaterThan(before.expiresAt!);

        // Logout: the web session ends, and the provider's end-session endpoint gets the ID token as hint.
        const endSession = page.waitForRequest((r) => r.url().startsWith(`${issuer}/session/end?`));
        await page.getByRole('button', { name: 'Logg ut' }).click();
        const hint = new URL((await endSession).url()).searchParams;
        expect(hint.get('id_token_hint')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
        expect(hint.get('post_logout_redirect_uri')).toBe(`${web.url}/`);
        await page.waitForURL(`${issuer}/session/end**`, { waitUntil: 'domcontentloaded' });
        await page.getByRole('button', { name: 'Yes, sign me out' }).click();
        await page.waitForURL(`${web.url}/`);
        expect(provider.output()).toMatch(/end_session\.success/);
        const session = (await (await page.request.get(`${web.url}/auth/session`)).json()) as {
          authenticated: boolean;
        };
        expect(session.authenticated).toBe(false);
      } finally {
        await context.close();
      }
    });

    if (profile === 'helseid') {
      it('the provider refuses an authorization request that was not pushed (HelseID requires PAR)', async () => {
        const plain = new URL(`${issuer}/auth`);
        plain.search = new URLSearchParams({
          client_id: 'samflyt-web',
          response_type: 'code',
          scope: 'openid',
          redirect_uri: `${web.url}/auth/callback`,
          code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
          code_challenge_method: 'S256',
        }).toString();
        const answer = await fetch(plain, { redirect: 'manual' });
        const location = answer.headers.get('location') ?? '';
        expect(`${answer.status} ${location} ${await answer.text()}`).toMatch(/invalid_request|request_uri/i);
      });
    }

    describe('the API refuses tokens that do not pass every check (401 problem+json)', () => {
      const now = () => Math.floor(Date.now() / 1000);
      const issuerSigned = (payload: object) =>
        sign(payload, signing.privateKey, { algorithm: 'RS256', keyid: 'samflyt-test' });
      const valid = () => ({ iss: issuer, aud: AUDIENCE, sub: 'kari-nordmann', exp: now() + 300, pid: '24079426075' });
      const unsigned = (header: object, payload: object) =>
        `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
      const get = (token: string) => api.http().get('/persons/me').set('Authorization', `Bearer ${token}`);

      it('a token the issuer signed with every claim right is accepted (the control)', async () => {
        expect((await get(issuerSigned(valid()))).status).toBe(404); // verified; the register knows no such person
      });

      it('a token for another audience (wrong aud), though signed by the issuer', async () => {
        const res = await get(issuerSigned({ ...valid(), aud: 'https://other-api.example' }));
        expect(expectProblem(res, 401, 'unauthorized').detail).toMatch(/aud/);
      });

      it('a token from another issuer (wrong iss), signed with the same key', async () => {
        expectProblem(await get(issuerSigned({ ...valid(), iss: 'https://evil.example' })), 401, 'unauthorized');
        expectProblem(await get(issuerSigned({ ...valid(), iss: `${issuer}.evil.example` })), 401, 'unauthorized');
      });

      it('a token without exp (one that would never expire), signed by the issuer', async () => {
        const noExp: Partial<ReturnType<typeof valid>> = valid();
        delete noExp.exp;
        const res = await get(issuerSigned(noExp));
        expect(expectProblem(res, 401, 'unauthorized').detail).toMatch(/exp/);
      });

      it('an expired token, beyond the clock tolerance', async () => {
        const res = await get(issuerSigned({ ...valid(), exp: now() - 120 }));
        expect(expectProblem(res, 401, 'unauthorized').detail).toMatch(/expired/);
      });

      it('alg: none (no signature at all)', async () => {
        const token = `${unsigned({ alg: 'none', typ: 'JWT' }, valid())}.`;
        expectProblem(await get(token), 401, 'unauthorized');
      });

      it("HS256 keyed with the JWKS's public key material", async () => {
        const jwks = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: (JsonWebKey & { kid: string })[] };
        const publicKey = createPublicKey({ key: jwks.keys[0], format: 'jwk' });
        // The secrets an algorithm-confusion attacker tries: the PEM (as PKCS#1 and SPKI) and the JWK's modulus.
        const secrets = [
          publicKey.export({ format: 'pem', type: 'spki' }).toString(),
          publicKey.export({ format: 'pem', type: 'pkcs1' }).toString(),
          String(jwks.keys[0].n),
        ];
        for (const secret of secrets) {
          const body = unsigned({ alg: 'HS256', typ: 'JWT', kid: 'samflyt-test' }, valid());
          const token = `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
          expectProblem(await get(token), 401, 'unauthorized');
        }
      });

      it('a malformed identity claim (a pid that is not a fødselsnummer)', async () => {
        const res = await get(issuerSigned({ ...valid(), pid: 'DROP TABLE' }));
        expect(expectProblem(res, 401, 'unauthorized').detail).toMatch(/pid/);
      });
    });
  },
);
