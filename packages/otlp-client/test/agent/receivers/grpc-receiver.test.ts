// OTLP/gRPC receiver status codes and limits, with a raw grpc-js client against the real agent.
import * as grpc from '@grpc/grpc-js';
import type { Agent } from '../../../src/agent/agent';
import { signalSpecs } from '../../../src/proto/signals';
import { resourceSpans } from '../../support/spans';
import { freePort, metricValue, startAgent } from '../support/agent-harness';
import { grpcExport } from '../support/grpc-export';

const call = (port: number, body: Buffer, channel: grpc.ChannelOptions = {}) =>
  grpcExport(port, body, { channel });

describe('GrpcReceiver', () => {
  let agent: Agent;
  beforeAll(async () => {
    // Upstream down and a small queue, so that the queue fills.
    const upstream = await freePort();
    agent = (
      await startAgent(`[otlp]
endpoint = "http://127.0.0.1:${upstream}"
batch_size = 50
[queue]
max_items = 100
[receivers]
max_request_bytes = 65536
max_decompressed_bytes = 131072
`)
    ).agent;
  });
  afterAll(() => agent.stop(500));

  const body = (n: number) =>
    Buffer.from(signalSpecs.traces.request.encode({ resourceSpans: resourceSpans(n) }).finish());

  it('refuses malformed protobuf with INVALID_ARGUMENT', async () => {
    const r = await call(agent.ports.grpc!, Buffer.from('\x0a\x05ab'));
    expect(r.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(r.details).toMatch(/malformed protobuf/);
  });

  it('refuses an uncompressed message above max_request_bytes, and a gzip bomb above max_decompressed_bytes, with RESOURCE_EXHAUSTED and no retry hint', async () => {
    const big = body(350); // between the two limits: only our own check can refuse it
    expect(big.length).toBeGreaterThan(65536);
    expect(big.length).toBeLessThan(131072);
    const r = await call(agent.ports.grpc!, big);
    expect(r).toMatchObject({ code: grpc.status.RESOURCE_EXHAUSTED, retryMs: undefined });
    expect(r.details).toMatch(/max_request_bytes/);
    // gzip-compressed on the wire, 4 MiB once inflated: grpc-js stops inflating at the limit.
    const bomb = await call(agent.ports.grpc!, Buffer.alloc(4 * 1024 * 1024), {
      'grpc.default_compression_algorithm': 2,
    });
    expect(bomb.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(
      await metricValue(agent, 'otlp_receiver_requests_refused_total', {
        transport: 'grpc',
        reason: 'too_large',
      }),
    ).toBe(1);
  });

  it('pushes back with RESOURCE_EXHAUSTED carrying RetryInfo when the queue is full (retryable per the OTLP spec)', async () => {
    const codes: grpc.status[] = [];
    let retryMs: number | undefined;
    for (let i = 0; i < 10 && !codes.includes(grpc.status.RESOURCE_EXHAUSTED); i++) {
      const r = await call(agent.ports.grpc!, body(50));
      codes.push(r.code);
      retryMs = r.retryMs;
    }
    expect(codes.at(-1)).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(codes.slice(0, -1).every((c) => c === grpc.status.OK)).toBe(true);
    expect(retryMs).toBe(1000);
  });
});
