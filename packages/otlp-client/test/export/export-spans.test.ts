import * as grpc from '@grpc/grpc-js';
import { OtlpExporter } from '../../src/export/exporter';
import { signalSpecs } from '../../src/proto/signals';
import { officialSpansWith } from '../proto/official-sdk';
import { GrpcSink } from '../support/grpc-sink';
import { HttpSink } from '../support/http-sink';
import { until } from '../support/spans';

jest.setTimeout(20_000);

const type = signalSpecs.traces.request;
const spanIdsOf = (body: Uint8Array) =>
  (
    type.toObject(type.decode(body), { bytes: String }) as {
      resourceSpans: { scopeSpans: { spans: { spanId: string }[] }[] }[];
    }
  ).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans.map((sp) => sp.spanId)));
const spans = officialSpansWith(1000, (i) => ({
  'http.request.method': 'GET',
  'http.route': '/items/:id',
  'app.i': i,
  'app.payload': 'p'.repeat(i % 50),
}));
const idsOf = (list: typeof spans) =>
  list.map((s) => Buffer.from(s.spanContext().spanId, 'hex').toString('base64'));

describe('exportSpans (SDK spans, encoded when sent)', () => {
  it('delivers every span exactly once over gRPC, in requests within batch.maxItems and batch.maxBytes', async () => {
    const sink = await new GrpcSink().start();
    const e = new OtlpExporter({
      protocol: 'grpc',
      endpoint: `http://127.0.0.1:${sink.port}`,
      signals: ['traces'],
      env: {},
      batch: { maxItems: 100, maxBytes: 8 * 1024, flushIntervalMs: 10 },
    });
    for (let i = 0; i < spans.length; i += 64) expect(e.exportSpans(spans.slice(i, i + 64)).dropped).toBe(0);
    await e.shutdown(10_000);
    const received = sink.received.map((r) => spanIdsOf(r.body));
    expect(received.flat().sort()).toEqual(idsOf(spans).sort());
    for (const r of sink.received) {
      expect(r.items).toBeLessThanOrEqual(100);
      expect(r.body.length).toBeLessThanOrEqual(8 * 1024);
    }
    // The byte bound cut some batches below 100 spans; the item bound cut the others.
    expect(sink.received.some((r) => r.items < 100 && r.items > 0)).toBe(true);
    const s = e.stats('traces');
    expect(s).toMatchObject({ offered: 1000, exported: 1000, queued: 0, inFlight: 0, maybeDuplicated: 0 });
    await sink.stop();
  });

  it('keeps spans queued while the breaker is open and delivers them once after it closes (HTTP)', async () => {
    const sink = await new HttpSink([{ kind: 'status', code: 503 }]).start();
    const e = new OtlpExporter({
      protocol: 'http/protobuf',
      endpoint: `http://127.0.0.1:${sink.port}/v1/traces`,
      signals: ['traces'],
      env: {},
      batch: { maxItems: 50, flushIntervalMs: 10 },
      retry: { maxRetries: 20, initialDelayMs: 5, maxDelayMs: 10, maxElapsedMs: 10_000 },
      breaker: { threshold: 2, cooldownMs: 200 },
      maxInFlight: 1,
    });
    e.exportSpans(spans.slice(0, 200));
    await until(() => e.breakerState() === 1);
    // The batch that was retrying when the breaker opened goes back to the queue: all 200 wait.
    await until(() => e.stats('traces').queued === 200);
    expect(e.stats('traces').inFlight).toBe(0);
    sink.script = [{ kind: 'ok' }];
    await until(() => e.stats('traces').exported === 200);
    await e.shutdown(5000);
    // Each span once among the accepted requests (the refused ones were answered 503: not accepted).
    const accepted = sink.received.filter((r) => r.status === 200).flatMap((r) => spanIdsOf(r.body));
    expect(accepted.sort()).toEqual(idsOf(spans.slice(0, 200)).sort());
    expect(Object.values(e.stats('traces').dropped).every((n) => n === 0)).toBe(true);
    await sink.stop();
  });

  it('counts a full queue of SDK spans as dropped, by their estimated size too', async () => {
    const sink = await new GrpcSink([{ kind: 'status', code: grpc.status.UNAVAILABLE }]).start();
    const e = new OtlpExporter({
      protocol: 'grpc',
      endpoint: `http://127.0.0.1:${sink.port}`,
      signals: ['traces'],
      env: {},
      // No batch is due before 100 spans or 10 s: the queue only fills.
      batch: { maxItems: 100, flushIntervalMs: 10_000 },
      // 512 bytes per span before anything was encoded: 20 KiB hold 40 spans.
      queue: { maxItems: 1000, maxBytes: 20 * 1024 },
    });
    expect(e.exportSpans(spans.slice(0, 35))).toEqual({ accepted: 35, dropped: 0 });
    expect(e.exportSpans(spans.slice(35, 60))).toEqual({ accepted: 0, dropped: 25 });
    expect(e.exportSpans(spans.slice(60, 65))).toEqual({ accepted: 5, dropped: 0 });
    expect(e.stats('traces')).toMatchObject({ queued: 40, dropped: { queue_full: 25 } });
    await e.shutdown(200);
    const s = e.stats('traces');
    expect(s.offered).toBe(s.exported + s.rejected + Object.values(s.dropped).reduce((a, b) => a + b, 0));
    await sink.stop();
  });
});
