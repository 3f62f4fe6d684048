import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { concatChunks } from '../../src/batch/chunker';
import { AttributeMemo } from '../../src/encode/attribute-memo';
import { sdkSpansToChunks } from '../../src/encode/sdk-spans';
import { signalSpecs } from '../../src/proto/signals';
import { officialSpansWith } from '../proto/official-sdk';

const type = signalSpecs.traces.request;
const decode = (bytes: Uint8Array) =>
  type.toObject(type.decode(bytes), { longs: String, bytes: String, defaults: true });

describe('AttributeMemo', () => {
  it('keeps a copy: the buffer the encoding was viewed in can be moved and overwritten', () => {
    const memo = new AttributeMemo();
    const buf = Buffer.from([3, 1, 2, 3]);
    expect(memo.wants(0, 'v')).toBe(true);
    memo.store(0, 'k', 'v', buf.subarray(0, 4));
    buf.fill(0);
    expect([...memo.lookup(0, 'k', 'v')!]).toEqual([3, 1, 2, 3]);
  });

  it('answers only for the same key and value at the same position', () => {
    const memo = new AttributeMemo();
    memo.store(2, 'k', 200, Uint8Array.of(1));
    expect(memo.lookup(2, 'k', 200)).toBeDefined();
    expect(memo.lookup(2, 'k', 201)).toBeUndefined();
    expect(memo.lookup(2, 'other', 200)).toBeUndefined();
    expect(memo.lookup(1, 'k', 200)).toBeUndefined();
  });

  it('never stores arrays or objects (they can change behind a copy), nor past its positions', () => {
    const memo = new AttributeMemo(4);
    expect(memo.wants(0, ['a'])).toBe(false);
    expect(memo.wants(0, { a: 1 })).toBe(false);
    expect(memo.wants(0, undefined)).toBe(false);
    expect(memo.wants(4, 'v')).toBe(false);
    expect(memo.wants(3, true)).toBe(true);
  });

  it('stops storing a position whose value keeps changing, and probes it again now and then', () => {
    const memo = new AttributeMemo();
    memo.store(0, 'id', 0, Uint8Array.of(0));
    const stored: number[] = [];
    for (let i = 1; i <= 600; i++) {
      if (memo.lookup(0, 'id', i)) continue;
      if (memo.wants(0, i)) {
        stored.push(i);
        memo.store(0, 'id', i, Uint8Array.of(i & 255));
      }
    }
    // 16 misses in a row are stored, then only every 256th miss.
    expect(stored.length).toBe(16 + 2);
    expect(stored.slice(16)).toEqual([256, 512]);
    // A value that settles is remembered again from its first probe on.
    expect(memo.lookup(0, 'id', 512)).toBeDefined();
  });
});

describe('the memo in the span encoder', () => {
  it('a stream whose attributes repeat, change, settle and change order encodes as the official serializer does', () => {
    const spans = officialSpansWith(3000, (i) => {
      const attrs: Record<string, string | number | boolean | string[]> = {
        'http.request.method': i % 500 < 480 ? 'GET' : 'POST',
        'http.response.status_code': i % 97 === 0 ? 503 : 200,
        'app.request_id': i, // changes every span: the position turns volatile
        'app.phase': i < 700 ? `warmup-${i}` : 'steady', // changes, then settles
        'app.canary': i % 2 === 0,
        'app.tags': ['a', String(i % 3)], // arrays: never memoised
        'app.ratio': i / 7,
      };
      // Every 250 spans the same keys come in another order: positions see other keys.
      if (Math.floor(i / 250) % 2 === 1) {
        const reversed: typeof attrs = {};
        for (const k of Object.keys(attrs).reverse()) reversed[k] = attrs[k];
        return reversed;
      }
      return attrs;
    });
    // In pieces, as the exporter gets them: the memo carries over from call to call.
    const ours: Uint8Array[] = [];
    for (let i = 0; i < spans.length; i += 128)
      ours.push(...sdkSpansToChunks(spans.slice(i, i + 128), 128).map((c) => c.bytes));
    const officialSpansOf = (bytes: Uint8Array) =>
      (decode(bytes) as { resourceSpans: { scopeSpans: { spans: unknown[] }[] }[] }).resourceSpans.flatMap(
        (r) => r.scopeSpans.flatMap((s) => s.spans),
      );
    expect(officialSpansOf(concatChunks(ours.map((bytes) => ({ bytes, items: 0 }))))).toEqual(
      officialSpansOf(ProtobufTraceSerializer.serializeRequest(spans)!),
    );
  });
});
