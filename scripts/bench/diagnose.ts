import { Session } from 'node:inspector';
import type { Dispatcher, DispatchWork } from '@samflyt/engine';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/** Where one event's wall time went, in mean milliseconds per event. */
export interface TimeBreakdown {
  events: number;
  meanLatencyMs: number;
  poolAcquireMs: number;
  sqlMs: number;
  sqlStatements: number;
  dispatchMs: number;
  otherMs: number;
  /** Per statement kind: calls per event and mean ms per call. */
  statements: { sql: string; perEvent: number; meanMs: number }[];
}

/**
 * Times every SQL statement the engine sends through TypeORM, the pool acquire, and the BullMQ
 * dispatch after commit, by wrapping PostgresQueryRunner and the dispatcher for the duration of `run`.
 * Diagnosis only: the measured rounds run unwrapped.
 */
export async function timeBreakdown(
  dispatcher: Dispatcher,
  run: (timed: Dispatcher) => Promise<{ events: number; meanLatencyMs: number }>,
): Promise<TimeBreakdown> {
  const proto = PostgresQueryRunner.prototype as unknown as {
    query: (...args: unknown[]) => Promise<unknown>;
    connect: (...args: unknown[]) => Promise<unknown>;
  };
  const { query, connect } = proto;
  const byKind = new Map<string, { calls: number; ms: number }>();
  let acquireMs = 0;
  proto.query = async function (this: unknown, ...args: unknown[]) {
    const t0 = performance.now();
    try {
      return await query.apply(this, args);
    } finally {
      const kind = statementKind(String(args[0]));
      const entry = byKind.get(kind) ?? { calls: 0, ms: 0 };
      entry.calls++;
      entry.ms += performance.now() - t0;
      byKind.set(kind, entry);
    }
  };
  proto.connect = async function (this: unknown, ...args: unknown[]) {
    const t0 = performance.now();
    try {
      return await connect.apply(this, args);
    } finally {
      acquireMs += performance.now() - t0;
    }
  };
  let dispatchMs = 0;
  const timed: Dispatcher = {
    dispatch: async (work: DispatchWork) => {
      const t0 = performance.now();
      try {
        await dispatcher.dispatch(work);
      } finally {
        dispatchMs += performance.now() - t0;
      }
    },
  };
  let outcome: { events: number; meanLatencyMs: number };
  try {
    outcome = await run(timed);
  } finally {
    proto.query = query;
    proto.connect = connect;
  }
  const n = Math.max(1, outcome.events);
  const sqlMs = [...byKind.values()].reduce((s, e) => s + e.ms, 0) / n;
  const sqlStatements = [...byKind.values()].reduce((s, e) => s + e.calls, 0) / n;
  return {
    events: outcome.events,
    meanLatencyMs: outcome.meanLatencyMs,
    poolAcquireMs: acquireMs / n,
    sqlMs,
    sqlStatements,
    dispatchMs: dispatchMs / n,
    otherMs: outcome.meanLatencyMs - acquireMs / n - sqlMs - dispatchMs / n,
    statements: [...byKind.entries()]
      .map(([sql, e]) => ({ sql, perEvent: e.calls / n, meanMs: e.ms / e.calls }))
      .sort((a, b) => b.perEvent * b.meanMs - a.perEvent * a.meanMs),
  };
}

function statementKind(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim();
  const verb = text.split(' ')[0].toUpperCase();
  const table = /\b(?:FROM|INTO|UPDATE)\s+([a-z_]+)/i.exec(text)?.[1];
  const lock = /FOR UPDATE/i.test(text) ? ' FOR UPDATE' : '';
  if (!table) return text.slice(0, 40);
  if (verb === 'UPDATE' && table === 'workflow_timers')
    return `UPDATE workflow_timers (${/cancelled/.test(text) ? 'disarm' : 'fire'})`;
  if (verb === 'SELECT' && table === 'workflow_timers' && !lock) {
    return `SELECT workflow_timers (${/ORDER BY/i.test(text) ? 'view' : 'peek'})`;
  }
  return `${verb} ${table}${lock}`;
}

/**
 * Where this process spends its non-idle time during `run`, by package and by function, from an
 * in-process V8 sampling profile. Samples are wall-clock: a thread preempted inside a syscall (writev
 * waking Postgres on a 2-core machine) is counted there, so treat native I/O shares as an upper bound.
 */
export interface CpuProfileShares {
  byPackage: { group: string; share: number }[];
  topFunctions: { name: string; share: number }[];
}

export async function cpuProfile(run: () => Promise<void>): Promise<CpuProfileShares> {
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) =>
      session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  const posted = process.hrtime.bigint();
  await post('Profiler.start');
  const started = process.hrtime.bigint();
  // Starting the profiler logs every compiled function first (inside inspector `dispatch`): skip that.
  const startMicros = Number((started - posted) / 1000n);
  let runMicros = Number.POSITIVE_INFINITY;
  let profile: Profile;
  try {
    await run();
    runMicros = Number((process.hrtime.bigint() - started) / 1000n);
  } finally {
    profile = (await post<{ profile: Profile }>('Profiler.stop')).profile;
    await post('Profiler.disable');
    session.disconnect();
  }
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const time = new Map<string, number>();
  const fnTime = new Map<string, number>();
  let at = 0;
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id)!.callFrame;
    const dt = profile.timeDeltas[i] ?? 0;
    // Samples taken while Profiler.stop builds the profile are not the run's.
    at += dt;
    if (at < startMicros || at > startMicros + runMicros) return;
    const group = groupOf(frame);
    time.set(group, (time.get(group) ?? 0) + dt);
    if (group === '(idle)') return;
    const name =
      `${frame.functionName || '(anonymous)'} ${group.startsWith('(') ? '' : `[${group}${frame.url ? ` ${frame.url.replace(/^.*\//, '')}:${frame.lineNumber + 1}` : ''}]`}`.trim();
    fnTime.set(name, (fnTime.get(name) ?? 0) + dt);
  });
  time.delete('(idle)');
  const busy = [...time.values()].reduce((a, b) => a + b, 0);
  const shares = (m: Map<string, number>) =>
    [...m.entries()].map(([k, t]) => ({ k, share: t / busy })).sort((a, b) => b.share - a.share);
  return {
    byPackage: shares(time).map(({ k, share }) => ({ group: k, share })),
    topFunctions: shares(fnTime)
      .slice(0, 15)
      .map(({ k, share }) => ({ name: k, share })),
  };
}

interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

function groupOf(frame: { functionName: string; url: string }): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.startsWith('node:')) return 'node core';
  if (/\/libs\/engine\//.test(url)) return 'samflyt engine (libs/engine)';
  if (/\/libs\/workflows\//.test(url)) return 'samflyt workflows';
  if (/\/libs\/domain\//.test(url)) return 'samflyt domain';
  if (/\/scripts\//.test(url)) return 'bench harness';
  return url.replace(/^.*\//, '');
}
