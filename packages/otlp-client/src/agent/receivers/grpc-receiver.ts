import * as grpc from '@grpc/grpc-js';
import { createServer } from 'node:net';
import type { Server as NetServer, Socket } from 'node:net';
import { rawExportService } from '../../proto/raw-service.js';
import { signalNames } from '../../proto/signals.js';
import type { Signal } from '../../proto/signals.js';
import { statusWithRetryDelay } from '../../transport/retry-info.js';
import type { IngestResult } from '../ingest/ingest.js';
import { requestDeadlineInterceptor } from './grpc-request-deadline.js';
import { wireEncodingInterceptor, wireEncodingKey } from './grpc-wire-encoding.js';
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

/** An HTTP/2 client opens with a 24-byte preface and a SETTINGS frame (9-byte header at least). */
const handshakeBytes = 24 + 9;

/**
 * OTLP/gRPC on grpc-js: the Export method of the trace, metrics and logs services, with the
 * request kept as bytes (no decode: the ingest slices it). The receiver owns the TCP listener and
 * hands each connection to grpc-js (a connection injector), which is where the connection cap and
 * the handshake deadline live; grpc-js holds the rest: max_concurrent_streams, the idle timeout,
 * max_decompressed_bytes on every message (compressed or not, it decompresses gzip itself), and
 * the request deadline (an interceptor). An identity message above max_request_bytes is refused
 * here.
 */
export class GrpcReceiver implements Receiver {
  readonly transport = 'grpc' as const;
  private server?: grpc.Server;
  private listener?: NetServer;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly ctx: ReceiverContext) {}

  async start(): Promise<number> {
    const { limits } = this.ctx;
    const server = new grpc.Server({
      'grpc.max_receive_message_length': limits.maxDecompressedBytes,
      'grpc.max_concurrent_streams': limits.maxConcurrentStreams,
      'grpc.max_connection_idle_ms': limits.idleTimeoutMs,
      'grpc.keepalive_permit_without_calls': 1,
      'grpc.enable_channelz': 0,
      interceptors: [
        wireEncodingInterceptor,
        requestDeadlineInterceptor(limits.requestTimeoutMs, 'receivers.request_timeout'),
      ],
    });
    for (const signal of signalNames) {
      server.addService(rawExportService(signal), {
        Export: (call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) =>
          cb(...this.answer(signal, call)),
      });
    }
    this.server = server;
    const injector = server.createConnectionInjector(grpc.ServerCredentials.createInsecure());
    const listener = createServer((socket) => {
      this.sockets.add(socket);
      // A connection that has not even sent the HTTP/2 preface by now is not a gRPC client.
      const handshake = setTimeout(() => {
        if (socket.bytesRead < handshakeBytes) socket.destroy();
      }, limits.headerTimeoutMs);
      handshake.unref();
      socket.once('close', () => {
        clearTimeout(handshake);
        this.sockets.delete(socket);
      });
      injector.injectConnection(socket);
    });
    listener.maxConnections = limits.maxConnections;
    this.listener = listener;
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(this.ctx.port, this.ctx.host, () => resolve());
    });
    return (listener.address() as { port: number }).port;
  }

  private answer(
    signal: Signal,
    call: grpc.ServerUnaryCall<Buffer, Buffer>,
  ): [grpc.ServiceError | null, Buffer?] {
    const encoding = String(call.metadata.get(wireEncodingKey)[0] ?? 'unknown');
    const { maxRequestBytes } = this.ctx.limits;
    // A compressed message was bounded by grpc-js (max_decompressed_bytes, before and after
    // inflating); one sent as it is must also stay within max_request_bytes, as over HTTP.
    const result: IngestResult =
      encoding !== 'gzip' && encoding !== 'deflate' && call.request.length > maxRequestBytes
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

  /**
   * Stops accepting connections at once, asks every connection to finish (GOAWAY: calls in progress
   * go on, new ones go elsewhere), and after `graceMs` closes whatever is left. Resolves within
   * `graceMs` whatever the clients do.
   */
  async stop(graceMs = 5000): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.listener?.close();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        server.forceShutdown();
        for (const socket of this.sockets) socket.destroy();
        resolve();
      }, graceMs);
      server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
