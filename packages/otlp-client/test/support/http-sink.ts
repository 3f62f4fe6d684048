import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { signalSpecs } from '../../src/proto/signals';
import type { Signal } from '../../src/proto/signals';
import { faultAt, playSuccess, successBody } from './faults';
import type { Fault } from './faults';
import { countDecoded } from './grpc-sink';

/** A node:http OTLP/HTTP protobuf server on 127.0.0.1 answering by a fault script. */
export class HttpSink {
  accepted = 0;
  requests = 0;
  readonly received: {
    signal: Signal;
    items: number;
    headers: IncomingMessage['headers'];
    body: Buffer;
    /** The status it was answered with (none: the connection was reset). */
    status?: number;
  }[] = [];
  port = 0;
  private readonly server: Server;

  constructor(public script: Fault[] = [{ kind: 'ok' }]) {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 5000;
  }

  /** Binds 127.0.0.1:`port` (0: any free port). */
  async start(port = 0): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body = Buffer.concat(chunks);
    if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
    const signal = (['traces', 'metrics', 'logs'] as Signal[]).find((s) => req.url === `/v1/${s}`);
    if (!signal || req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    const spec = signalSpecs[signal];
    const items = countDecoded(
      ((spec.request.decode(body) as unknown as Record<string, unknown[]>)[spec.resourceField] ??
        []) as Record<string, unknown>[],
    );
    const record: (typeof this.received)[number] = { signal, items, headers: req.headers, body };
    this.received.push(record);
    const fault: Fault = faultAt(this.script, this.requests++);
    const ok = (rejected = 0, message = '', raw?: Buffer) => {
      this.accepted += items - rejected;
      record.status = 200;
      res
        .writeHead(200, { 'content-type': 'application/x-protobuf' })
        .end(raw ?? successBody(signal, rejected, message));
    };
    if (playSuccess(fault, ok)) return;
    switch (fault.kind) {
      case 'reset':
        // The data arrived; the connection dies before the answer.
        this.accepted += items;
        req.socket.destroy();
        return;
      case 'status':
        record.status = fault.code;
        res
          .writeHead(fault.code, fault.retryAfter ? { 'retry-after': fault.retryAfter } : {})
          .end(`scripted ${fault.code}`);
        return;
    }
  }
}
