import type { OtlpExporter } from '../../export/exporter.js';
import type { Signal } from '../../proto/signals.js';
import type { RefuseReason, ReceiverMetrics } from '../receivers/receiver-metrics.js';
import type { IdentityAttribute } from './pod-identity.js';
import { sliceRequest } from './request-slicer.js';
import { WireError } from './wire.js';

export type IngestResult =
  | { kind: 'accepted'; items: number }
  | { kind: 'refused'; reason: RefuseReason; message: string; items: number; retryAfterMs?: number };

/** How long a sender refused for a full queue is told to wait (RetryInfo / Retry-After). */
export const queueFullRetryMs = 1000;

/**
 * Where both receivers hand over an encoded Export request: it is sliced into chunks (with the pod
 * identity added), then queued whole or refused whole. A full queue refuses with a retry hint
 * (backpressure: the sender keeps the data and retries), so nothing accepted is later dropped for
 * want of room.
 */
export class Ingest {
  private draining = false;

  constructor(
    private readonly exporter: OtlpExporter,
    private readonly identity: readonly IdentityAttribute[],
    private readonly metrics: ReceiverMetrics,
  ) {}

  /** From now on every request is refused as shutting_down (UNAVAILABLE / 503: try another pod). */
  drain(): void {
    this.draining = true;
  }

  accept(signal: Signal, body: Uint8Array, transport: 'grpc' | 'http'): IngestResult {
    this.metrics.requests.inc({ signal, transport });
    if (this.draining)
      return this.refuse(
        signal,
        transport,
        'shutting_down',
        'the agent is shutting down',
        0,
        queueFullRetryMs,
      );
    let chunks;
    try {
      chunks = sliceRequest(signal, body, this.exporter.batchMaxItems, this.identity);
    } catch (err) {
      if (!(err instanceof WireError)) throw err;
      return this.refuse(signal, transport, 'malformed', `malformed protobuf: ${err.message}`, 0);
    }
    let items = 0;
    let bytes = 0;
    for (const c of chunks) {
      items += c.items;
      bytes += c.bytes.length;
    }
    const bounds = this.exporter.queueBounds;
    if (items > bounds.maxItems || bytes > bounds.maxBytes)
      // Not worth a retry: no amount of waiting makes room for it (413 / RESOURCE_EXHAUSTED without RetryInfo).
      return this.refuse(
        signal,
        transport,
        'too_large',
        `the request (${items} items, ${bytes} bytes) is larger than the whole queue (queue.max_items ${bounds.maxItems}, queue.max_bytes ${bounds.maxBytes}): split it`,
        items,
      );
    if (!this.exporter.hasRoomFor(signal, items, bytes))
      return this.refuse(
        signal,
        transport,
        'queue_full',
        `the export queue is full (${items} items refused, retry later)`,
        items,
        queueFullRetryMs,
      );
    const { dropped } = this.exporter.exportChunks(signal, chunks);
    if (dropped > 0) {
      // hasRoomFor said yes and nothing ran in between: only a single chunk above the queue's own
      // bounds gets here. Its items are accounted as dropped by the exporter.
      return this.refuse(
        signal,
        transport,
        'too_large',
        `${dropped} items exceed the queue's bounds`,
        dropped,
      );
    }
    this.metrics.itemsReceived.inc({ signal, transport }, items);
    return { kind: 'accepted', items };
  }

  refuse(
    signal: Signal,
    transport: 'grpc' | 'http',
    reason: RefuseReason,
    message: string,
    items: number,
    retryAfterMs?: number,
  ): IngestResult {
    this.metrics.requestsRefused.inc({ signal, transport, reason });
    if (items > 0) this.metrics.itemsRefused.inc({ signal, transport, reason }, items);
    return { kind: 'refused', reason, message, items, retryAfterMs };
  }
}
