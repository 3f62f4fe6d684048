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
export { sdkSpansToChunks, writeSdkSpans } from './encode/sdk-spans.js';
export type { SdkSpanLike } from './encode/sdk-spans.js';
export { ProtoWriter } from './encode/proto-writer.js';
export { SignalQueue } from './batch/signal-queue.js';
export type { DropPolicy } from './batch/signal-queue.js';
export type { DeferredSpans, QueueEntry } from './batch/deferred-spans.js';
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

// The agent (`otlp-client run`): receivers, health server, config.
export { Agent } from './agent/agent.js';
export type { AgentOptions, AgentTotals, StopReport } from './agent/agent.js';
export {
  loadAgentConfig,
  validateConfig,
  AgentConfigError,
  defaultConfigPath,
} from './agent/config/load-config.js';
export type { AgentConfig, LoadedConfig, AgentDurations, LogLevel } from './agent/config/agent-config.js';
export { parseDuration } from './agent/config/duration.js';
export { documentedEnv } from './agent/config/env-overrides.js';
export { exporterOptions, exporterEnv } from './agent/config/exporter-options.js';
export { sliceRequest } from './agent/ingest/request-slicer.js';
export { WireError } from './agent/ingest/wire.js';
export { podIdentity, podIdentityEnv } from './agent/ingest/pod-identity.js';
export { Ingest, queueFullRetryMs } from './agent/ingest/ingest.js';
export type { IngestResult } from './agent/ingest/ingest.js';
export { receiverFactories, enabledReceivers } from './agent/receivers/registry.js';
export type { Receiver, ReceiverContext } from './agent/receivers/receiver.js';
export { ReceiverMetrics } from './agent/receivers/receiver-metrics.js';
export type { RefuseReason } from './agent/receivers/receiver-metrics.js';
export { HealthServer } from './agent/health/health-server.js';
export type { Readiness } from './agent/health/health-server.js';
export { createLogger } from './agent/logging/logger.js';
export type { AgentLogger } from './agent/logging/logger.js';
export { healthcheck, defaultHealthcheckUrl } from './agent/commands/healthcheck.js';
