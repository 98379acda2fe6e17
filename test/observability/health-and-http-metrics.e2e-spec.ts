import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { freePort } from '../../scripts/lib/services';
import { bearer, people } from '../support/api';
import { pollUntil } from '../support/wait';
import { killAllWorkers, startWorker } from '../support/worker-process';
import { startChild, startWebServer } from '../web/support';
import { createHarness, type Harness } from '../worker/harness';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

const get = async (url: string, headers: Record<string, string> = {}) => {
  const res = await fetch(url, { headers });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
};

/** A 503 problem+json from /health/ready naming `down` (and only it) as down. */
const expectNotReady = (res: Awaited<ReturnType<typeof get>>, down: string[]) => {
  expect({ status: res.status, type: res.type }).toEqual({
    status: 503,
    type: expect.stringContaining('problem+json'),
  });
  const body = JSON.parse(res.body) as { checks: Record<string, { status: string }> };
  expect(body).toMatchObject({
    type: 'https://samflyt.no/problems/not-ready',
    title: 'Service Unavailable',
    status: 503,
    detail: expect.stringContaining(down.join(' and ')),
    instance: '/health/ready',
  });
  const downNow = Object.entries(body.checks)
    .filter(([, c]) => c.status === 'down')
    .map(([name]) => name);
  expect(downNow.sort()).toEqual([...down].sort());
};

/**
 * /health/live and /health/ready on the api, the worker and the web server, each a real process; Postgres taken
 * away by cutting the TCP proxy the process reaches it through. And the api's HTTP metrics per route template.
 */
describe('health endpoints and HTTP metrics', () => {
  let h: Harness;
  let pg: TcpProxy;
  let api: Awaited<ReturnType<typeof startChild>>;
  let apiUrl: string;

  beforeAll(async () => {
    h = await createHarness('health');
    const db = new URL(h.databaseUrl);
    pg = await startTcpProxy({ host: db.hostname, port: Number(db.port) });
    const port = await freePort();
    apiUrl = `http://127.0.0.1:${port}`;
    api = await startChild(
      'api',
      [join(__dirname, '../../dist/apps/api/src/main.js')],
      {
        ...process.env,
        NO_COLOR: '1',
        DATABASE_URL: pg.through(h.databaseUrl),
        REDIS_URL: h.redisUrl,
        QUEUE_PREFIX: h.prefix,
        PORT: String(port),
      },
      /samflyt api on/,
    );
  });
  afterAll(async () => {
    await api?.stop();
    await killAllWorkers();
    await pg?.stop();
    await h?.close();
  });
  afterEach(() => pg.restore());

  describe('api', () => {
    it('/health/live and /health/ready answer 200 with Postgres and Redis up', async () => {
      expect(await get(`${apiUrl}/health/live`)).toMatchObject({ status: 200, body: '{"status":"ok"}' });
      const ready = await get(`${apiUrl}/health/ready`);
      expect(ready.status).toBe(200);
      expect(JSON.parse(ready.body)).toMatchObject({
        status: 'ok',
        details: { database: { status: 'up' }, redis: { status: 'up' } },
      });
    });

    it('Postgres unreachable: /health/ready is 503 problem+json naming the database; live stays 200', async () => {
      pg.cut();
      expectNotReady(await get(`${apiUrl}/health/ready`), ['database']);
      expect((await get(`${apiUrl}/health/live`)).status).toBe(200);
      // The older path answers as before.
      expect((await get(`${apiUrl}/health`)).status).toBe(503);
      pg.restore();
      await pollUntil(
        'ready again',
        async () => (await get(`${apiUrl}/health/ready`)).status,
        (s) => s === 200,
      );
    });

    it('GET /metrics counts requests by method, route template and status class, errors, and latency', async () => {
      const id = randomUUID();
      const sek = bearer(people.secretariat);
      expect((await get(`${apiUrl}/instances/${id}`, sek)).status).toBe(404);
      expect((await get(`${apiUrl}/instances/${randomUUID()}`, sek)).status).toBe(404);
      expect((await get(`${apiUrl}/no/such/${id}`)).status).toBe(404);
      expect((await get(`${apiUrl}/dashboard/deadlines`, sek)).status).toBe(200);
      const metrics = await get(`${apiUrl}/metrics`, bearer(people.admin));
      expect(metrics.status).toBe(200);
      const value = (series: string) =>
        Number(
          metrics.body
            .split('\n')
            .find((l) => l.startsWith(`${series} `))
            ?.split(' ')[1],
        );
      expect(value('samflyt_http_requests_total{method="GET",route="/instances/:id",status_class="4xx"}')).toBe(2);
      expect(value('samflyt_http_requests_total{method="GET",route="(unmatched)",status_class="4xx"}')).toBe(1);
      expect(value('samflyt_http_requests_total{method="GET",route="/dashboard/deadlines",status_class="2xx"}')).toBe(
        1,
      );
      // The 503s of the previous test are server errors.
      expect(value('samflyt_http_request_errors_total{method="GET",route="/health/ready",status="503"}')).toBe(1);
      expect(value('samflyt_http_request_errors_total{method="GET",route="/health",status="503"}')).toBe(1);
      expect(value('samflyt_http_request_duration_seconds_count{method="GET",route="/instances/:id"}')).toBe(2);
      expect(value('samflyt_http_request_duration_seconds_bucket{le="10",method="GET",route="/instances/:id"}')).toBe(
        2,
      );
      // Route templates only: no id, no path nobody routes.
      expect(metrics.body).not.toContain(id);
      expect(metrics.body).not.toContain('/no/such');
    });
  });

  describe('worker (beside /metrics on WORKER_METRICS_PORT)', () => {
    it('/health/live and /health/ready: 200, then 503 problem+json naming the database while Postgres is away', async () => {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      await startWorker({ ...h.workerEnv, DATABASE_URL: pg.through(h.databaseUrl), WORKER_METRICS_PORT: String(port) });
      expect(await get(`${base}/health/live`)).toMatchObject({ status: 200, body: '{"status":"ok"}' });
      const ready = await get(`${base}/health/ready`);
      expect(ready.status).toBe(200);
      expect(JSON.parse(ready.body)).toEqual({
        status: 'ok',
        checks: { database: { status: 'up' }, redis: { status: 'up' } },
      });
      pg.cut();
      expectNotReady(await get(`${base}/health/ready`), ['database']);
      expect((await get(`${base}/health/live`)).status).toBe(200);
    });

    it('/health/ready is 503 naming Redis when the worker loses Redis', async () => {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const redisUrl = new URL(h.redisUrl);
      const redis = await startTcpProxy({ host: redisUrl.hostname, port: Number(redisUrl.port) });
      try {
        await startWorker({ ...h.workerEnv, REDIS_URL: redis.through(h.redisUrl), WORKER_METRICS_PORT: String(port) });
        expect((await get(`${base}/health/ready`)).status).toBe(200);
        redis.cut();
        expectNotReady(await get(`${base}/health/ready`), ['redis']);
      } finally {
        await killAllWorkers();
        await redis.stop();
      }
    });
  });

  describe('web server', () => {
    it('/health/live and /health/ready: 200 with its Redis and the API up', async () => {
      const web = await startWebServer(apiUrl);
      try {
        expect(await get(`${web.url}/health/live`)).toMatchObject({ status: 200, body: '{"status":"ok"}' });
        const ready = await get(`${web.url}/health/ready`);
        expect({ status: ready.status, body: JSON.parse(ready.body) }).toEqual({
          status: 200,
          body: {
            status: 'ok',
            checks: { sessions: { status: 'up' }, api: { status: 'up' } },
          },
        });
      } finally {
        await web.stop();
      }
    });

    it('/health/ready is 503 problem+json naming the session store and the API when neither answers', async () => {
      const web = await startWebServer(`http://127.0.0.1:${await freePort()}`, {
        REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
      });
      try {
        expectNotReady(await get(`${web.url}/health/ready`), ['sessions', 'api']);
        expect((await get(`${web.url}/health/live`)).status).toBe(200);
      } finally {
        await web.stop();
      }
    });
  });
});
