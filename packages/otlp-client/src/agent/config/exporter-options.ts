import type { Registry } from 'prom-client';
import { ConfigError } from '../../config/config-error.js';
import type { Env } from '../../config/env.js';
import type { ExporterOptions } from '../../export/exporter.js';
import type { ExporterLogger } from '../../export/logger.js';
import type { LoadedConfig } from './agent-config.js';
import { AgentConfigError } from './load-config.js';

/** The [otlp] keys that the generic OTEL_EXPORTER_OTLP_* variables stand for. */
const fileKeyOfEnv: Record<string, string> = {
  OTEL_EXPORTER_OTLP_ENDPOINT: 'otlp.endpoint',
  OTEL_EXPORTER_OTLP_PROTOCOL: 'otlp.protocol',
  OTEL_EXPORTER_OTLP_TIMEOUT: 'otlp.timeout',
  OTEL_EXPORTER_OTLP_COMPRESSION: 'otlp.compression',
  OTEL_EXPORTER_OTLP_HEADERS: 'otlp.headers',
  OTEL_EXPORTER_OTLP_CERTIFICATE: 'otlp.tls.ca_file',
  OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: 'otlp.tls.cert_file',
  OTEL_EXPORTER_OTLP_CLIENT_KEY: 'otlp.tls.key_file',
};

/**
 * The [otlp] table written as the generic OTEL_EXPORTER_OTLP_* variables, under the real
 * environment: the exporter then resolves each signal with the spec's precedence (per-signal
 * variable, generic variable, file, default) and its semantics (a generic HTTP endpoint gets
 * /v1/<signal> appended), exactly as for any OTLP exporter.
 */
export function exporterEnv(loaded: LoadedConfig, env: Env): Env {
  const o = loaded.config.otlp;
  const file: Record<string, string> = {
    OTEL_EXPORTER_OTLP_PROTOCOL: o.protocol,
    OTEL_EXPORTER_OTLP_TIMEOUT: String(Math.max(1, Math.round(loaded.durations.timeoutMs))),
    OTEL_EXPORTER_OTLP_COMPRESSION: o.compression,
  };
  const headers = Object.entries(o.headers)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join(',');
  if (headers) file.OTEL_EXPORTER_OTLP_HEADERS = headers;
  if (loaded.endpointFromFile) file.OTEL_EXPORTER_OTLP_ENDPOINT = o.endpoint;
  if (o.tls.ca_file) file.OTEL_EXPORTER_OTLP_CERTIFICATE = o.tls.ca_file;
  if (o.tls.cert_file) file.OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE = o.tls.cert_file;
  if (o.tls.key_file) file.OTEL_EXPORTER_OTLP_CLIENT_KEY = o.tls.key_file;
  const real = Object.fromEntries(
    Object.entries(env).filter(([name, v]) => name.startsWith('OTEL_EXPORTER_OTLP_') && v?.trim()),
  );
  return { ...file, ...real };
}

/** The exporter's options from the agent's config. */
export function exporterOptions(
  loaded: LoadedConfig,
  env: Env,
  registry: Registry,
  logger: ExporterLogger,
): ExporterOptions {
  const { config: c, durations: d } = loaded;
  return {
    env: exporterEnv(loaded, env),
    batch: { maxItems: c.otlp.batch_size, flushIntervalMs: Math.max(1, Math.round(d.flushIntervalMs)) },
    queue: { maxItems: c.queue.max_items, maxBytes: c.queue.max_bytes, dropPolicy: 'drop-newest' },
    retry: {
      maxRetries: c.resilience.max_retries,
      initialDelayMs: d.retryDelayMs,
      maxDelayMs: d.maxRetryDelayMs,
      maxElapsedMs: Math.max(1, Math.round(d.maxElapsedMs)),
    },
    breaker: { threshold: c.resilience.circuit_breaker_threshold, cooldownMs: d.breakerCooldownMs },
    registry,
    logger,
  };
}

/**
 * A ConfigError from the exporter names the variable it read; when that variable came from the
 * file (not the real environment), name the file's key instead.
 */
export function inFileTerms(err: unknown, loaded: LoadedConfig, env: Env): unknown {
  if (!(err instanceof ConfigError) || err instanceof AgentConfigError) return err;
  const key = fileKeyOfEnv[err.setting];
  if (!key || env[err.setting]?.trim()) return err;
  return new AgentConfigError(key, err.message.slice(err.setting.length + 2), loaded.file);
}
