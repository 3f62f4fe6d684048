import * as grpc from '@grpc/grpc-js';
import { OtlpExporter } from '../../src/export/exporter';
import type { ExporterOptions } from '../../src/export/exporter';
import type { Fault } from '../support/faults';
import { GrpcSink } from '../support/grpc-sink';
import { HttpSink } from '../support/http-sink';
import { resourceSpans } from '../support/spans';
import { TcpProxy } from '../support/tcp-proxy';

jest.setTimeout(20_000);

type Sink = GrpcSink | HttpSink;
const transports = [
  [
    'grpc',
    (script: Fault[]) => new GrpcSink(script).start(),
    (port: number) => ({ protocol: 'grpc' as const, endpoint: `http://127.0.0.1:${port}` }),
  ],
  [
    'http',
    (script: Fault[]) => new HttpSink(script).start(),
    (port: number) => ({
      protocol: 'http/protobuf' as const,
      endpoint: `http://127.0.0.1:${port}/v1/traces`,
    }),
  ],
] as const;

const fast = {
  retry: { maxRetries: 3, initialDelayMs: 10, maxDelayMs: 40 },
  batch: { maxItems: 100, flushIntervalMs: 20 },
  signals: ['traces'] as const,
  env: {},
};

function exporterFor(
  endpoint: ReturnType<(typeof transports)[number][2]>,
  extra: Partial<ExporterOptions> = {},
) {
  return new OtlpExporter({ ...fast, ...endpoint, ...extra, signals: ['traces'] });
}

/** delivered + dropped (by reason) + rejected = offered, and nothing left in the pipeline. */
function expectExactAccounting(e: OtlpExporter, offered: number) {
  const s = e.stats('traces');
  const dropped = Object.values(s.dropped).reduce((a, b) => a + b, 0);
  expect(s.offered).toBe(offered);
  expect(s.exported + s.rejected + dropped).toBe(offered);
  expect([s.queued, s.inFlight]).toEqual([0, 0]);
}

describe.each(transports)(
  'OTLP/%s exporter against a real server with faults',
  (name, startSink, endpointOf) => {
    let sink: Sink;
    afterEach(async () => sink?.stop());

    it('delivers every span in batches no larger than the batch size', async () => {
      sink = await startSink([{ kind: 'ok' }]);
      const e = exporterFor(endpointOf(sink.port));
      e.export('traces', resourceSpans(1050));
      await e.shutdown(5000);
      expect(sink.accepted).toBe(1050);
      expect(Math.max(...sink.received.map((r) => r.items))).toBeLessThanOrEqual(100);
      expect(sink.received.length).toBe(11);
      expect(e.stats('traces').exported).toBe(1050);
      expectExactAccounting(e, 1050);
    });

    it('retries a retryable failure and then delivers (UNAVAILABLE / 503)', async () => {
      sink = await startSink([
        name === 'grpc' ? { kind: 'status', code: grpc.status.UNAVAILABLE } : { kind: 'status', code: 503 },
        { kind: 'ok' },
      ]);
      const e = exporterFor(endpointOf(sink.port));
      e.export('traces', resourceSpans(50));
      await e.shutdown(5000);
      expect(sink.requests).toBe(2);
      expect(sink.accepted).toBe(50);
      expect(e.stats('traces').exported).toBe(50);
      expectExactAccounting(e, 50);
    });

    it('does not retry a non-retryable answer (INVALID_ARGUMENT / 400) and counts the drop', async () => {
      sink = await startSink([
        name === 'grpc'
          ? { kind: 'status', code: grpc.status.INVALID_ARGUMENT }
          : { kind: 'status', code: 400 },
      ]);
      const e = exporterFor(endpointOf(sink.port));
      e.export('traces', resourceSpans(30));
      await e.shutdown(5000);
      expect(sink.requests).toBe(1);
      expect(e.stats('traces').dropped.not_retryable).toBe(30);
      expectExactAccounting(e, 30);
    });

    it('counts a partial success as rejected items and never retries it', async () => {
      sink = await startSink([{ kind: 'partial', rejected: 7, message: 'attribute too long' }]);
      const e = exporterFor(endpointOf(sink.port));
      e.export('traces', resourceSpans(40));
      await e.shutdown(5000);
      expect(sink.requests).toBe(1);
      expect(e.stats('traces').rejected).toBe(7);
      expect(e.stats('traces').exported).toBe(33);
      expectExactAccounting(e, 40);
    });

    it('retries past max_retries (back through the queue) and drops only when the retry budget is spent', async () => {
      sink = await startSink([
        name === 'grpc' ? { kind: 'status', code: grpc.status.UNAVAILABLE } : { kind: 'status', code: 502 },
      ]);
      const e = exporterFor(endpointOf(sink.port), {
        breaker: { threshold: 100 },
        retry: { maxRetries: 3, initialDelayMs: 10, maxDelayMs: 40, maxElapsedMs: 600 },
      });
      e.export('traces', resourceSpans(20));
      await e.shutdown(10_000);
      // 4 attempts per round, a 40 ms hold-off between rounds: far more than 4 within 600 ms.
      expect(sink.requests).toBeGreaterThan(4);
      expect(e.stats('traces').dropped.retries_exhausted).toBe(20);
      expectExactAccounting(e, 20);
    });

    it('an OK answer whose body does not decode is a success with a warning, never a crash', async () => {
      sink = await startSink([{ kind: 'undecodable' }]);
      const warnings: string[] = [];
      const logger = {
        debug: () => {},
        info: () => {},
        error: () => {},
        warn: (fields: object) => warnings.push(JSON.stringify(fields)),
      };
      const e = exporterFor(endpointOf(sink.port), { logger });
      e.export('traces', resourceSpans(15));
      await e.shutdown(5000);
      expect(sink.requests).toBe(1);
      expect(e.stats('traces').exported).toBe(15);
      expect(warnings.join()).toMatch(/not an Export response/);
      expectExactAccounting(e, 15);
    });

    it('a response slower than the deadline is retried, and the possible duplicate is counted', async () => {
      sink = await startSink([{ kind: 'slow', ms: 400 }, { kind: 'ok' }]);
      const e = exporterFor(endpointOf(sink.port), { timeoutMs: 100 });
      e.export('traces', resourceSpans(25));
      await e.shutdown(5000);
      await new Promise((r) => setTimeout(r, 400));
      expect(e.stats('traces').exported).toBe(25);
      expect(e.stats('traces').maybeDuplicated).toBe(25);
      // The slow server did accept the first request: it holds each span twice, which is what was counted.
      expect(sink.accepted).toBe(e.stats('traces').exported + e.stats('traces').maybeDuplicated);
      expectExactAccounting(e, 25);
    });

    it('with the upstream down past the retry budget, retries end in a counted drop', async () => {
      sink = await startSink([{ kind: 'ok' }]);
      const port = sink.port;
      await sink.stop();
      const e = exporterFor(endpointOf(port), {
        breaker: { threshold: 100 },
        retry: { maxRetries: 3, initialDelayMs: 10, maxDelayMs: 40, maxElapsedMs: 300 },
      });
      e.export('traces', resourceSpans(10));
      await e.shutdown(5000);
      expect(e.stats('traces').dropped.retries_exhausted).toBe(10);
      expect(e.stats('traces').maybeDuplicated).toBe(0);
      expectExactAccounting(e, 10);
    });
  },
);

describe('server retry hints', () => {
  it('gRPC RESOURCE_EXHAUSTED is retried only with RetryInfo, after the delay it asks for', async () => {
    const sink = await new GrpcSink([
      { kind: 'status', code: grpc.status.RESOURCE_EXHAUSTED, retryDelayMs: 300 },
      { kind: 'status', code: grpc.status.RESOURCE_EXHAUSTED },
    ]).start();
    const e = new OtlpExporter({ ...fast, protocol: 'grpc', endpoint: `http://127.0.0.1:${sink.port}` });
    const started = Date.now();
    e.export('traces', resourceSpans(5));
    await e.shutdown(5000);
    expect(sink.requests).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(e.stats('traces').dropped.not_retryable).toBe(5);
    await sink.stop();
  });

  it('HTTP 429 honours Retry-After (seconds)', async () => {
    const sink = await new HttpSink([{ kind: 'status', code: 429, retryAfter: '1' }, { kind: 'ok' }]).start();
    const e = new OtlpExporter({
      ...fast,
      protocol: 'http/protobuf',
      endpoint: `http://127.0.0.1:${sink.port}/v1/traces`,
    });
    const started = Date.now();
    e.export('traces', resourceSpans(5));
    await e.shutdown(5000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(sink.accepted).toBe(5);
    await sink.stop();
  });

  it('HTTP: a connection reset after the server took the data is retried and counted as a possible duplicate', async () => {
    const sink = await new HttpSink([{ kind: 'reset' }, { kind: 'ok' }]).start();
    const e = new OtlpExporter({
      ...fast,
      protocol: 'http/protobuf',
      endpoint: `http://127.0.0.1:${sink.port}/v1/traces`,
    });
    e.export('traces', resourceSpans(12));
    await e.shutdown(5000);
    expect(e.stats('traces').exported).toBe(12);
    expect(e.stats('traces').maybeDuplicated).toBe(12);
    expect(sink.accepted).toBe(24);
    await sink.stop();
  });

  it('gRPC: a connection reset after the server took the data is retried and counted as a possible duplicate', async () => {
    const sink = await new GrpcSink([{ kind: 'reset' }, { kind: 'ok' }]).start();
    const proxy = await new TcpProxy(sink.port).start();
    sink.onReset = () => proxy.resetAll();
    const e = exporterFor({ protocol: 'grpc', endpoint: `http://127.0.0.1:${proxy.port}` });
    e.export('traces', resourceSpans(12));
    await e.shutdown(5000);
    expect(proxy.resets).toBe(1);
    expect(e.stats('traces').exported).toBe(12);
    expect(e.stats('traces').maybeDuplicated).toBe(12);
    expect(sink.accepted).toBe(24);
    await proxy.stop();
    await sink.stop();
  });

  it('gRPC: a connection reset mid-request (the server never had it all) is retried and delivered once', async () => {
    const sink = await new GrpcSink().start();
    const proxy = await new TcpProxy(sink.port).start();
    // Past the HTTP/2 preface and headers, inside the ~16 KiB body.
    proxy.resetAfterClientBytes = 4096;
    const e = exporterFor({ protocol: 'grpc', endpoint: `http://127.0.0.1:${proxy.port}` });
    e.export('traces', resourceSpans(100, 20));
    await e.shutdown(5000);
    expect(proxy.resets).toBe(1);
    expect(sink.requests).toBe(1);
    expect(sink.accepted).toBe(100);
    const s = e.stats('traces');
    expect(s.exported).toBe(100);
    expect(Object.values(s.dropped).every((n) => n === 0)).toBe(true);
    // The client cannot tell how much the server had: it counts the resend as a possible duplicate.
    expect(s.maybeDuplicated).toBe(100);
    await proxy.stop();
    await sink.stop();
  });
});

describe.each(transports)(
  'OTLP/%s with the shipped retry and breaker defaults',
  (name, startSink, endpointOf) => {
    it('an upstream outage longer than the breaker cooldown but shorter than the retry budget loses nothing', async () => {
      // The port is taken from a sink that is stopped at once: connections are refused until it is back.
      const probe = await startSink([{ kind: 'ok' }]);
      const port = probe.port;
      await probe.stop();
      // Only the batch settings are the test's: retry and breaker are the defaults (3 retries, breaker at 5, 2 s cooldown).
      const e = new OtlpExporter({
        ...endpointOf(port),
        signals: ['traces'],
        env: {},
        batch: { maxItems: 20, flushIntervalMs: 10 },
      });
      let sink: Sink | undefined;
      try {
        for (let i = 0; i < 10; i++) {
          e.export('traces', resourceSpans(20));
          await new Promise((r) => setTimeout(r, 100));
        }
        // Down for about 3 s: the breaker has opened; nothing may have been dropped meanwhile.
        await new Promise((r) => setTimeout(r, 2000));
        expect(e.breakerState()).not.toBe(0);
        expect(Object.values(e.stats('traces').dropped).every((n) => n === 0)).toBe(true);
        sink = name === 'grpc' ? await new GrpcSink().start(port) : await new HttpSink().start(port);
        await e.forceFlush();
        const s = e.stats('traces');
        expect(s.exported).toBe(200);
        expect(sink.accepted).toBeGreaterThanOrEqual(200);
        expect(Object.values(s.dropped).every((n) => n === 0)).toBe(true);
        expect(e.breakerState()).toBe(0);
      } finally {
        await e.shutdown(1000);
        await sink?.stop();
      }
    });
  },
);
