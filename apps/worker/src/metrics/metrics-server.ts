import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { WorkerEnv } from '@samflyt/domain';
import { createServer, type Server } from 'node:http';
import { WorkerMetrics } from './worker-metrics';

/**
 * GET /metrics in Prometheus text format on WORKER_METRICS_PORT (0: off), on WORKER_METRICS_HOST (loopback unless
 * set). The worker has no other HTTP.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server?: Server;

  constructor(
    private readonly env: WorkerEnv,
    private readonly metrics: WorkerMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.env.WORKER_METRICS_PORT === 0) return;
    const registry = this.metrics.registry;
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found: the worker serves only GET /metrics\n');
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

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
