import { readFileSync } from 'node:fs';
import type { Signal } from '../proto/signals.js';
import { ConfigError } from './config-error.js';
import { envSetting, parseBoolean, parseHeaders, parseTimeoutMs } from './env.js';
import type { Env } from './env.js';

export type Protocol = 'grpc' | 'http/protobuf';
export const protocols: readonly Protocol[] = ['grpc', 'http/protobuf'];
export type Compression = 'gzip' | 'none';

/** Options set in code; each wins over the environment. */
export interface TransportOptions {
  /** gRPC: scheme://host:port; HTTP: the full URL of the signal (…/v1/traces) or, generic, the base. */
  endpoint?: string;
  protocol?: Protocol;
  headers?: Record<string, string>;
  /** Deadline of one export request, in milliseconds (default 10000). */
  timeoutMs?: number;
  compression?: Compression;
  /** PEM files for TLS: the CA bundle, and the client certificate and key for mTLS. */
  certificateFile?: string;
  clientCertificateFile?: string;
  clientKeyFile?: string;
  /** gRPC only: plaintext for an endpoint without scheme. */
  insecure?: boolean;
}

/** The settled transport settings of one signal. */
export interface SignalTransportConfig {
  signal: Signal;
  protocol: Protocol;
  url: URL;
  headers: Record<string, string>;
  timeoutMs: number;
  compression: Compression;
  /** undefined: plaintext. */
  tls?: { ca?: Buffer; cert?: Buffer; key?: Buffer };
}

const signalKeys: Record<Signal, string> = { traces: 'TRACES', metrics: 'METRICS', logs: 'LOGS' };

function readPem(file: string, setting: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new ConfigError(
      setting,
      `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}

/**
 * Resolves one signal's settings from code options and the standard OTEL_EXPORTER_OTLP_* variables
 * with the spec's precedence (code, then per-signal variable, then generic variable, then default)
 * and defaults (gRPC on localhost:4317; HTTP on localhost:4318 with /v1/<signal> appended to a
 * generic endpoint, never to a per-signal one). Every problem is a ConfigError naming its setting.
 */
export function resolveSignalConfig(
  signal: Signal,
  options: TransportOptions = {},
  env: Env = process.env,
  warn: (setting: string, message: string) => void = () => {},
): SignalTransportConfig {
  const key = signalKeys[signal];
  const fromEnv = (name: string) => envSetting(env, key, name);

  const protoEnv = fromEnv('PROTOCOL');
  const protocolText = options.protocol ?? protoEnv?.value ?? 'http/protobuf';
  if (!protocols.includes(protocolText as Protocol)) {
    throw new ConfigError(
      options.protocol ? 'protocol' : protoEnv!.name,
      `unknown protocol "${protocolText}" (supported: ${protocols.join(', ')})`,
    );
  }
  const protocol = protocolText as Protocol;

  const endpointEnv = fromEnv('ENDPOINT');
  const endpointSetting = options.endpoint !== undefined ? 'endpoint' : (endpointEnv?.name ?? 'endpoint');
  let endpoint = options.endpoint ?? endpointEnv?.value;
  const perSignalEndpoint = options.endpoint === undefined && endpointEnv?.perSignal === true;
  let insecure: boolean | undefined = options.insecure;
  if (insecure === undefined) {
    const e = fromEnv('INSECURE');
    if (e) insecure = parseBoolean(e.value, e.name, warn);
  }
  if (endpoint === undefined)
    endpoint = protocol === 'grpc' ? 'http://localhost:4317' : 'http://localhost:4318';
  else if (protocol === 'grpc' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint))
    endpoint = `${insecure ? 'http' : 'https'}://${endpoint}`;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ConfigError(endpointSetting, `"${endpoint}" is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigError(endpointSetting, `"${endpoint}" must use http or https`);
  const isBase = options.endpoint === undefined ? !perSignalEndpoint : url.pathname === '/';
  if (protocol === 'http/protobuf' && isBase) {
    // A generic endpoint is a base: the signal path is appended (spec: OTEL_EXPORTER_OTLP_ENDPOINT),
    // and so is it to an endpoint given in code with no path (`http://collector:4318`), which
    // could never be meant as POST /. The query string stays.
    const signalUrl = new URL(url.href);
    signalUrl.pathname = `${url.pathname.replace(/\/$/, '')}/v1/${signal}`;
    url = signalUrl;
  }

  const headersEnv = fromEnv('HEADERS');
  const headers = {
    ...(headersEnv ? parseHeaders(headersEnv.value, headersEnv.name) : {}),
    ...lowerKeys(options.headers ?? {}),
  };

  const timeoutEnv = fromEnv('TIMEOUT');
  let timeoutMs = 10_000;
  if (options.timeoutMs !== undefined) {
    if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0)
      throw new ConfigError('timeoutMs', `${options.timeoutMs} is not a positive number of milliseconds`);
    timeoutMs = options.timeoutMs;
  } else if (timeoutEnv) timeoutMs = parseTimeoutMs(timeoutEnv.value, timeoutEnv.name);

  const compressionEnv = fromEnv('COMPRESSION');
  const compression = options.compression ?? compressionEnv?.value ?? 'none';
  if (compression !== 'gzip' && compression !== 'none')
    throw new ConfigError(
      options.compression ? 'compression' : compressionEnv!.name,
      `unknown compression "${compression}" (gzip or none)`,
    );

  const file = (option: keyof TransportOptions, name: string) => {
    const value = options[option] as string | undefined;
    if (value !== undefined) return readPem(value, option);
    const e = fromEnv(name);
    return e ? readPem(e.value, e.name) : undefined;
  };
  const ca = file('certificateFile', 'CERTIFICATE');
  const cert = file('clientCertificateFile', 'CLIENT_CERTIFICATE');
  const keyPem = file('clientKeyFile', 'CLIENT_KEY');
  if ((cert === undefined) !== (keyPem === undefined))
    throw new ConfigError(
      cert ? 'clientKeyFile' : 'clientCertificateFile',
      'mTLS needs both the client certificate and the client key',
    );
  const tls = url.protocol === 'https:' ? { ca, cert, key: keyPem } : undefined;
  if (!tls && (ca || cert))
    throw new ConfigError(
      endpointSetting,
      `certificates are configured but "${url.href}" is plaintext (use https)`,
    );

  return { signal, protocol, url, headers, timeoutMs, compression, tls };
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}
