import { ConfigError } from './config-error.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** OTEL_EXPORTER_OTLP_<SIGNAL>_<NAME> wins over OTEL_EXPORTER_OTLP_<NAME>; empty counts as unset. */
export function envSetting(
  env: Env,
  signalKey: string,
  name: string,
): { name: string; value: string; perSignal: boolean } | undefined {
  const specific = `OTEL_EXPORTER_OTLP_${signalKey}_${name}`;
  const generic = `OTEL_EXPORTER_OTLP_${name}`;
  if (env[specific]?.trim()) return { name: specific, value: env[specific].trim(), perSignal: true };
  if (env[generic]?.trim()) return { name: generic, value: env[generic].trim(), perSignal: false };
  return undefined;
}

/** `key1=value1,key2=value2`, values percent-decoded, as the OTLP exporter spec defines the headers variables. */
export function parseHeaders(text: string, setting: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const part of text.split(',')) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    if (eq <= 0) throw new ConfigError(setting, `"${part.trim()}" is not key=value`);
    const key = part.slice(0, eq).trim().toLowerCase();
    try {
      headers[key] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      throw new ConfigError(setting, `the value of "${key}" is not valid percent-encoding`);
    }
  }
  return headers;
}

/** A positive integer number of milliseconds. */
export function parseTimeoutMs(text: string, setting: string): number {
  if (!/^\d+$/.test(text) || Number(text) <= 0)
    throw new ConfigError(setting, `"${text}" is not a positive number of milliseconds`);
  return Number(text);
}

/**
 * An OpenTelemetry boolean variable: "true" (any case) is true, "false" false; anything else is
 * false with a warning, as the specification's configuration rules say (never a fatal error).
 */
export function parseBoolean(
  text: string,
  setting: string,
  warn: (setting: string, message: string) => void,
): boolean {
  const t = text.trim().toLowerCase();
  if (t === 'true') return true;
  if (t !== 'false') warn(setting, `"${text}" is not true or false: treated as false`);
  return false;
}
