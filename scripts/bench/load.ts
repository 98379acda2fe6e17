import { percentile } from './stats';

export interface LoadResult {
  ops: number;
  errors: number;
  firstError?: string;
  elapsedMs: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * A closed loop: `concurrency` lanes each run `op(lane)` back to back until `durationMs` has passed;
 * an operation in flight at the end still counts (the elapsed time includes it). Errors are counted,
 * not thrown, so a benchmark reports them instead of dying half-way.
 */
export async function runClosedLoop(
  concurrency: number,
  durationMs: number,
  op: (lane: number) => Promise<void>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const until = started + durationMs;
  const lane = async (index: number) => {
    while (performance.now() < until) {
      const t0 = performance.now();
      try {
        await op(index);
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => lane(i)));
  const elapsedMs = performance.now() - started;
  return {
    ops: latencies.length,
    errors,
    firstError,
    elapsedMs,
    perSecond: (latencies.length / elapsedMs) * 1000,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

/** Runs `op(i)` for i in 0..count-1, `parallel` at a time. */
export async function forEachParallel(
  count: number,
  parallel: number,
  op: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < count; i = next++) await op(i);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, lane));
}
