import type { Signal } from '../proto/signals.js';

/** What one export attempt ended in. */
export type ExportOutcome =
  | {
      kind: 'success';
      /** Items the server rejected in a partial success (0 for a full success). */
      rejected: number;
      /** The partial success's error_message, when the server sent one. */
      message?: string;
    }
  | {
      kind: 'failure';
      /** As the OTLP spec classifies the status: retry it or not. */
      retryable: boolean;
      /** The server's retry hint (gRPC RetryInfo, HTTP Retry-After), in milliseconds. */
      retryAfterMs?: number;
      /** A bounded label for metrics: the gRPC code name or http_<status>, network, timeout. */
      reason: string;
      message: string;
      /**
       * The request was fully written before the failure, so the server may have accepted it:
       * a retry may deliver duplicates (counted, never hidden).
       */
      maybeDelivered: boolean;
    };

/**
 * One OTLP transport (gRPC or HTTP): sends an encoded Export request of a signal. Once `send`
 * settles, the transport no longer reads `body` (its buffer is reused for the next batch).
 */
export interface Transport {
  readonly name: 'grpc' | 'http';
  send(signal: Signal, body: Uint8Array, timeoutMs: number): Promise<ExportOutcome>;
  close(): void;
}
