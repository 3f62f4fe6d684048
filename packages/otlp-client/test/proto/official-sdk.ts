// Telemetry produced by the official OpenTelemetry JS SDK (dev dependencies), for wire tests.
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, TraceFlags, trace } from '@opentelemetry/api';
import type { Attributes } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { AggregationType, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';

export const resource = resourceFromAttributes({
  'service.name': 'wire-test',
  'host.cpus': 2,
  'deployment.canary': false,
});

/** Spans covering every AnyValue kind, events, links, status, kinds, parent, trace state. */
export function officialSpans(): ReadableSpan[] {
  const mem = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor(mem)] });
  const tracer = provider.getTracer('wire', '1.2.3');
  const link = {
    context: { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: TraceFlags.SAMPLED },
    attributes: { 'link.attr': 'l' },
  };
  const parent = tracer.startSpan('parent', { kind: SpanKind.SERVER });
  const kinds = [SpanKind.INTERNAL, SpanKind.CLIENT, SpanKind.PRODUCER, SpanKind.CONSUMER];
  kinds.forEach((kind, i) => {
    const span = tracer.startSpan(
      `op-${i}`,
      {
        kind,
        links: [link],
        attributes: {
          str: 'välue "q"',
          bool: true,
          int: -42,
          big: 2 ** 40,
          dbl: 3.25,
          strs: ['a', 'b'],
          ints: [1, 2, 3],
          dbls: [0.5],
          bools: [false],
          empty: '',
        },
      },
      trace.setSpan(ROOT_CONTEXT, parent),
    );
    span.addEvent('event', { 'event.attr': 7 });
    if (i === 1) span.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
    if (i === 2) span.setStatus({ code: SpanStatusCode.OK });
    span.end();
  });
  parent.end();
  return mem.getFinishedSpans();
}

class CollectingReader extends MetricReader {
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
}

/** Metrics of every kind the SDK produces: sums (monotonic or not, int and double), gauges, explicit and exponential histograms. */
export async function officialMetrics(): Promise<ResourceMetrics> {
  const reader = new CollectingReader();
  const provider = new MeterProvider({
    resource,
    readers: [reader],
    views: [{ instrumentName: 'latency.exp', aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM } }],
  });
  const meter = provider.getMeter('wire', '1.2.3');
  meter.createCounter('requests', { unit: '{request}', description: 'Requests' }).add(5, { route: '/a' });
  meter.createUpDownCounter('queue.length').add(-3);
  meter.createCounter('bytes', { valueType: 1 }).add(1.5);
  meter.createHistogram('latency', { unit: 's' }).record(0.25, { ok: true });
  const exp = meter.createHistogram('latency.exp');
  for (const v of [0.001, 0.5, 3, 1000]) exp.record(v);
  meter.createObservableGauge('temperature').addCallback((r) => r.observe(21.5, { room: 'x' }));
  const { resourceMetrics } = await reader.collect();
  return resourceMetrics;
}

/** Log records with every body kind, severities, attributes, trace context and event names. */
export async function officialLogs(): Promise<ReadableLogRecord[]> {
  const mem = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource,
    processors: [new SimpleLogRecordProcessor({ exporter: mem })],
  });
  const logger = provider.getLogger('wire', '1.2.3');
  const bodies: unknown[] = [
    'text body',
    42,
    2.5,
    true,
    new Uint8Array([1, 2, 255]),
    ['x', 1],
    { nested: { k: 'v' }, list: [true] },
  ];
  bodies.forEach((body, i) =>
    logger.emit({
      body: body as never,
      severityNumber: [
        SeverityNumber.TRACE,
        SeverityNumber.DEBUG2,
        SeverityNumber.INFO,
        SeverityNumber.WARN4,
        SeverityNumber.ERROR,
        SeverityNumber.FATAL3,
        SeverityNumber.UNSPECIFIED,
      ][i],
      severityText: `sev-${i}`,
      attributes: { i, 'log.attr': 'a' },
      eventName: i === 0 ? 'app.start' : undefined,
      timestamp: 1_700_000_000_000 + i,
    }),
  );
  await provider.forceFlush();
  return mem.getFinishedLogRecords();
}

/** N ended spans made by the official SDK, span i with `attributes(i)` (one resource, one scope). */
export function officialSpansWith(n: number, attributes: (i: number) => Attributes): ReadableSpan[] {
  const mem = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor(mem)] });
  const tracer = provider.getTracer('stream', '1.0.0');
  for (let i = 0; i < n; i++) tracer.startSpan(`op-${i % 7}`, { attributes: attributes(i) }).end();
  return mem.getFinishedSpans();
}
