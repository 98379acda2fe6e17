import { runClosedLoop, type LoadResult } from './load';
import { cpuSecondsOf, cpuSecondsOfPid, machineBusySeconds, ownTreeCpuSeconds } from './processes';
import { median } from './stats';

/** One side of a comparison: builds a fresh operation for a concurrency (lanes own their instances). */
export interface Contender {
  name: string;
  op(concurrency: number): (lane: number) => Promise<void>;
  /** Extra processes whose CPU counts for this contender (the api child). */
  pids?: number[];
}

/** CPU milliseconds per operation, by who spent it. */
export interface CpuPerOp {
  bench: number;
  postgres: number;
  redis: number;
  children: number;
}

export interface Measured {
  name: string;
  concurrency: number;
  rounds: LoadResult[];
  cpu: CpuPerOp[];
  /** CPUs kept busy by processes this bench did not start (other users of the machine), per round. */
  foreignCpus: number[];
}

export interface Summary {
  name: string;
  concurrency: number;
  perSecond: number;
  perSecondRounds: number[];
  p50Ms: number;
  p99Ms: number;
  errors: number;
  firstError?: string;
  cpuMsPerOp: CpuPerOp;
  foreignCpus: number;
}

export function summarize(m: Measured): Summary {
  const errors = m.rounds.reduce((n, r) => n + r.errors, 0);
  return {
    name: m.name,
    concurrency: m.concurrency,
    perSecond: median(m.rounds.map((r) => r.perSecond)),
    perSecondRounds: m.rounds.map((r) => r.perSecond),
    p50Ms: median(m.rounds.map((r) => r.p50Ms)),
    p99Ms: median(m.rounds.map((r) => r.p99Ms)),
    errors,
    firstError: m.rounds.find((r) => r.firstError)?.firstError,
    cpuMsPerOp: {
      bench: median(m.cpu.map((c) => c.bench)),
      postgres: median(m.cpu.map((c) => c.postgres)),
      redis: median(m.cpu.map((c) => c.redis)),
      children: median(m.cpu.map((c) => c.children)),
    },
    foreignCpus: median(m.foreignCpus),
  };
}

/**
 * Warm-up, then `rounds` rounds; in each round every contender runs once per concurrency, in an order
 * that rotates from round to round, so drift (autovacuum, WAL growth, a neighbour's load) hits all
 * sides alike. Medians are taken over rounds.
 */
export async function compare(
  contenders: Contender[],
  opts: { concurrencies: number[]; rounds: number; durationMs: number; warmupMs: number; log: (s: string) => void },
): Promise<Map<string, Measured>> {
  const results = new Map<string, Measured>();
  const key = (c: Contender, n: number) => `${c.name}@${n}`;
  for (const c of contenders) {
    for (const n of opts.concurrencies)
      results.set(key(c, n), { name: c.name, concurrency: n, rounds: [], cpu: [], foreignCpus: [] });
  }
  for (const c of contenders) {
    const n = Math.max(...opts.concurrencies);
    await runClosedLoop(n, opts.warmupMs, c.op(n));
  }
  for (let round = 0; round < opts.rounds; round++) {
    for (const n of opts.concurrencies) {
      const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]);
      for (const c of order) {
        const cpu0 = cpuNow(c.pids);
        const result = await runClosedLoop(n, opts.durationMs, c.op(n));
        const cpu1 = cpuNow(c.pids);
        const per = (a: number, b: number) => ((b - a) * 1000) / Math.max(1, result.ops);
        const m = results.get(key(c, n))!;
        m.rounds.push(result);
        m.foreignCpus.push(
          Math.max(0, cpu1.machine - cpu0.machine - (cpu1.ours - cpu0.ours)) / (result.elapsedMs / 1000),
        );
        m.cpu.push({
          bench: per(cpu0.bench, cpu1.bench),
          postgres: per(cpu0.postgres, cpu1.postgres),
          redis: per(cpu0.redis, cpu1.redis),
          children: per(cpu0.children, cpu1.children),
        });
        opts.log(
          `  round ${round + 1}/${opts.rounds}  c=${String(n).padEnd(3)} ${c.name.padEnd(34)} ${result.perSecond.toFixed(0).padStart(6)}/s` +
            `  p50 ${result.p50Ms.toFixed(1)} ms  p99 ${result.p99Ms.toFixed(1)} ms` +
            `  other load ${m.foreignCpus[m.foreignCpus.length - 1].toFixed(2)} CPUs` +
            (result.errors ? `  ERRORS ${result.errors}: ${result.firstError}` : ''),
        );
      }
    }
  }
  return results;
}

function cpuNow(pids: number[] = []) {
  const usage = process.cpuUsage();
  return {
    bench: (usage.user + usage.system) / 1e6,
    postgres: cpuSecondsOf(['postgres']),
    redis: cpuSecondsOf(['redis-server']),
    children: pids.reduce((sum, pid) => sum + cpuSecondsOfPid(pid), 0),
    machine: machineBusySeconds(),
    ours: ownTreeCpuSeconds(),
  };
}
