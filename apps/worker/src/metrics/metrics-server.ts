import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { WorkerEnv } from '@samflyt/domain';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { WorkerHealth } from './worker-health';
import { WorkerMetrics } from './worker-metrics';

/**
 * GET /metrics in Prometheus text format on WORKER_METRICS_PORT (0: off), on WORKER_METRICS_HOST (loopback unless
 * set), and beside it GET /health/live (the process answers) and GET /health/ready (Postgres and Redis reachable;
 * 503 problem+json naming which is not). The worker has no other HTTP.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server?: Server;

  constructor(
    private readonly env: WorkerEnv,
    private readonly metrics: WorkerMetrics,
    private readonly health: WorkerHealth,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.env.WORKER_METRICS_PORT === 0) return;
    const registry = this.metrics.registry;
    const server = createServer((req, res) => {
      const path = req.url?.split('?')[0];
      if (req.method === 'GET' && path === '/health/live') {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
        return;
      }
      if (req.method === 'GET' && path === '/health/ready') {
        void this.ready(res);
        return;
      }
      if (req.method !== 'GET' || path !== '/metrics') {
        res
          .writeHead(404, { 'Content-Type': 'text/plain' })
          .end('Not found: the worker serves only GET /metrics, /health/live and /health/ready\n');
        return;
      }
      registry.metrics().then(
        (text) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
        (error: unknown) => {
          this.logger.error(`Collecting metrics failed: ${String(error)}`);
          res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Collecting metrics failed\n');
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.env.WORKER_METRICS_PORT, this.env.WORKER_METRICS_HOST, () => resolve());
    });
    this.server = server;
    const host = this.env.WORKER_METRICS_HOST.includes(':')
      ? `[${this.env.WORKER_METRICS_HOST}]`
      : this.env.WORKER_METRICS_HOST;
    this.logger.log(`metrics on http://${host}:${this.env.WORKER_METRICS_PORT}/metrics`);
  }

  private async ready(res: ServerResponse): Promise<void> {
    const { ready, checks } = await this.health.readiness();
    if (ready) {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 'ok', checks }));
      return;
    }
    const down = Object.entries(checks)
      .filter(([, check]) => check.status === 'down')
      .map(([name]) => name);
    res.writeHead(503, { 'Content-Type': 'application/problem+json' }).end(
      JSON.stringify({
        type: 'https://samflyt.no/problems/not-ready',
        title: 'Service Unavailable',
        status: 503,
        detail: `Not ready: ${down.join(' and ')} ${down.length > 1 ? 'are' : 'is'} down`,
        instance: '/health/ready',
        checks,
      }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
