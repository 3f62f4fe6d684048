import { otlpAlerts } from '../../monitoring/alerts.js';
import { bool, duration, free, int, obj, objectList, str, stringMap } from '../dsl.js';

/** Prometheus durations (rule `for:`, range windows): 30s, 5m, 1h30m. */
const promDuration = (description: string, dflt: string) =>
  str({ description, default: dflt, pattern: '^([0-9]+(ms|s|m|h|d|w|y))+$' });

const relabelConfig = (what: string, example: unknown[]) =>
  objectList(`${what} (Prometheus Operator RelabelConfig objects).`, [], [example]);

/** What a ServiceMonitor and a PodMonitor share: how often, how long, which labels, how many samples. */
const scrapeSettings = (kind: string) => ({
  enabled: bool({ description: `Create the ${kind}.`, default: false }),
  interval: duration({ description: 'Scrape interval.', default: '30s' }),
  scrapeTimeout: duration({ description: 'Scrape timeout.', default: '10s' }),
  labels: stringMap('Extra labels (e.g. release: kube-prometheus-stack) so the Prometheus selects it.'),
  relabelings: relabelConfig('Relabelings applied to the target before the scrape', [
    { sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'node' },
  ]),
  metricRelabelings: relabelConfig('Relabelings applied to scraped samples', [
    { sourceLabels: ['__name__'], regex: 'go_.*', action: 'drop' },
  ]),
  sampleLimit: int({
    description: 'Most samples per scrape before Prometheus fails it; 0 for no limit.',
    default: 0,
    minimum: 0,
  }),
});

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
    serviceMonitor: obj(
      'ServiceMonitor (monitoring.coreos.com/v1; rendered only when the API exists): scrapes each agent through the Service.',
      scrapeSettings('ServiceMonitor'),
    ),
    podMonitor: obj(
      'PodMonitor (monitoring.coreos.com/v1; rendered only when the API exists): scrapes the agent pods directly, e.g. in daemonset mode or without the Service. Use it or the ServiceMonitor, not both.',
      scrapeSettings('PodMonitor'),
    ),
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
        rateWindow: promDuration(
          'Range of the rate() in the error-rate and latency alerts (the plan: 5m); at least four scrape intervals.',
          '5m',
        ),
        for: obj(
          "How long each alert condition must hold before the alert fires (the plan's durations).",
          Object.fromEntries(
            otlpAlerts.map((a) => [
              a.forKey,
              promDuration(`${a.name}: ${a.summary.toLowerCase()} for this long.`, a.defaultFor),
            ]),
          ),
        ),
        extraGroups: free({
          description:
            'More rule groups (PrometheusRule RuleGroup objects: name and rules) in the same PrometheusRule.',
          default: [],
          typeLabel: 'list',
          examples: [
            [
              {
                name: 'otlp-client-slo',
                rules: [{ record: 'otlp:requests:rate5m', expr: 'sum(rate(otlp_requests_total[5m]))' }],
              },
            ],
          ],
          schema: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                name: { type: 'string', minLength: 1 },
                interval: { type: 'string' },
                rules: { type: 'array', items: { type: 'object' } },
              },
              required: ['name', 'rules'],
            },
          },
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
