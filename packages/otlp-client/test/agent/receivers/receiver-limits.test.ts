// What one client may take of the agent's receivers: bytes (on the wire and inflated), time
// (headers, body, HTTP/2 preface, a gRPC message) and connections. Real agent, raw clients.
import * as grpc from '@grpc/grpc-js';
import { connect as connectHttp2 } from 'node:http2';
import { gzipSync } from 'node:zlib';
import type { Agent } from '../../../src/agent/agent';
import { signalSpecs } from '../../../src/proto/signals';
import { GrpcSink } from '../../support/grpc-sink';
import { resourceSpans } from '../../support/spans';
import { startAgent } from '../support/agent-harness';
import { grpcExport } from '../support/grpc-export';
import { closedBy, rawSocket, stalledGrpcCall } from '../support/raw-clients';

jest.setTimeout(30_000);

const body = (n: number) =>
  Buffer.from(signalSpecs.traces.request.encode({ resourceSpans: resourceSpans(n) }).finish());

const grpcCall = (port: number, message: Buffer, gzip: boolean) => grpcExport(port, message, { gzip });

describe('receiver limits', () => {
  let sink: GrpcSink;
  let agent: Agent;
  let url: (path: string) => string;
  beforeAll(async () => {
    sink = await new GrpcSink().start();
    const started = await startAgent(`[otlp]
endpoint = "http://127.0.0.1:${sink.port}"
compression = "none"
flush_interval = "10ms"
[queue]
max_items = 1000
[receivers]
max_request_bytes = 65536
max_decompressed_bytes = 1048576
header_timeout = "1s"
request_timeout = "1500ms"
`);
    agent = started.agent;
    url = started.url;
  });
  afterAll(async () => {
    await agent.stop(1000);
    sink.forceStop();
  });

  it('gRPC applies max_request_bytes to the bytes on the wire: gzip between the two limits is accepted, the same message uncompressed is not', async () => {
    const message = body(500);
    expect(message.length).toBeGreaterThan(65536);
    expect(gzipSync(message).length).toBeLessThan(65536);
    const compressed = await grpcCall(agent.ports.grpc!, message, true);
    expect(compressed.code).toBe(grpc.status.OK);
    const plain = await grpcCall(agent.ports.grpc!, message, false);
    expect(plain.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(plain.details).toMatch(/max_request_bytes/);
    // The same body over HTTP, gzip: accepted too.
    const http = await fetch(url('/v1/traces'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' },
      body: gzipSync(message),
    });
    expect(http.status).toBe(200);
  });

  it('a request larger than the whole queue is refused as too large, with no retry hint (a retry could never succeed)', async () => {
    const huge = gzipSync(body(1500));
    const overGrpc = await grpcCall(agent.ports.grpc!, body(1500), true);
    expect(overGrpc).toMatchObject({ code: grpc.status.RESOURCE_EXHAUSTED, retryMs: undefined });
    expect(overGrpc.details).toMatch(/larger than the whole queue/);
    const overHttp = await fetch(url('/v1/traces'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' },
      body: huge,
    });
    expect(overHttp.status).toBe(413);
    expect(overHttp.headers.get('retry-after')).toBeNull();
  });

  it('HTTP: a body sent a byte at a time is cut off at request_timeout with 408', async () => {
    const socket = await rawSocket(agent.ports.http!);
    const closed = closedBy(socket, 10_000);
    socket.write(
      'POST /v1/traces HTTP/1.1\r\nhost: agent\r\ncontent-type: application/x-protobuf\r\ncontent-length: 1000\r\n\r\n',
    );
    const drip = setInterval(() => !socket.destroyed && socket.write('\n'), 100);
    try {
      const { afterMs, received } = await closed;
      expect(received).toMatch(/^HTTP\/1\.1 408/);
      // request_timeout 1.5 s, checked every second.
      expect(afterMs).toBeGreaterThanOrEqual(1400);
      expect(afterMs).toBeLessThan(8000);
    } finally {
      clearInterval(drip);
    }
  });

  it('HTTP: headers that never end are cut off at header_timeout', async () => {
    const socket = await rawSocket(agent.ports.http!);
    const closed = closedBy(socket, 10_000);
    socket.write('POST /v1/traces HTTP/1.1\r\nhost: agent\r\n');
    const { afterMs, received } = await closed;
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(afterMs).toBeGreaterThanOrEqual(900);
  });

  it('the monitoring port has the same header deadline', async () => {
    const socket = await rawSocket(agent.ports.monitoring);
    const closed = closedBy(socket, 10_000);
    socket.write('GET /ready HTTP/1.1\r\n');
    expect((await closed).received).toMatch(/^HTTP\/1\.1 408/);
  });

  it('gRPC: a connection that never completes the HTTP/2 preface is closed at header_timeout', async () => {
    const socket = await rawSocket(agent.ports.grpc!);
    const closed = closedBy(socket, 10_000);
    socket.write('PRI * HTTP/2.0\r\n');
    const { afterMs } = await closed;
    expect(afterMs).toBeGreaterThanOrEqual(900);
  });

  it('gRPC: a call whose message stalls gets DEADLINE_EXCEEDED at request_timeout', async () => {
    const r = await stalledGrpcCall(agent.ports.grpc!, signalSpecs.traces.grpcPath, 10_000, 100, 10_000);
    expect(r.status).toBe(grpc.status.DEADLINE_EXCEEDED);
    expect(r.afterMs).toBeGreaterThanOrEqual(1400);
  });
});

describe('connection caps', () => {
  it('refuses connections past receivers.max_connections, on both receivers', async () => {
    const sink = await new GrpcSink().start();
    const { agent } = await startAgent(
      `[otlp]\nendpoint = "http://127.0.0.1:${sink.port}"\n[receivers]\nmax_connections = 2\n`,
    );
    try {
      for (const port of [agent.ports.http!, agent.ports.grpc!]) {
        const kept = [await rawSocket(port), await rawSocket(port)];
        await new Promise((r) => setTimeout(r, 100));
        const extra = await rawSocket(port);
        const { afterMs } = await closedBy(extra, 5000);
        // The third is closed at once; the two within the cap are still open (header_timeout is 10 s).
        expect(afterMs).toBeLessThan(3000);
        expect(kept.every((s) => !s.destroyed && s.readyState === 'open')).toBe(true);
        for (const s of kept) s.destroy();
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await agent.stop(500);
      sink.forceStop();
    }
  });
});

describe('idle connections', () => {
  it('are closed after receivers.idle_timeout: an HTTP keep-alive connection and an HTTP/2 connection with no calls', async () => {
    const sink = await new GrpcSink().start();
    const { agent } = await startAgent(
      `[otlp]\nendpoint = "http://127.0.0.1:${sink.port}"\n[receivers]\nidle_timeout = "1s"\n`,
    );
    const session = connectHttp2(`http://127.0.0.1:${agent.ports.grpc!}`);
    session.on('error', () => {});
    try {
      const http = await rawSocket(agent.ports.http!);
      const httpClosed = closedBy(http, 10_000);
      // One whole request (an empty export), answered; then the connection idles.
      http.write(
        'POST /v1/traces HTTP/1.1\r\nhost: agent\r\ncontent-type: application/x-protobuf\r\ncontent-length: 0\r\n\r\n',
      );
      const begun = Date.now();
      const grpcClosed = new Promise<number>((resolve) =>
        session.once('close', () => resolve(Date.now() - begun)),
      );
      const { afterMs, received } = await httpClosed;
      expect(received).toMatch(/^HTTP\/1\.1 200/);
      expect(afterMs).toBeGreaterThanOrEqual(900);
      expect(
        await Promise.race([grpcClosed, new Promise<number>((r) => setTimeout(() => r(-1), 10_000))]),
      ).toBeGreaterThanOrEqual(900);
    } finally {
      session.destroy();
      await agent.stop(500);
      sink.forceStop();
    }
  });
});

describe('concurrent gRPC calls', () => {
  it('the HTTP/2 SETTINGS the gRPC receiver sends carry receivers.max_concurrent_streams', async () => {
    const sink = await new GrpcSink().start();
    const { agent } = await startAgent(
      `[otlp]\nendpoint = "http://127.0.0.1:${sink.port}"\n[receivers]\nmax_concurrent_streams = 7\n`,
    );
    const session = connectHttp2(`http://127.0.0.1:${agent.ports.grpc!}`);
    session.on('error', () => {});
    try {
      const settings = await new Promise<{ maxConcurrentStreams?: number }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no SETTINGS within 10 s')), 10_000);
        session.once('remoteSettings', (s) => {
          clearTimeout(timer);
          resolve(s);
        });
      });
      expect(settings.maxConcurrentStreams).toBe(7);
    } finally {
      session.destroy();
      await agent.stop(500);
      sink.forceStop();
    }
  });
});
