import { Reader } from 'protobufjs';
import { otlpRoot, signalSpecs } from '../../src/proto/signals';

// The official JS SDK and transformer produce neither exemplars nor Summary points, so these are
// checked against the wire layout of the OTLP spec directly: field numbers and wire types.
function tags(bytes: Uint8Array): number[] {
  const r = Reader.create(bytes);
  const out: number[] = [];
  while (r.pos < r.len) {
    const tag = r.uint32();
    out.push(tag);
    r.skipType(tag & 7);
  }
  return out;
}

const tag = (field: number, wireType: number) => (field << 3) | wireType;

describe('exemplars and Summary points', () => {
  const Metric = otlpRoot.lookupType('opentelemetry.proto.metrics.v1.Metric');
  const Exemplar = otlpRoot.lookupType('opentelemetry.proto.metrics.v1.Exemplar');

  it('encode an exemplar with the spec field numbers (filtered_attributes 7, time 2 fixed64, as_int 6 sfixed64, span_id 4, trace_id 5)', () => {
    const ex = {
      filteredAttributes: [{ key: 'k', value: { stringValue: 'v' } }],
      timeUnixNano: 1_700_000_000_000_000_000n.toString(),
      asInt: -5,
      spanId: new Uint8Array(8).fill(1),
      traceId: new Uint8Array(16).fill(2),
    };
    const bytes = Exemplar.encode(Exemplar.fromObject(ex)).finish();
    // protobufjs writes fields in field-number order.
    expect(tags(bytes)).toEqual([tag(2, 1), tag(4, 2), tag(5, 2), tag(6, 1), tag(7, 2)]);
    const back = Exemplar.toObject(Exemplar.decode(bytes), { longs: String }) as any;
    expect(back.asInt).toBe('-5');
    expect(back.timeUnixNano).toBe('1700000000000000000');
  });

  it('round-trips a Summary metric (field 11) with quantiles, and a gauge point carrying exemplars', () => {
    const summary = {
      name: 'rpc.duration',
      summary: {
        dataPoints: [
          {
            timeUnixNano: '5',
            count: '10',
            sum: 2.5,
            quantileValues: [
              { quantile: 0.5, value: 0.2 },
              { quantile: 0.99, value: 1.5 },
            ],
          },
        ],
      },
    };
    const bytes = Metric.encode(Metric.fromObject(summary)).finish();
    expect(tags(bytes)).toEqual([tag(1, 2), tag(11, 2)]);
    expect(Metric.toObject(Metric.decode(bytes), { longs: String })).toEqual(summary);

    const gauge = {
      name: 'g',
      gauge: {
        dataPoints: [
          {
            asDouble: 1.25,
            timeUnixNano: '7',
            exemplars: [
              { asDouble: 1.25, timeUnixNano: '7', spanId: Buffer.alloc(8, 3), traceId: Buffer.alloc(16, 4) },
            ],
          },
        ],
      },
    };
    const req = signalSpecs.metrics.request;
    const msg = { resourceMetrics: [{ scopeMetrics: [{ metrics: [gauge, summary] }] }] };
    const decoded = req.toObject(req.decode(req.encode(req.fromObject(msg)).finish()), {
      longs: String,
      bytes: Buffer,
    }) as any;
    expect(
      decoded.resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[0].exemplars[0].traceId,
    ).toEqual(Buffer.alloc(16, 4));
    expect(decoded.resourceMetrics[0].scopeMetrics[0].metrics[1]).toEqual(summary);
  });

  it('keeps the presence of optional histogram sum/min/max (0 is not "unset")', () => {
    const Point = otlpRoot.lookupType('opentelemetry.proto.metrics.v1.HistogramDataPoint');
    const withZero = Point.decode(
      Point.encode(Point.fromObject({ count: '1', sum: 0, min: 0, max: 0 })).finish(),
    ) as any;
    expect([withZero.sum, withZero.min, withZero.max]).toEqual([0, 0, 0]);
    const without = Point.toObject(
      Point.decode(Point.encode(Point.fromObject({ count: '1' })).finish()),
    ) as any;
    expect(without.sum).toBeUndefined();
  });
});
