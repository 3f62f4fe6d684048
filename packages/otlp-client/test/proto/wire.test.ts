import {
  JsonLogsSerializer,
  JsonMetricsSerializer,
  JsonTraceSerializer,
  ProtobufLogsSerializer,
  ProtobufMetricsSerializer,
  ProtobufTraceSerializer,
} from '@opentelemetry/otlp-transformer';
import { signalSpecs } from '../../src/proto/signals';
import type { Signal } from '../../src/proto/signals';
import { officialLogs, officialMetrics, officialSpans } from './official-sdk';

const idFields = new Set(['traceId', 'spanId', 'parentSpanId']);

/**
 * Our decoding as OTLP/JSON would write it (hex ids, int64 as decimal), with proto3 defaults left
 * out on both sides, so it can be compared with the official JSON serializer's output.
 */
function normalize(value: unknown, key = ''): unknown {
  if (value instanceof Uint8Array)
    return idFields.has(key) ? Buffer.from(value).toString('hex') : Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map((v) => normalize(v));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const n = normalize(v, k);
      if (
        n === 0 ||
        n === '0' ||
        n === '' ||
        n === false ||
        n === undefined ||
        n === null ||
        (Array.isArray(n) && n.length === 0)
      )
        continue;
      if (typeof n === 'object' && !Array.isArray(n) && Object.keys(n).length === 0 && k !== 'value')
        continue;
      out[k] = n;
    }
    return out;
  }
  // OTLP/JSON writes 64-bit integers as numbers or strings: compare every integer as a string.
  return typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
}

function oursFromProtobuf(signal: Signal, bytes: Uint8Array): unknown {
  const { request } = signalSpecs[signal];
  return request.toObject(request.decode(bytes), {
    longs: String,
    enums: Number,
    bytes: Uint8Array,
    defaults: false,
    oneofs: false,
  });
}

function officialJson(json: Uint8Array): unknown {
  return JSON.parse(Buffer.from(json).toString());
}

describe('wire compatibility with the official @opentelemetry/otlp-transformer', () => {
  const cases: [Signal, () => Promise<{ pb: Uint8Array; json: Uint8Array; items: number }>][] = [
    [
      'traces',
      () => {
        const spans = officialSpans();
        return Promise.resolve({
          pb: ProtobufTraceSerializer.serializeRequest(spans)!,
          json: JsonTraceSerializer.serializeRequest(spans)!,
          items: spans.length,
        });
      },
    ],
    [
      'metrics',
      async () => {
        const rm = await officialMetrics();
        return {
          pb: ProtobufMetricsSerializer.serializeRequest(rm)!,
          json: JsonMetricsSerializer.serializeRequest(rm)!,
          items: rm.scopeMetrics[0].metrics.length,
        };
      },
    ],
    [
      'logs',
      async () => {
        const logs = await officialLogs();
        return {
          pb: ProtobufLogsSerializer.serializeRequest(logs)!,
          json: JsonLogsSerializer.serializeRequest(logs)!,
          items: logs.length,
        };
      },
    ],
  ];

  it.each(cases)(
    '%s: the official protobuf request decodes to exactly what the official JSON serializer says',
    async (signal, make) => {
      const { pb, json, items } = await make();
      expect(items).toBeGreaterThanOrEqual(5);
      expect(normalize(oursFromProtobuf(signal, pb))).toEqual(normalize(officialJson(json)));
    },
  );

  it.each(cases)(
    '%s: our re-encoding decodes to the same message (nothing lost or changed)',
    async (signal, make) => {
      const { pb } = await make();
      const { request } = signalSpecs[signal];
      const again = request.encode(request.decode(pb)).finish();
      expect(oursFromProtobuf(signal, again)).toEqual(oursFromProtobuf(signal, pb));
      // Proto3 defaults are not written, so ours is never larger than the official encoding.
      expect(again.length).toBeLessThanOrEqual(pb.length);
    },
  );

  it('covers every AnyValue kind, span kind, status code, event and link', async () => {
    const decoded = oursFromProtobuf(
      'traces',
      ProtobufTraceSerializer.serializeRequest(officialSpans())!,
    ) as any;
    const spans = decoded.resourceSpans[0].scopeSpans[0].spans;
    const kinds = new Set(spans[0].attributes.map((a: any) => Object.keys(a.value)[0]));
    expect([...kinds].sort()).toEqual(['arrayValue', 'boolValue', 'doubleValue', 'intValue', 'stringValue']);
    expect(new Set(spans.map((s: any) => s.kind))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(spans.map((s: any) => s.status?.code ?? 0).sort()).toEqual([0, 0, 0, 1, 2]);
    expect(spans[0].events[0].name).toBe('event');
    expect(Buffer.from(spans[0].links[0].traceId).toString('hex')).toBe('a'.repeat(32));
    expect(spans[0].parentSpanId).toEqual(spans[4].spanId);
    const bodies = (
      oursFromProtobuf('logs', ProtobufLogsSerializer.serializeRequest(await officialLogs())!) as any
    ).resourceLogs[0].scopeLogs[0].logRecords.map((l: any) => Object.keys(l.body)[0]);
    expect(new Set(bodies)).toEqual(
      new Set([
        'stringValue',
        'intValue',
        'doubleValue',
        'boolValue',
        'bytesValue',
        'arrayValue',
        'kvlistValue',
      ]),
    );
    const metrics = (
      oursFromProtobuf('metrics', ProtobufMetricsSerializer.serializeRequest(await officialMetrics())!) as any
    ).resourceMetrics[0].scopeMetrics[0].metrics;
    expect(
      new Set(
        metrics.map((m: any) =>
          Object.keys(m).find((k) => ['sum', 'gauge', 'histogram', 'exponentialHistogram'].includes(k)),
        ),
      ),
    ).toEqual(new Set(['sum', 'gauge', 'histogram', 'exponentialHistogram']));
  });

  it.each([
    ['traces', ProtobufTraceSerializer, 'rejectedSpans'],
    ['metrics', ProtobufMetricsSerializer, 'rejectedDataPoints'],
    ['logs', ProtobufLogsSerializer, 'rejectedLogRecords'],
  ] as const)(
    '%s: our partial-success response is read by the official deserializer',
    (signal, serializer, field) => {
      const { response } = signalSpecs[signal];
      const bytes = response
        .encode(response.fromObject({ partialSuccess: { [field]: 3, errorMessage: 'quota' } }))
        .finish();
      const official = serializer.deserializeResponse(bytes) as any;
      expect(Number(official.partialSuccess[field])).toBe(3);
      expect(official.partialSuccess.errorMessage).toBe('quota');
    },
  );
});
