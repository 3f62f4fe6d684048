import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { gzipSync } from 'node:zlib';
import type { SignalTransportConfig } from '../config/exporter-config.js';
import type { Signal } from '../proto/signals.js';
import { rpcStatusType } from '../proto/signals.js';
import { successFromResponse } from './partial-success.js';
import { retryDelayFromStatus } from './retry-info.js';
import type { ExportOutcome, Transport } from './types.js';

/** HTTP statuses the OTLP spec calls retryable. */
export const retryableHttpStatuses = new Set([429, 502, 503, 504]);

/** Retry-After: delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const maxResponseBytes = 4 * 1024 * 1024;

/**
 * OTLP/HTTP with binary protobuf: POST to the signal's URL, optional gzip, a keep-alive agent so
 * exports reuse connections, a deadline per request.
 */
export class HttpTransport implements Transport {
  readonly name = 'http';
  private readonly agent: HttpAgent;
  private readonly request: typeof httpRequest;

  constructor(private readonly config: SignalTransportConfig) {
    const tls = config.tls;
    this.agent = tls
      ? new HttpsAgent({ keepAlive: true, maxSockets: 16, ca: tls.ca, cert: tls.cert, key: tls.key })
      : new HttpAgent({ keepAlive: true, maxSockets: 16 });
    this.request = tls ? httpsRequest : httpRequest;
  }

  send(signal: Signal, body: Uint8Array, timeoutMs: number): Promise<ExportOutcome> {
    const payload = this.config.compression === 'gzip' ? gzipSync(body) : body;
    return new Promise((resolve) => {
      let written = false;
      let settled = false;
      const done = (o: ExportOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        // The caller reuses the body's buffer once this settles: a request still writing it (the
        // server answered early) must stop reading it first.
        if (!written) req.destroy();
        resolve(o);
      };
      const req = this.request(
        this.config.url,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            ...this.config.headers,
            'content-type': 'application/x-protobuf',
            'content-length': payload.length,
            ...(this.config.compression === 'gzip' ? { 'content-encoding': 'gzip' } : {}),
            'user-agent': 'otlp-kit-otlp-client',
          },
        },
        (res) =>
          void readBody(res).then(
            (bytes) => done(outcomeOf(signal, res, bytes)),
            (err: Error) => done(networkFailure(err, true)),
          ),
      );
      const timer = setTimeout(() => {
        req.destroy(new Error(`deadline of ${timeoutMs} ms exceeded`));
        done({
          kind: 'failure',
          retryable: true,
          reason: 'timeout',
          message: `no response within ${timeoutMs} ms`,
          maybeDelivered: written,
        });
      }, timeoutMs);
      req.on('finish', () => {
        written = true;
      });
      req.on('error', (err) => done(networkFailure(err, written)));
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function readBody(res: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= maxResponseBytes) chunks.push(c);
    });
    res.on('end', () => resolve(Buffer.concat(chunks)));
    res.on('error', reject);
  });
}

function outcomeOf(signal: Signal, res: IncomingMessage, body: Buffer): ExportOutcome {
  const status = res.statusCode ?? 0;
  if (status >= 200 && status < 300) return successFromResponse(signal, body);
  const isProtobuf = /application\/x-protobuf/.test(String(res.headers['content-type'] ?? ''));
  const retryAfterMs =
    parseRetryAfter(res.headers['retry-after']) ?? (isProtobuf ? retryDelayFromStatus(body) : undefined);
  let message = `HTTP ${status}`;
  if (isProtobuf && body.length > 0) {
    try {
      const s = rpcStatusType.decode(body) as { message?: string };
      if (s.message) message += `: ${s.message}`;
    } catch {
      /* not a google.rpc.Status: the status code says enough */
    }
  } else if (body.length > 0) message += `: ${body.toString('utf8', 0, Math.min(body.length, 200))}`;
  return {
    kind: 'failure',
    retryable: retryableHttpStatuses.has(status),
    retryAfterMs,
    reason: `http_${status}`,
    message,
    maybeDelivered: false,
  };
}

function networkFailure(err: NodeJS.ErrnoException, written: boolean): ExportOutcome {
  // The spec: a connection that cannot be made or breaks is transient; retry it.
  return {
    kind: 'failure',
    retryable: true,
    reason: err.code === 'ECONNREFUSED' ? 'connection_refused' : 'network',
    message: err.message,
    maybeDelivered: written && err.code !== 'ECONNREFUSED',
  };
}
