import type { Registry } from 'prom-client';
import { ExportCircuitBreaker } from '../breaker/circuit-breaker.js';
import type { BreakerOptions, BreakerStateValue } from '../breaker/circuit-breaker.js';
import type { Chunk } from '../batch/chunker.js';
import type { DropPolicy } from '../batch/signal-queue.js';
import { ConfigError } from '../config/config-error.js';
import type { SdkSpanLike } from '../encode/sdk-span-like.js';
import { resolveSignalConfig } from '../config/exporter-config.js';
import type { SignalTransportConfig, TransportOptions } from '../config/exporter-config.js';
import type { Env } from '../config/env.js';
import { ExporterMetrics } from '../metrics/exporter-metrics.js';
import { signalNames } from '../proto/signals.js';
import type { Signal } from '../proto/signals.js';
import { RetryPolicy } from '../retry/retry-policy.js';
import type { RetryOptions } from '../retry/retry-policy.js';
import { createTransport } from '../transport/registry.js';
import type { ExporterLogger } from './logger.js';
import { silentLogger } from './logger.js';
import { SignalPipeline } from './signal-pipeline.js';
import type { SignalStats } from './signal-stats.js';

export interface ExporterOptions extends TransportOptions {
  /** Signals to export (default all three). */
  signals?: readonly Signal[];
  /** Batches: most items (the deployment plan's batch_size; default 512) and bytes (default 4 MiB), and how long a partial batch waits (default 1 s). */
  batch?: { maxItems?: number; maxBytes?: number; flushIntervalMs?: number };
  /** The bounded queue per signal (default 10000 items, 32 MiB) and what happens when it is full. */
  queue?: { maxItems?: number; maxBytes?: number; dropPolicy?: DropPolicy };
  /** Most exports in flight per signal (default 4: they share one connection, and with fewer the wire idles while the next batch is encoded). */
  maxInFlight?: number;
  retry?: RetryOptions;
  breaker?: BreakerOptions;
  /** prom-client registry for the exporter's metrics (default: a private one, see `metrics.registry`). */
  registry?: Registry;
  logger?: ExporterLogger;
  /** Environment for OTEL_EXPORTER_OTLP_* (default process.env). */
  env?: Env;
}

function positiveInt(setting: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0)
    throw new ConfigError(setting, `${value} must be a positive integer`);
  return value;
}

/**
 * An OTLP exporter on protobufjs and grpc-js with no OpenTelemetry SDK inside: give it OTLP
 * resource entries (ResourceSpans, ResourceMetrics, ResourceLogs, as plain objects or decoded
 * messages); it queues, batches, sends over gRPC or HTTP/protobuf, retries as the OTLP spec says,
 * stops sending while its circuit breaker is open, and accounts for every item.
 *
 * All configuration is checked here, in the constructor: a bad setting throws a ConfigError
 * naming it, never at the first export.
 */
export class OtlpExporter {
  readonly metrics: ExporterMetrics;
  readonly breaker: ExportCircuitBreaker;
  readonly configs: Partial<Record<Signal, SignalTransportConfig>> = {};
  /** Most items per export request: chunks given to `exportChunks` must not hold more. */
  readonly batchMaxItems: number;
  /** Each signal's queue bounds: a request above them can never be queued, however long it waits. */
  readonly queueBounds: { maxItems: number; maxBytes: number };
  private readonly pipelines = new Map<Signal, SignalPipeline>();
  private shutDown = false;

  constructor(options: ExporterOptions = {}) {
    const signals = options.signals ?? signalNames;
    const batchMaxItems = positiveInt('batch.maxItems', options.batch?.maxItems ?? 512);
    this.batchMaxItems = batchMaxItems;
    const batchMaxBytes = positiveInt('batch.maxBytes', options.batch?.maxBytes ?? 4 * 1024 * 1024);
    const flushIntervalMs = positiveInt('batch.flushIntervalMs', options.batch?.flushIntervalMs ?? 1000);
    const queueMaxItems = positiveInt('queue.maxItems', options.queue?.maxItems ?? 10_000);
    const queueMaxBytes = positiveInt('queue.maxBytes', options.queue?.maxBytes ?? 32 * 1024 * 1024);
    if (queueMaxItems < batchMaxItems)
      throw new ConfigError(
        'queue.maxItems',
        `${queueMaxItems} is smaller than batch.maxItems (${batchMaxItems})`,
      );
    this.queueBounds = { maxItems: queueMaxItems, maxBytes: queueMaxBytes };
    const dropPolicy = options.queue?.dropPolicy ?? 'drop-newest';
    if (dropPolicy !== 'drop-newest' && dropPolicy !== 'drop-oldest')
      throw new ConfigError(
        'queue.dropPolicy',
        `unknown policy "${String(dropPolicy)}" (drop-newest or drop-oldest)`,
      );
    const logger = options.logger ?? silentLogger;
    const maxInFlight = positiveInt('maxInFlight', options.maxInFlight ?? 4);
    const retry = new RetryPolicy(options.retry);
    this.breaker = new ExportCircuitBreaker(options.breaker);
    this.metrics = new ExporterMetrics(options.registry);
    this.breaker.onStateChange((state) => this.metrics.breakerState.set(state));
    for (const signal of signals) {
      const config = resolveSignalConfig(signal, options, options.env ?? process.env, (setting, message) =>
        logger.warn({ setting }, message),
      );
      this.configs[signal] = config;
      this.metrics.queueCapacityItems.set({ signal }, queueMaxItems);
      const transport = createTransport(config);
      this.pipelines.set(
        signal,
        new SignalPipeline(
          signal,
          {
            batchMaxItems,
            batchMaxBytes,
            flushIntervalMs,
            queueMaxItems,
            queueMaxBytes,
            dropPolicy,
            maxInFlight,
            timeoutMs: config.timeoutMs,
          },
          { transport, retry, breaker: this.breaker, metrics: this.metrics, logger },
        ),
      );
    }
  }

  /** Queues resource entries of a signal. `dropped` > 0: the queue was full (push back on the sender). */
  export(
    signal: Signal,
    resources: readonly Record<string, unknown>[],
  ): { accepted: number; dropped: number } {
    return this.pipeline(signal).offer(resources);
  }

  /**
   * Queues chunks that are already encoded resource entries (see `toChunks`), each of at most
   * `batch.maxItems` items: the agent forwards received requests this way, without re-encoding.
   */
  exportChunks(signal: Signal, chunks: readonly Chunk[]): { accepted: number; dropped: number } {
    return this.pipeline(signal).offerChunks(chunks);
  }

  /**
   * Queues the OpenTelemetry JS SDK's finished spans (ReadableSpan, or anything of its shape):
   * the fast path for SDK input. They are queued as they are and encoded straight to protobuf, in
   * one pass, into a reused buffer when their batch is sent; the spans must not change meanwhile
   * (the SDK never changes an ended span).
   */
  exportSpans(spans: readonly SdkSpanLike[]): { accepted: number; dropped: number } {
    return this.pipeline('traces').offerSpans(spans);
  }

  /** Whether `items` (and `bytes`) more of a signal would be queued without a drop. */
  hasRoomFor(signal: Signal, items: number, bytes = 0): boolean {
    return !this.shutDown && this.pipeline(signal).hasRoomFor(items, bytes);
  }

  /** Sends everything queued now and resolves once it is delivered, dropped or rejected. */
  async forceFlush(): Promise<void> {
    await Promise.all([...this.pipelines.values()].map((p) => p.flush()));
  }

  /**
   * Stops accepting, drains the queues within `timeoutMs` and closes the connections; what is
   * still queued or retrying at the deadline is dropped and counted as `shutdown`.
   */
  async shutdown(timeoutMs = 10_000): Promise<void> {
    if (this.shutDown) return;
    this.shutDown = true;
    const pipelines = [...this.pipelines.values()];
    for (const p of pipelines) p.close();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)),
    );
    const drained = await Promise.race([
      Promise.all(pipelines.map((p) => p.flush())).then(() => 'drained' as const),
      deadline,
    ]);
    clearTimeout(timer);
    if (drained === 'timeout') {
      // Past the deadline: drop what is queued, cut the exports still in flight (closing the
      // transport cancels them) and count their items as dropped too.
      for (const p of pipelines) p.abort();
      for (const p of pipelines) p.closeTransport();
      await Promise.all(pipelines.map((p) => p.flush()));
    } else for (const p of pipelines) p.closeTransport();
  }

  /** How full the fullest signal queue is, 0..1 (items or bytes, whichever is nearer its bound). */
  queueFill(): number {
    let fill = 0;
    for (const p of this.pipelines.values()) fill = Math.max(fill, p.fill());
    return fill;
  }

  stats(signal: Signal): SignalStats {
    return this.pipeline(signal).stats;
  }

  breakerState(): BreakerStateValue {
    return this.breaker.state();
  }

  private pipeline(signal: Signal): SignalPipeline {
    const p = this.pipelines.get(signal);
    if (!p) throw new ConfigError('signals', `the exporter was built without "${signal}"`);
    return p;
  }
}
