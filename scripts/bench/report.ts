import type { Summary } from './compare';
import type { CpuProfileShares, TimeBreakdown } from './diagnose';
import { config, RAW } from './config';
import type { Machine } from './machine';
import { fmt, mib } from './stats';
import { renderTable } from './table';
import type { CpuSplit, EngineTimerRun, TimerRun } from './timers';
import { RESCHEDULE_FAR, RESCHEDULE_NEAR } from './workload';

export interface EventFigures {
  summaries: Summary[];
  snapshotBytes: { engine: number; baseline: number };
  dispatchErrors: number;
  breakdown?: TimeBreakdown;
  /** The same for WorkflowEngine.fireTimer (what a worker does per timer job). */
  fireBreakdown?: TimeBreakdown;
  profile?: CpuProfileShares;
}

export interface HttpFigures {
  summaries: Summary[];
  client: string;
  memory: { pid: number; idleKiB: number; peakKiB: number; hwmKiB: number };
}

/** The table and notes `npm run bench` prints (and stores in bench-results/latest.json). */
export function render(
  r: { events?: EventFigures; http?: HttpFigures; timers?: { engine: EngineTimerRun; raw: TimerRun } },
  machine: Machine,
): string {
  const header = ['#', 'Figure', 'Conc.', 'samflyt', 'Baseline, same run', 'Ratio', 'Target'];
  const rows: string[][] = [];
  const find = (list: Summary[], name: string, c: number) => list.find((s) => s.name === name && s.concurrency === c);
  const verdict = (ok: boolean) => (ok ? '✓' : '✗');
  const eventRows = (no: string, list: Summary[], name: string, label: string) => {
    for (const c of config.concurrencies) {
      const s = find(list, name, c);
      const b = find(list, RAW, c);
      if (!s || !b) continue;
      const ratio = s.perSecond / b.perSecond;
      const err = s.errors + b.errors > 0 ? ` (${s.errors + b.errors} errors)` : '';
      rows.push([
        no,
        label,
        String(c),
        `${fmt(s.perSecond)} events/s${err}`,
        `raw pg tx ${fmt(b.perSecond)} tx/s`,
        fmt(ratio, 2),
        `≥ 0.50 ${verdict(ratio >= 0.5)}`,
      ]);
    }
  };
  if (r.events) {
    eventRows('1a', r.events.summaries, `engine ${RESCHEDULE_NEAR.key}`, `Engine in-process: ${RESCHEDULE_NEAR.label}`);
    eventRows('1b', r.events.summaries, `engine ${RESCHEDULE_FAR.key}`, `Engine in-process: ${RESCHEDULE_FAR.label}`);
  }
  if (r.http) {
    eventRows(
      '2',
      r.http.summaries,
      `http ${RESCHEDULE_NEAR.key}`,
      `HTTP POST /instances/:id/events: ${RESCHEDULE_NEAR.label}`,
    );
  }
  if (r.timers) {
    const { engine: e, raw } = r.timers;
    const secs = (ms: number | null) => (ms === null ? 'n/a' : `${fmt(ms / 1000, 1)} s`);
    const conc = `${e.workers}×${e.timerConcurrency}`;
    rows.push([
      '3',
      `${fmt(e.count)} timers due at one instant: all transitioned to overdue`,
      conc,
      e.allDoneMs === null
        ? `time-out: ${fmt(e.doneAtTimeout)} done after ${fmt(e.polledMs / 1000)} s`
        : `${secs(e.allDoneMs)} after due (db ${secs(e.allDoneDbMs)})`,
      `raw BullMQ ${secs(raw.allDoneMs)} (db ${secs(raw.allDoneDbMs)})`,
      e.allDoneMs && raw.allDoneMs ? `${fmt(e.allDoneMs / raw.allDoneMs, 1)}×` : '–',
      `≤ 10 s ${verdict(e.allDoneMs !== null && e.allDoneMs <= 10_000)}`,
    ]);
    rows.push([
      '',
      '  lateness (fired_at − due_at) p50 / p99',
      conc,
      `${fmt(e.lateness.p50Ms / 1000, 2)} s / ${fmt(e.lateness.p99Ms / 1000, 2)} s`,
      `raw BullMQ ${fmt(raw.lateness.p50Ms / 1000, 2)} s / ${fmt(raw.lateness.p99Ms / 1000, 2)} s`,
      '',
      '',
    ]);
  }
  if (r.http) {
    const m = r.http.memory;
    rows.push([
      '4',
      'Memory: api RSS idle → peak under HTTP load',
      '',
      `${mib(m.idleKiB)} → ${mib(m.peakKiB)}`,
      '',
      '',
      '',
    ]);
  }
  if (r.timers) {
    r.timers.engine.memory.forEach((m, i) =>
      rows.push([
        i === 0 && !r.http ? '4' : '',
        `Memory: worker ${i + 1} RSS idle → peak under timer load`,
        '',
        `${mib(m.idleKiB)} → ${mib(m.peakKiB)}`,
        '',
        '',
        '',
      ]),
    );
  }
  const out: string[] = [
    `samflyt bench — ${machine.cpus} × ${machine.cpuModel}; Node ${machine.node}; PostgreSQL ${machine.postgres}; Redis ${machine.redis}`,
    `Event figures: median of ${config.rounds} rounds × ${config.roundMs / 1000} s (closed loop, after a warm-up), rounds interleaved ` +
      `with the baseline; ${config.instances} instances, each lane owning its own (no lock waits); pg pool ${config.pool} on both sides.`,
    '',
    renderTable(header, rows, [2, 5]),
    '',
  ];
  if (r.events || r.http) {
    out.push(
      'Events: 1a ' + RESCHEDULE_NEAR.detail + '.',
      '        1b ' + RESCHEDULE_FAR.detail + '.',
      '        Engine = WorkflowEngine.send with a distinct Idempotency-Key per event and the real JobDispatcher (enqueue to',
      '        BullMQ after commit, awaited); baseline = BEGIN; SELECT … FOR UPDATE; UPDATE (jsonb snapshot, revision + 1);',
      `        INSERT journal; COMMIT on tables LIKE workflow_instances/workflow_journal. HTTP: api child process, ${r.http?.client ?? config.httpClient}`,
      '        client with keep-alive, HS256 bearer token; no worker runs during 1–2 (their e-mail jobs wait in Redis).',
    );
    if (r.events) {
      out.push(
        `        Snapshot jsonb: ${r.events.snapshotBytes.engine} B (engine) / ${r.events.snapshotBytes.baseline} B (baseline).` +
          (r.events.dispatchErrors ? ` ${r.events.dispatchErrors} DISPATCH ERRORS (enqueue failed).` : ''),
      );
    }
    out.push(
      '',
      detailTable([...(r.events?.summaries ?? []), ...(r.http?.summaries.filter((s) => s.name !== RAW) ?? [])]),
    );
  }
  if (r.events?.breakdown) {
    out.push('', breakdownText(`an engine event's (1a, WorkflowEngine.send)`, r.events.breakdown, r.events.profile));
  }
  if (r.events?.fireBreakdown) {
    out.push(
      '',
      breakdownText(
        'a timer firing (WorkflowEngine.fireTimer, deadline.passed → overdue, 2 outbox rows)',
        r.events.fireBreakdown,
      ),
    );
  }
  if (r.timers) {
    const e = r.timers.engine;
    const raw = r.timers.raw;
    const cpu = (c: CpuSplit, n: number) =>
      `workers ${fmt((c.workers * 1000) / n, 2)}, postgres ${fmt((c.postgres * 1000) / n, 2)}, redis ${fmt((c.redis * 1000) / n, 2)}, ` +
      `bench/mail catcher ${fmt((c.bench * 1000) / n, 2)} ms`;
    const rate = (t: TimerRun) => t.doneAtTimeout / Math.max(0.001, t.polledMs / 1000);
    const load = (t: TimerRun) => t.cpu.foreign / Math.max(0.001, t.polledMs / 1000);
    out.push(
      '',
      e.setup === 'clone'
        ? `Timers: 1 assignment started through the engine (reminderOffsets [], deadline only), cloned in SQL to ${fmt(e.count)} ` +
            `(instance, journal, timer rows as the engine writes them; the "assigned" e-mails marked sent, as for assignments made ` +
            `days before), timer jobs enqueued with the real JobDispatcher: ${fmt(e.creation.ms / 1000, 1)} s, ` +
            `${fmt(e.creation.slackBeforeDueMs / 1000, 1)} s before the due time. BENCH_TIMER_SETUP=engine starts each through the engine.`
        : `Timers: ${fmt(e.count)} assignments started through the engine (reminderOffsets [], deadline only) in ${fmt(e.creation.ms / 1000, 1)} s ` +
            `(${fmt(e.creation.perSecond)}/s, with the workers running), ${fmt(e.creation.slackBeforeDueMs / 1000, 1)} s before the due time.`,
      `        ${e.workers} worker processes (node dist/apps/worker/src/main.js, WORKER_TIMER_CONCURRENCY=${e.timerConcurrency}, ` +
        `RECONCILE_INTERVAL_MS=30000); raw baseline: ${e.workers} processes, bare BullMQ Worker, concurrency ${e.timerConcurrency}, ` +
        'jobs with the same options, one UPDATE … SET fired_at = now() each.',
      `        First overdue ${e.firstDoneMs === null ? '–' : `${fmt(e.firstDoneMs / 1000, 2)} s`} after due; ` +
        (e.allDoneMs === null
          ? `TIME-OUT: ${fmt(e.doneAtTimeout)} of ${fmt(e.count)} overdue ${fmt(e.polledMs / 1000)} s after due (lateness over those); `
          : '') +
        `deadline.passed journal rows ${fmt(e.journalDeadlineRows)}, timers fired ${fmt(e.lateness.n)}, instances transitioned twice ` +
        `${fmt(e.transitionedTwice)} (${e.firedOnce ? 'each fired timer applied exactly once' : 'NOT exactly once'}); ` +
        `fired by the reconciler instead of a job: ${e.reconcilerFired}; max lateness ${fmt(e.lateness.maxMs / 1000, 2)} s ` +
        `(raw ${fmt(raw.lateness.maxMs / 1000, 2)} s).`,
      `        Throughput: ${fmt(rate(e))} timers/s (raw ${fmt(rate(raw))}/s). ` +
        `CPU per timer from due until done: ${cpu(e.cpu, e.doneAtTimeout || 1)}; raw: ${cpu(raw.cpu, raw.doneAtTimeout || 1)}. ` +
        `Other load on the machine meanwhile: ${fmt(load(e), 2)} / ${fmt(load(raw), 2)} CPUs.`,
      `        E-mail: each overdue writes 2 outbox rows (owner + assignee): ${fmt(e.count * 2)} mails to the in-process mail catcher, ` +
        `sent by the same workers while they fire timers; ${fmt(e.outboxPendingAtDone)} still pending when all were overdue.`,
      `        Worker HWM (peak RSS since start): ${e.memory.map((m) => mib(m.hwmKiB)).join(', ')}.` +
        (r.http ? ` api HWM ${mib(r.http.memory.hwmKiB)}.` : ''),
    );
  }
  return out.join('\n');
}

function detailTable(summaries: Summary[]): string {
  const rows = summaries
    .sort((a, b) => a.concurrency - b.concurrency || a.name.localeCompare(b.name))
    .map((s) => [
      s.name,
      String(s.concurrency),
      fmt(s.perSecond),
      s.perSecondRounds.map((v) => fmt(v)).join(' / '),
      `${fmt(s.p50Ms, 1)} / ${fmt(s.p99Ms, 1)}`,
      fmt(s.cpuMsPerOp.bench, 2),
      fmt(s.cpuMsPerOp.children, 2),
      fmt(s.cpuMsPerOp.postgres, 2),
      fmt(s.cpuMsPerOp.redis, 2),
      fmt(s.foreignCpus, 2),
    ]);
  return renderTable(
    [
      'Detail',
      'Conc.',
      'Median/s',
      'Rounds',
      'Latency p50 / p99 ms',
      'CPU ms/op: bench',
      'api',
      'postgres',
      'redis',
      'Other load (CPUs)',
    ],
    rows,
    [1, 2, 5, 6, 7, 8, 9],
  );
}

function breakdownText(what: string, b: TimeBreakdown, profile?: CpuProfileShares): string {
  const pct = (x: number) => `${fmt((x / b.meanLatencyMs) * 100)} %`;
  const lines = [
    `Where ${what} time goes (concurrency ${config.concurrencies[0]}, instrumented extra run, ${fmt(b.events)} events):`,
    `  mean latency ${fmt(b.meanLatencyMs, 2)} ms = pool acquire ${fmt(b.poolAcquireMs, 2)} ms (${pct(b.poolAcquireMs)})` +
      ` + ${fmt(b.sqlStatements, 1)} SQL round trips ${fmt(b.sqlMs, 2)} ms (${pct(b.sqlMs)})` +
      ` + BullMQ dispatch after commit ${fmt(b.dispatchMs, 2)} ms (${pct(b.dispatchMs)})` +
      ` + rest (engine JS, TypeORM, event loop) ${fmt(b.otherMs, 2)} ms (${pct(b.otherMs)})`,
    '  per statement (calls/event × mean ms):',
    ...b.statements.map((s) => `    ${s.sql.padEnd(44)} ${fmt(s.perEvent, 2)} × ${fmt(s.meanMs, 2)} ms`),
  ];
  if (profile) {
    lines.push(
      '  bench-process CPU by package (V8 profile of a second run, share of non-idle samples):',
      '    ' +
        profile.byPackage
          .slice(0, 12)
          .map((p) => `${p.group} ${fmt(p.share * 100)} %`)
          .join(', '),
      '  top functions (self time):',
      ...profile.topFunctions.slice(0, 10).map((f) => `    ${fmt(f.share * 100, 1).padStart(5)} %  ${f.name}`),
    );
  }
  return lines.join('\n');
}
