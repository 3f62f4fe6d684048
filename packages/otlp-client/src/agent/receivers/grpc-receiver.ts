import * as grpc from '@grpc/grpc-js';
import { rawExportService } from '../../proto/raw-service.js';
import { signalNames } from '../../proto/signals.js';
import type { Signal } from '../../proto/signals.js';
import { statusWithRetryDelay } from '../../transport/retry-info.js';
import type { IngestResult } from '../ingest/ingest.js';
import type { Receiver, ReceiverContext } from './receiver.js';
import type { RefuseReason } from './receiver-metrics.js';

const emptyResponse = Buffer.alloc(0);

/** gRPC status of each refusal (OTLP spec: RESOURCE_EXHAUSTED with RetryInfo is retryable). */
const grpcStatus: Record<RefuseReason, grpc.status> = {
  malformed: grpc.status.INVALID_ARGUMENT,
  too_large: grpc.status.RESOURCE_EXHAUSTED,
  unsupported_media_type: grpc.status.INVALID_ARGUMENT,
  queue_full: grpc.status.RESOURCE_EXHAUSTED,
  shutting_down: grpc.status.UNAVAILABLE,
  not_found: grpc.status.UNIMPLEMENTED,
};

/**
 * OTLP/gRPC on grpc-js: the Export method of the trace, metrics and logs services, with the
 * request kept as bytes (no decode: the ingest slices it). grpc-js enforces
 * max_decompressed_bytes on every message, compressed or not, and decompresses gzip itself;
 * an uncompressed message above max_request_bytes is refused here.
 */
export class GrpcReceiver implements Receiver {
  readonly transport = 'grpc' as const;
  private server?: grpc.Server;

  constructor(private readonly ctx: ReceiverContext) {}

  async start(): Promise<number> {
    const server = new grpc.Server({
      'grpc.max_receive_message_length': this.ctx.limits.maxDecompressedBytes,
      'grpc.keepalive_permit_without_calls': 1,
    });
    for (const signal of signalNames) {
      server.addService(rawExportService(signal), {
        Export: (call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) =>
          cb(...this.answer(signal, call)),
      });
    }
    this.server = server;
    return new Promise<number>((resolve, reject) =>
      server.bindAsync(
        `${this.ctx.host}:${this.ctx.port}`,
        grpc.ServerCredentials.createInsecure(),
        (err, port) => (err ? reject(err) : resolve(port)),
      ),
    );
  }

  private answer(
    signal: Signal,
    call: grpc.ServerUnaryCall<Buffer, Buffer>,
  ): [grpc.ServiceError | null, Buffer?] {
    const encoding = String(call.metadata.get('grpc-encoding')[0] ?? 'identity');
    const { maxRequestBytes } = this.ctx.limits;
    const result: IngestResult =
      encoding === 'identity' && call.request.length > maxRequestBytes
        ? this.ctx.ingest.refuse(
            signal,
            'grpc',
            'too_large',
            `message of ${call.request.length} bytes exceeds receivers.max_request_bytes (${maxRequestBytes})`,
            0,
          )
        : this.ctx.ingest.accept(signal, call.request, 'grpc');
    if (result.kind === 'accepted') return [null, emptyResponse];
    const metadata = new grpc.Metadata();
    if (result.retryAfterMs !== undefined) {
      // google.rpc.Status with RetryInfo: the OTLP spec's signal that RESOURCE_EXHAUSTED may be retried.
      const code = grpcStatus[result.reason];
      metadata.set(
        'grpc-status-details-bin',
        Buffer.from(statusWithRetryDelay(code, result.message, result.retryAfterMs)),
      );
    }
    const error = Object.assign(new Error(result.message), {
      code: grpcStatus[result.reason],
      details: result.message,
      metadata,
    });
    return [error];
  }

  /** Refuses new calls, lets calls in progress finish (bounded: then forces). */
  async stop(graceMs = 5000): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        server.forceShutdown();
        resolve();
      }, graceMs);
      server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
