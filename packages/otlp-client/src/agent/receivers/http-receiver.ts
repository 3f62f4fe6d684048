import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { signalNames, signalSpecs, rpcStatusType } from '../../proto/signals.js';
import type { Signal } from '../../proto/signals.js';
import type { IngestResult } from '../ingest/ingest.js';
import { jsonToProtobuf } from '../ingest/json-request.js';
import { WireError } from '../ingest/wire.js';
import { closeWithin, httpServerLimits } from '../net/http-server-deadlines.js';
import type { Receiver, ReceiverContext } from './receiver.js';
import type { RefuseReason } from './receiver-metrics.js';

const gunzipAsync = promisify(gunzip);
const signalOfPath = new Map<string, Signal>(signalNames.map((s) => [signalSpecs[s].httpPath, s]));

/** OTLP/HTTP status of each refusal (spec: 400 bad data, 429/503 retryable with Retry-After). */
const httpStatus: Record<RefuseReason, number> = {
  malformed: 400,
  too_large: 413,
  unsupported_media_type: 415,
  queue_full: 429,
  shutting_down: 503,
  not_found: 404,
};
/** google.rpc.Status codes for the body of a refusal. */
const grpcCode: Record<RefuseReason, number> = {
  malformed: 3,
  too_large: 8,
  unsupported_media_type: 3,
  queue_full: 8,
  shutting_down: 14,
  not_found: 5,
};

type Format = 'protobuf' | 'json';

function formatOf(contentType: string | undefined): Format | undefined {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/x-protobuf' || type === 'application/protobuf') return 'protobuf';
  if (type === 'application/json') return 'json';
  return undefined;
}

class TooLarge extends Error {}

/** The body, refused past `max` bytes without reading further. */
function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (part: Buffer) => {
      size += part.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.pause();
        reject(new TooLarge());
        return;
      }
      parts.push(part);
    });
    req.on('end', () => resolve(parts.length === 1 ? parts[0] : Buffer.concat(parts, size)));
    req.on('error', reject);
  });
}

/**
 * OTLP/HTTP on node:http: POST /v1/traces, /v1/metrics, /v1/logs with protobuf or JSON bodies,
 * optionally gzip. Limits: max_request_bytes on the wire (413 from Content-Length before reading,
 * or as soon as the body passes it), max_decompressed_bytes after gunzip (a gzip bomb stops
 * there, 413). Responses mirror the request's format.
 */
export class HttpReceiver implements Receiver {
  readonly transport = 'http' as const;
  private server?: Server;
  private stopping = false;

  constructor(private readonly ctx: ReceiverContext) {}

  async start(): Promise<number> {
    const server = createServer(httpServerLimits(this.ctx.limits), (req, res) => {
      // Stopping: answer this one, then close the connection (the client reconnects elsewhere).
      if (this.stopping) res.shouldKeepAlive = false;
      this.handle(req, res).catch((err: Error) => {
        this.ctx.logger.error({ err: err.message }, 'OTLP/HTTP request failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    server.maxConnections = this.ctx.limits.maxConnections;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.ctx.port, this.ctx.host, () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  /**
   * Stops listening and closes idle keep-alive connections at once; requests in progress have
   * `graceMs` to finish, then every connection left is closed. Resolves within `graceMs`.
   */
  async stop(graceMs = 5000): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.stopping = true;
    await closeWithin(server, graceMs);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const signal = signalOfPath.get((req.url ?? '').split('?')[0]);
    const format = formatOf(req.headers['content-type']) ?? 'protobuf';
    const refuse = (reason: RefuseReason, message: string, s: Signal = signal ?? 'traces') =>
      this.reply(res, format, this.ctx.ingest.refuse(s, 'http', reason, message, 0), s);
    if (!signal)
      return void res
        .writeHead(404, { 'content-type': 'text/plain' })
        .end('not found: use /v1/traces, /v1/metrics or /v1/logs\n');
    if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end();
    if (!formatOf(req.headers['content-type']))
      return refuse(
        'unsupported_media_type',
        `content type "${req.headers['content-type'] ?? ''}" is not application/x-protobuf or application/json`,
      );
    const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding !== 'gzip' && encoding !== 'identity')
      return refuse('unsupported_media_type', `content encoding "${encoding}" is not gzip`);
    const { maxRequestBytes, maxDecompressedBytes } = this.ctx.limits;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxRequestBytes) {
      res.shouldKeepAlive = false;
      return refuse(
        'too_large',
        `body of ${declared} bytes exceeds receivers.max_request_bytes (${maxRequestBytes})`,
      );
    }
    let body: Buffer;
    try {
      body = await readBody(req, maxRequestBytes);
    } catch (err) {
      if (!(err instanceof TooLarge)) throw err;
      res.shouldKeepAlive = false;
      return refuse('too_large', `body exceeds receivers.max_request_bytes (${maxRequestBytes})`);
    }
    if (encoding === 'gzip') {
      try {
        body = await gunzipAsync(body, { maxOutputLength: maxDecompressedBytes });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
          return refuse(
            'too_large',
            `decompressed body exceeds receivers.max_decompressed_bytes (${maxDecompressedBytes})`,
          );
        return refuse('malformed', `invalid gzip body: ${(err as Error).message}`);
      }
    }
    let bytes: Uint8Array = body;
    if (format === 'json') {
      try {
        bytes = jsonToProtobuf(signal, body.toString('utf8'));
      } catch (err) {
        if (!(err instanceof WireError)) throw err;
        return refuse('malformed', err.message);
      }
    }
    this.reply(res, format, this.ctx.ingest.accept(signal, bytes, 'http'), signal);
  }

  private reply(res: ServerResponse, format: Format, result: IngestResult, signal: Signal): void {
    const contentType = format === 'json' ? 'application/json' : 'application/x-protobuf';
    if (result.kind === 'accepted') {
      // An empty Export*ServiceResponse: everything accepted, no partial_success.
      const body = format === 'json' ? '{}' : Buffer.from(signalSpecs[signal].response.encode({}).finish());
      res.writeHead(200, { 'content-type': contentType }).end(body);
      return;
    }
    const status = { code: grpcCode[result.reason], message: result.message };
    const headers: Record<string, string> = { 'content-type': contentType };
    if (result.retryAfterMs !== undefined)
      headers['retry-after'] = String(Math.ceil(result.retryAfterMs / 1000));
    const body =
      format === 'json' ? JSON.stringify(status) : Buffer.from(rpcStatusType.encode(status).finish());
    res.writeHead(httpStatus[result.reason], headers).end(body);
  }
}
