import { connect as connectHttp2 } from 'node:http2';
import { connect } from 'node:net';
import type { Socket } from 'node:net';

/** A raw TCP connection to 127.0.0.1:`port`, once it is open. */
export function rawSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
}

/**
 * Resolves with the milliseconds until the server closed `socket` and what it sent before; rejects
 * after `ms` (a bounded wait, and the socket is destroyed then).
 */
export function closedBy(socket: Socket, ms: number): Promise<{ afterMs: number; received: string }> {
  const started = Date.now();
  let received = '';
  socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
  socket.on('error', () => {});
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open for ${ms} ms`));
    }, ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve({ afterMs: Date.now() - started, received });
    });
  });
}

/**
 * A gRPC call over raw HTTP/2 that announces a message of `declaredBytes` and sends only its first
 * `sentBytes`: a stalled client. Resolves with the grpc-status of the trailers (or of the headers,
 * for a trailers-only answer), or rejects after `ms`.
 */
export function stalledGrpcCall(
  port: number,
  path: string,
  declaredBytes: number,
  sentBytes: number,
  ms: number,
): Promise<{ status: number; afterMs: number }> {
  const session = connectHttp2(`http://127.0.0.1:${port}`);
  session.on('error', () => {});
  const started = Date.now();
  return new Promise<{ status: number; afterMs: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no gRPC status within ${ms} ms`)), ms);
    const done = (status: unknown) => {
      clearTimeout(timer);
      resolve({ status: Number(status), afterMs: Date.now() - started });
    };
    const stream = session.request({
      ':method': 'POST',
      ':path': path,
      'content-type': 'application/grpc',
      te: 'trailers',
    });
    stream.on('error', () => {});
    stream.on('response', (headers) => {
      if (headers['grpc-status'] !== undefined) done(headers['grpc-status']);
    });
    stream.on('trailers', (trailers) => done(trailers['grpc-status']));
    const prefix = Buffer.alloc(5);
    prefix.writeUInt32BE(declaredBytes, 1);
    stream.write(Buffer.concat([prefix, Buffer.alloc(sentBytes, 0x0a)]));
  }).finally(() => session.destroy());
}
