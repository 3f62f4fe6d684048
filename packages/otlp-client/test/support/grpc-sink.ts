import * as grpc from '@grpc/grpc-js';
import { rawExportService } from '../../src/proto/raw-service';
import { signalSpecs } from '../../src/proto/signals';
import type { Signal } from '../../src/proto/signals';
import { statusWithRetryDelay } from '../../src/transport/retry-info';
import { faultAt, playSuccess, successBody } from './faults';
import type { Fault } from './faults';

export interface ReceivedRequest {
  signal: Signal;
  items: number;
  body: Buffer;
  metadata: grpc.Metadata;
}

/** A real grpc-js OTLP server on 127.0.0.1 that answers by a fault script and records what it got. */
export class GrpcSink {
  readonly received: ReceivedRequest[] = [];
  /** Items in requests answered OK (minus partial-success rejections). */
  accepted = 0;
  requests = 0;
  port = 0;
  /**
   * Plays a `reset` fault: the sink has the request and, instead of answering, calls this (a
   * TcpProxy in front drops the connections: see test/support/tcp-proxy.ts).
   */
  onReset?: () => void;
  private server = new grpc.Server();

  constructor(
    public script: Fault[] = [{ kind: 'ok' }],
    private readonly credentials = grpc.ServerCredentials.createInsecure(),
  ) {
    for (const signal of ['traces', 'metrics', 'logs'] as Signal[]) {
      this.server.addService(rawExportService(signal), {
        Export: (call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) =>
          this.handle(signal, call, cb),
      });
    }
  }

  /** Binds 127.0.0.1:`port` (0: any free port). */
  async start(port = 0): Promise<this> {
    this.port = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync(`127.0.0.1:${port}`, this.credentials, (err, port) =>
        err ? reject(err) : resolve(port),
      ),
    );
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.tryShutdown(() => resolve()));
  }

  forceStop(): void {
    this.server.forceShutdown();
  }

  private handle(
    signal: Signal,
    call: grpc.ServerUnaryCall<Buffer, Buffer>,
    cb: grpc.sendUnaryData<Buffer>,
  ): void {
    const n = this.requests++;
    const spec = signalSpecs[signal];
    const decoded = spec.request.decode(call.request) as unknown as Record<
      string,
      {
        scopeSpans?: { spans: unknown[] }[];
        scopeLogs?: { logRecords: unknown[] }[];
        scopeMetrics?: { metrics: { gauge?: { dataPoints: unknown[] } }[] }[];
      }[]
    >;
    const items = countDecoded(decoded[spec.resourceField] ?? []);
    this.received.push({ signal, items, body: call.request, metadata: call.metadata });
    const fault = faultAt(this.script, n);
    const ok = (rejected = 0, message = '', body?: Buffer) => {
      this.accepted += items - rejected;
      cb(null, body ?? successBody(signal, rejected, message));
    };
    if (playSuccess(fault, ok)) return;
    switch (fault.kind) {
      case 'reset':
        if (!this.onReset) throw new Error('a reset needs a TcpProxy in front of the sink (onReset)');
        // The data arrived; the connection dies before the answer.
        this.accepted += items;
        this.onReset();
        return;
      case 'status': {
        const metadata = new grpc.Metadata();
        if (fault.retryDelayMs !== undefined)
          metadata.set(
            'grpc-status-details-bin',
            Buffer.from(statusWithRetryDelay(fault.code, 'try later', fault.retryDelayMs)),
          );
        cb({ code: fault.code, details: `scripted ${grpc.status[fault.code]}`, metadata });
        return;
      }
    }
  }
}

export function countDecoded(resources: Record<string, unknown>[]): number {
  let n = 0;
  for (const r of resources) {
    for (const s of (r.scopeSpans ?? r.scopeLogs ?? []) as Record<string, unknown[]>[])
      n += (s.spans ?? s.logRecords ?? []).length;
    for (const s of (r.scopeMetrics ?? []) as { metrics: Record<string, { dataPoints?: unknown[] }>[] }[]) {
      for (const m of s.metrics)
        for (const k of ['gauge', 'sum', 'histogram', 'exponentialHistogram', 'summary'])
          n += m[k]?.dataPoints?.length ?? 0;
    }
  }
  return n;
}
