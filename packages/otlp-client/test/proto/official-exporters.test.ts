import { OTLPTraceExporter as GrpcTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { resource } from './official-sdk';
import { GrpcSink } from '../support/grpc-sink';
import { HttpSink } from '../support/http-sink';
import { signalSpecs } from '../../src/proto/signals';

jest.setTimeout(20_000);

/** Spans the official SDK exports through one of the official OTLP exporters. */
async function sendWithOfficial(exporter: GrpcTraceExporter | ProtoTraceExporter, n: number): Promise<void> {
  const provider = new BasicTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(exporter, { maxExportBatchSize: 64, scheduledDelayMillis: 10 })],
  });
  const tracer = provider.getTracer('captured', '0.1');
  for (let i = 0; i < n; i++) tracer.startSpan(`span-${i}`, { attributes: { i, tag: 'captured' } }).end();
  await provider.forceFlush();
  await provider.shutdown();
}

describe('bytes captured from the official exporters decode with our codec', () => {
  it('@opentelemetry/exporter-trace-otlp-grpc → our grpc-js server', async () => {
    const sink = await new GrpcSink().start();
    try {
      await sendWithOfficial(new GrpcTraceExporter({ url: `http://127.0.0.1:${sink.port}` }), 150);
    } finally {
      sink.forceStop();
    }
    expect(sink.accepted).toBe(150);
    const names = sink.received.flatMap((r) => {
      const req = signalSpecs.traces.request.decode(r.body) as any;
      return req.resourceSpans.flatMap((rs: any) =>
        rs.scopeSpans.flatMap((ss: any) => ss.spans.map((s: any) => s.name)),
      );
    });
    expect(new Set(names).size).toBe(150);
  });

  it('@opentelemetry/exporter-trace-otlp-proto → our HTTP server', async () => {
    const sink = await new HttpSink().start();
    try {
      await sendWithOfficial(new ProtoTraceExporter({ url: `http://127.0.0.1:${sink.port}/v1/traces` }), 90);
    } finally {
      await sink.stop();
    }
    expect(sink.accepted).toBe(90);
    expect(sink.received.every((r) => r.headers['content-type'] === 'application/x-protobuf')).toBe(true);
  });
});
