// main.ts imports this first: OpenTelemetry (when OTEL_EXPORTER_OTLP_ENDPOINT is set) must patch http and
// ioredis before they are loaded. Unset, nothing is loaded.
import { startTracing } from '../../../libs/engine/src/tracing';

startTracing('samflyt-web');
