/* eslint-disable @typescript-eslint/no-require-imports -- the SDK is required only when tracing is on */
import type { IncomingMessage } from 'node:http';
import type { Telemetry } from 'bullmq';

/**
 * OpenTelemetry tracing, on when an OTLP endpoint is configured (the standard OTEL_* variables:
 * OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_SERVICE_NAME,
 * OTEL_TRACES_SAMPLER, OTEL_BSP_SCHEDULE_DELAY, …). Off, nothing of the SDK is loaded.
 *
 * Each process calls `startTracing` from a module its main.ts imports first, so http, express, Nest, pg and
 * ioredis are patched before they are loaded. BullMQ traces itself through `queueTelemetry()`: the producer's
 * context travels in the job's options, so a worker's job span belongs to the trace of the request that
 * scheduled it.
 */
export function tracingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  return Boolean(endpoint) && env.OTEL_SDK_DISABLED !== 'true';
}

let started: { shutdown(): Promise<void> } | undefined;

/** Starts the SDK for `serviceName` (OTEL_SERVICE_NAME overrides it) when tracing is enabled; else does nothing. */
export function startTracing(serviceName: string): void {
  if (started || !tracingEnabled()) return;
  // Traces only: metrics are Prometheus (/metrics), logs go to stdout.
  process.env.OTEL_METRICS_EXPORTER ??= 'none';
  process.env.OTEL_LOGS_EXPORTER ??= 'none';
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } =
    require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { ExpressInstrumentation } =
    require('@opentelemetry/instrumentation-express') as typeof import('@opentelemetry/instrumentation-express');
  const { NestInstrumentation } =
    require('@opentelemetry/instrumentation-nestjs-core') as typeof import('@opentelemetry/instrumentation-nestjs-core');
  const { PgInstrumentation } =
    require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { IORedisInstrumentation } =
    require('@opentelemetry/instrumentation-ioredis') as typeof import('@opentelemetry/instrumentation-ioredis');

  const sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME || serviceName,
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: isProbe }),
      new ExpressInstrumentation(),
      new NestInstrumentation(),
      // Only inside a trace: the worker's polling and the reconciler's sweeps would otherwise each be a trace.
      new PgInstrumentation({ requireParentSpan: true }),
      // The command name only: keys and arguments hold session ids and job data.
      new IORedisInstrumentation({ requireParentSpan: true, dbStatementSerializer: (command) => command }),
    ],
  });
  sdk.start();
  started = sdk;
}

/** Sends the spans still buffered (call on shutdown). */
export async function stopTracing(): Promise<void> {
  const sdk = started;
  started = undefined;
  await sdk?.shutdown().catch(() => undefined);
}

/** Health checks and metric scrapes come every few seconds and say nothing about a request. */
const isProbe = (req: IncomingMessage): boolean => {
  const path = req.url?.split('?')[0] ?? '';
  return path === '/metrics' || path === '/health' || path.startsWith('/health/');
};

let telemetry: Telemetry | undefined;

/** BullMQ's `telemetry` option for queues and workers when tracing is on, else undefined. */
export function queueTelemetry(): Telemetry | undefined {
  if (!tracingEnabled()) return undefined;
  if (!telemetry) {
    const { BullMQOtel } = require('bullmq-otel') as typeof import('bullmq-otel');
    telemetry = new BullMQOtel('bullmq') as unknown as Telemetry;
  }
  return telemetry;
}
