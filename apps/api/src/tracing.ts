// main.ts imports this first: OpenTelemetry (when OTEL_EXPORTER_OTLP_ENDPOINT is set) must patch http, pg and
// ioredis before they are loaded. Unset, nothing is loaded.
import { startTracing } from '@samflyt/engine/tracing';

startTracing('samflyt-api');
