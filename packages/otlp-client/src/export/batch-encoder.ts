import { concatChunks } from '../batch/chunker.js';
import type { Chunk } from '../batch/chunker.js';
import { isChunk, SpanSizeEstimate } from '../batch/deferred-spans.js';
import type { DeferredSpans, QueueEntry } from '../batch/deferred-spans.js';
import { ProtoWriter } from '../encode/proto-writer.js';
import type { SdkSpanLike } from '../encode/sdk-span-like.js';
import { writeSdkSpans } from '../encode/sdk-spans.js';

/** A batch's Export request, ready to send. */
export interface EncodedBatch {
  body: Uint8Array;
  items: number;
  /** Spans that did not fit in the batch's byte bound: back to the front of the queue. */
  rest?: DeferredSpans;
  /** Gives the body's buffer back for reuse: call once nothing will read the body again. */
  release(): void;
}

const noop = () => {};

/**
 * Turns a batch taken from the queue into one Export request. Chunks are concatenated; SDK spans
 * are encoded now, into one of a few buffers that are reused from batch to batch, so that
 * steady exporting allocates almost nothing per span. Cuts the batch at `maxBytes` exactly.
 */
export class BatchEncoder {
  readonly estimate = new SpanSizeEstimate();
  private readonly free: ProtoWriter[] = [];

  /** @param keep buffers kept for reuse (the exports in flight at once). */
  constructor(private readonly keep: number) {}

  encode(batch: readonly QueueEntry[], maxBytes: number): EncodedBatch {
    let items = 0;
    const spans: SdkSpanLike[] = [];
    const chunks: Chunk[] = [];
    for (const e of batch) {
      items += e.items;
      if (isChunk(e)) chunks.push(e);
      else for (const s of e.spans) spans.push(s);
    }
    if (spans.length === 0) return { body: concatChunks(chunks), items, release: noop };
    const w = this.free.pop() ?? new ProtoWriter(Math.max(64 * 1024, this.estimate.of(spans.length) * 2));
    w.pos = 0;
    for (const c of chunks) w.raw(c.bytes);
    const before = w.pos;
    const rest = writeSdkSpans(w, spans, maxBytes - before);
    this.estimate.observe(w.pos - before, spans.length - rest.length);
    let released = false;
    return {
      body: w.buf.subarray(0, w.pos),
      items: items - rest.length,
      rest:
        rest.length > 0
          ? { spans: rest, items: rest.length, size: this.estimate.of(rest.length) }
          : undefined,
      release: () => {
        if (released) return;
        released = true;
        if (this.free.length < this.keep) this.free.push(w);
      },
    };
  }
}
