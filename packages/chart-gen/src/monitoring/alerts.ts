import { otlpMetricNames as m } from '@otlp-kit/otlp-client';

/** One Prometheus alert of the chart's PrometheusRule; `expr` is a Helm action producing PromQL. */
export interface AlertDefinition {
  name: string;
  /** Helm template text; `$selector` is `namespace="…", service="…"` of the release. */
  expr: string;
  for: string;
  severity: 'critical' | 'warning';
  summary: string;
  description: string;
}

const helmPrintf = (format: string, ...args: string[]) =>
  `[[ printf ${JSON.stringify(format)} ${args.join(' ')} ]]`;

/** The seed's four alerts, scoped to the release's Service so two releases do not mix. */
export const otlpAlerts: readonly AlertDefinition[] = [
  {
    name: 'OTLPClientDown',
    expr: helmPrintf('up{%s} == 0', '$selector'),
    for: '1m',
    severity: 'critical',
    summary: 'An OTLP agent pod is down',
    description: 'Prometheus cannot scrape an otlp-client pod: telemetry sent to it is lost.',
  },
  {
    name: 'OTLPClientHighErrorRate',
    expr: helmPrintf(
      `sum(rate(${m.requestsFailedTotal}{%s}[5m])) / sum(rate(${m.requestsTotal}{%s}[5m])) > %s`,
      '$selector',
      '$selector',
      '.Values.monitoring.prometheusRule.errorRateThreshold',
    ),
    for: '2m',
    severity: 'warning',
    summary: 'OTLP exports are failing',
    description: 'More than the configured share of OTLP export requests failed over 5 minutes.',
  },
  {
    name: 'OTLPClientHighLatency',
    expr: helmPrintf(
      `histogram_quantile(0.95, sum by (le) (rate(${m.requestDurationSeconds}_bucket{%s}[5m]))) > %s`,
      '$selector',
      '.Values.monitoring.prometheusRule.latencyThresholdSeconds',
    ),
    for: '3m',
    severity: 'warning',
    summary: 'OTLP export latency is high',
    description: 'The p95 duration of OTLP export requests is above the configured threshold.',
  },
  {
    name: 'OTLPClientCircuitBreakerOpen',
    expr: helmPrintf(`max(${m.circuitBreakerState}{%s}) >= 1`, '$selector'),
    for: '30s',
    severity: 'critical',
    summary: 'The OTLP circuit breaker is open',
    description:
      'Exports to the upstream are suspended after repeated failures (the breaker is open, or half-open with a probe in flight); the queue is filling.',
  },
];
