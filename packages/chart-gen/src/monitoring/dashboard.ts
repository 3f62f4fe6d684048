import { otlpMetricNames as m } from '@otlp-kit/otlp-client';

interface Panel {
  title: string;
  type: 'timeseries' | 'stat';
  unit: string;
  targets: { expr: string; legendFormat: string }[];
}

const sel = 'namespace="$namespace", service="$service"';

const panels: Panel[] = [
  {
    title: 'Request rate',
    type: 'timeseries',
    unit: 'reqps',
    targets: [
      { expr: `sum by (pod) (rate(${m.requestsTotal}{${sel}}[$__rate_interval]))`, legendFormat: '{{pod}}' },
    ],
  },
  {
    title: 'Error rate',
    type: 'timeseries',
    unit: 'percentunit',
    targets: [
      {
        expr: `sum(rate(${m.requestsFailedTotal}{${sel}}[$__rate_interval])) / sum(rate(${m.requestsTotal}{${sel}}[$__rate_interval]))`,
        legendFormat: 'failed / total',
      },
    ],
  },
  {
    title: 'Export latency',
    type: 'timeseries',
    unit: 's',
    targets: [0.5, 0.95].map((q) => ({
      expr: `histogram_quantile(${q}, sum by (le) (rate(${m.requestDurationSeconds}_bucket{${sel}}[$__rate_interval])))`,
      legendFormat: `p${q * 100}`,
    })),
  },
  {
    title: 'Circuit breaker (0 closed, 1 open, 2 half-open)',
    type: 'stat',
    unit: 'none',
    targets: [{ expr: `max by (pod) (${m.circuitBreakerState}{${sel}})`, legendFormat: '{{pod}}' }],
  },
];

/** The Grafana dashboard of the seed's §3, as JSON text (schemaVersion 39, Prometheus datasource variable). */
export function renderDashboard(title: string, uid: string, description: string): string {
  const dashboard = {
    title,
    uid,
    description,
    schemaVersion: 39,
    version: 1,
    editable: false,
    tags: ['otlp', 'opentelemetry'],
    time: { from: 'now-1h', to: 'now' },
    refresh: '30s',
    templating: {
      list: [
        { name: 'datasource', type: 'datasource', query: 'prometheus', label: 'Data source' },
        {
          name: 'namespace',
          type: 'query',
          datasource: { type: 'prometheus', uid: '$datasource' },
          query: `label_values(${m.requestsTotal}, namespace)`,
          refresh: 2,
        },
        {
          name: 'service',
          type: 'query',
          datasource: { type: 'prometheus', uid: '$datasource' },
          query: `label_values(${m.requestsTotal}{namespace="$namespace"}, service)`,
          refresh: 2,
        },
      ],
    },
    panels: panels.map((p, i) => ({
      id: i + 1,
      title: p.title,
      type: p.type,
      datasource: { type: 'prometheus', uid: '$datasource' },
      gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: Math.floor(i / 2) * 8 },
      fieldConfig: { defaults: { unit: p.unit }, overrides: [] },
      targets: p.targets.map((t, j) => ({
        refId: String.fromCharCode(65 + j),
        expr: t.expr,
        legendFormat: t.legendFormat,
      })),
    })),
  };
  return JSON.stringify(dashboard, null, 2) + '\n';
}
