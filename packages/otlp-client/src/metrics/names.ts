/**
 * Metric names of the exporter and agent (the deployment plan's §3). Alerts, the Grafana dashboard and the
 * HPA pods metric in the Helm chart are generated from these, so renaming one here renames it
 * everywhere.
 */
export const otlpMetricNames = {
  requestsTotal: 'otlp_requests_total',
  requestsFailedTotal: 'otlp_requests_failed_total',
  requestDurationSeconds: 'otlp_request_duration_seconds',
  circuitBreakerState: 'otlp_circuit_breaker_state',
  queueItems: 'otlp_queue_items',
  queueCapacityItems: 'otlp_queue_capacity_items',
  queueBytes: 'otlp_queue_bytes',
  itemsExportedTotal: 'otlp_items_exported_total',
  itemsDroppedTotal: 'otlp_items_dropped_total',
  itemsRejectedTotal: 'otlp_items_rejected_total',
  itemsMaybeDuplicatedTotal: 'otlp_items_maybe_duplicated_total',
  batchItems: 'otlp_batch_items',
  requestsPerSecond: 'otlp_requests_per_second',
  receiverRequestsTotal: 'otlp_receiver_requests_total',
  receiverItemsReceivedTotal: 'otlp_receiver_items_received_total',
  receiverRequestsRefusedTotal: 'otlp_receiver_requests_refused_total',
  receiverItemsRefusedTotal: 'otlp_receiver_items_refused_total',
  agentReady: 'otlp_agent_ready',
  agentMemoryLimitBytes: 'otlp_agent_memory_limit_bytes',
} as const;

export type OtlpMetricName = (typeof otlpMetricNames)[keyof typeof otlpMetricNames];
