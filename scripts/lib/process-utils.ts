/** Small child-process, port and polling helpers of the scripts. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

/** A started service: async graceful stop plus a synchronous last resort for process 'exit'. */
export interface ServiceHandle {
  stop(): Promise<void>;
  kill(): void;
}

/** A TCP port that was free a moment ago (listen on port 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls GET `url` until it answers 200. */
export async function waitForOk(url: string, timeoutMs: number, alive: () => boolean = () => true): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    if (!alive()) throw new Error(`the process serving ${url} exited`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s (last: ${last})`);
}

export const isRunning = (c: ChildProcess | undefined): boolean => !!c && c.exitCode === null && c.signalCode === null;

/** Sends the signals in order, waiting graceMs after each, until the process has exited. */
export async function stopChild(
  child: ChildProcess | undefined,
  signals: NodeJS.Signals[],
  graceMs: number,
): Promise<void> {
  if (!child || !isRunning(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (const signal of signals) {
    child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)));
    const done = await Promise.race([exited.then(() => true), timeout]);
    clearTimeout(timer);
    if (done) return;
  }
  await exited;
}

/**
 * Handle for a spawned server that owns a temp dir. The child is looked up lazily
 * because it may be replaced on a retry. stop() escalates through stopSignals;
 * kill() (on process exit) sends exitSignal and removes the dir synchronously.
 */
export function childHandle(
  getChild: () => ChildProcess | undefined,
  dir: string,
  stopSignals: NodeJS.Signals[],
  exitSignal: NodeJS.Signals,
): ServiceHandle {
  return {
    stop: async () => {
      await stopChild(getChild(), stopSignals, 3000);
      await rm(dir, { recursive: true, force: true });
    },
    kill: () => {
      const child = getChild();
      if (child && isRunning(child)) child.kill(exitSignal);
      try {
        // The child may still be writing while it dies: retry (rmSync sleeps between attempts).
        rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 10 });
      } catch {
        // best effort; this runs while the process is exiting
      }
    },
  };
}

export function findOnPath(cmd: string): string | undefined {
  for (const d of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(d, cmd), constants.X_OK);
      return join(d, cmd);
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Runs a command to completion, passing each output line to log. */
export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, log: (s: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const onData = (b: Buffer) => {
      for (const line of b.toString().split(/[\r\n]+/)) if (line.trim()) log(`${cmd}: ${line}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

/**
 * Installs a Debian package with apt-get, which needs root (`hint` says what to do otherwise). The package lists are
 * refreshed first when they do not know the package, and once more when the install fails on files the mirror no
 * longer has.
 */
export async function aptInstall(pkg: string, hint: string, log: (s: string) => void): Promise<void> {
  if (process.getuid?.() !== 0 || !findOnPath('apt-get')) throw new Error(`${pkg} not found: ${hint}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const policy = spawnSync('apt-cache', ['policy', pkg], { env, encoding: 'utf8' });
  if (!/Candidate:\s*(?!\(none\))\S/.test(policy.stdout ?? '')) {
    log(`${pkg} not found; running apt-get update`);
    await run('apt-get', ['update', '-q'], env, log);
  }
  log(`${pkg} not found; running apt-get install -y ${pkg}`);
  const install = () => run('apt-get', ['install', '-y', '-q', '-o', 'Dpkg::Use-Pty=0', pkg], env, log);
  await install().catch(async () => {
    log('apt-get install failed; running apt-get update and trying once more');
    await run('apt-get', ['update', '-q'], env, log);
    await install();
  });
}
