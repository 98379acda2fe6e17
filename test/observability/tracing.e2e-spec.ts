import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../scripts/lib/services';
import { assignmentInput, bearer, people } from '../support/api';
import { pollUntil } from '../support/wait';
import { killAllWorkers, startWorker } from '../support/worker-process';
import { startChild } from '../web/support';
import { createHarness, type Harness } from '../worker/harness';
import { startSmtpSink, type SmtpSink } from '../worker/smtp-sink';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './otlp-receiver';

const SERVER = 2;
const CONSUMER = 5;
const scope = {
  http: '@opentelemetry/instrumentation-http',
  pg: '@opentelemetry/instrumentation-pg',
  redis: '@opentelemetry/instrumentation-ioredis',
  bullmq: 'bullmq',
};

/**
 * api and worker as processes with OTEL_EXPORTER_OTLP_ENDPOINT pointing at a receiver of the test's own: one
 * request that starts an assignment (its notice e-mail goes out through the outbox queue) makes one trace across
 * both services, with http, pg, redis and BullMQ spans in it.
 */
describe('OpenTelemetry traces across api and worker', () => {
  let h: Harness;
  let sink: SmtpSink;
  let otlp: OtlpReceiver;
  let api: Awaited<ReturnType<typeof startChild>> | undefined;

  beforeAll(async () => {
    h = await createHarness('tracing');
    sink = await startSmtpSink();
    otlp = await startOtlpReceiver();
  });
  afterAll(async () => {
    await api?.stop();
    await killAllWorkers();
    await sink?.stop();
    await otlp?.stop();
    await h?.close();
  });

  const otel = (): Record<string, string> => ({
    OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_BSP_SCHEDULE_DELAY: '100',
  });

  it('one event: the http request in the api and the e-mail job in the worker share one trace id', async () => {
    // The reconciler must not enqueue the message first (its job would then start a trace of its own).
    await startWorker({ ...h.workerEnv, ...otel(), RECONCILE_INTERVAL_MS: '600000', SMTP_URL: sink.url });
    const port = await freePort();
    api = await startChild(
      'api',
      [join(__dirname, '../../dist/apps/api/src/main.js')],
      {
        ...process.env,
        ...otel(),
        NO_COLOR: '1',
        DATABASE_URL: h.databaseUrl,
        REDIS_URL: h.redisUrl,
        QUEUE_PREFIX: h.prefix,
        PORT: String(port),
      },
      /samflyt api on/,
    );

    const res = await fetch(`http://127.0.0.1:${port}/workflows/assignment/instances`, {
      method: 'POST',
      headers: { ...bearer(people.secretariat), 'Content-Type': 'application/json' },
      body: JSON.stringify({ input: assignmentInput() }),
    });
    expect(res.status).toBe(201);
    await pollUntil(
      'the notice e-mail',
      async () => sink.accepted.length,
      (n) => n >= 1,
    );

    const request = await pollUntil(
      'the server span of the request',
      async () =>
        otlp.spans.find(
          (s) =>
            s.service === 'samflyt-api' &&
            s.kind === SERVER &&
            s.scope === scope.http &&
            (s.attributes['http.request.method'] ?? s.attributes['http.method']) === 'POST',
        ),
      (s) => s !== undefined,
    );
    const trace = (): ReceivedSpan[] => otlp.spans.filter((s) => s.traceId === request!.traceId);
    const has = (service: string, what: (s: ReceivedSpan) => boolean) =>
      trace().some((s) => s.service === service && what(s));
    await pollUntil(
      'the worker spans of the job in the same trace',
      async () =>
        has('samflyt-worker', (s) => s.scope === scope.pg) && has('samflyt-worker', (s) => s.kind === CONSUMER),
      (found) => found,
    );

    // The route template, never the raw path.
    expect(request!.attributes['http.route']).toBe('/workflows/:name/instances');
    const api_ = (what: (s: ReceivedSpan) => boolean) => has('samflyt-api', what);
    expect(api_((s) => s.scope === scope.pg)).toBe(true);
    expect(api_((s) => s.scope === scope.redis)).toBe(true);
    // Redis spans name the command, never its keys or arguments (session ids, job data).
    const redisText = otlp.spans
      .filter((s) => s.scope === scope.redis)
      .map((s) => String(s.attributes['db.query.text'] ?? s.attributes['db.statement']));
    expect(redisText.filter((text) => text.includes(' '))).toEqual([]);
    expect(api_((s) => s.scope === scope.bullmq && s.name.startsWith('addBulk'))).toBe(true);
    expect(api_((s) => s.scope.includes('express') || s.scope.includes('nestjs'))).toBe(true);
    const job = trace().find((s) => s.service === 'samflyt-worker' && s.scope === scope.bullmq && s.kind === CONSUMER)!;
    expect(job.name).toMatch(/samflyt-outbox/);
    // The worker's database work hangs under the job's span (directly or deeper), not beside it.
    const ids = new Set(trace().map((s) => s.spanId));
    expect(trace().filter((s) => s.parentSpanId && !ids.has(s.parentSpanId))).toEqual([]);
  });

  it.each(['api', 'worker', 'web'])(
    'without OTEL_EXPORTER_OTLP_ENDPOINT the %s loads none of the SDK; with it, the SDK is loaded first',
    (app) => {
      const preload = join(__dirname, '../../dist/apps', app, app === 'web' ? 'server' : 'src', 'tracing.js');
      const loaded = (env: Record<string, string>) => {
        const script =
          `require(${JSON.stringify(preload)}); require('pg'); require('ioredis'); require('bullmq');` +
          `console.log(JSON.stringify(Object.keys(require.cache).filter((k) => /@opentelemetry|bullmq-otel/.test(k))))`;
        const run = spawnSync(process.execPath, ['-e', script], {
          cwd: join(__dirname, '../..'),
          env: { PATH: process.env.PATH, ...env },
          encoding: 'utf8',
          timeout: 30_000,
        });
        expect(run.stderr).toBe('');
        return JSON.parse(run.stdout) as string[];
      };
      expect(loaded({})).toEqual([]);
      const on = loaded({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9', OTEL_BSP_SCHEDULE_DELAY: '100000' });
      expect(on.some((path) => path.includes('instrumentation-pg'))).toBe(true);
    },
  );
});
