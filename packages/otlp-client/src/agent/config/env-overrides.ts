import { ConfigError } from '../../config/config-error.js';
import type { Env } from '../../config/env.js';
import { defaultUpstream, logLevels } from './agent-config.js';
import type { AgentConfig, LogLevel } from './agent-config.js';

/**
 * Environment variables the agent reads on top of config.toml, each winning over the file:
 *   LOG_LEVEL (or the deployment plan's RUST_LOG)  → logging.level
 *   OTEL_EXPORTER_OTLP_{ENDPOINT, PROTOCOL, HEADERS, TIMEOUT, COMPRESSION, CERTIFICATE,
 *   CLIENT_CERTIFICATE, CLIENT_KEY, INSECURE}, generic and per signal (…_TRACES_…) → [otlp]
 *   OTLP_CONFIG_PATH → the file itself; POD_NAME, POD_NAMESPACE, NODE_NAME → resource attributes
 *   MEMORY_LIMIT_BYTES → the otlp_agent_memory_limit_bytes gauge (the chart sets it from the
 *   container's memory limit)
 */
export const documentedEnv = [
  'OTLP_CONFIG_PATH',
  'LOG_LEVEL',
  'RUST_LOG',
  'OTEL_EXPORTER_OTLP_*',
  'POD_NAME',
  'POD_NAMESPACE',
  'NODE_NAME',
  'MEMORY_LIMIT_BYTES',
] as const;

/**
 * RUST_LOG is a list of directives (`info`, `otlp_client=debug,warn`): a bare level wins, else the
 * first target's level. Rust's `off` maps to `error`, the quietest level the agent has.
 */
export function levelFromRustLog(text: string): string {
  const directives = text
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  const bare = directives.find((d) => !d.includes('='));
  const level = (bare ?? directives[0]?.split('=')[1] ?? '').trim().toLowerCase();
  return level === 'off' ? 'error' : level;
}

function levelFromEnv(env: Env): { name: string; level: LogLevel } | undefined {
  for (const name of ['LOG_LEVEL', 'RUST_LOG']) {
    const text = env[name]?.trim();
    if (!text) continue;
    const level = name === 'RUST_LOG' ? levelFromRustLog(text) : text.toLowerCase();
    if (!logLevels.includes(level as LogLevel))
      throw new ConfigError(name, `"${text}" is not a log level (${logLevels.join(', ')})`);
    return { name, level: level as LogLevel };
  }
  return undefined;
}

/** Applies the overrides to `config` in place; returns the names of the variables that applied. */
export function applyEnvOverrides(config: AgentConfig, env: Env, endpointInFile: boolean): string[] {
  const applied: string[] = [];
  if (!endpointInFile) config.otlp.endpoint = defaultUpstream[config.otlp.protocol];
  const level = levelFromEnv(env);
  if (level) {
    config.logging.level = level.level;
    applied.push(level.name);
  }
  for (const name of Object.keys(env).sort())
    if (name.startsWith('OTEL_EXPORTER_OTLP_') && env[name]?.trim()) applied.push(name);
  return applied;
}
