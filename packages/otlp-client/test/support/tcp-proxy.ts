import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of a test server, for the faults a grpc-js server cannot play
 * itself: it can drop every connection at once (after the server took a request, before its
 * answer), or drop a connection once the client has sent more than N bytes on it (mid-request).
 * Dropped connections are reset (RST), as a crashed peer or a middlebox would.
 */
export class TcpProxy {
  port = 0;
  /** Client bytes after which the next connection that passes them is reset (once). */
  resetAfterClientBytes?: number;
  /** Connections reset so far. */
  resets = 0;
  private readonly server: Server;
  private readonly pairs = new Set<[Socket, Socket]>();

  constructor(private readonly targetPort: number) {
    this.server = createServer((client) => this.accept(client));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  /** Resets every open connection, both sides. */
  resetAll(): void {
    for (const pair of [...this.pairs]) this.reset(pair);
  }

  stop(): Promise<void> {
    this.resetAll();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    const upstream = connect(this.targetPort, '127.0.0.1');
    const pair: [Socket, Socket] = [client, upstream];
    this.pairs.add(pair);
    let sent = 0;
    client.on('data', (data: Buffer) => {
      sent += data.length;
      const limit = this.resetAfterClientBytes;
      if (limit !== undefined && sent > limit) {
        // Pass on only what came before the limit: the server sees a request cut short.
        upstream.write(data.subarray(0, data.length - (sent - limit)));
        this.resetAfterClientBytes = undefined;
        this.reset(pair);
        return;
      }
      upstream.write(data);
    });
    upstream.on('data', (data: Buffer) => client.write(data));
    // One side gone (closed or failed): the other goes too.
    for (const s of pair) {
      s.on('error', () => this.end(pair));
      s.on('close', () => this.end(pair));
    }
  }

  private reset(pair: [Socket, Socket]): void {
    if (!this.pairs.has(pair)) return;
    this.resets++;
    for (const s of pair) if (!s.destroyed) s.resetAndDestroy();
    this.pairs.delete(pair);
  }

  private end(pair: [Socket, Socket]): void {
    if (!this.pairs.delete(pair)) return;
    for (const s of pair) s.destroy();
  }
}
