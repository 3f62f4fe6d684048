import { Registry, collectDefaultMetrics } from 'prom-client';
import type { Env } from '../config/env.js';
import { OtlpExporter } from '../export/exporter.js';
import { signalNames } from '../proto/signals.js';
import type { Signal } from '../proto/signals.js';
import { dropReasons } from '../export/signal-stats.js';
import type { DropReason } from '../export/signal-stats.js';
import type { LoadedConfig } from './config/agent-config.js';
import { exporterOptions, inFileTerms } from './config/exporter-options.js';
import { HealthServer } from './health/health-server.js';
import { QueueWatermark } from './health/queue-watermark.js';
import type { Readiness } from './health/health-server.js';
import { Ingest } from './ingest/ingest.js';
import { podIdentity } from './ingest/pod-identity.js';
import type { AgentLogger } from './logging/logger.js';
import type { Receiver } from './receivers/receiver.js';
import { ReceiverMetrics } from './receivers/receiver-metrics.js';
import { enabledReceivers, receiverFactories } from './receivers/registry.js';

export interface AgentOptions {
  loaded: LoadedConfig;
  logger: AgentLogger;
  env?: Env;
  /** Interface to listen on (default 0.0.0.0; tests use 127.0.0.1). */
  host?: string;
  /** Port overrides, 0 for any free port (tests); default: the config's. */
  ports?: { grpc?: number; http?: number; monitoring?: number };
}

/** What a stop did: items still queued or retrying at the end of the grace are dropped. */
export interface StopReport {
  drainedMs: number;
  /** Items dropped by this stop (still queued or in flight at the end of the grace). */
  dropped: number;
  /** The process's whole account, over every signal (a final line for operators and soak tests). */
  totals: AgentTotals;
}

/** offered = exported + rejected + sum(dropped); maybeDuplicated counts resends, not items. */
export interface AgentTotals {
  offered: number;
  exported: number;
  rejected: number;
  dropped: Record<DropReason, number>;
  maybeDuplicated: number;
}

/** Reverts an unfollowed preStop: Kubernetes sends SIGTERM right after the hook, or never. */
const preStopRevertMs = 60_000;

type Phase = 'starting' | 'running' | 'draining' | 'stopped';

/**
 * The agent process: OTLP receivers (gRPC 4317, HTTP 4318) feeding the exporter, and the
 * health/readiness/metrics server (8080). Built in an order that makes readiness honest: config
 * and exporter first (a bad setting fails before any port is bound), then the health server, then
 * the receivers; ready only once they are all bound.
 */
export class Agent {
  readonly registry = new Registry();
  readonly exporter: OtlpExporter;
  readonly ports: { grpc?: number; http?: number; monitoring: number } = { monitoring: 0 };
  private readonly ingest: Ingest;
  private readonly receiverMetrics: ReceiverMetrics;
  private readonly health: HealthServer;
  private receivers: Receiver[] = [];
  private phase: Phase = 'starting';
  private statusTimer?: NodeJS.Timeout;
  private stopping?: Promise<StopReport>;
  private readonly queueWatermark: QueueWatermark;
  /** The preStop hook was called: the pod is leaving the Service's endpoints. */
  private preStopUntil = 0;

  private constructor(private readonly options: AgentOptions) {
    const env = options.env ?? process.env;
    const { config, durations } = options.loaded;
    collectDefaultMetrics({ register: this.registry });
    try {
      this.exporter = new OtlpExporter(exporterOptions(options.loaded, env, this.registry, options.logger));
    } catch (err) {
      throw inFileTerms(err, options.loaded, env);
    }
    this.receiverMetrics = new ReceiverMetrics(this.registry);
    const memoryLimit = Number(env.MEMORY_LIMIT_BYTES);
    if (Number.isSafeInteger(memoryLimit) && memoryLimit > 0)
      this.receiverMetrics.memoryLimit.set(memoryLimit);
    this.queueWatermark = new QueueWatermark(
      config.monitoring.unready_queue_percent,
      config.monitoring.ready_queue_percent,
    );
    this.ingest = new Ingest(this.exporter, podIdentity(env), this.receiverMetrics);
    this.health = new HealthServer({
      host: options.host ?? '0.0.0.0',
      port: options.ports?.monitoring ?? config.monitoring.port,
      readiness: () => this.readiness(),
      registry: config.monitoring.metrics_enabled ? this.registry : undefined,
      limits: durations,
      preStop: () => this.preStop(),
    });
  }

  /** Builds and starts the agent; rejects (having released every port) if anything fails. */
  static async start(o: AgentOptions): Promise<Agent> {
    const agent = new Agent(o);
    try {
      await agent.bind();
    } catch (err) {
      await agent.stop(0);
      throw err;
    }
    return agent;
  }

  private async bind(): Promise<void> {
    const { config } = this.options.loaded;
    const host = this.options.host ?? '0.0.0.0';
    this.ports.monitoring = await this.health.start();
    const { durations } = this.options.loaded;
    const limits = {
      maxRequestBytes: config.receivers.max_request_bytes,
      maxDecompressedBytes: config.receivers.max_decompressed_bytes,
      headerTimeoutMs: durations.headerTimeoutMs,
      requestTimeoutMs: durations.requestTimeoutMs,
      idleTimeoutMs: durations.idleTimeoutMs,
      maxConnections: config.receivers.max_connections,
      maxConcurrentStreams: config.receivers.max_concurrent_streams,
    };
    for (const { name, port } of enabledReceivers(config)) {
      const receiver = receiverFactories[name]({
        host,
        port: this.options.ports?.[name] ?? port,
        limits,
        ingest: this.ingest,
        logger: this.options.logger,
      });
      this.receivers.push(receiver);
      this.ports[name] = await receiver.start();
    }
    this.phase = 'running';
    this.receiverMetrics.ready.set(1);
    this.statusTimer = setInterval(
      () => this.logStatus(),
      this.options.loaded.durations.healthCheckIntervalMs,
    );
    this.statusTimer.unref();
    const upstream = this.exporter.configs.traces;
    this.options.logger.info(
      {
        ports: this.ports,
        upstream: upstream?.url.href,
        protocol: upstream?.protocol,
        config: this.options.loaded.file ?? 'built-in defaults',
      },
      'otlp-client agent ready',
    );
  }

  /**
   * Ready when this pod can take telemetry and pass it on. Not ready: starting, terminating
   * (preStop, SIGTERM), the breaker open or probing (from opening until a probe closes it), or the
   * queue above unready_queue_percent until it is back below ready_queue_percent (hysteresis: a
   * queue hovering at the mark does not flap the pod in and out of the Service).
   */
  readiness(): Readiness {
    const m = this.options.loaded.config.monitoring;
    const reasons: string[] = [];
    if (this.phase === 'starting') reasons.push('receivers are not bound yet');
    if (this.phase === 'draining' || this.phase === 'stopped') reasons.push('shutting down');
    else if (Date.now() < this.preStopUntil) reasons.push('terminating: preStop hook called');
    if (m.unready_when_breaker_open && this.exporter.breakerState() !== 0)
      reasons.push('the upstream circuit breaker is open');
    const percent = this.exporter.queueFill() * 100;
    if (this.queueWatermark.update(percent))
      reasons.push(
        `the queue is ${Math.round(percent)}% full (unready from ${m.unready_queue_percent}% until below ${m.ready_queue_percent}%)`,
      );
    const ready = reasons.length === 0;
    this.receiverMetrics.ready.set(ready ? 1 : 0);
    return { ready, reasons };
  }

  /**
   * The pod's preStop hook: unready at once while everything keeps working, answered after
   * pre_stop_delay, so that Kubernetes has removed the pod from the Service's endpoints before
   * SIGTERM closes the listeners (no client is refused for a pod it was still told about).
   */
  async preStop(): Promise<void> {
    const delay = this.options.loaded.durations.preStopDelayMs;
    this.preStopUntil = Date.now() + delay + preStopRevertMs;
    this.options.logger.info({ delayMs: delay }, 'preStop: reporting not ready, waiting for SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, delay).unref());
  }

  private logStatus(): void {
    const queued = Object.fromEntries(signalNames.map((s) => [s, this.exporter.stats(s).queued]));
    const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
    const mib = (n: number) => Math.round(n / 1048576);
    this.options.logger.debug(
      {
        breaker: this.exporter.breakerState(),
        queued,
        memoryMiB: {
          rss: mib(rss),
          heapUsed: mib(heapUsed),
          heapTotal: mib(heapTotal),
          external: mib(external),
          arrayBuffers: mib(arrayBuffers),
        },
      },
      'status',
    );
  }

  /**
   * Graceful stop (SIGTERM), bounded by `graceMs` whatever the clients and the upstream do:
   * unready at once and new requests refused (UNAVAILABLE / 503: the sender tries another pod);
   * listeners closed and idle connections with them; requests in progress get request_grace,
   * then their connections are closed; the queue drains upstream in the time left, and what is
   * still queued or in flight at the deadline is dropped and counted. Idempotent.
   */
  stop(graceMs = this.options.loaded.durations.shutdownGraceMs): Promise<StopReport> {
    this.stopping ??= this.shutdown(graceMs);
    return this.stopping;
  }

  private async shutdown(graceMs: number): Promise<StopReport> {
    const started = Date.now();
    this.phase = 'draining';
    this.receiverMetrics.ready.set(0);
    clearInterval(this.statusTimer);
    this.ingest.drain();
    const requestGrace = Math.min(this.options.loaded.durations.requestGraceMs, graceMs / 2);
    await Promise.all(this.receivers.map((r) => r.stop(requestGrace)));
    const before = this.totals().dropped.shutdown;
    // A little of the grace is kept for closing the connections and exiting.
    const exitMargin = Math.min(250, graceMs / 10);
    await this.exporter.shutdown(Math.max(0, graceMs - exitMargin - (Date.now() - started)));
    const totals = this.totals();
    const report = { drainedMs: Date.now() - started, dropped: totals.dropped.shutdown - before, totals };
    this.phase = 'stopped';
    await this.health.stop();
    return report;
  }

  /** The exporter's account over every signal. */
  totals(): AgentTotals {
    const totals: AgentTotals = {
      offered: 0,
      exported: 0,
      rejected: 0,
      dropped: Object.fromEntries(dropReasons.map((r) => [r, 0])) as Record<DropReason, number>,
      maybeDuplicated: 0,
    };
    for (const signal of Object.keys(this.exporter.configs) as Signal[]) {
      const s = this.exporter.stats(signal);
      totals.offered += s.offered;
      totals.exported += s.exported;
      totals.rejected += s.rejected;
      totals.maybeDuplicated += s.maybeDuplicated;
      for (const r of dropReasons) totals.dropped[r] += s.dropped[r];
    }
    return totals;
  }
}
