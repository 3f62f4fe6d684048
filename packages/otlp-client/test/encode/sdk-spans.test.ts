import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { concatChunks } from '../../src/batch/chunker';
import { ProtoWriter } from '../../src/encode/proto-writer';
import { sdkSpansToChunks } from '../../src/encode/sdk-spans';
import { signalSpecs } from '../../src/proto/signals';
import { officialSpans } from '../proto/official-sdk';

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
