// OTLP/HTTP receiver limits and status codes, against the real agent on 127.0.0.1.
import { gzipSync } from 'node:zlib';
import type { Agent } from '../../../src/agent/agent';
import { rpcStatusType, signalSpecs } from '../../../src/proto/signals';
import { GrpcSink } from '../../support/grpc-sink';
import { resourceSpans } from '../../support/spans';
import { metricValue, startAgent } from '../support/agent-harness';

const limits = `
[receivers]
max_request_bytes = 65536
max_decompressed_bytes = 1048576
`;

describe('HttpReceiver', () => {
  let sink: GrpcSink;
  let agent: Agent;
  let url: (path: string) => string;
  beforeAll(async () => {
    sink = await new GrpcSink().start();
    const started = await startAgent(
      `[otlp]\nendpoint = "http://127.0.0.1:${sink.port}"\ncompression = "none"\nflush_interval = "10ms"\n${limits}`,
    );
    agent = started.agent;
    url = started.url;
  });
  afterAll(async () => {
    await agent.stop(1000);
    sink.forceStop();
  });

  const protobuf = { 'content-type': 'application/x-protobuf' };
  const post = (path: string, body: Uint8Array | string, headers: Record<string, string> = protobuf) =>
    fetch(url(path), { method: 'POST', headers, body });
  const refused = (reason: string) => metricValue(agent, 'otlp_receiver_requests_refused_total', { reason });
  const body = (n: number) =>
    Buffer.from(signalSpecs.traces.request.encode({ resourceSpans: resourceSpans(n) }).finish());

  it('accepts protobuf, gzip protobuf and JSON, answering in the request format', async () => {
    const plain = await post('/v1/traces', body(3));
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('application/x-protobuf');
    expect(Buffer.from(await plain.arrayBuffer())).toHaveLength(0); // empty response: full success
    const gz = await post('/v1/traces', gzipSync(body(4)), { ...protobuf, 'content-encoding': 'gzip' });
    expect(gz.status).toBe(200);
    const json = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'json-client' } }] },
          scopeSpans: [
            {
              scope: { name: 'j' },
              spans: [
                {
                  traceId: '5b8efff798038103d269b633813fc60c',
                  spanId: 'eee19b7ec3c1b174',
                  name: 'from-json',
                  kind: 2,
                  startTimeUnixNano: '1700000000000000001',
                  endTimeUnixNano: '1700000000000000999',
                },
              ],
            },
          ],
        },
      ],
    };
    const j = await post('/v1/traces', JSON.stringify(json), { 'content-type': 'application/json' });
    expect(j.status).toBe(200);
    expect(await j.json()).toEqual({});
    await agent.exporter.forceFlush();
    const last = sink.received.at(-1)!;
    const decoded = signalSpecs.traces.request.toObject(signalSpecs.traces.request.decode(last.body), {
      longs: String,
      bytes: String,
    }) as { resourceSpans: { scopeSpans: { spans: Record<string, string>[] }[] }[] };
    const span = decoded.resourceSpans.at(-1)!.scopeSpans[0].spans[0];
    // Hex IDs and string nanoseconds of OTLP/JSON arrive exact (no float rounding of 64-bit times).
    expect(Buffer.from(span.traceId, 'base64').toString('hex')).toBe('5b8efff798038103d269b633813fc60c');
    expect(span.startTimeUnixNano).toBe('1700000000000000001');
    expect(sink.received.reduce((n, r) => n + r.items, 0)).toBe(8);
  });

  it('OTLP/JSON 64-bit integers sent as JSON numbers arrive exact, above 2^53 too', async () => {
    const text =
      '{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5B8EFFF798038103D269B633813FC60C",' +
      '"spanId":"EEE19B7EC3C1B174","name":"big","startTimeUnixNano":1700824735828301291,' +
      '"endTimeUnixNano":18446744073709551615,"attributes":[{"key":"n","value":{"intValue":-9223372036854775808}},' +
      '{"key":"d","value":{"doubleValue":0.1}}]}]}]}]}';
    const before = sink.received.length;
    const res = await post('/v1/traces', text, { 'content-type': 'application/json' });
    expect(res.status).toBe(200);
    await agent.exporter.forceFlush();
    const body = sink.received.slice(before).find((r) => r.signal === 'traces')!.body;
    const decoded = signalSpecs.traces.request.toObject(signalSpecs.traces.request.decode(body), {
      longs: String,
    }) as { resourceSpans: { scopeSpans: { spans: Record<string, any>[] }[] }[] };
    const span = decoded.resourceSpans[0].scopeSpans[0].spans[0];
    expect(span.startTimeUnixNano).toBe('1700824735828301291');
    expect(span.endTimeUnixNano).toBe('18446744073709551615');
    expect(span.attributes[0].value.intValue).toBe('-9223372036854775808');
    expect(span.attributes[1].value.doubleValue).toBe(0.1);
  });

  it('answers 400 with a google.rpc.Status for malformed protobuf and bad JSON', async () => {
    const res = await post('/v1/traces', Buffer.from('\x0a\xff\xff\xff\x0fgarbage'));
    expect(res.status).toBe(400);
    const status = rpcStatusType.decode(Buffer.from(await res.arrayBuffer())) as unknown as {
      code: number;
      message: string;
    };
    expect(status.code).toBe(3);
    expect(status.message).toMatch(/malformed protobuf: .*byte/);
    const badJson = await post('/v1/traces', '{"resourceSpans": [', { 'content-type': 'application/json' });
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { message: string }).message).toMatch(/invalid JSON/);
    const badId = await post(
      '/v1/traces',
      '{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"zz"}]}]}]}',
      {
        'content-type': 'application/json',
      },
    );
    expect(badId.status).toBe(400);
    expect(await refused('malformed')).toBe(3);
  });

  it('answers 415 for a wrong content type or encoding, 404 and 405 for wrong paths and methods', async () => {
    expect((await post('/v1/traces', body(1), { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post('/v1/traces', body(1), { ...protobuf, 'content-encoding': 'br' })).status).toBe(415);
    expect(await refused('unsupported_media_type')).toBe(2);
    expect((await post('/v1/spans', body(1))).status).toBe(404);
    expect((await fetch(url('/v1/traces'))).status).toBe(405);
  });

  it('answers 413 above max_request_bytes, declared or streamed, and for a gzip bomb', async () => {
    const big = body(2000); // well above 64 KiB
    expect(big.length).toBeGreaterThan(65536);
    expect((await post('/v1/traces', big)).status).toBe(413);
    // Chunked (no Content-Length): refused once the stream passes the limit.
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < big.length; i += 16384) c.enqueue(big.subarray(i, i + 16384));
        c.close();
      },
    });
    const chunked = await fetch(url('/v1/traces'), {
      method: 'POST',
      headers: protobuf,
      body: stream,
      duplex: 'half',
    });
    expect(chunked.status).toBe(413);
    // 64 MiB of zeros gzip to ~64 KiB, under the wire limit; decompression stops at 1 MiB.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(65536);
    const res = await post('/v1/traces', bomb, { ...protobuf, 'content-encoding': 'gzip' });
    expect(res.status).toBe(413);
    const status = rpcStatusType.decode(Buffer.from(await res.arrayBuffer())) as unknown as {
      message: string;
    };
    expect(status.message).toMatch(/max_decompressed_bytes/);
    expect(await refused('too_large')).toBe(3);
    // The agent still serves after all of it.
    expect((await post('/v1/traces', body(1))).status).toBe(200);
  });
});
