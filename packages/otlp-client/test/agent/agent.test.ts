// End to end, in process: the official OpenTelemetry JS SDK sends into the agent, and a real
// grpc-js OTLP server (the upstream) receives. Every socket is on 127.0.0.1.
import { OTLPTraceExporter as OfficialGrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as OfficialProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { Agent } from '../../src/agent/agent';
import { signalSpecs } from '../../src/proto/signals';
import { GrpcSink } from '../support/grpc-sink';
import { resourceSpans, until } from '../support/spans';
import { freePort, metricValue, startAgent } from './support/agent-harness';

type Obj = Record<string, any>;
const identity = { POD_NAME: 'otlp-client-7d9f-abcde', POD_NAMESPACE: 'telemetry', NODE_NAME: 'node-1' };

/** The upstream is the test's; retries, breaker and readiness are the shipped defaults. */
function configFor(upstreamPort: number, extra = ''): string {
  return `[otlp]
endpoint = "http://127.0.0.1:${upstreamPort}"
protocol = "grpc"
batch_size = 100
compression = "none"
${extra}`;
}

/** Spans the sink received, decoded, with their resource attributes. */
function receivedSpans(sink: GrpcSink): { name: string; attrs: Obj; resource: Obj }[] {
  const out: { name: string; attrs: Obj; resource: Obj }[] = [];
  const type = signalSpecs.traces.request;
  for (const r of sink.received.filter((x) => x.signal === 'traces')) {
    const req = type.toObject(type.decode(r.body), { longs: String });
    for (const rs of req.resourceSpans ?? []) {
      const resource = Object.fromEntries(
        (rs.resource?.attributes ?? []).map((a: Obj) => [a.key, a.value.stringValue ?? a.value.intValue]),
      );
      for (const ss of rs.scopeSpans ?? [])
        for (const s of ss.spans ?? [])
          out.push({
            name: s.name,
            resource,
            attrs: Object.fromEntries(
              (s.attributes ?? []).map((a: Obj) => [
                a.key,
                a.value.stringValue ?? a.value.intValue ?? a.value.boolValue,
              ]),
            ),
          });
    }
  }
  return out;
}

/** `n` spans through the official SDK's BatchSpanProcessor into `exporter`. */
async function sendWithSdk(exporter: SpanExporter, n: number, prefix: string): Promise<void> {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'checkout' }),
    spanProcessors: [
      new BatchSpanProcessor(exporter, {
        maxExportBatchSize: 100,
        scheduledDelayMillis: 5,
        maxQueueSize: 10_000,
      }),
    ],
  });
  const tracer = provider.getTracer('e2e');
  for (let i = 0; i < n; i++) {
    const span = tracer.startSpan(`${prefix}-${i}`, {
      attributes: { 'http.route': '/cart', 'item.index': i, ok: i % 2 === 0 },
    });
    span.end();
  }
  await provider.forceFlush();
  await provider.shutdown();
}

jest.setTimeout(30_000);

describe('agent end to end with the official OpenTelemetry JS SDK', () => {
  let sink: GrpcSink;
  let agent: Agent | undefined;
  beforeEach(async () => {
    sink = await new GrpcSink().start();
  });
  afterEach(async () => {
    await agent?.stop(1000);
    agent = undefined;
    sink.forceStop();
  });

  it.each([
    ['gRPC', (a: Agent) => new OfficialGrpcExporter({ url: `http://127.0.0.1:${a.ports.grpc}` })],
    [
      'HTTP/protobuf',
      (a: Agent) => new OfficialProtoExporter({ url: `http://127.0.0.1:${a.ports.http}/v1/traces` }),
    ],
  ])(
    'relays every span sent over %s with its attributes, adding the pod identity',
    async (_name, exporterFor) => {
      const started = await startAgent(configFor(sink.port), identity);
      agent = started.agent;
      await sendWithSdk(exporterFor(agent), 750, 'op');
      await agent.exporter.forceFlush();
      const spans = receivedSpans(sink);
      expect(spans).toHaveLength(750);
      expect(new Set(spans.map((s) => s.name))).toEqual(
        new Set(Array.from({ length: 750 }, (_, i) => `op-${i}`)),
      );
      const s42 = spans.find((s) => s.name === 'op-42')!;
      expect(s42.attrs).toEqual({ 'http.route': '/cart', 'item.index': '42', ok: true });
      expect(s42.resource).toMatchObject({
        'service.name': 'checkout',
        'k8s.pod.name': identity.POD_NAME,
        'k8s.namespace.name': 'telemetry',
        'k8s.node.name': 'node-1',
      });
      // No batch upstream exceeds batch_size.
      expect(Math.max(...sink.received.map((r) => r.items))).toBeLessThanOrEqual(100);
      expect(await metricValue(agent, 'otlp_receiver_items_received_total', { signal: 'traces' })).toBe(750);
      expect(agent.exporter.stats('traces')).toMatchObject({ offered: 750, exported: 750, queued: 0 });
    },
  );

  it('loses nothing while the upstream is down, opens then closes the breaker, and /metrics shows both', async () => {
    const port = await freePort();
    const down = new GrpcSink();
    const started = await startAgent(configFor(port), identity);
    agent = started.agent;
    const a = agent;
    const sending = sendWithSdk(
      new OfficialGrpcExporter({ url: `http://127.0.0.1:${a.ports.grpc}` }),
      300,
      'queued',
    );
    await until(() => a.exporter.breakerState() === 1, 10_000);
    const metrics = await fetch(`http://127.0.0.1:${a.ports.monitoring}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/^otlp_circuit_breaker_state 1$/m);
    expect(metrics).toMatch(
      /^otlp_requests_failed_total\{signal="traces",transport="grpc",reason="unavailable"\} [1-9]/m,
    );
    await sending;
    expect(a.exporter.stats('traces').queued + a.exporter.stats('traces').inFlight).toBeGreaterThan(0);
    await down.start(port); // the upstream comes back
    await until(() => a.exporter.stats('traces').exported === 300, 15_000);
    expect(receivedSpans(down)).toHaveLength(300);
    expect(a.exporter.stats('traces').dropped).toEqual({
      queue_full: 0,
      retries_exhausted: 0,
      not_retryable: 0,
      shutdown: 0,
    });
    expect(a.exporter.breakerState()).toBe(0);
    const after = await fetch(`http://127.0.0.1:${a.ports.monitoring}/metrics`).then((r) => r.text());
    expect(after).toMatch(/^otlp_circuit_breaker_state 0$/m);
    down.forceStop();
  });

  it('pushes back with 429 and Retry-After when the queue is full, and counts it', async () => {
    const port = await freePort(); // upstream down: nothing leaves the queue
    const started = await startAgent(configFor(port, '[queue]\nmax_items = 200\n'));
    agent = started.agent;
    const spans = resourceSpans(100);
    const body = Buffer.from(signalSpecs.traces.request.encode({ resourceSpans: spans }).finish());
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    // Bounded: the queue (200 items, plus at most 2 batches in flight) fills within 10 requests.
    for (let i = 0; i < 10 && !statuses.includes(429); i++) {
      const res = await fetch(started.url('/v1/traces'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-protobuf' },
        body,
      });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
    expect(retryAfter).toBe('1');
    expect(await metricValue(agent, 'otlp_receiver_requests_refused_total', { reason: 'queue_full' })).toBe(
      1,
    );
    expect(await metricValue(agent, 'otlp_receiver_items_refused_total', { reason: 'queue_full' })).toBe(100);
    expect(await metricValue(agent, 'otlp_receiver_items_received_total')).toBe(100 * (statuses.length - 1));
    // Refused at the door, never dropped inside: the exporter has no queue_full drops.
    expect(agent.exporter.stats('traces').dropped.queue_full).toBe(0);
  });

  it('turns unready at once when stopping, drains within the grace, then refuses connections', async () => {
    const slow = await new GrpcSink([{ kind: 'slow', ms: 300 }]).start();
    const started = await startAgent(configFor(slow.port));
    agent = started.agent;
    const a = agent;
    const body = Buffer.from(
      signalSpecs.traces.request.encode({ resourceSpans: resourceSpans(100) }).finish(),
    );
    const post = () =>
      fetch(started.url('/v1/traces'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-protobuf' },
        body,
      });
    expect((await post()).status).toBe(200);
    expect(a.readiness().ready).toBe(true);
    const stopping = a.stop(5000);
    expect(a.readiness()).toEqual({ ready: false, reasons: ['shutting down'] });
    const report = await stopping;
    expect(report.dropped).toBe(0);
    expect(slow.accepted).toBe(100);
    await expect(post()).rejects.toThrow(); // the listener is closed: clients go to another pod
    slow.forceStop();
  });

  it('reports /health, /ready, and unready while the breaker is open (the default)', async () => {
    const port = await freePort();
    const started = await startAgent(configFor(port));
    agent = started.agent;
    const a = agent;
    const base = `http://127.0.0.1:${a.ports.monitoring}`;
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
    // Three batches: the breaker opens after five consecutive failed exports.
    await sendWithSdk(new OfficialGrpcExporter({ url: `http://127.0.0.1:${a.ports.grpc}` }), 250, 'x');
    await until(() => a.exporter.breakerState() === 1, 10_000);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      status: 'not ready',
      reasons: ['the upstream circuit breaker is open'],
    });
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });
});
