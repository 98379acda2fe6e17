import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { connect } from 'node:net';
import Redis from 'ioredis';
import { freePort, sleep } from '../../scripts/lib/process-utils';
import { requireEnv } from '../support/database';
import { people, startApi, tokenFor, type ApiHarness } from '../support/api';
import { startWebServer, type WebServer } from './support';

/**
 * The web server's own defences, through HTTP against the built server in front of a real API and Redis: where a
 * login may send the browser afterwards, the security headers of its answers and of the API's answers it proxies,
 * bounded memory (capped sessions, request bodies cut at their limit), sessions in Redis shared by two processes
 * and kept over a restart, a login rate limit shared the same way, and the admin's queue board and metrics through
 * the session (no token in an address).
 */
describe('web server hardening (HTTP)', () => {
  let api: ApiHarness;
  let apiUrl: string;
  let web: WebServer;
  const prefix = () => `samflyt-test-web-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    api = await startApi('web-security');
    apiUrl = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    web = await startWebServer(apiUrl, { WEB_LOGIN_RATE_LIMIT: '1000' });
  });

  afterAll(async () => {
    await web?.stop();
    await api?.close();
  });

  /** POST /auth/dev-login as a demo person; the answer's Location and the session cookie (name=value). */
  const devLogin = async (base: string, form: Record<string, string>) => {
    const res = await fetch(`${base}/auth/dev-login`, {
      method: 'POST',
      body: new URLSearchParams(form),
      redirect: 'manual',
    });
    const cookie = res.headers
      .getSetCookie()
      .find((c) => c.startsWith('samflyt_web='))
      ?.split(';')[0];
    return { res, location: res.headers.get('location'), cookie };
  };
  const sessionOf = async (base: string, cookie: string | undefined) =>
    (await (await fetch(`${base}/auth/session`, { headers: cookie ? { cookie } : {} })).json()) as {
      authenticated: boolean;
      name: string | null;
    };

  describe('open redirect after login', () => {
    // What an attacker puts in ?returnTo= (the login page passes it on as the form field), decoded as the page reads it.
    const attacks = [
      '/\t/evil.example',
      '/\\evil.example',
      '/\\/evil.example',
      '//evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example',
      '/%2F%2Fevil.example',
      '/%5Cevil.example',
      '/.//evil.example',
      '/./\\evil.example',
      ' //evil.example',
      'https://evil.example/',
      '/\u0000/evil.example',
    ];
    it.each(attacks)('dev login with returnTo=%j lands on this site', async (returnTo) => {
      const { res, location } = await devLogin(web.url, { person: 'secretariat', returnTo });
      expect(res.status).toBe(303);
      const target = new URL(location!, web.url);
      expect({ returnTo, origin: target.origin }).toEqual({ returnTo, origin: new URL(web.url).origin });
      expect(location).not.toMatch(/^\/[/\\]|\s/);
      expect([...location!].filter((c) => c < ' ')).toEqual([]);
    });

    it('keeps a returnTo on this site, with its query and fragment', async () => {
      const { location } = await devLogin(web.url, { person: 'secretariat', returnTo: '/avstemninger?side=2#topp' });
      expect(location).toBe('/avstemninger?side=2#topp');
    });
  });

  describe('headers', () => {
    it('a proxied API answer is nosniff and may not be framed', async () => {
      const res = await fetch(`${web.url}/api/health`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('content-disposition')).toBeNull();
    });

    it('a proxied answer that is not JSON is a download (attachment, nosniff)', async () => {
      const { cookie } = await devLogin(web.url, { person: 'admin' });
      const res = await fetch(`${web.url}/api/metrics`, { headers: { cookie: cookie! } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it("the app's CSP restricts base-uri and form-action; no HSTS on plain http", async () => {
      const res = await fetch(`${web.url}/`);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toMatch(/base-uri '(self|none)'/);
      expect(csp).toMatch(/form-action 'self'/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('strict-transport-security')).toBeNull();
    });

    it('sends HSTS and Secure cookies when PUBLIC_WEB_URL is https', async () => {
      const port = await freePort();
      const https = await startWebServer(apiUrl, {
        WEB_PORT: String(port),
        PUBLIC_WEB_URL: 'https://samflyt.example',
        WEB_KEY_PREFIX: prefix(),
      });
      try {
        const local = `http://127.0.0.1:${port}`;
        for (const path of ['/', '/api/health', '/auth/session']) {
          const res = await fetch(`${local}${path}`);
          expect({ path, hsts: res.headers.get('strict-transport-security') }).toEqual({
            path,
            hsts: expect.stringMatching(/^max-age=\d{8,}/),
          });
        }
        const res = await fetch(`${local}/auth/dev-login`, {
          method: 'POST',
          body: new URLSearchParams({ person: 'secretariat' }),
          redirect: 'manual',
        });
        expect(res.headers.getSetCookie().join('\n')).toMatch(/samflyt_web=[^;]+;.*Secure/);
      } finally {
        await https.stop();
      }
    });
  });

  describe('memory', () => {
    /** Streams a body of `total` bytes at `path` on a raw socket until the server stops it. */
    const streamTooLarge = async (base: string, chunked: boolean, total = 32 * 1024 * 1024) => {
      const { hostname, port } = new URL(base);
      const socket = connect(Number(port), hostname);
      socket.on('error', () => undefined);
      await once(socket, 'connect');
      let response = '';
      let ended = false;
      const endedP = new Promise<void>((resolve) => {
        const done = () => {
          ended = true;
          resolve();
        };
        socket.once('end', done);
        socket.once('close', done);
      });
      socket.on('data', (b: Buffer) => void (response += b.toString()));
      const length = chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${total}`;
      const frame = (b: Buffer) =>
        chunked ? Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]) : b;
      socket.write(
        `POST /auth/dev-login HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
          `Content-Type: application/x-www-form-urlencoded\r\n${length}\r\n\r\n`,
      );
      socket.write(frame(Buffer.from('person=secretariat&returnTo=')));
      const data = Buffer.alloc(64 * 1024, 'a');
      const chunk = frame(data);
      let written = 0;
      while (!ended && !response && written < total) {
        written += data.length;
        if (!socket.write(chunk))
          await Promise.race([once(socket, 'drain').catch(() => undefined), endedP, sleep(3000)]);
      }
      await Promise.race([endedP, sleep(5000)]);
      socket.destroy();
      return { response, written, ended };
    };

    it.each([
      ['with Content-Length', false],
      ['chunked', true],
    ])('a login body over its limit (%s) gets 413 problem+json and the connection closed', async (_, chunked) => {
      const { response, written, ended } = await streamTooLarge(web.url, chunked);
      expect(response).toMatch(/^HTTP\/1\.1 413/);
      expect(response).toMatch(/content-type: application\/problem\+json/i);
      expect(ended).toBe(true);
      // Kernel buffers take a few MB; the server read no more than its limit and closed long before 32 MB.
      expect(written).toBeLessThan(16 * 1024 * 1024);
      // The server is still there.
      expect((await fetch(`${web.url}/auth/session`)).status).toBe(200);
    });

    it('without Redis (development), sessions in memory are capped: the oldest goes first', async () => {
      const small = await startWebServer(apiUrl, { REDIS_URL: '', WEB_MAX_SESSIONS: '3' });
      try {
        const cookies: string[] = [];
        for (let i = 0; i < 5; i++) cookies.push((await devLogin(small.url, { person: 'secretariat' })).cookie!);
        const live = await Promise.all(cookies.map(async (c) => (await sessionOf(small.url, c)).authenticated));
        expect(live).toEqual([false, false, true, true, true]);
      } finally {
        await small.stop();
      }
    });

    it('sessions in Redis expire (a TTL on every key)', async () => {
      const keyPrefix = prefix();
      const one = await startWebServer(apiUrl, { WEB_KEY_PREFIX: keyPrefix });
      const redis = new Redis(requireEnv('REDIS_URL'));
      try {
        await devLogin(one.url, { person: 'secretariat' });
        const keys = await redis.keys(`${keyPrefix}:*`);
        expect(keys.length).toBeGreaterThan(0);
        for (const key of keys) {
          const ttl = await redis.pttl(key);
          expect({ key, ttl }).toEqual({ key, ttl: expect.any(Number) });
          expect(ttl).toBeGreaterThan(0);
          expect(ttl).toBeLessThanOrEqual(12 * 3600_000);
        }
      } finally {
        redis.disconnect();
        await one.stop();
      }
    });
  });

  describe('sessions in Redis', () => {
    it('two web processes share sessions, and a restart logs no one out', async () => {
      const keyPrefix = prefix();
      const portA = await freePort();
      const a = await startWebServer(apiUrl, { WEB_PORT: String(portA), WEB_KEY_PREFIX: keyPrefix });
      const b = await startWebServer(apiUrl, { WEB_KEY_PREFIX: keyPrefix });
      let a2: WebServer | undefined;
      try {
        const { cookie } = await devLogin(a.url, { person: 'secretariat' });
        expect((await sessionOf(a.url, cookie)).authenticated).toBe(true);
        expect(await sessionOf(b.url, cookie)).toMatchObject({ authenticated: true, name: 'Solveig Cruikshank Tofte' });
        await a.stop();
        a2 = await startWebServer(apiUrl, { WEB_PORT: String(portA), WEB_KEY_PREFIX: keyPrefix });
        expect((await sessionOf(a2.url, cookie)).authenticated).toBe(true);
        // Logging out through B ends the session in A too.
        await fetch(`${b.url}/auth/logout`, { method: 'POST', headers: { cookie: cookie! }, redirect: 'manual' });
        expect((await sessionOf(a2.url, cookie)).authenticated).toBe(false);
      } finally {
        await a2?.stop();
        await a.stop();
        await b.stop();
      }
    });
  });

  describe('login rate limit', () => {
    it('counts login attempts in Redis across two processes: 429 problem+json with Retry-After', async () => {
      const env = { WEB_KEY_PREFIX: prefix(), WEB_LOGIN_RATE_LIMIT: '3' };
      const [a, b] = await Promise.all([startWebServer(apiUrl, env), startWebServer(apiUrl, env)]);
      try {
        const statuses = [];
        for (const base of [a.url, b.url, a.url])
          statuses.push((await devLogin(base, { person: 'secretariat' })).res.status);
        expect(statuses).toEqual([303, 303, 303]);
        const refused = await devLogin(b.url, { person: 'secretariat' });
        expect(refused.res.status).toBe(429);
        expect(refused.res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(Number(refused.res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(await refused.res.json()).toMatchObject({ status: 429, detail: expect.any(String) });
        expect(refused.cookie).toBeUndefined();
        // The other login routes share the count; other pages do not.
        expect((await fetch(`${a.url}/auth/login`, { redirect: 'manual' })).status).toBe(429);
        expect((await fetch(`${a.url}/auth/callback`, { redirect: 'manual' })).status).toBe(429);
        expect((await fetch(`${a.url}/auth/session`)).status).toBe(200);
      } finally {
        await a.stop();
        await b.stop();
      }
    });
  });

  describe('queue board and metrics through the session', () => {
    it('an admin session reaches /admin/queues and /api/metrics; no token in an address or a log line', async () => {
      const { cookie } = await devLogin(web.url, { person: 'admin' });
      const page = await fetch(`${web.url}/admin/queues`, { headers: { cookie: cookie! } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html');
      expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      const queues = await fetch(`${web.url}/admin/queues/api/queues`, { headers: { cookie: cookie! } });
      expect(queues.status).toBe(200);
      const body = (await queues.json()) as { queues: { name: string }[] };
      expect(body.queues.map((q) => q.name).sort()).toEqual(['samflyt-outbox', 'samflyt-timers']);
      const metrics = await fetch(`${web.url}/api/metrics`, { headers: { cookie: cookie! } });
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('samflyt_events_applied_total');
      // Logs: no bearer token (a JWT starts eyJ) and no session id.
      expect(web.output()).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
      expect(web.output()).not.toContain(cookie!.split('=')[1]);
    });

    it('refuses an anonymous session (401) and one without the admin role (403), as problem+json', async () => {
      for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
        const anonymous = await fetch(`${web.url}${path}`);
        expect({ path, status: anonymous.status, type: anonymous.headers.get('content-type') }).toEqual({
          path,
          status: 401,
          type: expect.stringMatching(/^application\/problem\+json/),
        });
        const { cookie } = await devLogin(web.url, { person: 'secretariat' });
        const secretariat = await fetch(`${web.url}${path}`, { headers: { cookie: cookie! } });
        expect({ path, status: secretariat.status }).toEqual({ path, status: 403 });
      }
      expect((await fetch(`${web.url}/api/metrics`)).status).toBe(401);
    });

    it('the API no longer takes ?token= in the address (nor sets a token cookie)', async () => {
      const res = await fetch(`${apiUrl}/admin/queues?token=${tokenFor(people.admin)}`, { redirect: 'manual' });
      expect(res.status).toBe(401);
      expect(res.headers.getSetCookie()).toEqual([]);
    });
  });
});
