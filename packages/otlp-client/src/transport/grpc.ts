import * as grpc from '@grpc/grpc-js';
import type { SignalTransportConfig } from '../config/exporter-config.js';
import type { Signal } from '../proto/signals.js';
import { signalSpecs } from '../proto/signals.js';
import { successFromResponse } from './partial-success.js';
import { retryDelayFromStatus } from './retry-info.js';
import type { ExportOutcome, Transport } from './types.js';

/** gRPC codes the OTLP spec calls retryable; RESOURCE_EXHAUSTED only with a RetryInfo. */
const retryableCodes = new Set<grpc.status>([
  grpc.status.CANCELLED,
  grpc.status.DEADLINE_EXCEEDED,
  grpc.status.ABORTED,
  grpc.status.OUT_OF_RANGE,
  grpc.status.UNAVAILABLE,
  grpc.status.DATA_LOSS,
]);

export function grpcRetryable(code: grpc.status, retryAfterMs: number | undefined): boolean {
  return retryableCodes.has(code) || (code === grpc.status.RESOURCE_EXHAUSTED && retryAfterMs !== undefined);
}

const identity = (b: Buffer) => b;

/**
 * Whether the server may have accepted the request although the call failed: a deadline or a
 * cancellation leaves it unknown, and so does a connection lost mid-call. A status the server
 * answered with, or a connection that never came up, means it was not accepted.
 */
function maybeDelivered(code: grpc.status, details: string): boolean {
  if (code === grpc.status.DEADLINE_EXCEEDED || code === grpc.status.CANCELLED) return true;
  return (
    code === grpc.status.UNAVAILABLE &&
    /ECONNRESET|Connection dropped|RST_STREAM|Received RST|socket hang up|stream closed/i.test(details)
  );
}

/**
 * OTLP/gRPC: unary Export on opentelemetry.proto.collector.<signal>.v1 with grpc-js, the request
 * already encoded (bytes in, bytes out: no second serialisation). gzip, TLS/mTLS, headers as
 * metadata, a deadline per request, keepalive pings on idle connections.
 */
export class GrpcTransport implements Transport {
  readonly name = 'grpc';
  private readonly client: grpc.Client;
  private readonly metadata: grpc.Metadata;
  private readonly calls = new Set<grpc.ClientUnaryCall>();

  constructor(config: SignalTransportConfig) {
    const credentials = config.tls
      ? grpc.credentials.createSsl(config.tls.ca ?? null, config.tls.key ?? null, config.tls.cert ?? null)
      : grpc.credentials.createInsecure();
    this.client = new grpc.Client(config.url.host, credentials, {
      'grpc.default_compression_algorithm':
        config.compression === 'gzip' ? grpc.compressionAlgorithms.gzip : grpc.compressionAlgorithms.identity,
      'grpc.keepalive_time_ms': 30_000,
      'grpc.keepalive_timeout_ms': 10_000,
      'grpc.keepalive_permit_without_calls': 0,
      'grpc.max_send_message_length': 64 * 1024 * 1024,
      'grpc.primary_user_agent': 'otlp-kit-otlp-client',
      // Retries are ours, by the OTLP spec's rules: grpc-js's own would buffer every message for a
      // retry that never comes. Channelz bookkeeping is per call and unused here.
      'grpc.enable_retries': 0,
      'grpc.enable_channelz': 0,
      // Backing off is the retry policy's and the breaker's job. grpc-js's own reconnect backoff
      // (1 s growing to 120 s) would keep the channel down after the upstream is back, whatever
      // the breaker's probe says: the 10-minute soak measured recoveries of 5 s after a 5 s outage.
      'grpc.max_reconnect_backoff_ms': 1000,
    });
    this.metadata = new grpc.Metadata();
    for (const [k, v] of Object.entries(config.headers)) this.metadata.set(k, v);
  }

  send(signal: Signal, body: Uint8Array, timeoutMs: number): Promise<ExportOutcome> {
    const path = signalSpecs[signal].grpcPath;
    return new Promise((resolve) => {
      const call = this.client.makeUnaryRequest<Buffer, Buffer>(
        path,
        identity,
        identity,
        Buffer.from(body.buffer, body.byteOffset, body.byteLength),
        this.metadata,
        { deadline: Date.now() + timeoutMs },
        (err, response) => {
          this.calls.delete(call);
          if (!err) {
            resolve(successFromResponse(signal, response ?? Buffer.alloc(0)));
            return;
          }
          const details = err.metadata?.get('grpc-status-details-bin')[0];
          const retryAfterMs = retryDelayFromStatus(
            typeof details === 'string' ? Buffer.from(details, 'base64') : details,
          );
          resolve({
            kind: 'failure',
            retryable: grpcRetryable(err.code, retryAfterMs),
            retryAfterMs,
            reason: (grpc.status[err.code] ?? 'UNKNOWN').toLowerCase(),
            message: err.details || err.message,
            maybeDelivered: maybeDelivered(err.code, err.details ?? ''),
          });
        },
      );
      this.calls.add(call);
    });
  }

  /** Closes the channel and cancels the calls still in flight (they end as CANCELLED). */
  close(): void {
    for (const call of [...this.calls]) call.cancel();
    this.client.close();
  }
}
