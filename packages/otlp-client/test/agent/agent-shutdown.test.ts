// The agent's stop is bounded by lifecycle.shutdown_grace whatever its clients and its upstream do,
// and the preStop hook takes the pod out of rotation before SIGTERM. Real agent, real sockets.
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import type { Agent } from '../../src/agent/agent';
import { signalSpecs } from '../../src/proto/signals';
import { GrpcSink } from '../support/grpc-sink';
import { resourceSpans, until } from '../support/spans';
import { startAgent } from './support/agent-harness';
import { closedBy, rawSocket } from './support/raw-clients';

jest.setTimeout(30_000);

const body = (n: number) =>
  Buffer.from(signalSpecs.traces.request.encode({ resourceSpans: resourceSpans(n) }).finish());

/** POSTs `n` spans as OTLP/HTTP protobuf to `url`. */
const postSpans = (url: string, n: number) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body: body(n) });

/** A TCP server that accepts and never answers: a black-holed upstream. */
async function blackHole(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('bounded shutdown', () => {
  let agent: Agent | undefined;
  afterEach(async () => {
    await agent?.stop(500);
    agent = undefined;
  });

  it('a client trickling a body cannot hold the stop past shutdown_grace; what was accepted is delivered', async () => {
    const sink = await new GrpcSink().start();
    try {
      const started = await startAgent(`[otlp]
endpoint = "http://127.0.0.1:${sink.port}"
flush_interval = "10ms"
[lifecycle]
shutdown_grace = "3s"
request_grace = "500ms"
`);
      agent = started.agent;
      const posted = await postSpans(started.url('/v1/traces'), 100);
      expect(posted.status).toBe(200);
      const slow = await rawSocket(agent.ports.http!);
      const slowClosed = closedBy(slow, 15_000);
      slow.write(
        'POST /v1/traces HTTP/1.1\r\nhost: agent\r\ncontent-type: application/x-protobuf\r\ncontent-length: 5000\r\n\r\n',
      );
      const drip = setInterval(() => !slow.destroyed && slow.write('\n'), 100);
      try {
        const started2 = Date.now();
        const report = await agent.stop();
        const took = Date.now() - started2;
        expect(took).toBeLessThan(3500);
        expect(report.dropped).toBe(0);
        expect(report.totals).toMatchObject({ offered: 100, exported: 100 });
        expect(sink.accepted).toBe(100);
        // The trickling client was cut off after request_grace, not left to finish.
        expect((await slowClosed).afterMs).toBeLessThan(3500);
      } finally {
        clearInterval(drip);
      }
    } finally {
      sink.forceStop();
    }
  });

  it('with the upstream black-holed, the stop ends within the grace: exports in flight are cancelled and every item is counted as dropped', async () => {
    const hole = await blackHole();
    try {
      const started = await startAgent(`[otlp]
endpoint = "http://127.0.0.1:${hole.port}"
batch_size = 50
flush_interval = "10ms"
timeout = "20s"
[lifecycle]
shutdown_grace = "2s"
request_grace = "200ms"
`);
      agent = started.agent;
      const a = agent;
      const posted = await postSpans(started.url('/v1/traces'), 400);
      expect(posted.status).toBe(200);
      await until(() => a.exporter.stats('traces').inFlight > 0, 5000);
      const begun = Date.now();
      const report = await a.stop();
      expect(Date.now() - begun).toBeLessThan(2500);
      expect(report.dropped).toBe(400);
      expect(report.totals.dropped.shutdown).toBe(400);
      expect(report.totals.offered).toBe(400);
    } finally {
      await hole.close();
    }
  });

  it('preStop: unready at once while still accepting, answered after pre_stop_delay', async () => {
    const sink = await new GrpcSink().start();
    try {
      const started = await startAgent(`[otlp]
endpoint = "http://127.0.0.1:${sink.port}"
flush_interval = "10ms"
[lifecycle]
pre_stop_delay = "800ms"
`);
      agent = started.agent;
      const base = `http://127.0.0.1:${agent.ports.monitoring}`;
      expect((await fetch(`${base}/ready`)).status).toBe(200);
      const begun = Date.now();
      const hook = fetch(`${base}/prestop`).then((r) => ({ status: r.status, afterMs: Date.now() - begun }));
      await new Promise((r) => setTimeout(r, 100));
      const ready = await fetch(`${base}/ready`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { reasons: string[] }).reasons).toEqual([
        'terminating: preStop hook called',
      ]);
      // Endpoints are being removed: clients that still come are served.
      const posted = await postSpans(started.url('/v1/traces'), 10);
      expect(posted.status).toBe(200);
      const answered = await hook;
      expect(answered.status).toBe(200);
      expect(answered.afterMs).toBeGreaterThanOrEqual(750);
    } finally {
      sink.forceStop();
    }
  });

  it('readiness: not ready once the queue passes unready_queue_percent, ready again once it drains', async () => {
    // An upstream that is not there yet; the breaker's own unreadiness is switched off to see the queue's.
    const later = await blackHole();
    const port = later.port;
    await later.close();
    const started = await startAgent(`[otlp]
endpoint = "http://127.0.0.1:${port}"
batch_size = 10
[queue]
max_items = 100
[monitoring]
unready_when_breaker_open = false
`);
    agent = started.agent;
    const a = agent;
    const post = (n: number) => postSpans(started.url('/v1/traces'), n);
    expect((await post(60)).status).toBe(200);
    await until(() => a.exporter.stats('traces').inFlight === 0, 10_000);
    expect(a.readiness().ready).toBe(true);
    expect((await post(25)).status).toBe(200);
    await until(() => a.exporter.stats('traces').inFlight === 0, 10_000);
    const r = a.readiness();
    expect(r.ready).toBe(false);
    expect(r.reasons[0]).toMatch(/^the queue is \d+% full \(unready from 80% until below 50%\)$/);
    const sink = await new GrpcSink().start(port);
    try {
      await until(() => a.exporter.stats('traces').exported === 85, 15_000);
      expect(a.readiness().ready).toBe(true);
    } finally {
      sink.forceStop();
    }
  });
});
