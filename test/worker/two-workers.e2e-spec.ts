import { freePort } from '../../scripts/lib/services';
import { killAllWorkers, startWorker } from '../support/worker-process';
import { countBy, createHarness, journalCounts, startAssignments, type Harness } from './harness';
import { startSmtpSink, type SmtpSink } from './smtp-sink';
import { pollUntil } from '../support/wait';

const INSTANCES = 1_000;
const DUE_IN_MS = 15_000;

const firedBy = async (port: number): Promise<number> => {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return [...text.matchAll(/^samflyt_timer_outcomes_total\{outcome="fired",source="\w+"\} (\d+)$/gm)].reduce(
    (sum, m) => sum + Number(m[1]),
    0,
  );
};

describe('two worker processes side by side', () => {
  let h: Harness;
  let sink: SmtpSink;

  beforeAll(async () => {
    h = await createHarness('two-workers');
    // 3,000 e-mails go to an SMTP peer of this file's own, not to the shared mail catcher.
    sink = await startSmtpSink();
  });

  afterAll(async () => {
    await killAllWorkers();
    await sink.stop();
    await h.close();
  });

  it(`fire ${INSTANCES} timers due at the same instant once each in effect`, async () => {
    // Instances first, workers after: on a small machine the two compete for the same CPUs.
    const started = Date.now();
    const ids = await startAssignments(h, INSTANCES, { dueInMs: DUE_IN_MS, parallel: 16 });
    const created = Date.now() - started;
    const ports = [await freePort(), await freePort()];
    const workers = await Promise.all(
      ports.map((port, i) =>
        startWorker({ ...h.workerEnv, SMTP_URL: sink.url, WORKER_METRICS_PORT: String(port) }, `worker-${i + 1}`),
      ),
    );

    await pollUntil(
      'every timer fired',
      () => countBy(h, 'workflow_timers'),
      (c) => c.fired === INSTANCES,
      {
        // A bound for a stuck worker, not a speed target (the bench measures speed): generous for a loaded machine.
        timeoutMs: 90_000,
        intervalMs: 250,
      },
    );
    const lateness = Date.now() - started - DUE_IN_MS;

    const deadlines = await journalCounts(h, 'deadline.passed');
    expect(deadlines.size).toBe(INSTANCES);
    expect(ids.filter((id) => deadlines.get(id) !== 1)).toEqual([]);
    expect(await countBy(h, 'workflow_timers')).toEqual({ fired: INSTANCES });
    const [states] = (await h.dataSource.query(
      `SELECT count(*) FILTER (WHERE state = 'overdue')::int AS overdue, count(*) FILTER (WHERE revision = 2)::int AS rev2
         FROM workflow_instances`,
    )) as { overdue: number; rev2: number }[];
    expect(states).toEqual({ overdue: INSTANCES, rev2: INSTANCES });

    // Each instance wrote its assignment e-mail and one overdue notice per recipient: three rows.
    const perInstance = (await h.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_messages GROUP BY instance_id HAVING count(*) <> 3`,
    )) as unknown[];
    expect(perInstance).toEqual([]);
    expect(Object.values(await countBy(h, 'outbox_messages')).reduce((a, b) => a + b, 0)).toBe(3 * INSTANCES);

    // Both workers took part, and together fired each timer exactly once.
    const fired = await Promise.all(ports.map(firedBy));
    expect(fired.every((n) => n > 0)).toBe(true);
    expect(fired[0] + fired[1]).toBe(INSTANCES);

    // The e-mails (3,000) are still going out; none so far went out twice.
    expect(sink.accepted.length).toBeGreaterThan(0);
    expect(new Set(sink.accepted.map((m) => m.messageId)).size).toBe(sink.accepted.length);
    process.stderr.write(
      `two workers: ${INSTANCES} instances created in ${created} ms; every timer fired ${lateness} ms after the due ` +
        `time (per worker: ${fired.join(', ')}); ${sink.accepted.length} e-mails sent meanwhile\n`,
    );
    await Promise.all(workers.map((w) => w.stop()));
  }, 240_000);
});
