import * as grpc from '@grpc/grpc-js';
import { signalSpecs } from '../../../src/proto/signals';
import type { Signal } from '../../../src/proto/signals';
import { retryDelayFromStatus } from '../../../src/transport/retry-info';

const identity = (b: Buffer) => b;

/** How the agent answered one raw Export call. */
export interface GrpcAnswer {
  code: grpc.status;
  details: string;
  /** The RetryInfo delay in the status details, if any. */
  retryMs?: number;
}

/**
 * One Export call of raw request bytes to 127.0.0.1:`port` on a fresh grpc-js channel (gzip on the
 * wire when asked), with a deadline far above the work.
 */
export function grpcExport(
  port: number,
  body: Uint8Array,
  options: { signal?: Signal; gzip?: boolean; channel?: grpc.ChannelOptions } = {},
): Promise<GrpcAnswer> {
  const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
    'grpc.default_compression_algorithm': options.gzip
      ? grpc.compressionAlgorithms.gzip
      : grpc.compressionAlgorithms.identity,
    ...options.channel,
  });
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      signalSpecs[options.signal ?? 'traces'].grpcPath,
      identity,
      identity,
      Buffer.from(body),
      new grpc.Metadata(),
      { deadline: Date.now() + 60_000 },
      (err) => {
        client.close();
        if (!err) return resolve({ code: grpc.status.OK, details: '' });
        const details = err.metadata?.get('grpc-status-details-bin')[0] as Buffer | undefined;
        resolve({ code: err.code, details: err.details, retryMs: retryDelayFromStatus(details) });
      },
    );
  });
}
