import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { otlpMetricNames as n } from './names.js';

/**
 * The exporter's Prometheus metrics (prom-client), on an injectable registry. Names of the deployment plan's
 * §3 (alerts and dashboard use them); labels are bounded: signal, transport, reason.
 */
export class ExporterMetrics {
  readonly requests: Counter<'signal' | 'transport'>;
  readonly requestsFailed: Counter<'signal' | 'transport' | 'reason'>;
  readonly requestDuration: Histogram<'signal' | 'transport'>;
  readonly breakerState: Gauge;
  readonly queueItems: Gauge<'signal'>;
  readonly queueCapacityItems: Gauge<'signal'>;
  readonly queueBytes: Gauge<'signal'>;
  readonly itemsExported: Counter<'signal'>;
  readonly itemsDropped: Counter<'signal' | 'reason'>;
  readonly itemsRejected: Counter<'signal'>;
  readonly itemsMaybeDuplicated: Counter<'signal'>;
  readonly batchItems: Histogram<'signal'>;

  constructor(readonly registry: Registry = new Registry()) {
    const registers = [registry];
    this.requests = new Counter({
      name: n.requestsTotal,
      help: 'OTLP export requests sent upstream (every attempt, retries included).',
      labelNames: ['signal', 'transport'],
      registers,
    });
    this.requestsFailed = new Counter({
      name: n.requestsFailedTotal,
      help: 'OTLP export requests that failed, by reason (gRPC code, http_<status>, timeout, network).',
      labelNames: ['signal', 'transport', 'reason'],
      registers,
    });
    this.requestDuration = new Histogram({
      name: n.requestDurationSeconds,
      help: 'Duration of one OTLP export request.',
      labelNames: ['signal', 'transport'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.breakerState = new Gauge({
      name: n.circuitBreakerState,
      help: 'Circuit breaker state: 0 closed, 1 open, 2 half-open.',
      registers,
    });
    this.queueItems = new Gauge({
      name: n.queueItems,
      help: 'Items waiting in the export queue.',
      labelNames: ['signal'],
      registers,
    });
    this.queueCapacityItems = new Gauge({
      name: n.queueCapacityItems,
      help: 'Items the export queue holds at most (queue fill = otlp_queue_items / this).',
      labelNames: ['signal'],
      registers,
    });
    this.queueBytes = new Gauge({
      name: n.queueBytes,
      help: 'Encoded bytes waiting in the export queue.',
      labelNames: ['signal'],
      registers,
    });
    this.itemsExported = new Counter({
      name: n.itemsExportedTotal,
      help: 'Items the upstream accepted.',
      labelNames: ['signal'],
      registers,
    });
    this.itemsDropped = new Counter({
      name: n.itemsDroppedTotal,
      help: 'Items dropped, by reason (queue_full, retries_exhausted, not_retryable, shutdown).',
      labelNames: ['signal', 'reason'],
      registers,
    });
    this.itemsRejected = new Counter({
      name: n.itemsRejectedTotal,
      help: 'Items the upstream rejected in a partial success.',
      labelNames: ['signal'],
      registers,
    });
    this.itemsMaybeDuplicated = new Counter({
      name: n.itemsMaybeDuplicatedTotal,
      help: 'Items resent after a failure that happened once the request was fully sent (the upstream may have them twice).',
      labelNames: ['signal'],
      registers,
    });
    this.batchItems = new Histogram({
      name: n.batchItems,
      help: 'Items per export request.',
      labelNames: ['signal'],
      buckets: [1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10000],
      registers,
    });
    this.breakerState.set(0);
  }
}
