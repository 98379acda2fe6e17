import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Redis from 'ioredis';

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
/** No session outlives this, whatever the token's own expiry. */
const MAX_SESSION_MS = 12 * 3600_000;
const PENDING_MS = 600_000;

/**
 * Small values with an expiry: Redis when REDIS_URL is set (shared by every web process, kept over a restart), or
 * this process's memory in development, capped per kind so that nobody can fill it.
 */
export interface KeyValueStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Reads and deletes in one step: a second taker finds nothing. */
  take(key: string): Promise<string | undefined>;
  delete(key: string): Promise<void>;
  /** Adds one to a counter that starts a window of `windowMs` at its first hit: the count and the ms left. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }>;
  /** Resolves when the store answers (readiness); rejects when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class RedisStore implements KeyValueStore {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 2, enableAutoPipelining: true });
    // ioredis reconnects by itself; an unanswered request fails with an error the caller turns into a 503.
    this.redis.on('error', () => undefined);
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.k(key))) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.k(key), value, 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  async take(key: string): Promise<string | undefined> {
    return (await this.redis.getdel(this.k(key))) ?? undefined;
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.k(key));
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    const [count, ttl] = (await this.redis.eval(
      `local c = redis.call('INCR', KEYS[1])
       if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
       local t = redis.call('PTTL', KEYS[1])
       if t < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); t = tonumber(ARGV[1]) end
       return {c, t}`,
      1,
      this.k(key),
      String(windowMs),
    )) as [number, number];
    return { count, resetMs: ttl };
  }

  async ping(): Promise<void> {
    // While (re)connecting the command waits its turn; the caller bounds how long.
    await this.redis.ping();
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private k(key: string): string {
    return `${this.prefix}:${key}`;
  }
}

/** Development only (no REDIS_URL): at most `capacity` keys per kind (the part before the first ':'), oldest out. */
export class MemoryStore implements KeyValueStore {
  private readonly kinds = new Map<string, Map<string, { value: string; expiresAt: number }>>();

  constructor(private readonly capacity: number) {}

  async get(key: string): Promise<string | undefined> {
    const map = this.kind(key);
    const entry = map.get(key);
    if (entry && entry.expiresAt <= Date.now()) map.delete(key);
    return entry && entry.expiresAt > Date.now() ? entry.value : undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    const map = this.kind(key);
    map.delete(key);
    if (map.size >= this.capacity) {
      const now = Date.now();
      for (const [k, e] of map) if (e.expiresAt <= now) map.delete(k);
      // Still full: the oldest entries go (a Map iterates in insertion order).
      for (const k of map.keys()) {
        if (map.size < this.capacity) break;
        map.delete(k);
      }
    }
    map.set(key, { value, expiresAt: Date.now() + ttlMs });
  }

  async take(key: string): Promise<string | undefined> {
    const value = await this.get(key);
    this.kind(key).delete(key);
    return value;
  }

  async delete(key: string): Promise<void> {
    this.kind(key).delete(key);
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    const current = await this.get(key);
    const map = this.kind(key);
    const expiresAt = map.get(key)?.expiresAt ?? Date.now() + windowMs;
    const count = Number(current ?? 0) + 1;
    await this.set(key, String(count), expiresAt - Date.now());
    return { count, resetMs: expiresAt - Date.now() };
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.kinds.clear();
  }

  private kind(key: string): Map<string, { value: string; expiresAt: number }> {
    const name = key.slice(0, key.indexOf(':'));
    let map = this.kinds.get(name);
    if (!map) this.kinds.set(name, (map = new Map()));
    return map;
  }
}

/**
 * Server-side sessions: the browser holds only a random id in an HttpOnly, SameSite=Lax cookie; the session and the
 * pending logins live in the store with an expiry (a session at most 12 hours, a pending login 10 minutes).
 */
export class SessionStore {
  constructor(
    private readonly store: KeyValueStore,
    private readonly secure: boolean,
  ) {}

  async get(req: IncomingMessage): Promise<Session | undefined> {
    const id = readCookie(req, COOKIE);
    if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
    const raw = await this.store.get(`session:${id}`);
    const session = raw ? (JSON.parse(raw) as Session) : undefined;
    return session && session.expiresAt > Date.now() ? session : undefined;
  }

  async create(res: ServerResponse, session: Session): Promise<void> {
    const id = randomBytes(32).toString('base64url');
    const expiresAt = Math.min(session.expiresAt, Date.now() + MAX_SESSION_MS);
    const ttl = expiresAt - Date.now();
    if (ttl <= 0) return;
    await this.store.set(`session:${id}`, JSON.stringify({ ...session, expiresAt }), ttl);
    appendCookie(
      res,
      `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.floor(ttl / 1000)}${this.flags()}`,
    );
  }

  /** Replaces this browser's session (after a token refresh), keeping its id and cookie; never past the cap. */
  async update(req: IncomingMessage, session: Session): Promise<void> {
    const id = readCookie(req, COOKIE);
    if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id) || !(await this.store.get(`session:${id}`))) return;
    const ttl = Math.min(session.expiresAt - Date.now(), MAX_SESSION_MS);
    if (ttl > 0) await this.store.set(`session:${id}`, JSON.stringify(session), ttl);
  }

  async destroy(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const id = readCookie(req, COOKIE);
    if (id && /^[A-Za-z0-9_-]{43}$/.test(id)) await this.store.delete(`session:${id}`);
    appendCookie(res, `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${this.flags()}`);
  }

  async startLogin(res: ServerResponse, login: Omit<PendingLogin, 'expiresAt'>): Promise<void> {
    const id = randomBytes(32).toString('base64url');
    await this.store.set(`login:${id}`, JSON.stringify({ ...login, expiresAt: Date.now() + PENDING_MS }), PENDING_MS);
    appendCookie(
      res,
      `${LOGIN_COOKIE}=${id}; Path=/auth; HttpOnly; SameSite=Lax; Max-Age=${PENDING_MS / 1000}${this.flags()}`,
    );
  }

  /** The pending login of this browser, once: a replayed callback finds nothing. */
  async takeLogin(req: IncomingMessage, res: ServerResponse): Promise<PendingLogin | undefined> {
    const id = readCookie(req, LOGIN_COOKIE);
    appendCookie(res, `${LOGIN_COOKIE}=; Path=/auth; HttpOnly; SameSite=Lax; Max-Age=0${this.flags()}`);
    const raw = id && /^[A-Za-z0-9_-]{43}$/.test(id) ? await this.store.take(`login:${id}`) : undefined;
    const login = raw ? (JSON.parse(raw) as PendingLogin) : undefined;
    return login && login.expiresAt > Date.now() ? login : undefined;
  }

  private flags(): string {
    return this.secure ? '; Secure' : '';
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
