// Public API of @otlp-kit/otlp-client.
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
export { GrpcTransport, grpcRetryable } from './transport/grpc.js';
export { HttpTransport, parseRetryAfter, retryableHttpStatuses } from './transport/http.js';
export { createTransport, transportFactories } from './transport/registry.js';
export { retryDelayFromStatus, statusWithRetryDelay } from './transport/retry-info.js';
export type { Transport, ExportOutcome } from './transport/types.js';
export { toChunks, concatChunks, countItems } from './batch/chunker.js';
export type { Chunk } from './batch/chunker.js';
export { SignalQueue } from './batch/signal-queue.js';
export type { DropPolicy } from './batch/signal-queue.js';
export { ExporterMetrics } from './metrics/exporter-metrics.js';
export { otlpMetricNames } from './metrics/names.js';
export type { OtlpMetricName } from './metrics/names.js';
export { otlpDescriptor } from './proto/descriptor.js';
export {
  otlpRoot,
  signalSpecs,
  signalNames,
  rpcStatusType,
  retryInfoType,
  retryInfoTypeUrl,
} from './proto/signals.js';
export type { Signal, SignalSpec } from './proto/signals.js';
