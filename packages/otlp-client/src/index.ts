// Public API of @otlp-kit/otlp-client: the OTLP exporter library. The agent the chart deploys is
// @otlp-kit/otlp-client/agent (src/agent/index.ts); codecs and transports stay internal.
export { OtlpExporter } from './export/exporter.js';
export type { ExporterOptions } from './export/exporter.js';
export type { SignalStats, DropReason } from './export/signal-stats.js';
export { dropReasons } from './export/signal-stats.js';
export type { ExporterLogger } from './export/logger.js';
export { silentLogger } from './export/logger.js';
export { resolveSignalConfig, protocols } from './config/exporter-config.js';
export type {
  TransportOptions,
  SignalTransportConfig,
  Protocol,
  Compression,
} from './config/exporter-config.js';
export { ConfigError } from './config/config-error.js';
export { parseHeaders } from './config/env.js';
export type { Env } from './config/env.js';
export { RetryPolicy } from './retry/retry-policy.js';
export type { RetryOptions } from './retry/retry-policy.js';
export { ExportCircuitBreaker } from './breaker/circuit-breaker.js';
export type { BreakerOptions, BreakerStateValue } from './breaker/circuit-breaker.js';
export type { Transport, ExportOutcome } from './transport/types.js';
export { toChunks, concatChunks, countItems } from './batch/chunker.js';
export type { Chunk } from './batch/chunker.js';
export { sdkSpansToChunks } from './encode/sdk-spans.js';
export type { SdkSpanLike } from './encode/sdk-spans.js';
export type { DropPolicy } from './batch/signal-queue.js';
export type { DeferredSpans, QueueEntry } from './batch/deferred-spans.js';
export { ExporterMetrics } from './metrics/exporter-metrics.js';
export { otlpMetricNames } from './metrics/names.js';
export type { OtlpMetricName } from './metrics/names.js';
export { signalSpecs, signalNames } from './proto/signals.js';
export type { Signal, SignalSpec } from './proto/signals.js';
