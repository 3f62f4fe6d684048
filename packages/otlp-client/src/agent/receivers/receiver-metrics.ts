import { Counter, Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import { otlpMetricNames as n } from '../../metrics/names.js';

/** Why a receiver refused a request: each is a bounded label value and a status code. */
export type RefuseReason =
  'malformed' | 'too_large' | 'unsupported_media_type' | 'queue_full' | 'shutting_down' | 'not_found';

/** The receivers' metrics, beside the exporter's on the agent's registry. Labels are bounded. */
export class ReceiverMetrics {
  readonly requests: Counter<'signal' | 'transport'>;
  readonly itemsReceived: Counter<'signal' | 'transport'>;
  readonly requestsRefused: Counter<'signal' | 'transport' | 'reason'>;
  readonly itemsRefused: Counter<'signal' | 'transport' | 'reason'>;
  readonly ready: Gauge;
  readonly memoryLimit: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    this.requests = new Counter({
      name: n.receiverRequestsTotal,
      help: 'OTLP export requests received (accepted or refused).',
      labelNames: ['signal', 'transport'],
      registers,
    });
    this.itemsReceived = new Counter({
      name: n.receiverItemsReceivedTotal,
      help: 'Spans, data points and log records accepted by the receivers and queued upstream.',
      labelNames: ['signal', 'transport'],
      registers,
    });
    this.requestsRefused = new Counter({
      name: n.receiverRequestsRefusedTotal,
      help: 'OTLP export requests refused, by reason (malformed, too_large, unsupported_media_type, queue_full, shutting_down).',
      labelNames: ['signal', 'transport', 'reason'],
      registers,
    });
    this.itemsRefused = new Counter({
      name: n.receiverItemsRefusedTotal,
      help: 'Items in refused requests, where they could be counted (queue_full, shutting_down).',
      labelNames: ['signal', 'transport', 'reason'],
      registers,
    });
    this.ready = new Gauge({
      name: n.agentReady,
      help: '1 when the agent reports ready (/ready answers 200), else 0.',
      registers,
    });
    this.memoryLimit = new Gauge({
      name: n.agentMemoryLimitBytes,
      help: "The container's memory limit (MEMORY_LIMIT_BYTES, from the downward API), so memory use can be read against it without kube-state-metrics.",
      registers,
    });
  }
}
