import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';

// eslint-disable-next-line no-control-regex -- colour codes in child output
const ANSI = /\x1b\[[0-9;]*m/g;
const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((c) => c.kill('SIGKILL')));

/** A node child process (api, worker, raw BullMQ worker) with its output kept for diagnosis. */
export interface NodeProcess {
  readonly name: string;
  readonly pid: number;
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export function spawnNode(name: string, script: string, env: Record<string, string>): NodeProcess {
  if (!existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\` first (npm run bench does)`);
  // For diagnosis, e.g. BENCH_CHILD_NODE_ARGS="--prof" (V8 tick logs in the working directory).
  const nodeArgs = (process.env.BENCH_CHILD_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, script], {
    // JSON log lines, as production writes them (development's default is pino-pretty, a cost production never pays).
    env: { ...process.env, LOG_FORMAT: process.env.LOG_FORMAT ?? 'json', ...env, NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text = (text + chunk.toString().replace(ANSI, '')).slice(-200_000);
    if (process.env.BENCH_LOGS === '1') process.stderr.write(`[${name}] ${chunk.toString()}`);
    listeners.forEach((l) => l());
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child);
      listeners.forEach((l) => l());
      resolve();
    }),
  );
  const alive = () => child.exitCode === null && child.signalCode === null;
  const tail = () => text.trim().split('\n').slice(-25).join('\n');
  return {
    name,
    pid: child.pid!,
    output: () => text,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise<void>((resolve, reject) => {
        const done = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        const check = () => {
          if (pattern.test(text)) done(resolve);
          else if (!alive()) done(() => reject(new Error(`${name} exited before printing ${pattern}:\n${tail()}`)));
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`${name} did not print ${pattern} within ${timeoutMs} ms:\n${tail()}`))),
          timeoutMs,
        );
        listeners.add(check);
        check();
      }),
    stop: async (graceMs = 10_000) => {
      if (!alive()) return;
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(force);
    },
  };
}

/** VmRSS and VmHWM (peak RSS since start) of a process, in KiB; NaN when unreadable. */
export function memoryOf(pid: number): { rssKiB: number; hwmKiB: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssKiB: field('VmRSS'), hwmKiB: field('VmHWM') };
  } catch {
    return { rssKiB: Number.NaN, hwmKiB: Number.NaN };
  }
}

/** Samples VmRSS of some processes every `intervalMs` while running; `stop()` gives the peak of each. */
export class RssSampler {
  private readonly peaks = new Map<number, number>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly pids: number[],
    private readonly intervalMs = 200,
  ) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    return this;
  }

  stop(): Map<number, number> {
    clearInterval(this.timer);
    this.sample();
    return this.peaks;
  }

  private sample(): void {
    for (const pid of this.pids) {
      const { rssKiB } = memoryOf(pid);
      if (Number.isFinite(rssKiB)) this.peaks.set(pid, Math.max(this.peaks.get(pid) ?? 0, rssKiB));
    }
  }
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/**
 * CPU seconds (user + system) used so far by the descendants of `rootPid` whose command name starts with
 * one of `names`: the embedded Postgres (postmaster and backends) and redis-server that startServices
 * spawned, not other servers on the machine. 0 when none is found (external DATABASE_URL / REDIS_URL).
 */
export function cpuSecondsOf(names: string[], rootPid = process.pid): number {
  const procs = new Map<number, { ppid: number; comm: string; ticks: number }>();
  let dirs: string[];
  try {
    dirs = readdirSync('/proc');
  } catch {
    return Number.NaN;
  }
  for (const dir of dirs) {
    if (!/^\d+$/.test(dir)) continue;
    try {
      const stat = readFileSync(`/proc/${dir}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      // fields[1] = ppid, [11..14] = utime, stime, cutime, cstime (fields 4 and 14-17 of proc(5) stat). The
      // children's times keep the sum steady when a backend exits: the postmaster reaps it and inherits them.
      const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      procs.set(Number(dir), { ppid: Number(fields[1]), comm, ticks });
    } catch {
      // gone in the meantime
    }
  }
  const descends = (pid: number): boolean => {
    for (
      let p = procs.get(pid)?.ppid, hops = 0;
      p !== undefined && p > 1 && hops < 20;
      p = procs.get(p)?.ppid, hops++
    ) {
      if (p === rootPid) return true;
    }
    return false;
  };
  let ticks = 0;
  for (const [pid, proc] of procs) {
    if (names.some((n) => proc.comm.startsWith(n)) && descends(pid)) ticks += proc.ticks;
  }
  return ticks / TICKS_PER_SECOND;
}

/** CPU seconds of one process (user + system). */
export function cpuSecondsOfPid(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** Busy CPU seconds of the whole machine so far (all CPUs; /proc/stat minus idle and iowait). */
export function machineBusySeconds(): number {
  try {
    const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
    const [user, nice, system, , , irq, softirq, steal] = cpu.trim().split(/\s+/).slice(1).map(Number);
    return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds of this process and everything it started (servers, api, workers). */
export function ownTreeCpuSeconds(): number {
  const self = process.cpuUsage();
  return (self.user + self.system) / 1e6 + cpuSecondsOf(['']);
}
