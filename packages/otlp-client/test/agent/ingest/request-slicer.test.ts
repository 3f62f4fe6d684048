import { concatChunks } from '../../../src/batch/chunker';
import { podIdentity } from '../../../src/agent/ingest/pod-identity';
import { sliceRequest } from '../../../src/agent/ingest/request-slicer';
import { WireError, forEachField, lenField } from '../../../src/agent/ingest/wire';
import { signalSpecs } from '../../../src/proto/signals';
import type { Signal } from '../../../src/proto/signals';
import { resourceSpans } from '../../support/spans';

type Obj = Record<string, any>;
const encode = (signal: Signal, resources: Obj[]) =>
  signalSpecs[signal].request.encode({ [signalSpecs[signal].resourceField]: resources }).finish();
const decode = (signal: Signal, bytes: Uint8Array) =>
  signalSpecs[signal].request.toObject(signalSpecs[signal].request.decode(bytes), {
    longs: String,
    bytes: String,
    defaults: false,
  });
const spanNames = (req: Obj) =>
  (req.resourceSpans as Obj[]).flatMap((r) =>
    (r.scopeSpans as Obj[]).flatMap((s) => (s.spans as Obj[]).map((sp) => sp.name)),
  );

const identityEnv = { POD_NAME: 'agent-0', POD_NAMESPACE: 'telemetry', NODE_NAME: 'node-a' };
const resourceType = signalSpecs.traces.request.lookupType('opentelemetry.proto.resource.v1.Resource');
const encodeResource = (r: Obj) => Buffer.from(resourceType.encode(resourceType.fromObject(r)).finish());
const kv = (key: string, value: string) => ({ key, value: { stringValue: value } });
/** The scope-entry fields (field 2) of the first resource entry of an encoded request. */
function scopeEntriesOf(request: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  forEachField(request, 0, request.length, (entry) =>
    forEachField(request, entry.valueStart, entry.end, (f) => {
      if (f.field === 2) parts.push(request.subarray(f.tagStart, f.end));
    }),
  );
  return Buffer.concat(parts);
}
function occurrences(haystack: Buffer, needle: Buffer): number {
  let n = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) n++;
  return n;
}

describe('sliceRequest', () => {
  it('passes a resource entry through as the very bytes received when nothing needs changing', () => {
    const bytes = encode('traces', [...resourceSpans(3), ...resourceSpans(2, 4, 3)]);
    const chunks = sliceRequest('traces', bytes, 100);
    expect(chunks.map((c) => c.items)).toEqual([3, 2]);
    expect(Buffer.from(concatChunks(chunks))).toEqual(Buffer.from(bytes));
    // Zero-copy: the chunk is a view of the request buffer.
    expect(chunks[0].bytes.buffer).toBe(bytes.buffer);
  });

  it('splits a resource above maxItems, keeping resource, scope, order and every span', () => {
    const resource = resourceSpans(7)[0] as Obj;
    resource.schemaUrl = 'https://opentelemetry.io/schemas/1.26.0';
    (resource.scopeSpans as Obj[]).push({
      scope: { name: 'second' },
      spans: (resourceSpans(4, 1, 100)[0] as Obj).scopeSpans[0].spans,
    });
    const bytes = encode('traces', [resource]);
    const chunks = sliceRequest('traces', bytes, 3);
    expect(chunks.map((c) => c.items)).toEqual([3, 3, 3, 2]);
    const parts = chunks.map((c) => decode('traces', c.bytes));
    for (const p of parts) {
      expect(p.resourceSpans).toHaveLength(1);
      expect(p.resourceSpans[0].resource).toEqual(decode('traces', bytes).resourceSpans[0].resource);
      expect(p.resourceSpans[0].schemaUrl).toBe('https://opentelemetry.io/schemas/1.26.0');
    }
    // The third chunk straddles both scopes: one span of the first, two of the second.
    expect(parts[2].resourceSpans[0].scopeSpans.map((s: Obj) => [s.scope.name, s.spans.length])).toEqual([
      ['test', 1],
      ['second', 2],
    ]);
    expect(spanNames(decode('traces', concatChunks(chunks)))).toEqual(spanNames(decode('traces', bytes)));
    // Span contents survive byte for byte.
    expect(
      decode('traces', concatChunks(chunks)).resourceSpans.flatMap((r: Obj) =>
        r.scopeSpans.flatMap((s: Obj) => s.spans),
      ),
    ).toEqual(decode('traces', bytes).resourceSpans[0].scopeSpans.flatMap((s: Obj) => s.spans));
  });

  it('adds the pod identity to the resource, without overwriting what the sender set', () => {
    const [mine] = resourceSpans(2);
    (mine as Obj).resource.attributes.push({ key: 'k8s.pod.name', value: { stringValue: 'the-app-pod' } });
    const bare = { scopeSpans: resourceSpans(1)[0].scopeSpans };
    const bytes = encode('traces', [mine, bare]);
    const chunks = sliceRequest('traces', bytes, 100, podIdentity(identityEnv));
    const out = decode('traces', concatChunks(chunks)).resourceSpans as Obj[];
    const attrs = (r: Obj) =>
      Object.fromEntries((r.resource?.attributes ?? []).map((a: Obj) => [a.key, a.value.stringValue]));
    expect(attrs(out[0])).toEqual({
      'service.name': 'test',
      'k8s.pod.name': 'the-app-pod',
      'k8s.namespace.name': 'telemetry',
      'k8s.node.name': 'node-a',
    });
    expect(attrs(out[1])).toEqual({
      'k8s.pod.name': 'agent-0',
      'k8s.namespace.name': 'telemetry',
      'k8s.node.name': 'node-a',
    });
    expect(chunks.map((c) => c.items)).toEqual([2, 1]);
  });

  it('weighs metrics by data points in every kind of metric data', () => {
    const point = { timeUnixNano: 1, asInt: 1 };
    const metrics = [
      { name: 'g', gauge: { dataPoints: [point, point] } },
      { name: 's', sum: { dataPoints: [point], aggregationTemporality: 2, isMonotonic: true } },
      {
        name: 'h',
        histogram: {
          dataPoints: [{ count: 1, bucketCounts: [1], explicitBounds: [] }],
          aggregationTemporality: 2,
        },
      },
      {
        name: 'e',
        exponentialHistogram: {
          dataPoints: [{ count: 1, scale: 1 }, { count: 2 }],
          aggregationTemporality: 1,
        },
      },
      { name: 'q', summary: { dataPoints: [{ count: 1, sum: 2 }] } },
    ];
    const bytes = encode('metrics', [{ resource: {}, scopeMetrics: [{ scope: { name: 'm' }, metrics }] }]);
    expect(sliceRequest('metrics', bytes, 100).map((c) => c.items)).toEqual([7]);
    // A metric is never split: with maxItems 2 the cut falls between metrics.
    expect(sliceRequest('metrics', bytes, 2).map((c) => c.items)).toEqual([2, 2, 2, 1]);
  });

  it('slices logs like spans', () => {
    const logRecords = Array.from({ length: 5 }, (_, i) => ({
      timeUnixNano: i + 1,
      body: { stringValue: `line ${i}` },
    }));
    const bytes = encode('logs', [{ resource: {}, scopeLogs: [{ scope: { name: 'l' }, logRecords }] }]);
    const chunks = sliceRequest('logs', bytes, 2);
    expect(chunks.map((c) => c.items)).toEqual([2, 2, 1]);
    const bodies = (decode('logs', concatChunks(chunks)).resourceLogs as Obj[]).flatMap((r) =>
      r.scopeLogs.flatMap((s: Obj) => s.logRecords.map((l: Obj) => l.body.stringValue)),
    );
    expect(bodies).toEqual(logRecords.map((l) => l.body.stringValue));
  });

  it('merges a Resource sent as several occurrences when it rebuilds the entry (identity, split)', () => {
    // Resource { service.name } then Resource { host.name, dropped_attributes_count: 2 }: one
    // message to any protobuf parser, and so it must stay.
    const first = encodeResource({ attributes: [kv('service.name', 'checkout')] });
    const second = encodeResource({ attributes: [kv('host.name', 'h1')], droppedAttributesCount: 2 });
    const spans = encode('traces', resourceSpans(4)).subarray(0); // one entry: take its scope part
    const scopePart = scopeEntriesOf(spans);
    const entry = lenField(1, [lenField(1, [first]), Buffer.from(scopePart), lenField(1, [second])]);
    for (const [maxItems, identity] of [
      [100, podIdentity(identityEnv)],
      [3, []],
      [3, podIdentity(identityEnv)],
    ] as const) {
      const out = decode('traces', concatChunks(sliceRequest('traces', entry, maxItems, identity)));
      for (const r of out.resourceSpans as Obj[]) {
        expect(r.resource.attributes.map((a: Obj) => a.key).slice(0, 2)).toEqual([
          'service.name',
          'host.name',
        ]);
        expect(r.resource.droppedAttributesCount).toBe(2);
      }
      expect(spanNames(out)).toHaveLength(4);
    }
  });

  it('keeps unknown fields inside messages, whole or rebuilt; unknown request-level fields are dropped', () => {
    const unknownField = Buffer.from([0xd2, 0x3e, 0x03, 0x61, 0x62, 0x63]); // field 1002, "abc"
    const resource = Buffer.concat([encodeResource({ attributes: [kv('service.name', 's')] }), unknownField]);
    const entry = lenField(1, [
      lenField(1, [resource]),
      Buffer.from(scopeEntriesOf(encode('traces', resourceSpans(4)))),
      unknownField,
    ]);
    const request = Buffer.concat([entry, Buffer.from([0xd2, 0x3e, 0x01, 0x7a])]);
    for (const [maxItems, identity] of [
      [100, []],
      [100, podIdentity(identityEnv)],
      [3, []],
    ] as const) {
      const out = Buffer.from(concatChunks(sliceRequest('traces', request, maxItems, identity)));
      // In the Resource and in the entry: each forwarded entry carries both.
      const entries = sliceRequest('traces', request, maxItems, identity).length;
      expect(occurrences(out, unknownField)).toBe(2 * entries);
      expect(out.includes(Buffer.from([0xd2, 0x3e, 0x01, 0x7a]))).toBe(false);
    }
  });

  it('refuses malformed bytes with a WireError naming the byte, never a partial result', () => {
    const good = encode('traces', resourceSpans(3));
    expect(() => sliceRequest('traces', good.subarray(0, good.length - 5), 100)).toThrow(WireError);
    expect(() => sliceRequest('traces', Buffer.from('this is not protobuf at all'), 100)).toThrow(/byte \d+/);
    // Framing is checked inside each span too: corrupt a length deep inside the first span.
    const corrupt = Buffer.from(good);
    const nameAt = corrupt.indexOf(Buffer.from('span-0'));
    corrupt[nameAt - 1] = 0x7f; // the name's length now runs past the end of its span
    expect(() => sliceRequest('traces', corrupt, 100)).toThrow(WireError);
    expect(sliceRequest('traces', new Uint8Array(0), 100)).toEqual([]);
  });
});
