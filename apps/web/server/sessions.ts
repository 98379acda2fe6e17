import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Session {
  /** The bearer token the proxy adds to API calls; never sent to the browser. */
  token: string;
  name: string;
  email?: string;
  /** Roles the token itself carries (dev tokens of staff without a person); memberships add the rest in the API. */
  roles: string[];
  login: 'dev' | 'oidc';
  /** ms since the epoch. */
  expiresAt: number;
  /** OIDC: when the access token expires (ms since the epoch); the proxy refreshes it shortly before. */
  accessExpiresAt?: number;
  /** OIDC: the refresh token, never sent to the browser. */
  refreshToken?: string;
  /** OIDC: the ID token, the `id_token_hint` of the logout at the provider. */
  idToken?: string;
}

/** A login in progress: PKCE verifier and state, kept server side until the callback. */
export interface PendingLogin {
  codeVerifier: string;
  state: string;
  returnTo: string;
  expiresAt: number;
}

const COOKIE = 'samflyt_web';
const LOGIN_COOKIE = 'samflyt_login';

/**
 * Server-side sessions in memory: the browser holds only a random id in an HttpOnly, SameSite=Lax cookie.
 * One web process; with several, put these in Redis (they are small and expire).
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly pending = new Map<string, PendingLogin>();

  constructor(private readonly secure: boolean) {}

  get(req: IncomingMessage): Session | undefined {
    const id = readCookie(req, COOKIE);
    const session = id ? this.sessions.get(id) : undefined;
    if (session && session.expiresAt <= Date.now()) {
      this.sessions.delete(id!);
      return undefined;
    }
    return session;
  }

  create(res: ServerResponse, session: Session): void {
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, session);
    const maxAge = Math.max(0, Math.floor((session.expiresAt - Date.now()) / 1000));
    appendCookie(
      res,
      `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${this.secure ? '; Secure' : ''}`,
    );
    this.sweep();
  }

  /** Replaces this browser's session (after a token refresh), keeping its id and cookie. */
  update(req: IncomingMessage, session: Session): void {
    const id = readCookie(req, COOKIE);
    if (id && this.sessions.has(id)) this.sessions.set(id, session);
  }

  destroy(req: IncomingMessage, res: ServerResponse): void {
    const id = readCookie(req, COOKIE);
    if (id) this.sessions.delete(id);
    appendCookie(res, `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${this.secure ? '; Secure' : ''}`);
  }

  startLogin(res: ServerResponse, login: PendingLogin): void {
    const id = randomBytes(32).toString('base64url');
    this.pending.set(id, login);
    appendCookie(
      res,
      `${LOGIN_COOKIE}=${id}; Path=/auth; HttpOnly; SameSite=Lax; Max-Age=600${this.secure ? '; Secure' : ''}`,
    );
  }

  /** The pending login of this browser, once: a replayed callback finds nothing. */
  takeLogin(req: IncomingMessage, res: ServerResponse): PendingLogin | undefined {
    const id = readCookie(req, LOGIN_COOKIE);
    appendCookie(res, `${LOGIN_COOKIE}=; Path=/auth; HttpOnly; SameSite=Lax; Max-Age=0`);
    const login = id ? this.pending.get(id) : undefined;
    if (id) this.pending.delete(id);
    return login && login.expiresAt > Date.now() ? login : undefined;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(id);
    for (const [id, p] of this.pending) if (p.expiresAt <= now) this.pending.delete(id);
  }
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function appendCookie(res: ServerResponse, cookie: string): void {
  const existing = res.getHeader('Set-Cookie');
  const list = Array.isArray(existing) ? existing : existing ? [String(existing)] : [];
  res.setHeader('Set-Cookie', [...list, cookie]);
}
