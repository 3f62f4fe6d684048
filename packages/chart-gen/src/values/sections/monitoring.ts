import { bool, duration, obj, str, stringMap } from '../dsl.js';

export const monitoring = obj(
  'Prometheus Operator and Grafana integration (for an existing kube-prometheus-stack).',
  {
    enabled: bool({
      description:
        'Master switch of the monitoring integration: false turns off the scrape annotations, ServiceMonitor, PrometheusRule and dashboard whatever their own settings.',
      default: true,
    }),
    podAnnotations: bool({
      description: 'Add prometheus.io/scrape, port and path annotations for annotation-based scraping.',
      default: true,
    }),
    serviceMonitor: obj('ServiceMonitor (monitoring.coreos.com/v1; rendered only when the API exists).', {
      enabled: bool({ description: 'Create the ServiceMonitor.', default: false }),
      interval: duration({ description: 'Scrape interval.', default: '30s' }),
      scrapeTimeout: duration({ description: 'Scrape timeout.', default: '10s' }),
      labels: stringMap('Extra labels (e.g. release: kube-prometheus-stack) so the Prometheus selects it.'),
    }),
    prometheusRule: obj(
      'PrometheusRule with the agent alerts (monitoring.coreos.com/v1; rendered only when the API exists).',
      {
        enabled: bool({ description: 'Create the PrometheusRule.', default: false }),
        labels: stringMap('Extra labels so the Prometheus rule selector picks it up.'),
        errorRateThreshold: str({
          description: 'OTLPClientHighErrorRate fires above this failed/total ratio.',
          default: '0.1',
          pattern: '^0?\\.[0-9]+$',
        }),
        latencyThresholdSeconds: str({
          description: 'OTLPClientHighLatency fires when p95 latency exceeds this.',
          default: '1',
          pattern: '^[0-9]+(\\.[0-9]+)?$',
        }),
      },
    ),
    grafanaDashboard: obj('Grafana dashboard ConfigMap, picked up by the Grafana sidecar.', {
      enabled: bool({ description: 'Create the dashboard ConfigMap.', default: false }),
      namespace: str({
        description: 'Namespace of the ConfigMap; empty means the release namespace.',
        default: '',
      }),
      sidecarLabel: str({ description: 'Label the Grafana sidecar watches.', default: 'grafana_dashboard' }),
      sidecarLabelValue: str({ description: 'Value of that label.', default: '1' }),
    }),
  },
);
