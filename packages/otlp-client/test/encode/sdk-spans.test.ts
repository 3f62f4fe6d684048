import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { concatChunks } from '../../src/batch/chunker';
import { ProtoWriter } from '../../src/encode/proto-writer';
import { sdkSpansToChunks, writeSdkSpans } from '../../src/encode/sdk-spans';
import type { SdkSpanLike } from '../../src/encode/sdk-spans';
import { signalSpecs } from '../../src/proto/signals';
import { officialSpans, officialSpansWith } from '../proto/official-sdk';

const type = signalSpecs.traces.request;
const decode = (bytes: Uint8Array) =>
  type.toObject(type.decode(bytes), { longs: String, bytes: String, defaults: true });

describe('sdkSpansToChunks', () => {
  it('writes exactly what the official serializer writes, for every field the SDK fills', () => {
    const spans = officialSpans();
    const ours = concatChunks(sdkSpansToChunks(spans, 1000));
    const official = ProtobufTraceSerializer.serializeRequest(spans)!;
    expect(decode(ours)).toEqual(decode(official));
  });

  it('cuts chunks at maxItems, keeping each span with its resource and scope', () => {
    const spans = officialSpans(); // 5 spans, one resource, one scope
    const chunks = sdkSpansToChunks(spans, 2);
    expect(chunks.map((c) => c.items)).toEqual([2, 2, 1]);
    const official = decode(ProtobufTraceSerializer.serializeRequest(spans)!) as {
      resourceSpans: { resource: unknown; scopeSpans: { scope: unknown; spans: unknown[] }[] }[];
    };
    const parts = chunks.map((c) => decode(c.bytes) as typeof official);
    for (const p of parts) {
      expect(p.resourceSpans[0].resource).toEqual(official.resourceSpans[0].resource);
      expect(p.resourceSpans[0].scopeSpans[0].scope).toEqual(official.resourceSpans[0].scopeSpans[0].scope);
    }
    expect(parts.flatMap((p) => p.resourceSpans[0].scopeSpans[0].spans)).toEqual(
      official.resourceSpans[0].scopeSpans[0].spans,
    );
  });
});

describe('writeSdkSpans', () => {
  const spans = officialSpansWith(200, (i) => ({ 'app.i': i, 'app.text': 'x'.repeat(i % 40) }));
  const spanIdsIn = (bytes: Uint8Array) =>
    (
      decode(bytes) as { resourceSpans: { scopeSpans: { spans: { spanId: string }[] }[] }[] }
    ).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans.map((sp) => sp.spanId)));
  const ids = (list: readonly SdkSpanLike[]) =>
    list.map((s) => Buffer.from(s.spanContext().spanId, 'hex').toString('base64'));

  it('writes as many spans as fit in maxBytes, exactly, and hands back the rest', () => {
    for (const maxBytes of [300, 1000, 4096, 10_000, 1 << 20]) {
      const w = new ProtoWriter(64);
      w.pos = 0;
      const rest = writeSdkSpans(w, spans, maxBytes);
      const bytes = w.buf.subarray(0, w.pos);
      expect(bytes.length).toBeLessThanOrEqual(maxBytes);
      const written = spanIdsIn(bytes);
      // Every span exactly once, in the batch or in the rest; the batch as full as the next span allows.
      expect([...written, ...ids(rest)].sort()).toEqual(ids(spans).sort());
      if (rest.length > 0) {
        const one = new ProtoWriter(64);
        writeSdkSpans(one, [...spans.filter((s) => written.includes(ids([s])[0])), rest[0]], 1 << 30);
        // (the writer keeps 8 bytes for the lengths' varints to grow)
        expect(one.pos).toBeGreaterThan(maxBytes - 8);
      } else expect(maxBytes).toBe(1 << 20);
    }
  });

  it('writes one span even when it alone is over maxBytes, and nothing empty', () => {
    const w = new ProtoWriter(64);
    const rest = writeSdkSpans(w, spans.slice(0, 3), 10);
    expect(spanIdsIn(w.buf.subarray(0, w.pos))).toHaveLength(1);
    expect(rest).toHaveLength(2);
  });

  it('writes the same bytes as sdkSpansToChunks when everything fits', () => {
    const w = new ProtoWriter(64);
    expect(writeSdkSpans(w, spans, 1 << 30)).toEqual([]);
    expect(Buffer.from(w.buf.subarray(0, w.pos))).toEqual(
      Buffer.from(concatChunks(sdkSpansToChunks(spans, 1000))),
    );
  });
});

describe('ProtoWriter', () => {
  const roundTrip = (write: (w: ProtoWriter) => void) => {
    const w = new ProtoWriter(4); // tiny: every write grows the buffer
    write(w);
    return w.buf.subarray(0, w.pos);
  };

  it('writes nanosecond times exactly, past 2^53', () => {
    const bytes = roundTrip((w) => w.hrTime([1_700_000_000, 123_456_789]));
    expect(bytes.readBigUInt64LE(0)).toBe(1_700_000_000_123_456_789n);
    expect(roundTrip((w) => w.hrTime([4_294_967_295, 999_999_999])).readBigUInt64LE(0)).toBe(
      4_294_967_295_999_999_999n,
    );
  });

  it('moves a body right when its length needs a longer varint, and encodes UTF-8 and negative int64', () => {
    const long = 'x'.repeat(300) + 'é';
    const bytes = roundTrip((w) => {
      const at = w.fork();
      w.string(long);
      w.int64(-1);
      w.join(at);
    });
    // outer length (2 bytes) + string length (2 bytes) + 302 bytes + 10-byte varint
    expect(bytes.length).toBe(2 + 2 + 302 + 10);
    expect(bytes.subarray(4, 306).toString('utf8')).toBe(long);
    expect([...bytes.subarray(306)]).toEqual([255, 255, 255, 255, 255, 255, 255, 255, 255, 1]);
  });
});
