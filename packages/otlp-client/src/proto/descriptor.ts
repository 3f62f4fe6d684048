import type { INamespace } from 'protobufjs';

/**
 * The OTLP protocol (opentelemetry-proto v1: common, resource, trace, metrics, logs and the
 * collector services) as a protobufjs reflection descriptor, with protobufjs' camelCase field names
 * (the same names the official JS transformer uses). Plus the google.rpc types a server uses to
 * send a retry hint (google.rpc.Status details carrying google.rpc.RetryInfo).
 *
 * Field numbers follow the .proto files of the specification; `test/proto` proves them byte for
 * byte against the official @opentelemetry/otlp-transformer.
 */
type Field = { type: string; id: number; rule?: 'repeated'; options?: Record<string, unknown> };
type Fields = Record<string, [type: string, id: number, repeated?: 'repeated']>;

function message(
  fields: Fields,
  oneofs?: Record<string, string[]>,
): INamespace & { fields: Record<string, Field> } {
  const out: Record<string, Field> = {};
  for (const [name, [type, id, rule]] of Object.entries(fields)) {
    out[name] = rule ? { type, id, rule } : { type, id };
  }
  return {
    fields: out,
    ...(oneofs
      ? { oneofs: Object.fromEntries(Object.entries(oneofs).map(([k, v]) => [k, { oneof: v }])) }
      : {}),
  };
}

/** proto3 `optional` scalars (sum, min, max of histograms) have presence: a synthetic oneof each. */
function optional(fields: Fields, names: string[]) {
  const m = message(fields);
  const oneofs: Record<string, { oneof: string[] }> = {};
  for (const n of names) {
    m.fields[n].options = { proto3_optional: true };
    oneofs[`_${n}`] = { oneof: [n] };
  }
  return { ...m, oneofs };
}

const enumOf = (values: Record<string, number>) => ({ values });

const service = (req: string, res: string) => ({
  methods: { Export: { requestType: req, responseType: res } },
});

const common = {
  AnyValue: message(
    {
      stringValue: ['string', 1],
      boolValue: ['bool', 2],
      intValue: ['int64', 3],
      doubleValue: ['double', 4],
      arrayValue: ['ArrayValue', 5],
      kvlistValue: ['KeyValueList', 6],
      bytesValue: ['bytes', 7],
    },
    {
      value: [
        'stringValue',
        'boolValue',
        'intValue',
        'doubleValue',
        'arrayValue',
        'kvlistValue',
        'bytesValue',
      ],
    },
  ),
  ArrayValue: message({ values: ['AnyValue', 1, 'repeated'] }),
  KeyValueList: message({ values: ['KeyValue', 1, 'repeated'] }),
  KeyValue: message({ key: ['string', 1], value: ['AnyValue', 2] }),
  InstrumentationScope: message({
    name: ['string', 1],
    version: ['string', 2],
    attributes: ['KeyValue', 3, 'repeated'],
    droppedAttributesCount: ['uint32', 4],
  }),
  EntityRef: message({
    schemaUrl: ['string', 1],
    type: ['string', 2],
    idKeys: ['string', 3, 'repeated'],
    descriptionKeys: ['string', 4, 'repeated'],
  }),
};

const resource = {
  Resource: message({
    attributes: ['opentelemetry.proto.common.v1.KeyValue', 1, 'repeated'],
    droppedAttributesCount: ['uint32', 2],
    entityRefs: ['opentelemetry.proto.common.v1.EntityRef', 3, 'repeated'],
  }),
};

const KV = 'opentelemetry.proto.common.v1.KeyValue';
const SCOPE = 'opentelemetry.proto.common.v1.InstrumentationScope';
const RESOURCE = 'opentelemetry.proto.resource.v1.Resource';

const trace = {
  TracesData: message({ resourceSpans: ['ResourceSpans', 1, 'repeated'] }),
  ResourceSpans: message({
    resource: [RESOURCE, 1],
    scopeSpans: ['ScopeSpans', 2, 'repeated'],
    schemaUrl: ['string', 3],
  }),
  ScopeSpans: message({ scope: [SCOPE, 1], spans: ['Span', 2, 'repeated'], schemaUrl: ['string', 3] }),
  Span: {
    ...message({
      traceId: ['bytes', 1],
      spanId: ['bytes', 2],
      traceState: ['string', 3],
      parentSpanId: ['bytes', 4],
      flags: ['fixed32', 16],
      name: ['string', 5],
      kind: ['SpanKind', 6],
      startTimeUnixNano: ['fixed64', 7],
      endTimeUnixNano: ['fixed64', 8],
      attributes: [KV, 9, 'repeated'],
      droppedAttributesCount: ['uint32', 10],
      events: ['Event', 11, 'repeated'],
      droppedEventsCount: ['uint32', 12],
      links: ['Link', 13, 'repeated'],
      droppedLinksCount: ['uint32', 14],
      status: ['Status', 15],
    }),
    nested: {
      SpanKind: enumOf({
        SPAN_KIND_UNSPECIFIED: 0,
        SPAN_KIND_INTERNAL: 1,
        SPAN_KIND_SERVER: 2,
        SPAN_KIND_CLIENT: 3,
        SPAN_KIND_PRODUCER: 4,
        SPAN_KIND_CONSUMER: 5,
      }),
      Event: message({
        timeUnixNano: ['fixed64', 1],
        name: ['string', 2],
        attributes: [KV, 3, 'repeated'],
        droppedAttributesCount: ['uint32', 4],
      }),
      Link: message({
        traceId: ['bytes', 1],
        spanId: ['bytes', 2],
        traceState: ['string', 3],
        attributes: [KV, 4, 'repeated'],
        droppedAttributesCount: ['uint32', 5],
        flags: ['fixed32', 6],
      }),
    },
  },
  Status: {
    ...message({ message: ['string', 2], code: ['StatusCode', 3] }),
    nested: { StatusCode: enumOf({ STATUS_CODE_UNSET: 0, STATUS_CODE_OK: 1, STATUS_CODE_ERROR: 2 }) },
  },
  SpanFlags: enumOf({
    SPAN_FLAGS_DO_NOT_USE: 0,
    SPAN_FLAGS_TRACE_FLAGS_MASK: 0xff,
    SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK: 0x100,
    SPAN_FLAGS_CONTEXT_IS_REMOTE_MASK: 0x200,
  }),
};

const exemplar = message(
  {
    filteredAttributes: [KV, 7, 'repeated'],
    timeUnixNano: ['fixed64', 2],
    asDouble: ['double', 3],
    asInt: ['sfixed64', 6],
    spanId: ['bytes', 4],
    traceId: ['bytes', 5],
  },
  { value: ['asDouble', 'asInt'] },
);

const metrics = {
  MetricsData: message({ resourceMetrics: ['ResourceMetrics', 1, 'repeated'] }),
  ResourceMetrics: message({
    resource: [RESOURCE, 1],
    scopeMetrics: ['ScopeMetrics', 2, 'repeated'],
    schemaUrl: ['string', 3],
  }),
  ScopeMetrics: message({ scope: [SCOPE, 1], metrics: ['Metric', 2, 'repeated'], schemaUrl: ['string', 3] }),
  Metric: message(
    {
      name: ['string', 1],
      description: ['string', 2],
      unit: ['string', 3],
      gauge: ['Gauge', 5],
      sum: ['Sum', 7],
      histogram: ['Histogram', 9],
      exponentialHistogram: ['ExponentialHistogram', 10],
      summary: ['Summary', 11],
      metadata: [KV, 12, 'repeated'],
    },
    { data: ['gauge', 'sum', 'histogram', 'exponentialHistogram', 'summary'] },
  ),
  Gauge: message({ dataPoints: ['NumberDataPoint', 1, 'repeated'] }),
  Sum: message({
    dataPoints: ['NumberDataPoint', 1, 'repeated'],
    aggregationTemporality: ['AggregationTemporality', 2],
    isMonotonic: ['bool', 3],
  }),
  Histogram: message({
    dataPoints: ['HistogramDataPoint', 1, 'repeated'],
    aggregationTemporality: ['AggregationTemporality', 2],
  }),
  ExponentialHistogram: message({
    dataPoints: ['ExponentialHistogramDataPoint', 1, 'repeated'],
    aggregationTemporality: ['AggregationTemporality', 2],
  }),
  Summary: message({ dataPoints: ['SummaryDataPoint', 1, 'repeated'] }),
  AggregationTemporality: enumOf({
    AGGREGATION_TEMPORALITY_UNSPECIFIED: 0,
    AGGREGATION_TEMPORALITY_DELTA: 1,
    AGGREGATION_TEMPORALITY_CUMULATIVE: 2,
  }),
  DataPointFlags: enumOf({ DATA_POINT_FLAGS_DO_NOT_USE: 0, DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK: 1 }),
  NumberDataPoint: message(
    {
      attributes: [KV, 7, 'repeated'],
      startTimeUnixNano: ['fixed64', 2],
      timeUnixNano: ['fixed64', 3],
      asDouble: ['double', 4],
      asInt: ['sfixed64', 6],
      exemplars: ['Exemplar', 5, 'repeated'],
      flags: ['uint32', 8],
    },
    { value: ['asDouble', 'asInt'] },
  ),
  HistogramDataPoint: optional(
    {
      attributes: [KV, 9, 'repeated'],
      startTimeUnixNano: ['fixed64', 2],
      timeUnixNano: ['fixed64', 3],
      count: ['fixed64', 4],
      sum: ['double', 5],
      bucketCounts: ['fixed64', 6, 'repeated'],
      explicitBounds: ['double', 7, 'repeated'],
      exemplars: ['Exemplar', 8, 'repeated'],
      flags: ['uint32', 10],
      min: ['double', 11],
      max: ['double', 12],
    },
    ['sum', 'min', 'max'],
  ),
  ExponentialHistogramDataPoint: {
    ...optional(
      {
        attributes: [KV, 1, 'repeated'],
        startTimeUnixNano: ['fixed64', 2],
        timeUnixNano: ['fixed64', 3],
        count: ['fixed64', 4],
        sum: ['double', 5],
        scale: ['sint32', 6],
        zeroCount: ['fixed64', 7],
        positive: ['Buckets', 8],
        negative: ['Buckets', 9],
        flags: ['uint32', 10],
        exemplars: ['Exemplar', 11, 'repeated'],
        min: ['double', 12],
        max: ['double', 13],
        zeroThreshold: ['double', 14],
      },
      ['sum', 'min', 'max'],
    ),
    nested: { Buckets: message({ offset: ['sint32', 1], bucketCounts: ['uint64', 2, 'repeated'] }) },
  },
  SummaryDataPoint: {
    ...message({
      attributes: [KV, 7, 'repeated'],
      startTimeUnixNano: ['fixed64', 2],
      timeUnixNano: ['fixed64', 3],
      count: ['fixed64', 4],
      sum: ['double', 5],
      quantileValues: ['ValueAtQuantile', 6, 'repeated'],
      flags: ['uint32', 8],
    }),
    nested: { ValueAtQuantile: message({ quantile: ['double', 1], value: ['double', 2] }) },
  },
  Exemplar: exemplar,
};

const logs = {
  LogsData: message({ resourceLogs: ['ResourceLogs', 1, 'repeated'] }),
  ResourceLogs: message({
    resource: [RESOURCE, 1],
    scopeLogs: ['ScopeLogs', 2, 'repeated'],
    schemaUrl: ['string', 3],
  }),
  ScopeLogs: message({
    scope: [SCOPE, 1],
    logRecords: ['LogRecord', 2, 'repeated'],
    schemaUrl: ['string', 3],
  }),
  SeverityNumber: enumOf(
    Object.fromEntries([
      ['SEVERITY_NUMBER_UNSPECIFIED', 0],
      ...['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'].flatMap((level, i) =>
        [1, 2, 3, 4].map((n) => [`SEVERITY_NUMBER_${level}${n === 1 ? '' : n}`, i * 4 + n]),
      ),
    ]) as Record<string, number>,
  ),
  LogRecordFlags: enumOf({ LOG_RECORD_FLAGS_DO_NOT_USE: 0, LOG_RECORD_FLAGS_TRACE_FLAGS_MASK: 0xff }),
  LogRecord: message({
    timeUnixNano: ['fixed64', 1],
    observedTimeUnixNano: ['fixed64', 11],
    severityNumber: ['SeverityNumber', 2],
    severityText: ['string', 3],
    body: ['opentelemetry.proto.common.v1.AnyValue', 5],
    attributes: [KV, 6, 'repeated'],
    droppedAttributesCount: ['uint32', 7],
    flags: ['fixed32', 8],
    traceId: ['bytes', 9],
    spanId: ['bytes', 10],
    eventName: ['string', 12],
  }),
};

const collector = (
  signal: 'trace' | 'metrics' | 'logs',
  name: 'Trace' | 'Metrics' | 'Logs',
  list: string,
  listType: string,
  rejected: string,
) => ({
  [`Export${name}ServiceRequest`]: message({ [list]: [listType, 1, 'repeated'] }),
  [`Export${name}ServiceResponse`]: message({ partialSuccess: [`Export${name}PartialSuccess`, 1] }),
  [`Export${name}PartialSuccess`]: message({ [rejected]: ['int64', 1], errorMessage: ['string', 2] }),
  [`${name}Service`]: service(`Export${name}ServiceRequest`, `Export${name}ServiceResponse`),
  _signal: signal,
});

function strip<T extends Record<string, unknown>>(o: T): Omit<T, '_signal'> {
  const { _signal: _, ...rest } = o;
  return rest;
}

const v1 = (nested: object): INamespace => ({ nested: { v1: { nested } } }) as INamespace;

export const otlpDescriptor: INamespace = {
  nested: {
    opentelemetry: {
      nested: {
        proto: {
          nested: {
            common: v1(common),
            resource: v1(resource),
            trace: v1(trace),
            metrics: v1(metrics),
            logs: v1(logs),
            collector: {
              nested: {
                trace: v1(
                  strip(
                    collector(
                      'trace',
                      'Trace',
                      'resourceSpans',
                      'opentelemetry.proto.trace.v1.ResourceSpans',
                      'rejectedSpans',
                    ),
                  ),
                ),
                metrics: v1(
                  strip(
                    collector(
                      'metrics',
                      'Metrics',
                      'resourceMetrics',
                      'opentelemetry.proto.metrics.v1.ResourceMetrics',
                      'rejectedDataPoints',
                    ),
                  ),
                ),
                logs: v1(
                  strip(
                    collector(
                      'logs',
                      'Logs',
                      'resourceLogs',
                      'opentelemetry.proto.logs.v1.ResourceLogs',
                      'rejectedLogRecords',
                    ),
                  ),
                ),
              },
            },
          },
        },
      },
    },
    google: {
      nested: {
        protobuf: {
          nested: {
            Duration: message({ seconds: ['int64', 1], nanos: ['int32', 2] }),
            Any: message({ type_url: ['string', 1], value: ['bytes', 2] }),
          },
        },
        rpc: {
          nested: {
            Status: message({
              code: ['int32', 1],
              message: ['string', 2],
              details: ['google.protobuf.Any', 3, 'repeated'],
            }),
            RetryInfo: message({ retryDelay: ['google.protobuf.Duration', 1] }),
          },
        },
      },
    },
  },
};
