import { createReadStream, existsSync, statSync } from 'node:fs';
import {
  STATUS_CODES,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { signDevToken } from '../../../scripts/lib/dev-token';
import { devLoginPersons } from '../../../scripts/lib/web-dev-persons';
import type { WebConfig } from './config';
import { OidcLogin } from './oidc';
import { requestIdOf, requestLogger } from './request-log';
import { MemoryStore, RedisStore, SessionStore, type KeyValueStore, type Session } from './sessions';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Headers of the browser's request that go on to the API (never its cookies). */
const FORWARDED = [
  'content-type',
  'content-length',
  'accept',
  'idempotency-key',
  'if-match',
  'if-none-match',
  // A hearing recipient's personal link token (from the answer page's #token= fragment, never in a URL).
  'x-hearing-token',
];

/**
 * The app's own pages: scripts, styles and forms of this site only; no <base>, no framing. A form may also end at the
 * OpenID provider: the logout form's answer redirects there (RP-initiated logout), and browsers apply form-action to
 * a form's redirects.
 */
function appCsp(config: WebConfig): string {
  const formAction = ["'self'", ...(config.oidc ? [new URL(config.oidc.issuer).origin] : [])].join(' ');
  return (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; base-uri 'none'; " +
    `form-action ${formAction}; frame-ancestors 'none'`
  );
}

/** The routes of a login, counted per client address (WEB_LOGIN_RATE_LIMIT a minute). */
const LOGIN_ROUTES = new Set(['/auth/login', '/auth/callback', '/auth/dev-login']);
const LOGIN_WINDOW_MS = 60_000;
/** The development login's form is a few hundred bytes. */
const LOGIN_BODY_LIMIT = 10_000;

/**
 * The web application's server: the built SPA, /api/* proxied to the API with the session's bearer token
 * (same origin: no CORS, and the token never reaches the browser), and the login — OpenID Connect when
 * configured, otherwise a development login as one of the demo persons.
 */
export function createWebServer(config: WebConfig): Server {
  const https = config.publicUrl.startsWith('https:');
  const store: KeyValueStore = config.redisUrl
    ? new RedisStore(config.redisUrl, config.keyPrefix)
    : new MemoryStore(config.maxSessions);
  const sessions = new SessionStore(store, https);
  const oidc = config.oidc ? new OidcLogin(config.oidc, `${config.publicUrl}/auth/callback`) : undefined;
  const { logRequest } = requestLogger();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', config.publicUrl);
    const path = url.pathname;
    if (https) res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (req.method === 'GET' && (path === '/health/live' || path === '/health/ready')) {
      return path === '/health/live' ? json(res, 200, { status: 'ok' }) : ready(res, store, config.apiUrl);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD' && !sameOrigin(req, config.publicUrl)) {
      return problem(res, 403, 'Forespørselen kom fra en annen nettside og er avvist.');
    }
    if (path === '/api' || path.startsWith('/api/')) {
      let s = await sessions.get(req);
      if (s && oidc) s = await freshTokens(req, s, oidc, sessions);
      return proxy(req, res, config.apiUrl + (path.slice(4) || '/') + url.search, s, true);
    }
    // The queue board (admin) with the session's token: no token ever in an address.
    if (path === '/admin/queues' || path.startsWith('/admin/queues/')) {
      let s = await sessions.get(req);
      if (s && oidc) s = await freshTokens(req, s, oidc, sessions);
      return proxy(req, res, config.apiUrl + path + url.search, s, false);
    }
    if (path === '/auth/session' && req.method === 'GET') return session(res, await sessions.get(req), config);
    if (LOGIN_ROUTES.has(path)) {
      const { count, resetMs } = await store.hit(`rate:login:${req.socket.remoteAddress ?? ''}`, LOGIN_WINDOW_MS);
      if (count > config.loginRateLimit) {
        return problem(res, 429, 'For mange innloggingsforsøk. Vent litt og prøv igjen.', {
          'retry-after': String(Math.max(1, Math.ceil(resetMs / 1000))),
        });
      }
    }
    if (path === '/auth/dev-login' && req.method === 'POST' && config.jwtSecret)
      return devLogin(req, res, config, sessions);
    if (path === '/auth/login' && req.method === 'GET' && oidc) {
      const { url: target, codeVerifier, state } = await oidc.authorizationUrl();
      await sessions.startLogin(res, {
        codeVerifier,
        state,
        returnTo: safeReturn(url.searchParams.get('returnTo'), config.publicUrl),
      });
      return redirect(res, target);
    }
    if (path === '/auth/callback' && req.method === 'GET' && oidc) {
      const pending = await sessions.takeLogin(req, res);
      if (!pending) return redirect(res, '/logg-inn?feil=utlopt');
      try {
        const tokens = await oidc.callback(url, pending.codeVerifier, pending.state);
        await sessions.create(res, {
          token: tokens.accessToken,
          name: tokens.name,
          email: tokens.email,
          roles: [],
          login: 'oidc',
          // With a refresh token the session outlives its access token (refreshed by the proxy), for a working day.
          expiresAt: tokens.refreshToken ? Date.now() + OIDC_SESSION_MS : tokens.accessExpiresAt,
          accessExpiresAt: tokens.accessExpiresAt,
          refreshToken: tokens.refreshToken,
          idToken: tokens.idToken,
        });
        // A login the register knows no person for: a page that says whom to contact, not an error.
        // The invitation page is where an unlinked login becomes linked: it goes back there.
        const linked = await knownPerson(config.apiUrl, tokens.accessToken);
        const back = safeReturn(pending.returnTo, config.publicUrl);
        return redirect(res, linked || back === '/invitasjon' ? back : '/ikke-tilknyttet');
      } catch (error) {
        process.stderr.write(`[web] OIDC callback failed: ${error instanceof Error ? error.message : String(error)}\n`);
        return redirect(res, '/logg-inn?feil=innlogging');
      }
    }
    if (path === '/auth/logout' && req.method === 'POST') {
      const s = await sessions.get(req);
      await sessions.destroy(req, res);
      // RP-initiated logout: the provider ends its session too, and sends the browser back to the front page.
      const atProvider =
        oidc && s?.login === 'oidc' ? await oidc.logoutUrl(s.idToken, `${config.publicUrl}/`) : undefined;
      return redirect(res, atProvider ?? '/');
    }
    if (path.startsWith('/auth/')) return problem(res, 404, 'Denne innloggingsmåten er ikke slått på.');
    return serveStatic(req, res, config.staticDir, path, appCsp(config));
  };

  const server = createServer((req, res) => {
    logRequest(req, res);
    handle(req, res).catch((error: unknown) => {
      if (error instanceof BodyTooLarge) return tooLarge(req, res);
      // The path only: a query may hold an authorization code or a state.
      const path = (req.url ?? '').split('?')[0];
      process.stderr.write(`[web] ${req.method} ${path}: ${error instanceof Error ? error.stack : String(error)}\n`);
      if (!res.headersSent) problem(res, 502, 'Innloggingstjenesten eller API-et svarte ikke. Prøv igjen om litt.');
      else res.end();
    });
  });
  server.on('close', () => void store.close());
  return server;
}

/** How long an OIDC session with a refresh token lasts, at most. */
const OIDC_SESSION_MS = 8 * 3600_000;
/** The proxy refreshes an access token that expires within this long. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * The session with an access token that is not about to expire: refreshed with the refresh token when it is.
 * After a refused refresh the session ends with its access token (no retry on every request); the app then asks
 * for a new login.
 */
async function freshTokens(
  req: IncomingMessage,
  s: Session,
  oidc: OidcLogin,
  sessions: SessionStore,
): Promise<Session | undefined> {
  if (s.login !== 'oidc' || !s.refreshToken || !s.accessExpiresAt) return s;
  if (s.accessExpiresAt - Date.now() > REFRESH_MARGIN_MS) return s;
  try {
    const tokens = await oidc.refresh(s.refreshToken);
    const next: Session = {
      ...s,
      token: tokens.accessToken,
      accessExpiresAt: tokens.accessExpiresAt,
      refreshToken: tokens.refreshToken,
      idToken: tokens.idToken ?? s.idToken,
    };
    await sessions.update(req, next);
    return next;
  } catch (error) {
    process.stderr.write(`[web] OIDC refresh failed: ${error instanceof Error ? error.message : String(error)}\n`);
    const last: Session = { ...s, refreshToken: undefined, expiresAt: Math.min(s.expiresAt, s.accessExpiresAt) };
    await sessions.update(req, last);
    return last.expiresAt > Date.now() ? last : undefined;
  }
}

/** Whether the API's register has a person for this access token (GET /persons/me is not 404). */
async function knownPerson(apiUrl: string, accessToken: string): Promise<boolean> {
  try {
    const answer = await fetch(`${apiUrl}/persons/me`, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      signal: AbortSignal.timeout(5000),
    });
    return answer.status !== 404;
  } catch {
    return true;
  }
}

function session(res: ServerResponse, s: Session | undefined, config: WebConfig): void {
  json(res, 200, {
    authenticated: !!s,
    name: s?.name ?? null,
    email: s?.email ?? null,
    roles: s?.roles ?? [],
    login: config.oidc ? 'oidc' : 'dev',
    devPersons: config.oidc
      ? []
      : devLoginPersons.map(({ key, name, email, description }) => ({ key, name, email, description })),
  });
}

async function devLogin(
  req: IncomingMessage,
  res: ServerResponse,
  config: WebConfig,
  sessions: SessionStore,
): Promise<void> {
  const secret = config.jwtSecret!;
  const apiUrl = config.apiUrl;
  const form = new URLSearchParams(await readBody(req, LOGIN_BODY_LIMIT));
  const key = form.get('person') ?? '';
  const email = (form.get('email') ?? '').trim().toLowerCase();
  const known = devLoginPersons.find((p) => p.key === key);
  let claims: { sub: string; name: string; email?: string; roles: string[] };
  if (known) claims = { sub: known.sub, name: known.name, email: known.email, roles: known.roles };
  else if (/^[^\s@]{1,64}@[^\s@]{1,255}$/.test(email))
    claims = (await registerPerson(apiUrl, secret, email)) ?? { sub: email, name: email, email, roles: [] };
  else return redirect(res, '/logg-inn?feil=person');
  const hours = 12;
  await sessions.create(res, {
    token: signDevToken(claims, secret, `${hours}h`),
    name: claims.name,
    email: claims.email,
    roles: claims.roles,
    login: 'dev',
    expiresAt: Date.now() + hours * 3600_000,
  });
  redirect(res, safeReturn(form.get('returnTo'), config.publicUrl));
}

/**
 * The register's person with this e-mail, asked of the API (GET /persons/me with a one-minute token that carries only
 * the e-mail): the token then names them by name, with their person id as `sub`, as a real login would. Null when
 * the register has no such person or the API does not answer; the login then goes on with the e-mail alone.
 */
async function registerPerson(
  apiUrl: string,
  secret: string,
  email: string,
): Promise<{ sub: string; name: string; email: string; roles: string[] } | null> {
  try {
    const probe = signDevToken({ sub: email, name: email, email, roles: [] }, secret, 60);
    const answer = await fetch(`${apiUrl}/persons/me`, {
      headers: { authorization: `Bearer ${probe}`, accept: 'application/json' },
      signal: AbortSignal.timeout(5000),
    });
    if (!answer.ok) return null;
    const me = (await answer.json()) as { person?: { id?: unknown; name?: unknown; email?: unknown } };
    const p = me.person;
    if (!p || typeof p.id !== 'string' || typeof p.name !== 'string' || !p.name) return null;
    return { sub: p.id, name: p.name, email: typeof p.email === 'string' && p.email ? p.email : email, roles: [] };
  } catch {
    return null;
  }
}

/**
 * Passes the request on to the API with the session's bearer token. Every answer is `nosniff` and may not be framed;
 * with `downloads`, an answer that is not JSON is an attachment, so that no file from the API opens as a page here.
 */
function proxy(
  req: IncomingMessage,
  res: ServerResponse,
  targetUrl: string,
  s: Session | undefined,
  downloads: boolean,
): void {
  const target = new URL(targetUrl);
  const headers: Record<string, string> = {};
  for (const name of FORWARDED) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  if (s) headers.authorization = `Bearer ${s.token}`;
  headers['x-request-id'] = requestIdOf(req, res);
  // The API's rate limits count this address when it trusts one proxy (API_TRUST_PROXY=1); a client's own
  // X-Forwarded-For is never passed on.
  if (req.socket.remoteAddress) headers['x-forwarded-for'] = req.socket.remoteAddress;
  const upstream = httpRequest(target, { method: req.method, headers }, (answer) => {
    const out: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (
        value !== undefined &&
        !['connection', 'keep-alive', 'transfer-encoding', 'set-cookie', 'www-authenticate'].includes(name)
      )
        out[name] = value;
    }
    out['x-content-type-options'] = 'nosniff';
    const csp = [answer.headers['content-security-policy'] ?? []].flat().join('; ');
    out['content-security-policy'] = /frame-ancestors 'none'/.test(csp)
      ? csp
      : [csp, "frame-ancestors 'none'"].filter(Boolean).join('; ');
    const type = answer.headers['content-type'];
    if (downloads && type && !/^application\/([a-z.+-]+\+)?json\s*(;|$)/i.test(type)) {
      const disposition = (answer.headers['content-disposition'] ?? '').replace(/^\s*inline\s*(?=;|$)/i, 'attachment');
      out['content-disposition'] = /^attachment\s*(;|$)/i.test(disposition) ? disposition : 'attachment';
    }
    res.writeHead(answer.statusCode ?? 502, out);
    answer.pipe(res);
  });
  upstream.on('error', () => {
    if (!res.headersSent) problem(res, 502, 'API-et svarer ikke. Prøv igjen om litt.');
    else res.end();
  });
  req.pipe(upstream);
}

function serveStatic(req: IncomingMessage, res: ServerResponse, dir: string, path: string, csp: string): void {
  const file = normalize(join(dir, decodeURIComponent(path)));
  const inside = file.startsWith(dir.endsWith(sep) ? dir : dir + sep);
  const asset = inside && existsSync(file) && statSync(file).isFile() ? file : undefined;
  // Every other path is a route of the single-page app.
  const chosen = asset ?? join(dir, 'index.html');
  if (!existsSync(chosen)) return problem(res, 500, 'Webappen er ikke bygget: kjør npm run build.');
  const immutable = asset !== undefined && path.startsWith('/assets/');
  res.writeHead(200, {
    'content-type': TYPES[extname(chosen)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    ...(chosen.endsWith('.html') ? { 'content-security-policy': csp } : {}),
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(chosen).pipe(res);
}

/**
 * Only paths on this site, so a crafted returnTo cannot send the user elsewhere after login. A browser drops tabs and
 * line breaks from a Location and reads `\` as `/`, so `/<tab>/evil` or `/\evil` would be `//evil`, another site:
 * control characters and backslashes are refused, the rest is resolved as the browser would and must stay on this
 * origin, and what is sent back is that resolved path (never one starting with `//`).
 */
export function safeReturn(value: string | null, publicUrl: string): string {
  const refused = (c: string) => c < ' ' || c === '\u007f' || c === '\\';
  if (!value || !value.startsWith('/') || [...value].some(refused)) return '/';
  let target: URL;
  try {
    target = new URL(value, publicUrl);
  } catch {
    return '/';
  }
  if (target.origin !== new URL(publicUrl).origin) return '/';
  const path = target.pathname + target.search + target.hash;
  return /^\/(?![/\\])/.test(path) ? path : '/';
}

function sameOrigin(req: IncomingMessage, publicUrl: string): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  const host = req.headers.host;
  return origin === new URL(publicUrl).origin || (host !== undefined && new URL(origin).host === host);
}

class BodyTooLarge extends Error {}

/** The request body, up to `limit` bytes; beyond that (declared or sent) reading stops with BodyTooLarge. */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.pause();
      reject(new BodyTooLarge());
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * 413, and the connection closed: the rest of the body is never read. Written on the socket itself: Node's response
 * would close the socket as soon as it is sent, and closing with unread data resets the connection, so the client
 * might never see the answer. The socket goes a second later, whatever the client still sends.
 */
function tooLarge(req: IncomingMessage, res: ServerResponse): void {
  const socket = req.socket;
  req.pause();
  setTimeout(() => socket.destroy(), 1000).unref();
  if (res.headersSent) return void socket.end();
  const body = JSON.stringify({
    type: 'about:blank',
    title: STATUS_CODES[413],
    status: 413,
    detail: 'Forespørselen er for stor (grensen er 10 kB).',
  });
  const headers = Object.entries({
    ...res.getHeaders(),
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    connection: 'close',
  });
  socket.end(
    `HTTP/1.1 413 ${STATUS_CODES[413]}\r\n${headers.map(([n, v]) => `${n}: ${String(v)}\r\n`).join('')}\r\n${body}`,
  );
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location }).end();
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

const HEALTH_TIMEOUT_MS = 2_000;

/**
 * GET /health/ready: the session store (Redis, when configured) answers and the API is live; else 503 problem+json
 * naming which is down in `checks`. The web server has no database of its own: the API's readiness covers Postgres.
 */
async function ready(res: ServerResponse, store: KeyValueStore, apiUrl: string): Promise<void> {
  const check = async (what: () => Promise<void>): Promise<{ status: 'up' | 'down'; message?: string }> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        what(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${HEALTH_TIMEOUT_MS} ms`)), HEALTH_TIMEOUT_MS);
        }),
      ]);
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', message: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  };
  const [sessions, api] = await Promise.all([
    check(() => store.ping()),
    check(async () => {
      const answer = await fetch(`${apiUrl}/health/live`, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
      if (!answer.ok) throw new Error(`GET /health/live answered ${answer.status}`);
    }),
  ]);
  const checks = { sessions, api };
  if (sessions.status === 'up' && api.status === 'up') return json(res, 200, { status: 'ok', checks });
  const down = Object.entries(checks)
    .filter(([, c]) => c.status === 'down')
    .map(([name]) => name);
  res.writeHead(503, { 'content-type': 'application/problem+json', 'cache-control': 'no-store' }).end(
    JSON.stringify({
      type: 'https://samflyt.no/problems/not-ready',
      title: 'Service Unavailable',
      status: 503,
      detail: `Not ready: ${down.join(' and ')} ${down.length > 1 ? 'are' : 'is'} down`,
      instance: '/health/ready',
      checks,
    }),
  );
}

function problem(res: ServerResponse, status: number, detail: string, headers: Record<string, string> = {}): void {
  res
    .writeHead(status, { ...headers, 'content-type': 'application/problem+json', 'cache-control': 'no-store' })
    .end(JSON.stringify({ type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail }));
}
