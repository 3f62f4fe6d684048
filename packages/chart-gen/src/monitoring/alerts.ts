import { otlpMetricNames as m } from '@otlp-kit/otlp-client';

/** One Prometheus alert of the chart's PrometheusRule; `expr` is a Helm action producing PromQL. */
export interface AlertDefinition {
  name: string;
  /** Helm template text; `$selector` is `namespace="…", service="…"` of the release. */
  expr: string;
  /** Its key under monitoring.prometheusRule.for, and the plan's duration as that key's default. */
  forKey: string;
  defaultFor: string;
  severity: 'critical' | 'warning';
  summary: string;
  description: string;
  /** What the on-call engineer checks first, and where (metric, dashboard panel). */
  runbook: string;
}

const helmPrintf = (format: string, ...args: string[]) =>
  `[[ printf ${JSON.stringify(format)} ${args.join(' ')} ]]`;

/** The rate window of the rate-based alerts: monitoring.prometheusRule.rateWindow (the plan's 5m). */
const window = '.Values.monitoring.prometheusRule.rateWindow';

/** The labels every alert keeps, so a notification names the pod a runbook starts from. */
const by = 'namespace, service, pod';

/**
 * The deployment plan's four alerts, scoped to the release's Service so two releases do not mix,
 * each per pod (one agent failing among ten is still an alert, and says which).
 */
export const otlpAlerts: readonly AlertDefinition[] = [
  {
    name: 'OTLPClientDown',
    expr: helmPrintf('up{%s} == 0', '$selector'),
    forKey: 'down',
    defaultFor: '1m',
    severity: 'critical',
    summary: 'An OTLP agent pod is down',
    description: 'Prometheus cannot scrape an otlp-client pod: telemetry sent to it is lost.',
    runbook:
      '`kubectl get pods` and `tools/deploy/monitor.sh` for the pod named in the alert: CrashLoopBackOff or OOMKilled (the *Memory against the limit* and *Restarts* panels), a failing liveness probe (`/health`), or a NetworkPolicy that keeps the monitoring namespace from port 8080 (metric `up`).',
  },
  {
    name: 'OTLPClientHighErrorRate',
    expr: helmPrintf(
      `sum by (${by}) (rate(${m.requestsFailedTotal}{%s}[%s])) / sum by (${by}) (rate(${m.requestsTotal}{%s}[%s])) > %s`,
      '$selector',
      window,
      '$selector',
      window,
      '.Values.monitoring.prometheusRule.errorRateThreshold',
    ),
    forKey: 'highErrorRate',
    defaultFor: '2m',
    severity: 'warning',
    summary: 'OTLP exports are failing',
    description:
      'More than the configured share of OTLP export requests failed over the rate window (5 minutes by default).',
    runbook:
      'The *Export error rate* and *Items dropped, by reason* panels: `not_retryable` means the upstream refuses the data (auth, a payload it rejects: its logs), `retries_exhausted` an upstream that stays unavailable; the agent logs each failure with its status (`otlp_requests_failed_total` by reason).',
  },
  {
    name: 'OTLPClientHighLatency',
    expr: helmPrintf(
      `histogram_quantile(0.95, sum by (${by}, le) (rate(${m.requestDurationSeconds}_bucket{%s}[%s]))) > %s`,
      '$selector',
      window,
      '.Values.monitoring.prometheusRule.latencyThresholdSeconds',
    ),
    forKey: 'highLatency',
    defaultFor: '3m',
    severity: 'warning',
    summary: 'OTLP export latency is high',
    description: 'The p95 duration of OTLP export requests is above the configured threshold.',
    runbook:
      'The *Export latency* panel (p50/p95/p99) against *Queue fill*: a slow upstream or network (check the upstream itself), or batches too large for the timeout (`config.otlp.batch_size`, `config.otlp.timeout`); `otlp_request_duration_seconds`.',
  },
  {
    name: 'OTLPClientCircuitBreakerOpen',
    expr: helmPrintf(`max by (${by}) (${m.circuitBreakerState}{%s}) >= 1`, '$selector'),
    forKey: 'circuitBreakerOpen',
    defaultFor: '30s',
    severity: 'critical',
    summary: 'The OTLP circuit breaker is open',
    description:
      'Exports to the upstream are suspended after repeated failures (the breaker is open, or half-open with a probe in flight); the queue is filling.',
    runbook:
      "The upstream is down or unreachable: check `config.otlp.endpoint`, the upstream's health, and the NetworkPolicy egress (NOTES warns when it does not match the endpoint); *Circuit breaker* and *Queue fill* panels, `otlp_circuit_breaker_state`. Drops start when the queue is full.",
  },
];
