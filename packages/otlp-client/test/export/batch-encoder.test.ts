import { concatChunks } from '../../src/batch/chunker';
import { sdkSpansToChunks } from '../../src/encode/sdk-spans';
import { BatchEncoder } from '../../src/export/batch-encoder';
import { officialSpansWith } from '../proto/official-sdk';

const spans = officialSpansWith(300, (i) => ({ 'app.i': i, 'http.route': '/items/:id' }));
const deferred = (list: typeof spans) => ({ spans: list, items: list.length, size: list.length * 100 });

describe('BatchEncoder', () => {
  it('encodes queued spans after the chunks of a batch, as one valid request', () => {
    const encoder = new BatchEncoder(2);
    const [chunk] = sdkSpansToChunks(spans.slice(0, 10), 512);
    const batch = encoder.encode([chunk, deferred(spans.slice(10, 100))], 4 << 20);
    expect(batch.items).toBe(100);
    expect(batch.rest).toBeUndefined();
    expect(Buffer.from(batch.body)).toEqual(
      Buffer.from(concatChunks([chunk, ...sdkSpansToChunks(spans.slice(10, 100), 512)])),
    );
  });

  it('reuses a buffer only once it is released, and keeps no more than it was told', () => {
    const encoder = new BatchEncoder(1);
    const a = encoder.encode([deferred(spans.slice(0, 50))], 4 << 20);
    const b = encoder.encode([deferred(spans.slice(50, 100))], 4 << 20);
    expect(b.body.buffer).not.toBe(a.body.buffer); // a is in flight: b must not write over it
    const aBytes = Buffer.from(a.body);
    a.release();
    b.release(); // beyond `keep`: dropped
    a.release(); // twice: no second entry in the free list
    const c = encoder.encode([deferred(spans.slice(100, 150))], 4 << 20);
    expect(c.body.buffer).toBe(a.body.buffer);
    const d = encoder.encode([deferred(spans.slice(150, 200))], 4 << 20);
    expect(d.body.buffer).not.toBe(c.body.buffer);
    expect(aBytes).toEqual(Buffer.from(concatChunks(sdkSpansToChunks(spans.slice(0, 50), 512))));
  });

  it('cuts at maxBytes exactly and returns the rest with an estimated size learnt from what it encoded', () => {
    const encoder = new BatchEncoder(2);
    const batch = encoder.encode([deferred(spans.slice(0, 200))], 2000);
    expect(batch.body.length).toBeLessThanOrEqual(2000);
    expect(batch.rest).toBeDefined();
    expect(batch.items + batch.rest!.items).toBe(200);
    expect(batch.rest!.spans).toEqual(spans.slice(batch.items, 200));
    const perSpan = batch.body.length / batch.items;
    // The estimate moved from its 512-byte start towards the measured size.
    expect(encoder.estimate.perSpan).toBeLessThan(512);
    expect(encoder.estimate.perSpan).toBeGreaterThan(perSpan);
    expect(batch.rest!.size).toBe(encoder.estimate.of(batch.rest!.items));
  });

  it('passes chunk-only batches through without a buffer of its own', () => {
    const encoder = new BatchEncoder(2);
    const chunks = sdkSpansToChunks(spans.slice(0, 20), 10);
    const batch = encoder.encode(chunks, 4 << 20);
    expect(Buffer.from(batch.body)).toEqual(Buffer.from(concatChunks(chunks)));
    expect(batch.items).toBe(20);
  });
});
