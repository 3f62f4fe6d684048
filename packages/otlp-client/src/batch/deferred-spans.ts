import type { SdkSpanLike } from '../encode/sdk-span-like.js';
import type { Chunk } from './chunker.js';

/**
 * SDK spans queued as they are and encoded only when their batch is sent, into a buffer the
 * pipeline reuses (see export/batch-encoder.ts): queued telemetry then costs no second copy, and a
 * burst does not become tens of MiB of fresh buffers for the garbage collector to chase.
 */
export interface DeferredSpans {
  spans: readonly SdkSpanLike[];
  items: number;
  /** Its estimated encoded size, for the queue's byte bound (batches are cut on exact sizes). */
  size: number;
}

/** What a signal's queue holds: encoded resource entries, or spans still to be encoded. */
export type QueueEntry = Chunk | DeferredSpans;

export function isChunk(e: QueueEntry): e is Chunk {
  return (e as Chunk).bytes !== undefined;
}

/** Bytes an entry counts for in the queue's and the batch's bounds. */
export function entryBytes(e: QueueEntry): number {
  return isChunk(e) ? e.bytes.length : e.size;
}

/**
 * A running estimate of the encoded size of one span, from the batches encoded so far
 * (exponentially weighted, so that it follows a change of span shape within a few batches).
 */
export class SpanSizeEstimate {
  /** Bytes per span; the starting guess is on the high side of ~10-attribute spans. */
  perSpan = 512;

  observe(bytes: number, spans: number): void {
    if (spans === 0) return;
    this.perSpan = 0.75 * this.perSpan + 0.25 * (bytes / spans);
  }

  of(spans: number): number {
    return Math.ceil(spans * this.perSpan);
  }
}
