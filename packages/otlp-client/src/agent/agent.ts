import { Registry, collectDefaultMetrics } from 'prom-client';
import type { Env } from '../config/env.js';
import { OtlpExporter } from '../export/exporter.js';
import { signalNames } from '../proto/signals.js';
import type { LoadedConfig } from './config/agent-config.js';
import { exporterOptions, inFileTerms } from './config/exporter-options.js';
import { HealthServer } from './health/health-server.js';
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
  dropped: number;
}

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

  private constructor(private readonly o: AgentOptions) {
    const env = o.env ?? process.env;
    const { config } = o.loaded;
    collectDefaultMetrics({ register: this.registry });
    try {
      this.exporter = new OtlpExporter(exporterOptions(o.loaded, env, this.registry, o.logger));
    } catch (err) {
      throw inFileTerms(err, o.loaded, env);
    }
    this.receiverMetrics = new ReceiverMetrics(this.registry);
    this.ingest = new Ingest(this.exporter, podIdentity(env), this.receiverMetrics);
    this.health = new HealthServer({
      host: o.host ?? '0.0.0.0',
      port: o.ports?.monitoring ?? config.monitoring.port,
      readiness: () => this.readiness(),
      registry: config.monitoring.metrics_enabled ? this.registry : undefined,
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
    const { config } = this.o.loaded;
    const host = this.o.host ?? '0.0.0.0';
    this.ports.monitoring = await this.health.start();
    const limits = {
      maxRequestBytes: config.receivers.max_request_bytes,
      maxDecompressedBytes: config.receivers.max_decompressed_bytes,
    };
    for (const { name, port } of enabledReceivers(config)) {
      const receiver = receiverFactories[name]({
        host,
        port: this.o.ports?.[name] ?? port,
        limits,
        ingest: this.ingest,
        logger: this.o.logger,
      });
      this.receivers.push(receiver);
      this.ports[name] = await receiver.start();
    }
    this.phase = 'running';
    this.receiverMetrics.ready.set(1);
    this.statusTimer = setInterval(() => this.logStatus(), this.o.loaded.durations.healthCheckIntervalMs);
    this.statusTimer.unref();
    const upstream = this.exporter.configs.traces;
    this.o.logger.info(
      {
        ports: this.ports,
        upstream: upstream?.url.href,
        protocol: upstream?.protocol,
        config: this.o.loaded.file ?? 'built-in defaults',
      },
      'otlp-client agent ready',
    );
  }

  readiness(): Readiness {
    const reasons: string[] = [];
    if (this.phase === 'starting') reasons.push('receivers are not bound yet');
    if (this.phase === 'draining' || this.phase === 'stopped') reasons.push('shutting down');
    if (this.o.loaded.config.monitoring.unready_when_breaker_open && this.exporter.breakerState() === 1)
      reasons.push('the upstream circuit breaker is open');
    return { ready: reasons.length === 0, reasons };
  }

  private logStatus(): void {
    const queued = Object.fromEntries(signalNames.map((s) => [s, this.exporter.stats(s).queued]));
    const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
    const mib = (n: number) => Math.round(n / 1048576);
    this.o.logger.debug(
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
   * Graceful stop (SIGTERM): unready at once, receivers closed (new requests are refused, those in
   * progress are answered), then the queue drains upstream within `graceMs`; what is left at the
   * deadline is dropped and counted. Idempotent.
   */
  stop(graceMs = this.o.loaded.durations.shutdownGraceMs): Promise<StopReport> {
    this.stopping ??= this.shutdown(graceMs);
    return this.stopping;
  }

  private async shutdown(graceMs: number): Promise<StopReport> {
    const started = Date.now();
    this.phase = 'draining';
    this.receiverMetrics.ready.set(0);
    clearInterval(this.statusTimer);
    this.ingest.drain();
    await Promise.all(this.receivers.map((r) => r.stop()));
    const before = this.droppedTotal();
    await this.exporter.shutdown(Math.max(0, graceMs - (Date.now() - started)));
    const report = { drainedMs: Date.now() - started, dropped: this.droppedTotal() - before };
    this.phase = 'stopped';
    await this.health.stop();
    return report;
  }

  private droppedTotal(): number {
    let n = 0;
    for (const s of signalNames) n += this.exporter.stats(s).dropped.shutdown ?? 0;
    return n;
  }
}
