import type { ExportCircuitBreaker } from '../breaker/circuit-breaker.js';
import { toChunks } from '../batch/chunker.js';
import type { Chunk } from '../batch/chunker.js';
import type { QueueEntry } from '../batch/deferred-spans.js';
import type { SdkSpanLike } from '../encode/sdk-span-like.js';
import { SignalQueue } from '../batch/signal-queue.js';
import type { DropPolicy } from '../batch/signal-queue.js';
import type { ExporterMetrics } from '../metrics/exporter-metrics.js';
import type { Signal } from '../proto/signals.js';
import type { RetryPolicy } from '../retry/retry-policy.js';
import type { ExportOutcome, Transport } from '../transport/types.js';
import type { ExporterLogger } from './logger.js';
import { BatchEncoder } from './batch-encoder.js';
import type { EncodedBatch } from './batch-encoder.js';
import { emptyStats } from './signal-stats.js';
import type { DropReason, SignalStats } from './signal-stats.js';

export interface PipelineSettings {
  batchMaxItems: number;
  batchMaxBytes: number;
  flushIntervalMs: number;
  queueMaxItems: number;
  queueMaxBytes: number;
  dropPolicy: DropPolicy;
  maxInFlight: number;
  timeoutMs: number;
}

export interface PipelineDeps {
  transport: Transport;
  retry: RetryPolicy;
  breaker: ExportCircuitBreaker;
  metrics: ExporterMetrics;
  logger: ExporterLogger;
}

/**
 * One signal's path upstream: a bounded queue, batches cut by item count and bytes (full batches
 * at once, partial ones after the flush interval), at most `maxInFlight` exports at a time, each
 * retried as the OTLP spec says and passed through the shared circuit breaker.
 */
export class SignalPipeline {
  readonly stats: SignalStats = emptyStats();
  private readonly queue: SignalQueue;
  private readonly encoder: BatchEncoder;
  private inFlight = 0;
  private due = false;
  private flushing = false;
  private closed = false;
  private aborted = false;
  private flushTimer?: NodeJS.Timeout;
  private breakerTimer?: NodeJS.Timeout;
  private holdTimer?: NodeJS.Timeout;
  /** No new export starts before this time (a requeued batch's backoff). */
  private holdUntil = 0;
  private readonly sleeps = new Set<() => void>();
  private idleWaiters: (() => void)[] = [];

  constructor(
    readonly signal: Signal,
    private readonly settings: PipelineSettings,
    private readonly deps: PipelineDeps,
  ) {
    this.queue = new SignalQueue(settings.queueMaxItems, settings.queueMaxBytes, settings.dropPolicy);
    this.encoder = new BatchEncoder(settings.maxInFlight);
  }

  /** Queues resource entries; returns the items accepted and those the full queue dropped. */
  offer(resources: readonly Record<string, unknown>[]): { accepted: number; dropped: number } {
    return this.offerChunks(toChunks(this.signal, resources, this.settings.batchMaxItems));
  }

  /** Queues chunks already encoded (the agent's pass-through); same result as `offer`. */
  offerChunks(chunks: readonly Chunk[]): { accepted: number; dropped: number } {
    return this.offerEntries(chunks);
  }

  /**
   * Queues the SDK's spans as they are, in pieces of at most `batchMaxItems`, counted at their
   * estimated encoded size: they are encoded when their batch is sent. Same result as `offer`.
   */
  offerSpans(spans: readonly SdkSpanLike[]): { accepted: number; dropped: number } {
    const pieces: QueueEntry[] = [];
    const n = this.settings.batchMaxItems;
    for (let i = 0; i < spans.length; i += n) {
      const piece = i === 0 && spans.length <= n ? spans : spans.slice(i, i + n);
      pieces.push({ spans: piece, items: piece.length, size: this.encoder.estimate.of(piece.length) });
    }
    return this.offerEntries(pieces);
  }

  private offerEntries(chunks: readonly QueueEntry[]): { accepted: number; dropped: number } {
    const items = chunks.reduce((n, c) => n + c.items, 0);
    this.stats.offered += items;
    if (this.closed) {
      this.drop('shutdown', items);
      return { accepted: 0, dropped: items };
    }
    const { dropped } = this.queue.push(chunks);
    if (dropped > 0) this.drop('queue_full', dropped);
    this.gauges();
    if (!this.flushTimer && this.queue.length > 0)
      this.flushTimer = setTimeout(() => this.onFlushTimer(), this.settings.flushIntervalMs);
    this.pump();
    return { accepted: items - (this.settings.dropPolicy === 'drop-newest' ? dropped : 0), dropped };
  }

  /** Whether `items` more would be queued without dropping (for backpressure before decoding more). */
  hasRoomFor(items: number, bytes: number): boolean {
    return this.queue.fits(items, bytes);
  }

  /** How full the queue is, 0..1: the larger of its item and byte shares. */
  fill(): number {
    return Math.max(
      this.queue.items / this.settings.queueMaxItems,
      this.queue.bytes / this.settings.queueMaxBytes,
    );
  }

  /** Sends everything queued now; resolves when queue and in-flight exports are empty. */
  flush(): Promise<void> {
    this.flushing = true;
    this.pump();
    return this.idle();
  }

  /** Stops accepting; what is still queued or retrying when `abort()` comes is dropped as shutdown. */
  close(): void {
    this.closed = true;
  }

  abort(): void {
    this.aborted = true;
    clearTimeout(this.flushTimer);
    clearTimeout(this.breakerTimer);
    clearTimeout(this.holdTimer);
    this.drop('shutdown', this.queue.clear());
    this.gauges();
    for (const wake of [...this.sleeps]) wake();
  }

  closeTransport(): void {
    this.deps.transport.close();
  }

  private onFlushTimer(): void {
    this.flushTimer = undefined;
    this.due = true;
    this.pump();
  }

  private pump(): void {
    while (this.inFlight < this.settings.maxInFlight && this.queue.length > 0) {
      if (!(this.due || this.flushing || this.closed || this.queue.items >= this.settings.batchMaxItems))
        break;
      if (!this.deps.breaker.canSend()) {
        // Open breaker: batches wait in the queue; look again when the cool-down is over.
        this.breakerTimer ??= setTimeout(() => {
          this.breakerTimer = undefined;
          this.pump();
        }, this.deps.breaker.waitMs());
        break;
      }
      if (Date.now() < this.holdUntil) {
        // A batch came back after failing several times in a row: give the upstream its backoff.
        this.holdTimer ??= setTimeout(() => {
          this.holdTimer = undefined;
          this.pump();
        }, this.holdUntil - Date.now());
        break;
      }
      // A batch back from a failure goes alone: fresh items never join it and its older retry budget.
      const front = this.queue.peek() as Chunk;
      const entries =
        front.failedSince !== undefined
          ? this.queue.takeOne()
          : this.queue.take(this.settings.batchMaxItems, this.settings.batchMaxBytes);
      const failedSince = (entries[0] as Chunk).failedSince;
      const batch = this.encoder.encode(entries, this.settings.batchMaxBytes);
      // Spans past the exact byte bound wait at the front (admitted already: no bound applies).
      if (batch.rest) this.queue.unshift([batch.rest]);
      const items = batch.items;
      this.inFlight++;
      this.stats.inFlight += items;
      this.gauges();
      void this.send(batch, failedSince).finally(() => {
        batch.release();
        this.inFlight--;
        this.stats.inFlight -= items;
        this.pump();
        this.checkIdle();
      });
    }
    if (this.queue.length === 0) {
      this.due = false;
      if (this.flushTimer) clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
    } else if (!this.flushTimer && !this.due)
      this.flushTimer = setTimeout(() => this.onFlushTimer(), this.settings.flushIntervalMs);
    this.checkIdle();
  }

  /**
   * Sends one batch until it is delivered, rejected as not retryable, or its retry budget is spent.
   * A batch is never dropped because the upstream is unavailable: when the breaker opens, or its
   * retries in a row are used up, it goes back to the front of the queue with the time of its
   * first failure, and the budget (RetryPolicy.maxElapsedMs) keeps running from there.
   */
  private async send(batch: EncodedBatch, failedSinceBefore: number | undefined): Promise<void> {
    const { transport, retry, breaker, metrics, logger } = this.deps;
    const labels = { signal: this.signal, transport: transport.name };
    const { body, items } = batch;
    let failedSince = failedSinceBefore;
    // Back to the front of the queue, to wait there: as encoded bytes, copied out of the buffer
    // that is about to be reused.
    const requeue = (holdMs = 0) => {
      this.queue.unshift([{ bytes: Buffer.from(body), items, failedSince }]);
      if (holdMs > 0) this.holdUntil = Math.max(this.holdUntil, Date.now() + holdMs);
      this.gauges();
    };
    metrics.batchItems.observe({ signal: this.signal }, items);
    let maybeSent = false;
    for (let attempt = 0; ; attempt++) {
      let outcome: ExportOutcome | undefined;
      const stop = metrics.requestDuration.startTimer(labels);
      const verdict = await breaker.run(async () => {
        metrics.requests.inc(labels);
        if (maybeSent) {
          this.stats.maybeDuplicated += items;
          metrics.itemsMaybeDuplicated.inc({ signal: this.signal }, items);
        }
        outcome = await transport.send(this.signal, body, this.settings.timeoutMs);
        return outcome.kind === 'success' || !outcome.retryable;
      });
      if (verdict === 'broken' || !outcome) {
        if (this.aborted) return this.drop('shutdown', items);
        // The breaker opened meanwhile: wait in the queue for its probe.
        return requeue();
      }
      stop();
      if (outcome.kind === 'success') {
        this.stats.exported += items - outcome.rejected;
        metrics.itemsExported.inc({ signal: this.signal }, items - outcome.rejected);
        if (outcome.rejected > 0 || outcome.message) {
          this.stats.rejected += outcome.rejected;
          metrics.itemsRejected.inc({ signal: this.signal }, outcome.rejected);
          logger.warn(
            { signal: this.signal, rejected: outcome.rejected, reason: outcome.message },
            'upstream partially accepted an export',
          );
        }
        return;
      }
      metrics.requestsFailed.inc({ ...labels, reason: outcome.reason });
      if (!outcome.retryable) {
        logger.error(
          { signal: this.signal, items, reason: outcome.reason, error: outcome.message },
          'export failed and is not retryable: items dropped',
        );
        return this.drop('not_retryable', items);
      }
      maybeSent = maybeSent || outcome.maybeDelivered;
      if (this.aborted) return this.drop('shutdown', items);
      const now = Date.now();
      failedSince ??= now;
      const decision = retry.decide(attempt + 1, failedSince, now, outcome.retryAfterMs);
      if (decision.kind === 'give-up') {
        logger.error(
          {
            signal: this.signal,
            items,
            failingForMs: now - failedSince,
            reason: outcome.reason,
            error: outcome.message,
          },
          'export still failing at the end of the retry budget: items dropped',
        );
        return this.drop('retries_exhausted', items);
      }
      logger.debug(
        {
          signal: this.signal,
          items,
          delayMs: decision.delayMs,
          reason: outcome.reason,
          next: decision.kind,
        },
        'export failed, retrying',
      );
      if (decision.kind === 'requeue') return requeue(decision.delayMs);
      if (!(await this.sleep(decision.delayMs))) return this.drop('shutdown', items);
      if (!breaker.canSend() && !this.aborted) return requeue();
    }
  }

  /** Resolves true after `ms`, false when abort() cut it short. */
  private sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleeps.delete(wake);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.sleeps.delete(wake);
        resolve(true);
      }, ms);
      this.sleeps.add(wake);
    });
  }

  private drop(reason: DropReason, items: number): void {
    if (items === 0) return;
    this.stats.dropped[reason] += items;
    this.deps.metrics.itemsDropped.inc({ signal: this.signal, reason }, items);
  }

  private gauges(): void {
    this.stats.queued = this.queue.items;
    this.deps.metrics.queueItems.set({ signal: this.signal }, this.queue.items);
    this.deps.metrics.queueBytes.set({ signal: this.signal }, this.queue.bytes);
  }

  private idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.inFlight === 0;
  }

  private checkIdle(): void {
    if (!this.isIdle()) return;
    this.flushing = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
