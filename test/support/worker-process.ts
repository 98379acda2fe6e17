import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

/** The compiled worker; `npm test` builds before jest runs. SAMFLYT_WORKER_MAIN points at another build. */
export const WORKER_MAIN =
  process.env.SAMFLYT_WORKER_MAIN ?? join(__dirname, '..', '..', 'dist', 'apps', 'worker', 'src', 'main.js');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The compiled API, for tests that run it as a process of its own (`spawnWorker(env, 'api', API_MAIN)`). */
export const API_MAIN = join(__dirname, '..', '..', 'dist', 'apps', 'api', 'src', 'main.js');

/** A real worker process (`node dist/apps/worker/src/main.js`), its output kept for assertions. */
export interface WorkerProcess {
  readonly pid: number;
  readonly exited: Promise<Exit>;
  /** stdout and stderr so far, without colour codes. */
  output(): string;
  /** Resolves when a line matches; rejects when the process exits first or the time is up. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** SIGKILL: no shutdown hooks, jobs in flight stay locked in Redis. */
  kill(): Promise<Exit>;
  /** SIGTERM and wait: the clean shutdown path. */
  stop(timeoutMs?: number): Promise<Exit>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((c) => c.kill('SIGKILL')));

/**
 * Spawns a worker with the test's environment plus `env` (a value of `undefined` removes the
 * variable). Does not wait: use `startWorker` for one that must come up.
 */
export function spawnWorker(
  env: Record<string, string | undefined>,
  label = 'worker',
  main = WORKER_MAIN,
): WorkerProcess {
  if (!existsSync(main)) {
    throw new Error(`${main} is missing: run \`npm run build\` first (npm test does)`);
  }
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[key];
    else childEnv[key] = value;
  }
  const child = spawn(process.execPath, [main], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += stripVTControlCharacters(chunk.toString());
    if (process.env.WORKER_LOGS === '1') process.stderr.write(`[${label} ${child.pid}] ${chunk.toString()}`);
    listeners.forEach((l) => l());
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
      listeners.forEach((l) => l());
    }),
  );

  const waitFor = (pattern: RegExp, timeoutMs = 30_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(text)) return done(resolve);
        if (child.exitCode !== null || child.signalCode !== null) {
          done(() =>
            reject(
              new Error(`${label} exited (${child.exitCode ?? child.signalCode}) before ${pattern}:\n${tail(text)}`),
            ),
          );
        }
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`${label} did not log ${pattern} within ${timeoutMs} ms:\n${tail(text)}`))),
        timeoutMs,
      );
      const done = (settle: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        settle();
      };
      listeners.add(check);
      check();
    });

  const signal = async (sig: NodeJS.Signals, timeoutMs: number): Promise<Exit> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${label} did not exit within ${timeoutMs} ms of ${sig}`)), timeoutMs);
    });
    try {
      return await Promise.race([exited, late]);
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    pid: child.pid!,
    exited,
    output: () => text,
    waitFor,
    kill: () => signal('SIGKILL', 10_000),
    stop: (timeoutMs = 30_000) => signal('SIGTERM', timeoutMs),
  };
}

/** A worker's environment on the database and queues of `env` (an API's or a harness's), reconciling every second. */
export const workerEnvOf = (env: { DATABASE_URL: string; REDIS_URL: string; QUEUE_PREFIX: string }) => ({
  DATABASE_URL: env.DATABASE_URL,
  REDIS_URL: env.REDIS_URL,
  QUEUE_PREFIX: env.QUEUE_PREFIX,
  RECONCILE_INTERVAL_MS: '1000',
});

/** Spawns a worker and waits for its "worker ready" line. */
export async function startWorker(env: Record<string, string | undefined>, label?: string): Promise<WorkerProcess> {
  const worker = spawnWorker(env, label);
  try {
    await worker.waitFor(/worker ready/);
  } catch (error) {
    await worker.kill();
    throw error;
  }
  return worker;
}

/** SIGKILLs every worker this test process spawned that is still running (for afterAll). */
export async function killAllWorkers(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

const tail = (text: string) => text.split('\n').slice(-25).join('\n');
