// @otlp-kit/otlp-client/agent: the agent the chart deploys (`otlp-client run`): its receivers,
// health server and configuration, for tools that embed or inspect it. Applications exporting
// telemetry want the root entry, @otlp-kit/otlp-client.
export { Agent } from './agent.js';
export type { AgentOptions, AgentTotals, StopReport } from './agent.js';
export {
  loadAgentConfig,
  validateConfig,
  AgentConfigError,
  defaultConfigPath,
} from './config/load-config.js';
export type { AgentConfig, LoadedConfig, AgentDurations, LogLevel } from './config/agent-config.js';
export { parseDuration } from './config/duration.js';
export { documentedEnv } from './config/env-overrides.js';
export { exporterOptions, exporterEnv } from './config/exporter-options.js';
export { sliceRequest } from './ingest/request-slicer.js';
export { WireError } from './ingest/wire.js';
export { podIdentity, podIdentityEnv } from './ingest/pod-identity.js';
export { Ingest, queueFullRetryMs } from './ingest/ingest.js';
export type { IngestResult } from './ingest/ingest.js';
export { receiverFactories, enabledReceivers } from './receivers/registry.js';
export type { Receiver, ReceiverContext } from './receivers/receiver.js';
export { ReceiverMetrics } from './receivers/receiver-metrics.js';
export type { RefuseReason } from './receivers/receiver-metrics.js';
export { HealthServer } from './health/health-server.js';
export type { Readiness } from './health/health-server.js';
export { createLogger } from './logging/logger.js';
export type { AgentLogger } from './logging/logger.js';
export { healthcheck, defaultHealthcheckUrl } from './commands/healthcheck.js';
