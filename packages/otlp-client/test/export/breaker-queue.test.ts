import * as grpc from '@grpc/grpc-js';
import { Registry } from 'prom-client';
import { OtlpExporter } from '../../src/export/exporter';
import { GrpcSink } from '../support/grpc-sink';
import { resourceSpans, until } from '../support/spans';

jest.setTimeout(20_000);

const base = {
  protocol: 'grpc' as const,
  signals: ['traces'] as const,
  env: {},
  batch: { maxItems: 10, flushIntervalMs: 10 },
};

describe('circuit breaker', () => {
  it('opens after N consecutive failures, holds batches in the queue while open, half-opens with one probe and closes on success', async () => {
    const sink = await new GrpcSink([{ kind: 'status', code: grpc.status.UNAVAILABLE }]).start();
    const registry = new Registry();
    const e = new OtlpExporter({
      ...base,
      endpoint: `http://127.0.0.1:${sink.port}`,
      registry,
      retry: { maxRetries: 10, initialDelayMs: 5, maxDelayMs: 10, maxElapsedMs: 10_000 },
      breaker: { threshold: 3, cooldownMs: 400 },
      maxInFlight: 1,
    });
    const states: number[] = [];
    e.breaker.onStateChange((s) => states.push(s));
    e.export('traces', resourceSpans(30));
    await until(() => e.breakerState() === 1);
    const requestsWhenOpened = sink.requests;
    expect(requestsWhenOpened).toBe(3);
    expect((await registry.getSingleMetric('otlp_circuit_breaker_state')!.get()).values[0].value).toBe(1);
    // Open: nothing is sent during the cool-down, and the spans wait in the queue (none dropped).
    await new Promise((r) => setTimeout(r, 250));
    expect(sink.requests).toBe(requestsWhenOpened);
    expect(e.stats('traces').queued).toBe(30);
    expect(Object.values(e.stats('traces').dropped).every((n) => n === 0)).toBe(true);
    // The upstream recovers; after the cool-down one probe goes through, succeeds, and the rest follow.
    sink.script = [{ kind: 'ok' }];
    await until(() => e.stats('traces').exported === 30);
    expect(states).toEqual([1, 2, 0]);
    expect((await registry.getSingleMetric('otlp_circuit_breaker_state')!.get()).values[0].value).toBe(0);
    await e.shutdown(2000);
    expect(sink.accepted).toBe(30);
    await sink.stop();
  });

  it('a failed probe opens the breaker again', async () => {
    const sink = await new GrpcSink([{ kind: 'status', code: grpc.status.UNAVAILABLE }]).start();
    const e = new OtlpExporter({
      ...base,
      endpoint: `http://127.0.0.1:${sink.port}`,
      retry: { maxRetries: 50, initialDelayMs: 5, maxDelayMs: 10, maxElapsedMs: 10_000 },
      breaker: { threshold: 2, cooldownMs: 200 },
    });
    const states: number[] = [];
    e.breaker.onStateChange((s) => states.push(s));
    e.export('traces', resourceSpans(5));
    await until(() => states.length >= 3);
    expect(states.slice(0, 3)).toEqual([1, 2, 1]);
    await e.shutdown(100);
    expect(e.stats('traces').dropped.shutdown).toBe(5);
    await sink.stop();
  });
});

describe('bounded queue', () => {
  it('drop-newest refuses what does not fit and counts it as queue_full; the rest is delivered', async () => {
    const sink = await new GrpcSink([{ kind: 'slow', ms: 200 }, { kind: 'ok' }]).start();
    const e = new OtlpExporter({
      ...base,
      endpoint: `http://127.0.0.1:${sink.port}`,
      queue: { maxItems: 50 },
      maxInFlight: 1,
    });
    const results = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => e.export('traces', resourceSpans(10, 2, i * 10)));
    expect(e.hasRoomFor('traces', 10)).toBe(false);
    const dropped = results.reduce((n, r) => n + r.dropped, 0);
    expect(dropped).toBeGreaterThan(0);
    await e.shutdown(5000);
    const s = e.stats('traces');
    expect(s.dropped.queue_full).toBe(dropped);
    expect(s.exported).toBe(80 - dropped);
    expect(sink.accepted).toBe(80 - dropped);
    await sink.stop();
  });

  it('drop-oldest evicts the oldest to make room', async () => {
    const sink = await new GrpcSink([{ kind: 'ok' }]).start();
    const e = new OtlpExporter({
      ...base,
      endpoint: `http://127.0.0.1:${sink.port}`,
      queue: { maxItems: 20, dropPolicy: 'drop-oldest' },
      batch: { maxItems: 10, flushIntervalMs: 10_000 },
    });
    for (let i = 0; i < 5; i++) e.export('traces', resourceSpans(5, 1, i * 5));
    // 25 offered, 20 fit, but full batches go out at once: what was evicted is counted exactly.
    await e.shutdown(5000);
    const s = e.stats('traces');
    expect(s.exported + s.dropped.queue_full).toBe(25);
    expect(sink.accepted).toBe(s.exported);
    await sink.stop();
  });
});

describe('shutdown', () => {
  it('drains the queue within the deadline', async () => {
    const sink = await new GrpcSink([{ kind: 'slow', ms: 50 }]).start();
    const e = new OtlpExporter({
      ...base,
      endpoint: `http://127.0.0.1:${sink.port}`,
      batch: { maxItems: 100, flushIntervalMs: 60_000 },
    });
    e.export('traces', resourceSpans(250));
    await e.shutdown(5000);
    expect(sink.accepted).toBe(250);
    expect(e.export('traces', resourceSpans(3))).toEqual({ accepted: 0, dropped: 3 });
    expect(e.stats('traces').dropped.shutdown).toBe(3);
    await sink.stop();
  });

  it('drops what it cannot deliver by the deadline, as shutdown, and returns on time', async () => {
    const sink = await new GrpcSink([{ kind: 'status', code: grpc.status.UNAVAILABLE }]).start();
    const e = new OtlpExporter({
      ...base,
      endpoint: `http://127.0.0.1:${sink.port}`,
      retry: { maxRetries: 100, initialDelayMs: 50, maxDelayMs: 50, maxElapsedMs: 60_000 },
      breaker: { threshold: 1000 },
    });
    e.export('traces', resourceSpans(40));
    const started = Date.now();
    await e.shutdown(300);
    expect(Date.now() - started).toBeLessThan(2000);
    const s = e.stats('traces');
    expect(s.dropped.shutdown).toBe(40);
    expect([s.queued, s.inFlight, s.exported]).toEqual([0, 0, 0]);
    await sink.stop();
  });

  it('forceFlush sends a partial batch without waiting for the flush interval', async () => {
    const sink = await new GrpcSink([{ kind: 'ok' }]).start();
    const e = new OtlpExporter({
      ...base,
      endpoint: `http://127.0.0.1:${sink.port}`,
      batch: { maxItems: 100, flushIntervalMs: 60_000 },
    });
    e.export('traces', resourceSpans(7));
    await e.forceFlush();
    expect(sink.accepted).toBe(7);
    await e.shutdown();
    await sink.stop();
  });
});

describe('metrics', () => {
  it('counts requests, failures by reason, items and batch sizes with bounded labels', async () => {
    const sink = await new GrpcSink([
      { kind: 'status', code: grpc.status.UNAVAILABLE },
      { kind: 'ok' },
    ]).start();
    const registry = new Registry();
    const e = new OtlpExporter({
      ...base,
      endpoint: `http://127.0.0.1:${sink.port}`,
      registry,
      retry: { initialDelayMs: 5 },
    });
    e.export('traces', resourceSpans(8));
    await e.shutdown(2000);
    const text = await registry.metrics();
    expect(text).toContain('otlp_requests_total{signal="traces",transport="grpc"} 2');
    expect(text).toContain(
      'otlp_requests_failed_total{signal="traces",transport="grpc",reason="unavailable"} 1',
    );
    expect(text).toContain('otlp_items_exported_total{signal="traces"} 8');
    expect(text).toContain('otlp_request_duration_seconds_count{signal="traces",transport="grpc"} 2');
    expect(text).toContain('otlp_batch_items_sum{signal="traces"} 8');
    await sink.stop();
  });
});
